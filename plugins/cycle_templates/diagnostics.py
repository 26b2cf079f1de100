"""Shipped French self-diagnostics, one per cycle template: « Où en est notre démarche
participative ? », scored on the phases of the cycle (dimension slug = phase slug).

Each item is a statement the group rates on the same 4-point agreement scale; the maturity
levels split the 0-100 score in three bands.
"""

from imedia_core.plugin_api import DiagnosticItemTemplate as I  # noqa: N814 (reads as a table)
from imedia_core.plugin_api import DiagnosticTemplate, DimensionTemplate, LevelTemplate, ScaleOption

ACCORD = (
    ScaleOption("Pas du tout", 0),
    ScaleOption("Un peu", 1),
    ScaleOption("Plutôt", 2),
    ScaleOption("Tout à fait", 3),
)

NIVEAUX = (
    LevelTemplate(0, "À construire", "Ce point reste à mettre en place : c'est un chantier prioritaire."),
    LevelTemplate(40, "En cours", "Des choses existent, mais elles restent fragiles ou partielles."),
    LevelTemplate(70, "Acquis", "Le groupe s'accorde à dire que c'est en place et que cela fonctionne."),
)

TITRE = "Où en est notre démarche participative ?"


def _description(cycle: str) -> str:
    return (
        f"<p>Un autodiagnostic à remplir chacun de son côté, puis à discuter ensemble, pour situer le groupe "
        f"sur chaque phase du cycle « {cycle} ». Il n'y a pas de bonne réponse : les écarts entre les "
        "réponses sont le point de départ d'une vision partagée.</p>"
    )


def _diagnostic(key: str, cycle_key: str, cycle_name: str, dimensions: tuple) -> DiagnosticTemplate:
    return DiagnosticTemplate(
        key=key,
        title=TITRE,
        cycle_template_key=cycle_key,
        description=_description(cycle_name),
        dimensions=dimensions,
        scale=ACCORD,
        maturity_levels=NIVEAUX,
    )


GENERIQUE = _diagnostic(
    "demarche-participative-generique",
    "generique",
    "Cycle de participation générique",
    (
        DimensionTemplate(
            "mobiliser",
            "Mobiliser",
            (
                I("Les personnes concernées savent que la démarche existe et comment y prendre part."),
                I("Nous allons vers celles et ceux qui ne viennent jamais d'eux-mêmes.", weight=2),
                I("Les freins matériels (horaires, transport, garde d'enfants) sont levés."),
            ),
        ),
        DimensionTemplate(
            "diagnostic-partage",
            "Faire un diagnostic partagé",
            (
                I("Les constats sont formulés avec les mots des personnes concernées."),
                I("Professionnels et habitants ou usagers ont confronté leurs points de vue.", weight=2),
            ),
        ),
        DimensionTemplate(
            "co-construire",
            "Co-construire des propositions",
            (
                I("Les propositions sont élaborées ensemble, pas seulement soumises pour avis."),
                I("Chaque proposition dit à qui elle s'adresse et ce qu'elle demande."),
                I("La parole des personnes concernées pèse autant que celle des professionnels.", weight=2),
            ),
        ),
        DimensionTemplate(
            "agir-et-rendre-compte",
            "Agir et rendre compte",
            (
                I("Chaque proposition reçoit une réponse, même quand c'est non.", weight=2),
                I("Nous faisons savoir ce qui a changé grâce à la participation."),
            ),
        ),
        DimensionTemplate(
            "evaluer-et-ajuster",
            "Évaluer et ajuster",
            (
                I("Nous prenons le temps de regarder ce que la démarche a changé."),
                I("Les participants prennent part à cette évaluation."),
            ),
        ),
    ),
)

IMEDIATISATION = _diagnostic(
    "demarche-participative-imediatisation",
    "imediatisation",
    "Démarche i-médiatisation",
    (
        DimensionTemplate(
            "groupe-projet-mixte",
            "Groupe projet mixte",
            (
                I("Usagers, professionnels et décideurs siègent dans un même groupe projet.", weight=2),
                I("Le groupe s'est donné des règles de fonctionnement qu'il respecte."),
                I("Les usagers sont préparés entre eux avant les rencontres mixtes."),
            ),
        ),
        DimensionTemplate(
            "ateliers-de-co-construction",
            "Ateliers de co-construction",
            (
                I("Les ateliers partent des situations vécues par les usagers."),
                I("Les méthodes d'animation permettent à chacun de s'exprimer, même sans l'écrit.", weight=2),
            ),
        ),
        DimensionTemplate(
            "tests-et-ameliorations",
            "Tests et améliorations",
            (
                I("Les propositions sont testées à petite échelle avant d'être généralisées."),
                I("Les retours des usagers modifient réellement ce qui est testé.", weight=2),
            ),
        ),
        DimensionTemplate(
            "experimentation-de-terrain",
            "Expérimentation de terrain",
            (
                I("L'expérimentation a un calendrier, un lieu et des responsables identifiés."),
                I("Les usagers suivent l'expérimentation et donnent leur avis en cours de route."),
                I("Ce qui ne marche pas est dit et corrigé."),
            ),
        ),
        DimensionTemplate(
            "deploiement",
            "Déploiement",
            (
                I("Les décideurs se sont engagés sur le déploiement de ce qui a fait ses preuves.", weight=2),
                I("Le déploiement est annoncé à tous ceux qui ont contribué."),
            ),
        ),
    ),
)

