"""Demo content of « Participation RSA — Val-de-Marne »: people receiving the RSA take part in
the département's integration policy (groupe ressource, équipes pluridisciplinaires, comité des
usagers).

Phases of the active cycle (template ``rsa``), by position:
0 constituer le groupe des allocataires · 1 exprimer et partager les constats ·
2 co-construire des propositions avec les services · 3 participer aux instances ·
4 rendre compte et évaluer.
"""

from datetime import date

from .data import (
    ALL_RIGHTS,
    CC_BY,
    CC_BY_NC_SA,
    CC_BY_SA,
    CITIZENS,
    DECISION_MAKERS,
    DRAFT,
    ETALAB,
    FACILITATORS,
    FALC,
    PROFESSIONALS,
    SCHEDULED,
    SIMPLIFIED,
    DemoContent,
    DemoNews,
    DemoPage,
    DemoResource,
    DemoTheme,
)

TEAM = "Mission participation — Département du Val-de-Marne"
GROUP = "Groupe ressource des allocataires du RSA"

THEMES = (
    DemoTheme(
        "droits-et-demarches",
        "Droits et démarches",
        "Ouvrir ses droits, comprendre les courriers, déclarer ses ressources, faire valoir un recours.",
    ),
    DemoTheme(
        "accompagnement-et-referent",
        "Accompagnement et référent·e",
        "La relation avec la personne qui accompagne, le contrat d'engagement, les rendez-vous.",
    ),
    DemoTheme(
        "emploi-formation-activite",
        "Emploi, formation et activité",
        "Les heures d'activité, la formation, le bénévolat, le retour à l'emploi à son rythme.",
    ),
    DemoTheme("mobilite", "Mobilité", "Se déplacer pour ses rendez-vous, sa formation, son emploi."),
    DemoTheme(
        "sante-et-logement",
        "Santé et logement",
        "Ce qui passe avant tout le reste : se soigner, se loger, faire face aux urgences.",
    ),
    DemoTheme(
        "numerique-et-acces-aux-droits",
        "Numérique et accès aux droits",
        "Démarches en ligne, équipement, accompagnement sans faire à la place.",
    ),
    DemoTheme(
        "accessibilite",
        "Accessibilité et FALC",
        "Rendre l'information et les temps de participation accessibles à tous.",
    ),
    DemoTheme(
        "retour-aux-participants",
        "Retour aux participants",
        "Faire savoir ce qui a été fait des constats et des propositions : « vous avez dit, nous avons fait ».",
    ),
)

