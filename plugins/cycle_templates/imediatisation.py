"""Le processus d'i-médiatisation en cinq phases : groupe projet mixte, ateliers de
co-construction, tests et améliorations, expérimentation de terrain, déploiement."""

from imedia_core.plugin_api import CycleTemplate, PhaseTemplate, ResourceTemplate

from .common import ANIMATION, CHARTE, COOPERATION, EVALUATION, GROUPE_MIXTE, PARTICIPATION, VOUS_AVEZ_DIT, item

ATELIER = ResourceTemplate(
    slug="methode-atelier-de-co-construction",
    title="Conduire un atelier de co-construction",
    kind="method",
    summary="Le déroulé type d'un atelier où usagers, professionnels et décideurs conçoivent ensemble un outil ou un service.",
    body=(
        "<p>Un atelier de co-construction dure de deux à trois heures et réunit de 8 à 15 personnes, dont au "
        "moins la moitié d'usagers.</p><ol>"
        "<li><strong>Accueil et rappel</strong> (15 min) : où en est-on, qu'a-t-on décidé la dernière fois ?</li>"
        "<li><strong>Question du jour</strong> (10 min) : une seule question, concrète (« que doit trouver une "
        "personne qui arrive pour la première fois sur la plateforme ? »).</li>"
        "<li><strong>Production en sous-groupes mixtes</strong> (60 min) : maquettes papier, listes, scénarios.</li>"
        "<li><strong>Mise en commun</strong> (40 min) : chaque sous-groupe présente, les autres enrichissent.</li>"
        "<li><strong>Décisions et suites</strong> (15 min) : ce qu'on retient, qui fait quoi d'ici la prochaine fois.</li></ol>"
    ),
    themes=(ANIMATION, COOPERATION, PARTICIPATION),
    audiences=("facilitators", "professionals"),
)

PROTOCOLE_TEST = ResourceTemplate(
    slug="outil-protocole-de-test-avec-les-usagers",
    title="Protocole de test avec les usagers",
    kind="tool",
    summary="Faire tester une maquette ou un outil par des usagers et recueillir ce qui bloque, sans les guider.",
    body=(
        "<p>Un test se fait en binôme : une personne utilise l'outil, un observateur note sans aider.</p><ul>"
        "<li>Donner trois tâches réalistes (« trouvez comment poser une question sur votre formation »).</li>"
        "<li>Demander à la personne de penser à voix haute.</li>"
        "<li>Noter où elle hésite, se trompe ou abandonne, et ses mots exacts.</li>"
        "<li>Terminer par deux questions : qu'avez-vous aimé ? que changeriez-vous ?</li></ul>"
        "<p>Cinq tests suffisent à repérer la plupart des difficultés. On corrige, puis on reteste.</p>"
    ),
    themes=(EVALUATION, PARTICIPATION),
    audiences=("facilitators", "professionals"),
)

JOURNAL = ResourceTemplate(
    slug="outil-journal-d-experimentation",
    title="Journal d'expérimentation",
    kind="tool",
    summary="Un carnet de bord partagé pour suivre une expérimentation de terrain semaine après semaine.",
    body=(
        "<p>Chaque semaine, les sites d'expérimentation notent en quelques lignes :</p><ul>"
        "<li>ce qui a été fait, avec qui, combien de personnes touchées ;</li>"
        "<li>ce qui a bien marché, ce qui a coincé ;</li>"
        "<li>les questions et propositions des usagers ;</li>"
        "<li>les ajustements décidés.</li></ul>"
        "<p>Le journal sert de base au bilan de l'expérimentation et à la décision de déploiement.</p>"
    ),
    themes=(EVALUATION,),
    audiences=("facilitators", "professionals", "decision_makers"),
)