CONSEILS_CITOYENS = _diagnostic(
    "demarche-participative-conseils-citoyens",
    "conseils_citoyens",
    "Conseils citoyens",
    (
        DimensionTemplate(
            "constituer-le-conseil",
            "Constituer le conseil citoyen",
            (
                I("Le conseil reflète la diversité des habitants du quartier (âges, origines, situations).", weight=2),
                I("Le tirage au sort et l'appel à volontaires ont été expliqués clairement."),
                I("Les associations et acteurs locaux ont trouvé leur place dans le conseil."),
            ),
        ),
        DimensionTemplate(
            "se-former-et-s-organiser",
            "Se former et s'organiser",
            (
                I("Les membres connaissent le contrat de ville et ses instances."),
                I("Le conseil s'organise de façon autonome (ordre du jour, animation, comptes rendus).", weight=2),
            ),
        ),
        DimensionTemplate(
            "diagnostic-du-quartier",
            "Diagnostiquer le quartier",
            (
                I("Le conseil a recueilli la parole d'habitants qui n'en font pas partie.", weight=2),
                I("Les constats du conseil s'appuient sur des faits et des témoignages."),
            ),
        ),
        DimensionTemplate(
            "proposer-et-agir",
            "Proposer et agir dans le contrat de ville",
            (
                I("Le conseil siège aux instances de pilotage du contrat de ville."),
                I("Ses propositions sont examinées et reçoivent une réponse argumentée.", weight=2),
                I("Le conseil mène aussi ses propres actions dans le quartier."),
            ),
        ),
        DimensionTemplate(
            "rendre-compte-et-se-renouveler",
            "Rendre compte et se renouveler",
            (
                I("Le conseil fait connaître son action aux habitants du quartier."),
                I("De nouveaux membres rejoignent le conseil et sont bien accueillis."),
            ),
        ),
    ),
)

FORMATION = _diagnostic(
    "demarche-participative-formation",
    "amelioration_continue_formation",
    "Amélioration continue de la formation professionnelle",
    (
        DimensionTemplate(
            "mobiliser-stagiaires-et-organismes",
            "Mobiliser stagiaires, apprentis et organismes",
            (
                I("Les stagiaires savent qu'ils peuvent donner leur avis sur leur formation."),
                I("Les organismes de formation jouent le jeu et libèrent du temps pour cela.", weight=2),
                I("Les stagiaires en difficulté ou en rupture sont aussi sollicités."),
            ),
        ),
        DimensionTemplate(
            "recueillir-les-constats",
            "Recueillir les constats en cours de formation",
            (
                I("Les constats sont recueillis pendant la formation, pas seulement à la fin.", weight=2),
                I("Les stagiaires peuvent s'exprimer sans crainte pour leur parcours."),
            ),
        ),
        DimensionTemplate(
            "elaborer-les-propositions",
            "Élaborer les propositions avec les organismes et la Région",
            (
                I("Stagiaires, organismes et Région travaillent les propositions ensemble.", weight=2),
                I("Les propositions tiennent compte des contraintes de chacun."),
            ),
        ),
        DimensionTemplate(
            "mettre-en-oeuvre-et-faire-savoir",
            "Mettre en œuvre et faire savoir",
            (
                I("Les améliorations décidées sont réellement mises en œuvre."),
                I("Les stagiaires sont informés de ce qui a changé grâce à leurs avis.", weight=2),
                I("Les nouveaux stagiaires bénéficient des améliorations demandées par les précédents."),
            ),
        ),
        DimensionTemplate(
            "evaluer-et-capitaliser",
            "Évaluer et capitaliser",
            (
                I("Nous mesurons l'effet des améliorations sur les parcours des stagiaires."),
                I("Les bonnes pratiques sont partagées entre organismes de formation."),
            ),
        ),
    ),
)

RSA = _diagnostic(
    "demarche-participative-rsa",
    "participation_rsa",
    "Participation des personnes allocataires du RSA",
    (
        DimensionTemplate(
            "constituer-le-groupe",
            "Constituer le groupe des allocataires",
            (
                I("Chacun sait que participer est libre et sans conséquence sur ses droits.", weight=2),
                I("Le groupe réunit des personnes aux situations variées."),
                I("Les frais de transport et de garde sont pris en charge sans avance."),
            ),
        ),
        DimensionTemplate(
            "exprimer-les-constats",
            "Exprimer et partager les constats",
            (
                I("Chacun peut dire son expérience du RSA sans être jugé."),
                I("Les constats du groupe sont écrits avec ses propres mots.", weight=2),
            ),
        ),
        DimensionTemplate(
            "co-construire-avec-les-services",
            "Co-construire des propositions avec les services",
            (
                I("Les services du département travaillent les propositions avec le groupe.", weight=2),
                I("Le vocabulaire administratif est expliqué et les sigles évités."),
            ),
        ),
        DimensionTemplate(
            "participer-aux-instances",
            "Participer aux instances",
            (
                I("Des allocataires siègent dans les équipes pluridisciplinaires."),
                I("Les représentants sont formés et accompagnés avant de siéger.", weight=2),
                I("La parole des représentants est écoutée en séance."),
            ),
        ),
        DimensionTemplate(
            "rendre-compte-et-evaluer",
            "Rendre compte et évaluer",
            (
                I("Le département répond par écrit à chaque proposition du groupe.", weight=2),
                I("Le groupe sait ce qui a changé grâce à ses propositions."),
            ),
        ),
    ),
)

DIAGNOSTIC_TEMPLATES = [GENERIQUE, IMEDIATISATION, CONSEILS_CITOYENS, FORMATION, RSA]