RESOURCES = (
    # --- méthodes ---------------------------------------------------------------------------
    DemoResource(
        slug="methode-groupe-ressource-mensuel",
        kind="method",
        title="Le groupe ressource des allocataires : une séance par mois",
        summary=(
            "Comment fonctionne un groupe d'allocataires qui se réunit chaque mois, avec une animatrice "
            "extérieure, pour donner son avis sur la politique d'insertion du Département."
        ),
        body=(
            "<p>Le groupe ressource réunit une quinzaine de personnes allocataires du RSA, volontaires, de "
            "plusieurs villes du département. Il se réunit un jeudi par mois, de 9 h 30 à 12 h 30, dans une "
            "salle de quartier facile d'accès — jamais dans les locaux où l'on vient pour son dossier.</p>"
            "<h3>Une séance type</h3><ul>"
            "<li>Accueil, café, tour des nouvelles (20 min).</li>"
            "<li>Retour sur les réponses reçues depuis la dernière fois (20 min).</li>"
            "<li>Travail du jour : un courrier à relire, un sujet choisi par le groupe, la préparation d'une "
            "instance (1 h 45).</li>"
            "<li>Ce qu'on fait remonter, qui le porte (15 min).</li></ul>"
            "<p>Les frais de transport sont remboursés le jour même et la participation est défrayée.</p>"
        ),
        themes=("accompagnement-et-referent", "retour-aux-participants"),
        audiences=(FACILITATORS, PROFESSIONALS, CITIZENS),
        phases=(0, 1),
        author=TEAM,
    ),
    DemoResource(
        slug="methode-theatre-forum-rendez-vous-referent",
        kind="method",
        title="Le théâtre-forum pour rejouer un rendez-vous avec son référent",
        summary=(
            "Une scène jouée par des allocataires, puis rejouée avec le public qui propose d'autres issues : "
            "une manière de parler des rendez-vous sans mettre personne en cause."
        ),
        body=(
            "<p>Le groupe écrit une scène courte à partir de situations vécues : un premier rendez-vous où "
            "l'on ne comprend pas ce qu'on signe, un rendez-vous annulé sans prévenir, une question sur les "
            "heures d'activité.</p>"
            "<p>La scène est jouée une fois. Puis le « joker » demande au public : « Qu'est-ce qui aurait pu "
            "se passer autrement ? » Les spectateurs — allocataires et professionnel·les — viennent remplacer "
            "un personnage et essaient leur solution.</p>"
            "<h3>Points de vigilance</h3><ul><li>Aucune scène ne reprend une situation reconnaissable.</li>"
            "<li>Les professionnel·les présents jouent aussi le rôle d'allocataire.</li></ul>"
        ),
        themes=("accompagnement-et-referent",),
        audiences=(FACILITATORS,),
        phases=(1, 2),
        provenance="adapted",
        source="Théâtre de l'opprimé (Augusto Boal), adapté par la compagnie partenaire.",
        author="Compagnie de théâtre-forum partenaire et groupe ressource",
        licence=CC_BY_NC_SA,
    ),
    DemoResource(
        slug="methode-binomes-allocataire-professionnel",
        kind="method",
        title="Binômes allocataire–professionnel pour écrire une proposition",
        summary=(
            "Une personne allocataire et un·e professionnel·le écrivent ensemble une proposition, chacun "
            "apportant ce que l'autre ne voit pas."
        ),
        body=(
            "<p>Les propositions écrites par le seul groupe d'allocataires butent parfois sur des règles "
            "qu'il ne connaît pas ; celles écrites par les seuls services oublient ce que vivent les "
            "personnes. Le binôme croise les deux.</p>"
            "<ol><li>Le binôme part d'un constat validé par le groupe.</li>"
            "<li>L'allocataire décrit la situation vécue ; le ou la professionnel·le décrit le circuit "
            "administratif.</li>"
            "<li>Ils cherchent ensemble à quel endroit du circuit on pourrait agir.</li>"
            "<li>La proposition est relue par le groupe avant d'être transmise.</li></ol>"
        ),
        themes=("accompagnement-et-referent", "droits-et-demarches"),
        audiences=(FACILITATORS, PROFESSIONALS),
        phases=(2,),
        author=TEAM,
    ),
    DemoResource(
        slug="methode-accueillir-les-nouveaux-membres",
        kind="method",
        title="Accueillir les nouveaux membres du groupe",
        summary="Le binôme de parrainage, la relecture de la charte, et une première séance sans prise de parole obligée.",
        body=(
            "<p>Le groupe se renouvelle : certaines personnes retrouvent un emploi, d'autres déménagent. "
            "Chaque arrivée est préparée.</p>"
            "<ul><li>Un entretien d'accueil avec l'animatrice, au téléphone ou en personne.</li>"
            "<li>Un parrain ou une marraine du groupe qui appelle la veille de la première séance.</li>"
            "<li>Relecture de la charte en début de séance, à voix haute, par un ancien membre.</li>"
            "<li>Le droit d'écouter sans parler lors des deux premières séances.</li></ul>"
        ),
        themes=("accessibilite",),
        audiences=(FACILITATORS, CITIZENS),
        phases=(0,),
        author=GROUP,
    ),
    DemoResource(
        slug="methode-restitution-en-espace-des-solidarites",
        kind="method",
        title="Restituer les réponses dans les espaces départementaux des solidarités",
        summary=(
            "Le groupe présente lui-même, dans les salles d'attente des EDS, ce que le Département a répondu "
            "à ses propositions."
        ),
        body=(
            "<p>Les réponses écrites circulent mal au-delà du groupe. Deux fois par an, des membres du groupe "
            "tiennent une permanence d'une matinée dans un espace départemental des solidarités : affiches "
            "« vous avez dit, nous avons fait », échanges avec les personnes qui attendent leur "
            "rendez-vous.</p>"
            "<p>C'est aussi le premier lieu de recrutement de nouveaux membres.</p>"
        ),
        themes=("retour-aux-participants",),
        audiences=(FACILITATORS, CITIZENS, PROFESSIONALS),
        phases=(4,),
        author=TEAM,
    ),
    # --- outils -----------------------------------------------------------------------------
    DemoResource(
        slug="outil-mon-agenda-des-rendez-vous",
        kind="tool",
        title="Mon agenda des rendez-vous",
        summary="Une feuille simple pour noter ses rendez-vous, les papiers à apporter et les personnes à appeler.",
        body=(
            "<p>Cette feuille vous aide à ne rien oublier.</p>"
            "<ul><li>La date et l'heure du rendez-vous.</li>"
            "<li>L'adresse. Le bus ou le métro pour y aller.</li>"
            "<li>Le nom de la personne que je vais voir.</li>"
            "<li>Les papiers à apporter.</li>"
            "<li>Ce que je veux demander.</li></ul>"
            "<p>Le groupe ressource a créé cette feuille. Vous pouvez l'imprimer.</p>"
        ),
        themes=("accompagnement-et-referent", "accessibilite"),
        audiences=(CITIZENS,),
        phases=(1,),
        reading_level=FALC,
        author=GROUP,
        licence=CC_BY,
    ),
    DemoResource(
        slug="outil-grille-de-lecture-du-contrat-d-engagement",
        kind="tool",
        title="Grille de lecture du contrat d'engagement",
        summary="Les questions à se poser, ligne par ligne, avant de signer son contrat d'engagement.",
        body=(
            "<p>Le contrat d'engagement fixe vos objectifs et les actions prévues avec votre référent·e. "
            "Il se discute. Cette grille vous aide à le relire.</p>"
            "<ul><li>Les objectifs sont-ils les miens ? Ai-je pu dire ce qui compte pour moi (santé, "
            "logement, enfants) ?</li>"
            "<li>Les actions sont-elles possibles avec mes horaires et mes trajets ?</li>"
            "<li>Qu'est-ce qui est compté dans les heures d'activité ?</li>"
            "<li>Quand fait-on le point, et comment le modifier ?</li></ul>"
        ),
        themes=("accompagnement-et-referent", "droits-et-demarches"),
        audiences=(CITIZENS, PROFESSIONALS),
        phases=(1, 2),
        reading_level=SIMPLIFIED,
        author=GROUP,
    ),
    DemoResource(
        slug="outil-carnet-de-bord-du-groupe",
        kind="tool",
        title="Carnet de bord du groupe ressource",
        summary="Le registre partagé des sujets traités, des propositions envoyées et des réponses reçues.",
        body=(
            "<p>Tenu par l'animatrice et relu en début de séance, le carnet de bord garde la mémoire du "
            "groupe malgré le renouvellement de ses membres.</p>"
            "<ul><li>Date, présents, sujet du jour.</li>"
            "<li>Propositions envoyées : à qui, quand.</li>"
            "<li>Réponses reçues, relances, délais.</li></ul>"
        ),
        themes=("retour-aux-participants",),
        audiences=(FACILITATORS,),
        phases=(0, 4),
        author=TEAM,
    ),
    DemoResource(
        slug="outil-cartes-situations",
        kind="tool",
        title="Jeu de cartes « situations »",
        summary=(
            "Trente cartes décrivant des situations courantes (courrier incompris, suspension, rendez-vous "
            "manqué) pour en parler sans avoir à raconter sa propre histoire."
        ),
        body=(
            "<p>Chaque participant·e tire une carte et dit si la situation lui parle, et ce qui aurait aidé. "
            "On parle de la carte, pas de soi : chacun choisit ce qu'il partage.</p>"
            "<p>Exemples de cartes : « Vous recevez un courrier qui parle d'un “indu” », « Votre référent·e "
            "change pour la troisième fois en un an », « On vous propose une formation à 1 h 30 de "
            "chez vous ».</p>"
        ),
        themes=("droits-et-demarches", "accompagnement-et-referent"),
        audiences=(FACILITATORS,),
        phases=(1,),
        author=GROUP,
        licence=CC_BY_SA,
    ),
    # --- guides -----------------------------------------------------------------------------
    DemoResource(
        slug="guide-le-rsa-en-mots-simples",
        kind="guide",
        title="Le RSA expliqué en mots simples",
        summary="Ce qu'est le RSA, ce qu'il demande, et où trouver de l'aide. Écrit et testé avec le groupe ressource.",
        body=(
            "<p>Le RSA est une aide en argent. Il s'appelle le revenu de solidarité active.</p>"
            "<p>Pour avoir le RSA :</p>"
            "<ul><li>vous faites une demande à la Caf ou à la MSA ;</li>"
            "<li>vous déclarez vos ressources tous les trois mois ;</li>"
            "<li>vous avez une personne qui vous accompagne : votre référent ou votre référente.</li></ul>"
            "<p>Avec votre référent, vous écrivez un contrat. Le contrat dit ce que vous allez faire.</p>"
            "<p>Vous ne comprenez pas un courrier ? Demandez de l'aide à votre référent, à l'espace des "
            "solidarités ou au groupe ressource.</p>"
        ),
        themes=("droits-et-demarches", "accessibilite"),
        audiences=(CITIZENS,),
        phases=(0,),
        reading_level=FALC,
        author=GROUP,
        licence=CC_BY,
    ),
    DemoResource(
        slug="guide-contrat-d-engagement-ce-que-vous-pouvez-negocier",
        kind="guide",
        title="Le contrat d'engagement : ce qu'il contient, ce que vous pouvez discuter",
        summary=(
            "Un guide pour préparer la signature de son contrat d'engagement avec son référent·e, écrit par "
            "des allocataires et relu par les services."
        ),
        body=(
            "<p>Depuis 2025, les personnes au RSA sont inscrites à France Travail et signent un contrat "
            "d'engagement. Il prévoit en principe des heures d'activité chaque semaine, adaptées à la "
            "situation de chacun.</p>"
            "<h3>Ce que vous pouvez discuter</h3><ul>"
            "<li>Les objectifs, et leur ordre : la santé ou le logement peuvent passer d'abord.</li>"
            "<li>Ce qui compte comme activité : formation, bénévolat, démarches de soin, ateliers.</li>"
            "<li>Le rythme et les horaires, selon vos contraintes familiales.</li></ul>"
            "<p>Vous pouvez venir accompagné·e au rendez-vous.</p>"
        ),
        themes=("accompagnement-et-referent", "emploi-formation-activite"),
        audiences=(CITIZENS, PROFESSIONALS),
        phases=(1, 2),
        reading_level=SIMPLIFIED,
        author=GROUP,
        licence=CC_BY_SA,
    ),
    DemoResource(
        slug="guide-referents-travailler-avec-le-groupe",
        kind="guide",
        title="Référent·es : travailler avec le groupe ressource",
        summary="Pourquoi et comment solliciter l'avis du groupe sur un projet, un courrier ou une procédure.",
        body=(
            "<p>Le groupe ressource n'est pas un groupe de parole : c'est une instance consultative. Un "
            "service peut le saisir pour un avis.</p>"
            "<ul><li>Envoyez votre demande à la mission participation au moins six semaines avant la "
            "décision.</li>"
            "<li>Venez présenter le sujet vous-même, sans diaporama, en vingt minutes.</li>"
            "<li>Engagez-vous à répondre par écrit à l'avis du groupe, y compris si vous ne le suivez "
            "pas.</li></ul>"
        ),
        themes=("accompagnement-et-referent", "retour-aux-participants"),
        audiences=(PROFESSIONALS, DECISION_MAKERS),
        phases=(2, 3),
        author=TEAM,
        licence=ETALAB,
    ),
    DemoResource(
        slug="guide-demarches-en-ligne-accompagner-sans-faire-a-la-place",
        kind="guide",
        title="Démarches en ligne : accompagner sans faire à la place",
        summary="Des repères pour les professionnel·les et bénévoles qui aident aux démarches numériques.",
        body=(
            "<p>La déclaration trimestrielle, l'espace France Travail, les messageries des services : tout "
            "passe en ligne. Faire à la place de la personne dépanne, mais ne rend pas autonome et pose des "
            "questions de confidentialité.</p>"
            "<ul><li>La personne garde la souris ou le téléphone.</li>"
            "<li>On ne note jamais ses mots de passe.</li>"
            "<li>On propose un temps suivant pour refaire seule.</li>"
            "<li>On oriente vers un lieu équipé proche de chez elle.</li></ul>"
        ),
        themes=("numerique-et-acces-aux-droits",),
        audiences=(PROFESSIONALS, FACILITATORS),
        phases=(2,),
        provenance="adapted",
        source="Adapté des ressources des médiateurs numériques.",
        author=TEAM,
    ),
    # --- documents --------------------------------------------------------------------------
    DemoResource(
        slug="paroles-d-allocataires-synthese-2025",
        kind="document",
        title="Paroles d'allocataires : synthèse des groupes 2025",
        summary="Ce que 86 personnes ont dit du RSA et de leur accompagnement lors de groupes d'expression dans six villes.",
        body=(
            "<p>Entre janvier et juin 2025, des groupes d'expression ont été organisés à Créteil, Vitry-sur-"
            "Seine, Champigny-sur-Marne, Ivry-sur-Seine, Villejuif et Choisy-le-Roi.</p>"
            "<h3>Ce qui revient le plus</h3><ol>"
            "<li>Les courriers sont incompréhensibles et font peur.</li>"
            "<li>Le changement fréquent de référent·e oblige à tout raconter de nouveau.</li>"
            "<li>Les lieux de rendez-vous sont loin, les horaires peu compatibles avec les enfants.</li>"
            "<li>Quand l'accompagnement fonctionne, c'est grâce à une relation de confiance.</li></ol>"
        ),
        themes=("droits-et-demarches", "accompagnement-et-referent"),
        audiences=(DECISION_MAKERS, PROFESSIONALS),
        phases=(1,),
        author=TEAM,
        licence=ETALAB,
    ),
    DemoResource(
        slug="les-douze-propositions-du-groupe-ressource",
        kind="document",
        title="Les douze propositions du groupe ressource au Département",
        summary="Douze propositions précises, chacune avec le constat qui la fonde et le service qui peut agir.",
        body=(
            "<p>Adoptées en séance plénière le 5 février 2026 et remises à la vice-présidente chargée de "
            "l'insertion.</p><ul>"
            "<li>Réécrire les courriers types avec le groupe, en commençant par la convocation et la "
            "suspension.</li>"
            "<li>Garantir un préavis d'un mois avant tout changement de référent·e, et un rendez-vous de "
            "passage de relais.</li>"
            "<li>Proposer des rendez-vous dans les centres sociaux, plus proches et moins intimidants.</li>"
            "<li>Compter les démarches de soin dans les heures d'activité quand la santé est la "
            "priorité.</li>"
            "<li>Rembourser les transports des rendez-vous pour les personnes sans pass Navigo "
            "solidarité.</li></ul>"
            "<p>Les sept autres propositions figurent dans le document complet.</p>"
        ),
        themes=("accompagnement-et-referent", "mobilite", "sante-et-logement"),
        audiences=(DECISION_MAKERS, PROFESSIONALS, CITIZENS),
        phases=(2, 3),
        author=GROUP,
        licence=CC_BY_SA,
    ),
    DemoResource(
        slug="reponses-des-services-departementaux-2026",
        kind="document",
        title="Réponses des services départementaux aux douze propositions",
        summary="Pour chaque proposition : décision, service responsable, échéance — ou la raison d'un refus.",
        body=(
            "<ul><li><strong>Courriers</strong> : adopté. Trois courriers réécrits avec le groupe, en service "
            "depuis mai 2026.</li>"
            "<li><strong>Changement de référent·e</strong> : adopté en partie. Rendez-vous de relais "
            "systématique ; le préavis d'un mois n'est pas garanti en cas d'absence imprévue.</li>"
            "<li><strong>Rendez-vous en centres sociaux</strong> : expérimenté dans deux villes depuis "
            "septembre 2026.</li>"
            "<li><strong>Remboursement des transports</strong> : pas possible en l'état, parce que le budget "
            "2026 est voté ; la proposition est inscrite à la préparation du budget 2027.</li></ul>"
        ),
        themes=("retour-aux-participants",),
        audiences=(CITIZENS, PROFESSIONALS, DECISION_MAKERS),
        phases=(3, 4),
        author="Direction de l'action sociale, de l'insertion et du logement — Val-de-Marne",
        licence=ETALAB,
    ),
    DemoResource(
        slug="note-d-etape-evaluation-de-la-participation",
        kind="document",
        title="Évaluation de la participation des allocataires : note d'étape",
        summary="Premiers résultats de l'évaluation confiée à un laboratoire universitaire.",
        body=(
            "<p><em>Version provisoire, à valider par le comité de pilotage.</em></p>"
            "<p>Entretiens avec 24 membres et anciens membres du groupe, et 15 professionnel·les. Effets "
            "observés : confiance en soi, meilleure connaissance des droits, évolution des courriers. Limites : "
            "le groupe touche peu les personnes les plus isolées.</p>"
        ),
        themes=("retour-aux-participants",),
        audiences=(DECISION_MAKERS,),
        phases=(4,),
        author="Laboratoire partenaire (université Paris-Est Créteil)",
        status=DRAFT,
    ),
    # --- vidéos -----------------------------------------------------------------------------
    DemoResource(
        slug="video-le-rsa-ce-n-est-pas-une-vie-au-rabais",
        kind="video",
        title="« Le RSA, ce n'est pas une vie au rabais » — film collectif",
        summary="Douze minutes réalisées par le groupe ressource : ce que les allocataires voudraient que l'on sache.",
        body=(
            "<p>Le film a été écrit, tourné et monté par huit membres du groupe ressource, accompagnés par un "
            "réalisateur, selon la démarche d'automédiatisation : le groupe décide de chaque plan.</p>"
            "<p>Il est projeté en ouverture des formations des nouveaux référent·es. Durée : 12 min.</p>"
        ),
        themes=("droits-et-demarches", "accompagnement-et-referent"),
        audiences=(PROFESSIONALS, DECISION_MAKERS, CITIZENS),
        phases=(1,),
        external_url="https://videos.example.org/rsa94/pas-une-vie-au-rabais",
        author=GROUP,
        licence=CC_BY_NC_SA,
    ),
    DemoResource(
        slug="video-premier-rendez-vous-en-theatre-forum",
        kind="video",
        title="Le premier rendez-vous, rejoué en théâtre-forum",
        summary="Captation d'une séance de théâtre-forum à Champigny, avec allocataires et référent·es.",
        body=(
            "<p>La scène montre un premier rendez-vous où tout va trop vite. Le public propose trois autres "
            "façons de le mener ; la troisième, venue d'une référente, a inspiré le nouveau déroulé du "
            "premier rendez-vous.</p><p>Durée : 18 min.</p>"
        ),
        themes=("accompagnement-et-referent",),
        audiences=(PROFESSIONALS, FACILITATORS),
        phases=(2,),
        external_url="https://videos.example.org/rsa94/premier-rendez-vous",
        author="Compagnie de théâtre-forum partenaire",
        licence=CC_BY_NC_SA,
    ),
    DemoResource(
        slug="video-comite-des-usagers-en-images",
        kind="video",
        title="Le comité des usagers en images",
        summary="Les temps forts du comité des usagers, où allocataires et élu·es examinent les réponses du Département.",
        body="<p>Reportage de cinq minutes, sous-titré.</p>",
        themes=("retour-aux-participants",),
        audiences=(CITIZENS, DECISION_MAKERS),
        phases=(3,),
        external_url="https://videos.example.org/rsa94/comite-des-usagers",
        author=TEAM,
        licence=CC_BY,
        status=SCHEDULED,
        schedule_in_days=14,
    ),
    # --- liens ------------------------------------------------------------------------------
    DemoResource(
        slug="lien-mes-droits-sociaux",
        kind="link",
        title="Mes droits sociaux : simuler ses droits",
        summary="Le simulateur officiel pour connaître les aides auxquelles on peut prétendre.",
        body="<p>Service public en ligne : simulation des droits (RSA, prime d'activité, aides au logement…).</p>",
        themes=("droits-et-demarches", "numerique-et-acces-aux-droits"),
        audiences=(CITIZENS, PROFESSIONALS),
        phases=(0,),
        external_url="https://www.mesdroitssociaux.gouv.fr/",
        provenance="imported",
        source="mesdroitssociaux.gouv.fr",
        author="Sécurité sociale",
        licence=ETALAB,
    ),
    DemoResource(
        slug="lien-caf-rsa",
        kind="link",
        title="Caf : demander et déclarer le RSA",
        summary="Faire sa demande de RSA et ses déclarations trimestrielles de ressources.",
        body="<p>Le site de la Caisse d'allocations familiales.</p>",
        themes=("droits-et-demarches",),
        audiences=(CITIZENS,),
        phases=(0,),
        external_url="https://www.caf.fr/",
        provenance="imported",
        source="caf.fr",
        author="Caisse nationale des allocations familiales",
        licence=ALL_RIGHTS,
    ),
    DemoResource(
        slug="lien-departement-val-de-marne",
        kind="link",
        title="Département du Val-de-Marne : insertion et solidarités",
        summary="Les espaces départementaux des solidarités, l'accompagnement des allocataires, les aides du Département.",
        body="<p>Le site du Département : adresses des espaces des solidarités et informations sur l'insertion.</p>",
        themes=("accompagnement-et-referent",),
        audiences=(CITIZENS, PROFESSIONALS),
        phases=(0, 3),
        external_url="https://www.valdemarne.fr/",
        provenance="imported",
        source="valdemarne.fr",
        author="Département du Val-de-Marne",
        licence=ALL_RIGHTS,
    ),
    # --- modèles ----------------------------------------------------------------------------
    DemoResource(
        slug="modele-ordre-du-jour-groupe-ressource",
        kind="template",
        title="Ordre du jour type d'une séance du groupe ressource",
        summary="À adapter et envoyer une semaine avant chaque séance, par courrier et par SMS.",
        body=(
            "<ol><li>Accueil et nouvelles du groupe.</li>"
            "<li>Les réponses reçues depuis la dernière séance.</li>"
            "<li>Le sujet du jour : …</li>"
            "<li>Ce que nous faisons remonter, et qui le porte.</li>"
            "<li>Date de la prochaine séance.</li></ol>"
            "<p>Rappel : vos frais de transport sont remboursés. Garde d'enfants possible sur demande.</p>"
        ),
        themes=("accompagnement-et-referent",),
        audiences=(FACILITATORS,),
        phases=(0, 1),
        author=TEAM,
    ),
    DemoResource(
        slug="modele-lettre-d-invitation-facile-a-lire",
        kind="template",
        title="Lettre d'invitation à rejoindre le groupe, facile à lire",
        summary="Une lettre courte pour inviter une personne allocataire à une première séance.",
        body=(
            "<p>Bonjour,</p>"
            "<p>Vous touchez le RSA. Votre avis nous intéresse.</p>"
            "<p>Un groupe de personnes au RSA se réunit une fois par mois. Le groupe donne son avis au "
            "Département. Le groupe a déjà fait changer des courriers.</p>"
            "<p>Vous pouvez venir écouter, sans obligation de parler.</p>"
            "<p>Prochaine séance : le … à … heures, à l'adresse : …</p>"
            "<p>Le transport est remboursé. Un café vous attend.</p>"
        ),
        themes=("accessibilite",),
        audiences=(FACILITATORS, CITIZENS),
        phases=(0,),
        reading_level=FALC,
        author=GROUP,
        licence=CC_BY,
    ),
    DemoResource(
        slug="modele-avis-du-groupe-sur-un-courrier",
        kind="template",
        title="Modèle d'avis du groupe sur un courrier ou un formulaire",
        summary="La grille utilisée pour relire un courrier type : compréhension, ton, ce qu'il faut faire ensuite.",
        body=(
            "<p><em>Version de travail.</em></p><ul>"
            "<li>Ce que nous avons compris en première lecture.</li>"
            "<li>Les mots qui posent problème, et ce que nous proposons à la place.</li>"
            "<li>Le ton : inquiétant, neutre, rassurant ?</li>"
            "<li>Est-ce qu'on sait quoi faire ensuite, et qui appeler ?</li></ul>"
        ),
        themes=("droits-et-demarches", "accessibilite"),
        audiences=(FACILITATORS, PROFESSIONALS),
        phases=(2,),
        author=GROUP,
        status=DRAFT,
    ),
    # --- témoignages ------------------------------------------------------------------------
    DemoResource(
        slug="temoignage-mohamed-equipe-pluridisciplinaire",
        kind="testimony",
        title="Mohamed, représentant des allocataires en équipe pluridisciplinaire",
        summary="« Je ne suis pas là pour juger les gens, je suis là pour qu'on les entende. »",
        body=(
            "<p>Mohamed siège depuis un an dans l'équipe pluridisciplinaire de son territoire, qui examine les "
            "situations avant une éventuelle réduction du RSA.</p>"
            "<blockquote>« La première fois, j'ai eu peur d'être du côté de ceux qui sanctionnent. J'ai "
            "demandé qu'on lise toujours ce que la personne a écrit, et qu'on l'appelle avant. Maintenant "
            "c'est fait. Souvent il y avait une raison : un enfant malade, un courrier jamais reçu. »</blockquote>"
        ),
        themes=("accompagnement-et-referent", "droits-et-demarches"),
        audiences=(CITIZENS, PROFESSIONALS, DECISION_MAKERS),
        phases=(3,),
        author="Mohamed K., membre du groupe ressource",
        licence=CC_BY_NC_SA,
    ),
    DemoResource(
        slug="temoignage-sylvie-on-me-demande-mon-avis",
        kind="testimony",
        title="Sylvie : « Ici, on me demande mon avis au lieu de me demander des papiers »",
        summary="Après trois ans au RSA, Sylvie a rejoint le groupe ressource. Elle raconte ce que ça a changé pour elle.",
        body=(
            "<blockquote>« Pendant trois ans, chaque rendez-vous, c'était : “Vous avez apporté votre "
            "attestation ?” Au groupe, la première question, c'était : “Qu'est-ce que vous en pensez ?” J'ai "
            "mis deux séances à répondre. Aujourd'hui, c'est moi qui accueille les nouveaux. »</blockquote>"
        ),
        themes=("accompagnement-et-referent",),
        audiences=(CITIZENS,),
        phases=(0, 1),
        reading_level=SIMPLIFIED,
        author="Sylvie M., membre du groupe ressource",
        licence=CC_BY_NC_SA,
    ),
    DemoResource(
        slug="temoignage-referente-vitry",
        kind="testimony",
        title="Une référente RSA à Vitry-sur-Seine : ce que le groupe m'a appris",
        summary="« Je pensais expliquer clairement. Le groupe m'a montré que mes courriers faisaient peur. »",
        body=(
            "<p>Référente depuis huit ans dans un espace départemental des solidarités, Nadia a participé à "
            "la réécriture des courriers avec le groupe ressource.</p>"
            "<blockquote>« Le mot “convocation” faisait penser à la police. On a écrit “rendez-vous”. On a "
            "mis mon numéro direct en haut de la page. Les rendez-vous manqués ont baissé. »</blockquote>"
        ),
        themes=("droits-et-demarches", "accompagnement-et-referent"),
        audiences=(PROFESSIONALS,),
        phases=(2,),
        author="Nadia S., référente RSA",
        licence=CC_BY_NC_SA,
    ),
    DemoResource(
        slug="temoignage-elue-pourquoi-nous-avons-reecrit-les-courriers",
        kind="testimony",
        title="La vice-présidente chargée de l'insertion : pourquoi nous avons réécrit les courriers",
        summary="Une élue départementale explique ce que la participation des allocataires change dans les décisions.",
        body=(
            "<blockquote>« Nous avons des experts du RSA dans nos services. Mais les experts de la vie au "
            "RSA, ce sont les allocataires. Quand le groupe nous a lu nos propres courriers à voix haute, la "
            "décision de les réécrire s'est prise dans la salle. »</blockquote>"
        ),
        themes=("retour-aux-participants",),
        audiences=(DECISION_MAKERS,),
        phases=(4,),
        author="Vice-présidence chargée de l'insertion, Département du Val-de-Marne",
        licence=CC_BY,
    ),
)