TEMPLATE = CycleTemplate(
    key="imediatisation",
    name="Processus d'i-médiatisation",
    description=(
        "<p>La démarche de recherche-action d'i-médiatisation, héritière de l'automédiatisation de Bertrand "
        "Schwartz : usagers, professionnels et décideurs co-construisent un dispositif de communication "
        "sociale permanent et interactif, en cinq phases, du groupe projet mixte au déploiement.</p>"
    ),
    policy_areas=("vocational_training", "social_inclusion", "citizen_councils", "social_facilities", "other"),
    starter_resources=(GROUPE_MIXTE, CHARTE, ATELIER, PROTOCOLE_TEST, JOURNAL, VOUS_AVEZ_DIT),
    phases=(
        PhaseTemplate(
            slug="groupe-projet-mixte",
            title="Groupe projet mixte",
            summary="Réunir usagers, techniciens et décideurs dans un même groupe qui pilote la démarche.",
            body=(
                "<p>Le groupe projet mixte est le cœur de l'i-médiatisation : il associe à parts égales des "
                "personnes concernées par la politique publique, des professionnels qui la mettent en œuvre et "
                "des décideurs qui la portent. Il définit les objectifs, suit chaque phase et arbitre.</p>"
            ),
            stakes=(
                item(
                    "Une gouvernance partagée dès le départ",
                    "Les usagers ne sont pas consultés après coup : ils pilotent avec les autres.",
                    "Ce qui distingue la démarche d'une simple consultation, c'est que les usagers participent aux "
                    "choix de fond (objectifs, contenus, calendrier) et pas seulement aux tests.",
                ),
                item(
                    "Croiser trois points de vue",
                    "Expérience vécue, savoir professionnel et responsabilité politique se complètent.",
                    "Chacun voit une partie du problème. Le groupe mixte permet de construire une vision "
                    "partagée et stratégique de la situation plutôt qu'une juxtaposition d'avis.",
                ),
                item(
                    "Un portage politique explicite",
                    "Sans engagement visible des décideurs, les participants doutent de l'utilité de la démarche.",
                    "Un élu ou un directeur présent au lancement et aux temps forts donne du crédit à la démarche "
                    "et garantit que les propositions seront examinées.",
                ),
            ),
            objectives=(
                item(
                    "Constituer le groupe et fixer ses règles",
                    "Huit à quinze membres, un tiers d'usagers au moins, une charte adoptée ensemble.",
                    "La composition est décidée avec les partenaires ; la charte précise les rôles, la "
                    "confidentialité, les engagements de réponse et les conditions matérielles.",
                ),
                item(
                    "Définir les objectifs du dispositif",
                    "À quoi servira la plateforme de communication sociale, pour qui, sur quels sujets.",
                    "Le groupe formule en une page les questions auxquelles le dispositif doit répondre et les "
                    "publics qu'il doit atteindre en priorité.",
                ),
                item(
                    "Établir un calendrier réaliste",
                    "Des étapes datées, calées sur le calendrier des institutions partenaires.",
                    "Le calendrier tient compte des échéances budgétaires, des périodes de vacances et du rythme "
                    "de vie des usagers (sessions de formation, rendez-vous d'accompagnement).",
                ),
            ),
            vigilance_points=(
                item(
                    "L'asymétrie de parole",
                    "Les professionnels et décideurs maîtrisent les codes des réunions ; les usagers, rarement.",
                    "Préparer les usagers entre eux avant chaque réunion, faire parler les usagers en premier, "
                    "traduire les sigles, confier l'animation à un tiers.",
                ),
                item(
                    "La rémunération ou le défraiement des usagers",
                    "Les professionnels sont payés pour venir ; les usagers doivent au moins être défrayés.",
                    "Prévoir dès le budget initial le remboursement des frais, et vérifier l'effet d'une éventuelle "
                    "indemnité sur les prestations sociales des participants.",
                ),
                item(
                    "La place des professionnels",
                    "Les professionnels ne doivent ni parler à la place des usagers ni se sentir mis en accusation.",
                    "Leur rôle est d'éclairer les contraintes et de construire des solutions. Un temps entre "
                    "professionnels permet d'exprimer leurs craintes sans les faire peser sur le groupe.",
                ),
            ),
            methods=(
                item(
                    "Le tour de table sans statut",
                    "Chacun se présente par son prénom et ce qui l'amène, pas par sa fonction.",
                    "Ce premier geste installe l'égalité de parole. Les fonctions sont précisées plus tard, quand "
                    "elles sont utiles au travail.",
                ),
                item(
                    "La co-écriture de la charte",
                    "Les règles du groupe sont proposées, discutées et adoptées par ses membres.",
                    "On part d'un modèle de charte que le groupe amende point par point. La charte est relue à "
                    "chaque arrivée de nouveau membre.",
                ),
                item(
                    "Les réunions préparatoires entre pairs",
                    "Les usagers se retrouvent une heure avant la réunion mixte pour préparer leurs positions.",
                    "Cette préparation renforce la confiance et la qualité des interventions. Elle est animée par "
                    "un animateur extérieur aux services.",
                ),
            ),
            resources=("methode-animer-un-groupe-mixte", "modele-charte-de-participation"),
        ),
        PhaseTemplate(
            slug="ateliers-de-co-construction",
            title="Ateliers de co-construction",
            summary="Concevoir ensemble les contenus, les parcours et les outils du dispositif.",
            body=(
                "<p>Dans une série d'ateliers, usagers et professionnels imaginent la plateforme : les questions "
                "que les gens se posent, le parcours qui y répond, les ressources à rassembler, la manière de "
                "faire remonter constats et propositions et d'y répondre.</p>"
            ),
            stakes=(
                item(
                    "Partir des questions que les gens se posent",
                    "Le dispositif s'organise autour des questions réelles, pas de l'organigramme de l'institution.",
                    "Recueillir les questions telles qu'elles sont formulées, là où elles se posent et au moment "
                    "où elles se posent, donne un parcours guidé qui a du sens pour les usagers.",
                ),
                item(
                    "Éviter le « supermarché d'outils »",
                    "Mieux vaut peu de ressources bien choisies et reliées à chaque étape qu'un catalogue.",
                    "Chaque ressource retenue doit répondre à une question ou servir une phase identifiée. Le reste "
                    "se range ou se supprime.",
                ),
            ),
            objectives=(
                item(
                    "Établir la carte des questions",
                    "Une liste organisée des questions des usagers, reliées aux phases du parcours.",
                    "Chaque question mène à une réponse, à des ressources et à une manière de contribuer si la "
                    "réponse ne suffit pas.",
                ),
                item(
                    "Maquetter les principaux écrans",
                    "Des maquettes papier de l'accueil, du parcours guidé et du dépôt de proposition.",
                    "Les maquettes sont dessinées en atelier, sans outil informatique, pour que chacun puisse "
                    "contribuer à égalité.",
                ),
                item(
                    "Définir le circuit de réponse",
                    "Qui répond à quoi, dans quel délai, et comment la réponse revient à la personne.",
                    "Sans circuit de réponse défini avec les services, la plateforme collecte des propositions qui "
                    "restent lettre morte.",
                ),
            ),
            vigilance_points=(
                item(
                    "Le jargon technique",
                    "Parler de « back-office » ou de « workflow » exclut la plupart des participants.",
                    "Décrire les fonctions par ce qu'elles permettent de faire (« déposer une idée », « voir la "
                    "réponse ») et montrer plutôt qu'expliquer.",
                ),
                item(
                    "L'accessibilité des contenus",
                    "Textes longs, sigles et documents scannés rendent les ressources inutilisables.",
                    "Prévoir des versions en langage simple ou FALC des contenus essentiels et les tester avec les "
                    "personnes concernées.",
                ),
            ),
            methods=(
                item(
                    "L'atelier de co-construction",
                    "Un format de deux à trois heures, en sous-groupes mixtes, autour d'une seule question.",
                    "Accueil, question du jour, production en sous-groupes, mise en commun, décisions : le déroulé "
                    "est toujours le même, ce qui rassure et fait gagner du temps.",
                ),
                item(
                    "Le maquettage papier",
                    "Dessiner les écrans à la main, avec des post-it pour les éléments mobiles.",
                    "Le papier met tout le monde à égalité, se modifie en quelques secondes et évite de s'attacher "
                    "trop tôt à une solution.",
                ),
                item(
                    "Le recueil des questions sur le terrain",
                    "Noter pendant quelques semaines les questions posées aux guichets et en accompagnement.",
                    "Les professionnels et les usagers relais consignent les questions avec leurs mots exacts. "
                    "Ce corpus nourrit la carte des questions.",
                ),
            ),
            resources=("methode-atelier-de-co-construction",),
        ),
        PhaseTemplate(
            slug="tests-et-ameliorations",
            title="Tests et améliorations",
            summary="Faire tester les premières versions par des usagers et les corriger jusqu'à ce qu'elles fonctionnent.",
            body=(
                "<p>Les premières versions de la plateforme et des outils sont mises entre les mains "
                "d'usagers qui n'ont pas participé à leur conception. Chaque difficulté observée donne lieu à "
                "une correction, puis à un nouveau test.</p>"
            ),
            stakes=(
                item(
                    "Vérifier que l'outil sert vraiment",
                    "Ce qui semble clair aux concepteurs ne l'est pas forcément pour les utilisateurs.",
                    "Les concepteurs, usagers compris, finissent par connaître l'outil par cœur. Seul un regard "
                    "neuf révèle les obstacles.",
                ),
                item(
                    "Associer les usagers à l'amélioration",
                    "Les testeurs ne sont pas des cobayes : leurs retours orientent les choix.",
                    "Le groupe projet examine les retours et décide des corrections ; les testeurs sont informés "
                    "de ce qui a changé grâce à eux.",
                ),
            ),
            objectives=(
                item(
                    "Tester avec au moins cinq usagers par profil",
                    "Cinq tests par public cible suffisent à repérer l'essentiel des difficultés.",
                    "Varier les profils : personnes peu familières du numérique, personnes en situation de "
                    "handicap, personnes maîtrisant mal le français écrit.",
                ),
                item(
                    "Corriger et retester",
                    "Chaque série de tests est suivie de corrections, puis d'une nouvelle série.",
                    "Deux ou trois itérations rapides valent mieux qu'un seul grand test en fin de projet.",
                ),
            ),
            vigilance_points=(
                item(
                    "Guider les testeurs",
                    "En aidant la personne qui teste, on masque les difficultés qu'elle rencontrerait seule.",
                    "L'observateur ne répond pas aux questions pendant le test ; il note les hésitations et en "
                    "discute à la fin.",
                ),
                item(
                    "La fracture numérique",
                    "Équipement, connexion et aisance numérique sont très inégaux parmi les usagers.",
                    "Tester sur téléphone autant que sur ordinateur, prévoir des relais humains (médiateurs "
                    "numériques, permanences) et une alternative non numérique pour contribuer.",
                ),
                item(
                    "Les retours qui se perdent",
                    "Des remarques notées sur des feuilles volantes ne sont jamais traitées.",
                    "Centraliser tous les retours dans un tableau unique, avec pour chacun la décision prise.",
                ),
            ),
            methods=(
                item(
                    "Le test utilisateur en binôme",
                    "Une personne utilise, une autre observe et note sans aider.",
                    "Trois tâches réalistes, la consigne de penser à voix haute, deux questions finales : le "
                    "protocole tient en trente minutes.",
                ),
                item(
                    "La revue des retours en groupe projet",
                    "Chaque retour est classé : à corriger maintenant, plus tard, ou pas (avec la raison).",
                    "La revue se fait en groupe mixte ; les décisions sont consignées et communiquées aux testeurs.",
                ),
            ),
            resources=("outil-protocole-de-test-avec-les-usagers",),
        ),
        PhaseTemplate(
            slug="experimentation-de-terrain",
            title="Expérimentation de terrain",
            summary="Faire vivre le dispositif en conditions réelles sur quelques sites pilotes.",
            body=(
                "<p>Le dispositif est lancé sur quelques sites (organismes, territoires, équipements) pendant "
                "plusieurs mois. Usagers relais et professionnels l'animent, recueillent les constats et "
                "propositions, et vérifient que les réponses reviennent.</p>"
            ),
            stakes=(
                item(
                    "Éprouver le circuit complet",
                    "De la question posée à la réponse reçue : tout doit fonctionner en vrai.",
                    "L'expérimentation vérifie non seulement l'outil, mais l'organisation qui l'entoure : "
                    "modération, réponse des services, retour aux personnes.",
                ),
                item(
                    "Faire vivre la communication sociale",
                    "Un dialogue permanent entre usagers, professionnels et décideurs, pas un événement ponctuel.",
                    "La plateforme ne vit que si elle est animée : sollicitations régulières, réponses visibles, "
                    "valorisation des initiatives et des bonnes pratiques.",
                ),
            ),
            objectives=(
                item(
                    "Lancer le dispositif sur deux à quatre sites pilotes",
                    "Des sites volontaires, divers, avec une équipe locale identifiée.",
                    "Chaque site désigne un référent professionnel et un ou deux usagers relais, formés à "
                    "l'animation du dispositif.",
                ),
                item(
                    "Répondre à chaque contribution",
                    "Aucune question ni proposition sans réponse dans le délai annoncé.",
                    "Le taux de réponse et le délai moyen sont suivis chaque mois et présentés au groupe projet.",
                ),
                item(
                    "Documenter l'expérimentation",
                    "Un journal de bord partagé nourrit le bilan et la décision de déploiement.",
                    "Les sites notent chaque semaine ce qui a été fait, ce qui marche, ce qui coince et les "
                    "ajustements décidés.",
                ),
            ),
            vigilance_points=(
                item(
                    "L'essoufflement après le lancement",
                    "L'enthousiasme des premières semaines retombe si personne n'anime.",
                    "Prévoir un calendrier d'animation (une sollicitation par mois, un temps fort par trimestre) "
                    "et du temps de travail dédié pour les référents.",
                ),
                item(
                    "La modération",
                    "Contributions hors sujet, propos blessants ou données personnelles exposées doivent être traités vite.",
                    "Définir des règles de modération publiques, confiées à un binôme professionnel-usager, avec "
                    "un délai de traitement.",
                ),
            ),
            methods=(
                item(
                    "Les usagers relais",
                    "Des usagers formés qui font connaître le dispositif et aident leurs pairs à contribuer.",
                    "Ils interviennent en salle d'attente, en session de formation ou en réunion de quartier, et "
                    "font remonter les questions de ceux qui n'utilisent pas la plateforme.",
                ),
                item(
                    "Le point mensuel inter-sites",
                    "Une heure par mois pour comparer les expériences des sites pilotes.",
                    "Chaque site présente ses chiffres et une réussite ; les difficultés communes remontent au "
                    "groupe projet.",
                ),
            ),
            resources=("outil-journal-d-experimentation", "tableau-vous-avez-dit-nous-avons-fait"),
        ),
        PhaseTemplate(
            slug="deploiement",
            title="Déploiement",
            summary="Étendre le dispositif à l'ensemble du territoire ou de la politique, et l'inscrire dans la durée.",
            body=(
                "<p>Fort du bilan de l'expérimentation, le dispositif s'étend à tous les sites. Il s'agit de "
                "transmettre la méthode, de former les équipes, et d'inscrire la participation dans le "
                "fonctionnement ordinaire de l'institution.</p>"
            ),
            stakes=(
                item(
                    "Garder l'esprit en changeant d'échelle",
                    "En se généralisant, la démarche risque de devenir une procédure de plus.",
                    "Chaque nouveau site doit vivre sa propre appropriation, avec ses usagers, plutôt que recevoir "
                    "un outil clés en main.",
                ),
                item(
                    "Pérenniser les moyens",
                    "Sans budget ni temps dédié, la participation s'éteint au premier changement d'équipe.",
                    "Le déploiement s'accompagne d'une inscription dans les documents de la politique publique "
                    "(schéma, convention, cahier des charges) et d'un budget pluriannuel.",
                ),
            ),
            objectives=(
                item(
                    "Former les équipes de chaque site",
                    "Référents et usagers relais formés ensemble à l'animation et à la réponse.",
                    "Une formation courte, mixte, animée avec des participants des sites pilotes qui témoignent "
                    "de leur expérience.",
                ),
                item(
                    "Diffuser les bonnes pratiques",
                    "Ce qui a marché sur un site profite aux autres.",
                    "Les pratiques remarquables sont décrites, publiées dans le centre de ressources et partagées "
                    "avec d'autres programmes.",
                ),
                item(
                    "Installer une évaluation continue",
                    "Quelques indicateurs suivis en continu et un bilan annuel partagé avec les usagers.",
                    "Taux de réponse, délai, engagements tenus, diversité des participants : les indicateurs sont "
                    "publiés et discutés chaque année.",
                ),
            ),
            vigilance_points=(
                item(
                    "Le turn-over des équipes",
                    "Les professionnels formés changent de poste et emportent la démarche avec eux.",
                    "Documenter la démarche, former en binômes, intégrer la participation dans l'accueil des "
                    "nouveaux arrivants.",
                ),
                item(
                    "Le calendrier institutionnel",
                    "Élections, réorganisations et renouvellements de marchés peuvent tout remettre en cause.",
                    "Anticiper ces échéances, associer les nouvelles équipes dès leur arrivée et faire valoir les "
                    "résultats obtenus.",
                ),
            ),
            methods=(
                item(
                    "Le compagnonnage entre sites",
                    "Chaque nouveau site est parrainé par un site pilote.",
                    "Le site parrain accueille une visite, partage ses outils et reste disponible pendant les "
                    "premiers mois.",
                ),
                item(
                    "La journée annuelle de la participation",
                    "Un temps fort où usagers, professionnels et décideurs de tous les sites se retrouvent.",
                    "On y présente le bilan « vous avez dit, nous avons fait », les bonnes pratiques de l'année et "
                    "les chantiers de l'année suivante.",
                ),
            ),
            resources=("tableau-vous-avez-dit-nous-avons-fait",),
        ),
    ),
)
