"""Cycle de participation des personnes allocataires du RSA à la politique départementale
d'insertion."""

from imedia_core.plugin_api import CycleTemplate, PhaseTemplate, ResourceTemplate

from .common import (
    CHARTE,
    DEFRAIEMENT,
    FALC,
    GOUVERNANCE,
    INSERTION,
    PHOTOLANGAGE,
    VOUS_AVEZ_DIT,
    item,
)

EQUIPES_PLURI = ResourceTemplate(
    slug="guide-sieger-en-equipe-pluridisciplinaire",
    title="Siéger en équipe pluridisciplinaire : guide pour les représentants des allocataires",
    kind="guide",
    summary="Le rôle des allocataires représentants dans les équipes pluridisciplinaires, et comment s'y préparer.",
    body=(
        "<p>Les équipes pluridisciplinaires examinent notamment les situations de réorientation et de "
        "réduction ou suspension de l'allocation. La loi prévoit que des personnes allocataires y siègent.</p>"
        "<h3>Le rôle du représentant</h3><ul>"
        "<li>Apporter le regard de quelqu'un qui vit le dispositif : les démarches, les délais, les difficultés.</li>"
        "<li>Poser des questions, demander que la situation soit expliquée simplement.</li>"
        "<li>Ne jamais parler d'une personne qu'on connaît : dans ce cas, on se retire pour le dossier.</li></ul>"
        "<h3>Les garanties à obtenir</h3><ul>"
        "<li>Une formation avant la première séance et un binôme expérimenté.</li>"
        "<li>Le remboursement des frais de transport et de garde, sans avance.</li>"
        "<li>La confidentialité des situations examinées, rappelée et signée par tous les membres.</li></ul>"
    ),
    themes=(INSERTION, GOUVERNANCE),
    audiences=("citizens", "professionals"),
    reading_level="simplified",
)