PAGES = (
    DemoPage(
        slug="le-projet",
        title="Le projet",
        summary=(
            "Associer les personnes qui touchent le RSA à la politique d'insertion du Val-de-Marne, et leur "
            "rendre compte de ce qui change."
        ),
        body=(
            "<p>La politique d'insertion concerne des dizaines de milliers de Val-de-Marnais et "
            "Val-de-Marnaises. Depuis plusieurs années, le Département s'appuie sur un groupe ressource "
            "d'allocataires pour améliorer l'accompagnement, les courriers et les procédures.</p>"
            "<p>Cette plateforme rend ce travail visible : les constats et propositions, les réponses des "
            "services, et ce qui a changé.</p>"
        ),
        children=(
            DemoPage(
                slug="qui-sommes-nous",
                title="Qui sommes-nous ?",
                summary="Un groupe ressource d'allocataires, une mission participation, des référent·es et des élu·es.",
                body=(
                    "<p>Le groupe ressource réunit une quinzaine de personnes allocataires du RSA, volontaires. "
                    "Il est animé par une animatrice extérieure aux services, pour garantir la liberté de "
                    "parole. La mission participation du Département fait le lien avec les services et les "
                    "élu·es.</p>"
                ),
            ),
            DemoPage(
                slug="charte-de-participation",
                title="Charte de participation",
                summary="Nos règles communes, adoptées par le groupe ressource et signées par le Département.",
                body=(
                    "<ul><li>Participer ne change rien à votre dossier : ni avantage, ni sanction.</li>"
                    "<li>Ce qui est dit de personnel reste dans le groupe.</li>"
                    "<li>Le Département répond par écrit à chaque proposition, dans un délai de trois "
                    "mois.</li>"
                    "<li>Les frais de transport et de garde d'enfants sont pris en charge.</li></ul>"
                ),
            ),
        ),
    ),
    DemoPage(
        slug="comment-participer",
        title="Comment participer ?",
        summary="Rejoindre le groupe ressource, donner son avis en ligne, ou représenter les allocataires.",
        body=(
            "<ul><li><strong>Donner votre avis</strong> sur cette plateforme, quand vous voulez.</li>"
            "<li><strong>Rejoindre le groupe ressource</strong> : une matinée par mois, transport "
            "remboursé.</li>"
            "<li><strong>Représenter les allocataires</strong> en équipe pluridisciplinaire ou au comité "
            "des usagers, après une formation.</li></ul>"
        ),
        children=(
            DemoPage(
                slug="le-groupe-ressource",
                title="Le groupe ressource",
                summary="Une matinée par mois, dans une salle de quartier, pour donner son avis au Département.",
                body=(
                    "<p>Vous pouvez venir une première fois pour écouter. Appelez la mission participation "
                    "ou parlez-en à votre référent·e.</p>"
                ),
            ),
        ),
    ),
    DemoPage(
        slug="vous-avez-dit-nous-avons-fait",
        title="Vous avez dit, nous avons fait",
        summary="Les douze propositions du groupe ressource et ce qu'elles sont devenues.",
        body=(
            "<ul><li><strong>Vous avez dit</strong> : les courriers font peur. <strong>Nous avons "
            "fait</strong> : trois courriers réécrits avec vous, en service depuis mai 2026.</li>"
            "<li><strong>Vous avez dit</strong> : les rendez-vous sont loin. <strong>Nous avons "
            "fait</strong> : des rendez-vous en centre social, dans deux villes pour commencer.</li>"
            "<li><strong>Pas possible, parce que</strong> : le remboursement des transports n'était pas "
            "prévu au budget 2026. La proposition est étudiée pour 2027.</li></ul>"
        ),
    ),
    DemoPage(
        slug="glossaire",
        title="Les mots du RSA",
        summary="Référent, contrat d'engagement, équipe pluridisciplinaire, indu : les mots expliqués simplement.",
        body="<p>Glossaire en cours d'écriture avec le groupe ressource.</p>",
        status=DRAFT,
    ),
)

NEWS = (
    DemoNews(
        slug="retour-sur-l-atelier-du-12-mars",
        title="Retour sur l'atelier du 12 mars à Créteil",
        summary="Allocataires et référent·es ont relu ensemble trois courriers types. Verdict : tout est à réécrire.",
        body=(
            "<p>Le 12 mars, le groupe ressource a accueilli six référent·es et deux cadres du service "
            "insertion. Au programme : la lecture à voix haute de trois courriers types — la convocation, "
            "la demande de pièces, l'avis de suspension.</p>"
            "<p>Les participants ont souligné les mots qui inquiètent et proposé d'autres formulations. Les "
            "nouvelles versions seront testées auprès d'autres allocataires avant leur mise en service.</p>"
        ),
        date=date(2026, 3, 17),
    ),
    DemoNews(
        slug="les-nouveaux-courriers-sont-arrives",
        title="Les nouveaux courriers du RSA sont arrivés",
        summary="Trois courriers réécrits avec le groupe ressource sont envoyés depuis le 4 mai.",
        body=(
            "<p>Ils ont été testés auprès de quarante allocataires qui ne faisaient pas partie du groupe. Le "
            "mot « convocation » a disparu ; chaque courrier indique le nom et le numéro direct de la personne "
            "à contacter.</p>"
        ),
        date=date(2026, 5, 12),
    ),
    DemoNews(
        slug="ce-qui-a-change-suite-a-vos-propositions",
        title="Ce qui a changé suite à vos propositions",
        summary="Depuis septembre, des rendez-vous ont lieu dans les centres sociaux de deux villes.",
        body=(
            "<p>C'était l'une des douze propositions du groupe ressource : des rendez-vous plus proches, dans "
            "des lieux moins intimidants. L'expérimentation a démarré dans deux villes ; un premier bilan sera "
            "présenté au comité des usagers.</p>"
        ),
        date=date(2026, 9, 24),
    ),
    DemoNews(
        slug="le-groupe-ressource-accueille-de-nouveaux-membres",
        title="Le groupe ressource accueille de nouveaux membres",
        summary="Vous touchez le RSA et voulez donner votre avis ? Prochaine séance d'accueil le jeudi 19 novembre.",
        body=(
            "<p>Le groupe se renouvelle chaque année. Une séance d'accueil est organisée pour les personnes "
            "qui souhaitent découvrir le groupe, sans engagement.</p>"
        ),
        date=date(2026, 10, 20),
    ),
    DemoNews(
        slug="comite-des-usagers-de-decembre",
        title="Comité des usagers du 3 décembre",
        summary="Ordre du jour en préparation.",
        body="<p>Le comité examinera le bilan des rendez-vous en centres sociaux.</p>",
        status=DRAFT,
    ),
)

CONTENT = DemoContent(themes=THEMES, resources=RESOURCES, pages=PAGES, news=NEWS)