TEMPLATE = CycleTemplate(
    key="participation_rsa",
    name="Participation des personnes allocataires du RSA",
    description=(
        "<p>Un cycle pour associer les personnes allocataires du RSA à la politique d'insertion du "
        "département : groupes d'expression, propositions co-construites avec les services, présence dans "
        "les instances, et retour systématique sur ce qui a changé.</p>"
    ),
    policy_areas=("social_inclusion",),
    starter_resources=(DEFRAIEMENT, CHARTE, PHOTOLANGAGE, EQUIPES_PLURI, VOUS_AVEZ_DIT, FALC),
    phases=(
        PhaseTemplate(
            slug="constituer-le-groupe",
            title="Constituer le groupe des allocataires",
            summary="Inviter largement, lever les freins matériels et installer un climat de confiance.",
            body=(
                "<p>Le groupe réunit des personnes allocataires du RSA volontaires, aux situations variées. "
                "Sa constitution demande du temps : aller vers les personnes, les rassurer sur les conséquences "
                "de leur parole et rendre la participation matériellement possible.</p>"
            ),
            stakes=(
                item(
                    "Une participation réellement libre",
                    "Participer ne doit jamais être une obligation ni une condition du versement de l'allocation.",
                    "Le volontariat est affiché clairement, par écrit et à l'oral : ne pas venir, ou partir, n'a "
                    "aucune conséquence sur les droits ni sur l'accompagnement.",
                ),
                item(
                    "La confiance envers l'institution",
                    "Beaucoup d'allocataires craignent qu'une critique se retourne contre eux.",
                    "Le groupe est animé par un tiers, les référents n'y assistent pas au début, et ce qui est dit "
                    "n'apparaît jamais dans les dossiers individuels.",
                ),
                item(
                    "La diversité des situations",
                    "Personnes seules, familles, jeunes, seniors, créateurs d'activité : toutes les voix comptent.",
                    "Un groupe trop homogène ne représente qu'une partie des allocataires ; l'aller-vers et la "
                    "cooptation élargissent le recrutement.",
                ),
            ),
            objectives=(
                item(
                    "Réunir un groupe d'une douzaine de personnes",
                    "Un groupe stable, ouvert à de nouvelles arrivées au fil du cycle.",
                    "Prévoir qu'une partie des participants retrouvera un emploi ou une formation en cours de "
                    "route : c'est une bonne nouvelle, et un motif d'accueillir de nouveaux membres.",
                ),
                item(
                    "Adopter la charte du groupe",
                    "Confidentialité, respect, volontariat, défraiement et engagements du département.",
                    "La charte est signée par le département comme par les participants : elle engage les deux côtés.",
                ),
            ),
            vigilance_points=(
                item(
                    "Le défraiement et ses effets sur les droits",
                    "Une indemnité mal calibrée peut réduire l'allocation ou d'autres prestations.",
                    "Privilégier le remboursement des frais réels sans avance (tickets, bons), et vérifier avec la "
                    "CAF l'effet de toute indemnisation avant de la proposer.",
                ),
                item(
                    "Les invitations envoyées par le référent",
                    "Une invitation venant du référent peut être vécue comme une convocation.",
                    "Faire inviter par un tiers ou par des pairs, en précisant noir sur blanc que la participation "
                    "est libre.",
                ),
                item(
                    "L'accessibilité",
                    "Horaires scolaires, lieux desservis, documents lisibles : sinon seuls les plus autonomes viennent.",
                    "Réunions entre 9 h 30 et 16 h, garde d'enfants prévue, documents en langage simple ou FALC, "
                    "lieu accessible en transports.",
                ),
            ),
            methods=(
                item(
                    "L'information collective",
                    "Présenter la démarche lors des réunions d'information RSA et dans les lieux d'accueil.",
                    "Une présentation courte, par un animateur et si possible un allocataire déjà engagé, suivie "
                    "d'un temps d'échange informel.",
                ),
                item(
                    "La première rencontre conviviale",
                    "Un café-rencontre sans ordre du jour chargé pour faire connaissance.",
                    "On se présente, on découvre la démarche et la charte, on repart avec la date suivante et le "
                    "remboursement de ses frais.",
                ),
            ),
            resources=("guide-defraiement-des-participants", "modele-charte-de-participation"),
        ),
        PhaseTemplate(
            slug="exprimer-les-constats",
            title="Exprimer et partager les constats",
            summary="Mettre en mots l'expérience du RSA et de l'accompagnement, et en tirer des constats communs.",
            body=(
                "<p>Le groupe partage l'expérience vécue du dispositif : l'ouverture des droits, "
                "l'accompagnement, le contrat d'engagement, les démarches, l'accès à l'emploi, à la formation, "
                "à la santé et au logement. Il en tire des constats collectifs.</p>"
            ),
            stakes=(
                item(
                    "Sortir de l'isolement",
                    "Découvrir que d'autres vivent la même chose change le regard sur sa propre situation.",
                    "Le groupe est souvent le premier lieu où les personnes parlent de leur situation sans être "
                    "évaluées. Cette reconnaissance est déjà un effet de la démarche.",
                ),
                item(
                    "Transformer le vécu en savoir",
                    "Les constats des allocataires éclairent ce que les statistiques ne montrent pas.",
                    "Délais, incompréhensions, ruptures de droits : le vécu révèle les effets concrets des règles "
                    "et des organisations.",
                ),
            ),
            objectives=(
                item(
                    "Établir une liste de constats partagés",
                    "Des constats formulés par le groupe, avec ses mots, illustrés d'exemples anonymes.",
                    "Chaque constat est validé par le groupe ; aucun ne permet d'identifier une personne.",
                ),
                item(
                    "Choisir les sujets prioritaires",
                    "Trois à cinq sujets sur lesquels le groupe veut obtenir des changements.",
                    "Le choix tient compte de l'importance pour les personnes et des marges de manœuvre du "
                    "département.",
                ),
            ),
            vigilance_points=(
                item(
                    "La confidentialité",
                    "Les situations personnelles évoquées ne doivent jamais sortir du groupe.",
                    "Rappeler la règle à chaque séance, ne citer aucun nom dans les comptes rendus et faire "
                    "relire ceux-ci par le groupe avant diffusion.",
                ),
                item(
                    "Les situations d'urgence",
                    "Une personne peut révéler une difficulté grave (expulsion, rupture de droits).",
                    "L'animateur oriente en dehors du groupe vers le bon interlocuteur, avec l'accord de la "
                    "personne, sans faire du groupe un guichet.",
                ),
                item(
                    "Le ressentiment envers les professionnels",
                    "La colère est légitime mais ne doit pas viser des personnes nommément.",
                    "Accueillir la colère, puis aider à la transformer en constat sur le fonctionnement du dispositif.",
                ),
            ),
            methods=(
                item(
                    "Le photolangage",
                    "Des photos pour dire son expérience du RSA sans chercher ses mots.",
                    "Chacun choisit une image qui représente son parcours et l'explique. Les constats émergent "
                    "des récits et sont notés au tableau.",
                ),
                item(
                    "La frise du parcours",
                    "Reconstituer ensemble le parcours type d'un allocataire, de la demande à la sortie.",
                    "Chaque étape est commentée : ce qui aide, ce qui bloque, ce qu'on aurait voulu savoir.",
                ),
            ),
            resources=("methode-photolangage",),
        ),
        PhaseTemplate(
            slug="co-construire-avec-les-services",
            title="Co-construire des propositions avec les services",
            summary="Travailler avec les professionnels de l'insertion pour transformer les constats en améliorations concrètes.",
            body=(
                "<p>Allocataires et professionnels (référents, travailleurs sociaux, agents de France Travail, "
                "cadres du département) se retrouvent pour construire des propositions : courriers plus "
                "clairs, accueil, rendez-vous, actions d'insertion, programme départemental d'insertion.</p>"
            ),
            stakes=(
                item(
                    "Changer le regard mutuel",
                    "Allocataires et professionnels découvrent leurs contraintes respectives.",
                    "Travailler ensemble sur un même problème fait tomber bien des préjugés, de part et d'autre, "
                    "et rend les solutions plus réalistes.",
                ),
                item(
                    "Peser sur la politique d'insertion",
                    "Les propositions doivent pouvoir nourrir le programme départemental d'insertion.",
                    "Certaines propositions se règlent localement ; d'autres relèvent du PDI ou du pacte "
                    "territorial d'insertion, et doivent arriver à temps pour être prises en compte.",
                ),
            ),
            objectives=(
                item(
                    "Rédiger des propositions précises",
                    "Constat, proposition, service concerné, délai souhaité.",
                    "Chaque proposition est travaillée en atelier mixte et relue par le groupe avant d'être transmise.",
                ),
                item(
                    "Réécrire un document ensemble",
                    "Un courrier type, un formulaire ou un guide d'accueil, réécrit avec les allocataires.",
                    "Un résultat concret et rapide montre l'utilité de la démarche et améliore tout de suite la "
                    "vie des personnes.",
                ),
            ),
            vigilance_points=(
                item(
                    "La place des professionnels",
                    "Les professionnels ne doivent ni monopoliser la parole ni se sentir jugés.",
                    "Préparer séparément les deux groupes avant l'atelier mixte, et confier l'animation à une "
                    "personne extérieure aux services.",
                ),
                item(
                    "Le calendrier institutionnel",
                    "Le budget et le PDI se décident à des dates qu'il faut connaître.",
                    "Caler la remise des propositions sur le calendrier budgétaire du département et sur le "
                    "renouvellement du PDI.",
                ),
            ),
            methods=(
                item(
                    "L'atelier mixte allocataires-professionnels",
                    "Des sous-groupes mixtes travaillent chacun sur une proposition.",
                    "Chaque sous-groupe associe au moins deux allocataires et un professionnel ; les propositions "
                    "sont présentées en plénière.",
                ),
                item(
                    "Le test des courriers",
                    "Lire à voix haute un courrier officiel et noter ce que chacun comprend.",
                    "Les incompréhensions sont relevées une par une et le courrier est réécrit ensemble, puis "
                    "testé à nouveau.",
                ),
            ),
            resources=("guide-ecrire-en-falc",),
        ),
        PhaseTemplate(
            slug="participer-aux-instances",
            title="Participer aux instances",
            summary="Siéger en équipe pluridisciplinaire et dans les instances de suivi de la politique d'insertion.",
            body=(
                "<p>Des allocataires représentent leurs pairs dans les équipes pluridisciplinaires et dans les "
                "comités de suivi du programme départemental d'insertion. Ils y sont préparés, accompagnés et "
                "défrayés.</p>"
            ),
            stakes=(
                item(
                    "Une voix des allocataires là où se prennent les décisions",
                    "La participation ne s'arrête pas aux groupes d'expression : elle entre dans les instances.",
                    "La présence d'allocataires en équipe pluridisciplinaire est prévue par la loi ; elle change "
                    "la manière dont les situations sont examinées.",
                ),
                item(
                    "Une représentation qui rend compte",
                    "Les représentants parlent au nom du groupe et lui rendent compte.",
                    "Le lien entre représentants et groupe évite que la représentation devienne une affaire "
                    "individuelle.",
                ),
            ),
            objectives=(
                item(
                    "Désigner et former des représentants",
                    "Deux représentants au moins par instance, formés avant leur première séance.",
                    "La formation porte sur le fonctionnement de l'instance, la confidentialité et la prise de parole.",
                ),
                item(
                    "Organiser le retour au groupe",
                    "Après chaque instance, les représentants rendent compte au groupe.",
                    "Le retour porte sur les sujets traités (jamais sur les situations individuelles) et sur ce "
                    "que les représentants ont pu y dire.",
                ),
            ),
            vigilance_points=(
                item(
                    "La confidentialité des situations examinées",
                    "En équipe pluridisciplinaire, les représentants prennent connaissance de situations individuelles.",
                    "Ils s'engagent par écrit à la confidentialité et se retirent pour l'examen de toute situation "
                    "d'une personne qu'ils connaissent.",
                ),
                item(
                    "La caution",
                    "Un représentant ne doit pas servir à légitimer des décisions de sanction.",
                    "Clarifier le rôle du représentant, lui permettre d'exprimer un désaccord et le faire "
                    "consigner au compte rendu.",
                ),
                item(
                    "Le défraiement des représentants",
                    "Les séances ont lieu en journée, parfois loin : frais de transport et de garde à couvrir.",
                    "Rembourser sans avance de frais, dans un délai court, selon des règles écrites.",
                ),
            ),
            methods=(
                item(
                    "Le binôme de représentants",
                    "Un représentant expérimenté accompagne un nouveau.",
                    "Le binôme prépare les séances ensemble, se soutient pendant et débriefe après.",
                ),
                item(
                    "La séance de préparation",
                    "Avant chaque instance, une heure pour relire l'ordre du jour avec un animateur.",
                    "Les représentants identifient les points sur lesquels ils veulent intervenir et les "
                    "questions à poser.",
                ),
            ),
            resources=("guide-sieger-en-equipe-pluridisciplinaire",),
        ),
        PhaseTemplate(
            slug="rendre-compte-et-evaluer",
            title="Rendre compte et évaluer",
            summary="Faire savoir ce que le département a fait des propositions, et évaluer la démarche avec les allocataires.",
            body=(
                "<p>Le département répond à chaque proposition et rend compte publiquement de ce qui a changé. "
                "Le groupe évalue la démarche et décide avec les services des suites à lui donner.</p>"
            ),
            stakes=(
                item(
                    "« Vous avez dit, nous avons fait »",
                    "Un retour systématique, y compris sur ce qui n'a pas pu se faire.",
                    "C'est la condition pour que les allocataires continuent à s'engager et que la démarche ne "
                    "soit pas perçue comme un alibi.",
                ),
                item(
                    "Reconnaître l'engagement des participants",
                    "La participation développe des compétences qui doivent être reconnues.",
                    "Attestation, valorisation dans le parcours d'insertion, mise en relation : l'engagement "
                    "peut devenir une étape du parcours.",
                ),
            ),
            objectives=(
                item(
                    "Publier le suivi des propositions",
                    "Chaque proposition, sa réponse, son état d'avancement, sur la plateforme et en réunion.",
                    "Le suivi est présenté au groupe par un responsable du département, au moins deux fois par an.",
                ),
                item(
                    "Évaluer la démarche avec le groupe",
                    "Ce qui a marché, ce qui doit changer, ce que chacun en retire.",
                    "L'évaluation associe allocataires, professionnels et élus, et conduit à des engagements pour "
                    "le cycle suivant.",
                ),
            ),
            vigilance_points=(
                item(
                    "Les réponses tardives",
                    "Plus la réponse tarde, moins elle est crédible.",
                    "Fixer des délais de réponse, donner des nouvelles intermédiaires et expliquer les étapes de "
                    "la décision.",
                ),
                item(
                    "La sortie du RSA des participants",
                    "Les participants qui sortent du RSA doivent pouvoir connaître la suite de leurs propositions.",
                    "Leur proposer de rester informés, voire de continuer à participer comme anciens allocataires.",
                ),
            ),
            methods=(
                item(
                    "La rencontre annuelle avec les élus",
                    "Le groupe présente son bilan ; les élus répondent et s'engagent.",
                    "Un temps préparé avec le groupe, où les allocataires prennent la parole les premiers.",
                ),
                item(
                    "Le bilan en cercle",
                    "Chacun dit ce qu'il a appris, ce qui a changé pour lui, ce qu'il changerait.",
                    "Le bilan collectif fait apparaître des effets que les indicateurs ne mesurent pas : "
                    "confiance en soi, pouvoir d'agir, liens créés.",
                ),
            ),
            resources=("tableau-vous-avez-dit-nous-avons-fait",),
        ),
    ),
)
