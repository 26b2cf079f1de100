"""Demo content of « Formation professionnelle — Région Sud »: the continuous improvement of
the regional vocational-training service with its trainees and apprentices.

Phases of the active cycle (template ``formation_professionnelle``), by position:
0 mobiliser stagiaires, apprentis et organismes · 1 recueillir les constats · 2 élaborer les
propositions avec les organismes et la Région · 3 mettre en œuvre et faire savoir ·
4 évaluer et capitaliser.
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

TEAM = "Équipe d'animation Formation Sud"
REGION = "Région Sud — Direction de la formation et de l'apprentissage"

THEMES = (
    DemoTheme(
        "accueil-et-integration",
        "Accueil et intégration",
        "Les premiers jours en formation : informations, repères, rencontre du groupe et des formateurs.",
    ),
    DemoTheme(
        "pedagogie-et-accompagnement",
        "Pédagogie et accompagnement",
        "Méthodes des formateurs, rythme, individualisation, soutien en cas de difficulté.",
    ),
    DemoTheme(
        "alternance-et-stages",
        "Alternance et stages en entreprise",
        "Périodes en entreprise, tutorat, lien entre l'organisme de formation et l'employeur.",
    ),
    DemoTheme(
        "remuneration-et-aides",
        "Rémunération, transport et aides",
        "Rémunération des stagiaires, trajets, aides au transport, à l'hébergement et à la restauration.",
    ),
    DemoTheme(
        "expression-des-stagiaires",
        "Expression et représentation des stagiaires",
        "Délégués, groupes d'expression, instances où la parole des stagiaires est portée.",
    ),
    DemoTheme(
        "insertion-et-emploi",
        "Insertion et accès à l'emploi",
        "Ce qui se passe après la formation : recherche d'emploi, poursuite de parcours, suivi.",
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
        slug="methode-delegues-de-stagiaires",
        kind="method",
        title="Élire et faire vivre des délégué·es de stagiaires",
        summary=(
            "Comment organiser l'élection de délégué·es dans chaque promotion, les préparer à leur rôle "
            "et leur laisser du temps pour recueillir la parole du groupe."
        ),
        body=(
            "<p>Dans la démarche d'amélioration continue, les délégué·es sont le relais entre leur promotion, "
            "l'organisme de formation et la Région. Leur rôle n'est pas de tout régler : il est de faire "
            "remonter ce que vit le groupe, et de redescendre les réponses.</p>"
            "<h3>Les étapes</h3><ol>"
            "<li><strong>Semaine 2</strong> : présentation du rôle en promotion, appel à candidatures (binôme "
            "titulaire et suppléant·e, de préférence mixte).</li>"
            "<li><strong>Semaine 3</strong> : élection à bulletin secret, pendant le temps de formation.</li>"
            "<li><strong>Semaine 4</strong> : demi-journée de préparation avec l'animateur·rice régional·e "
            "(écouter sans juger, reformuler, distinguer un constat d'une plainte personnelle).</li>"
            "<li><strong>Chaque mois</strong> : 30 minutes banalisées dans l'emploi du temps pour le point "
            "délégué·es–groupe, puis 30 minutes avec la coordination pédagogique.</li></ol>"
            "<h3>Points de vigilance</h3><ul>"
            "<li>Le temps de délégation est du temps de formation : il ne se rattrape pas le soir.</li>"
            "<li>Un·e délégué·e n'est pas un·e porte-parole des conflits individuels.</li></ul>"
        ),
        themes=("expression-des-stagiaires", "accueil-et-integration"),
        audiences=(FACILITATORS, PROFESSIONALS, CITIZENS),
        phases=(0, 1),
        author=TEAM,
    ),
    DemoResource(
        slug="methode-arbre-a-problemes",
        kind="method",
        title="L'arbre à problèmes : passer des constats aux causes",
        summary=(
            "Une technique d'animation visuelle pour remonter d'un constat partagé (« on décroche l'après-midi ») "
            "à ses causes, avant de chercher des solutions."
        ),
        body=(
            "<p>On dessine un arbre au tableau. Le tronc porte le problème formulé par le groupe, les racines "
            "ses causes, les branches ses conséquences. Chaque participant·e écrit sur des post-it ; on classe "
            "ensemble.</p>"
            "<p>Exemple travaillé avec une promotion de préparateurs de commandes à Avignon : le tronc « On "
            "n'arrive pas à suivre l'après-midi » a fait apparaître des racines très concrètes — pause déjeuner "
            "de 30 minutes sans micro-ondes, trajets de plus d'une heure, théorie concentrée en fin de "
            "journée.</p>"
            "<h3>Déroulé (1 h 30)</h3><ul>"
            "<li>15 min : formuler le problème en une phrase que tout le monde accepte.</li>"
            "<li>30 min : racines, en silence puis à voix haute.</li>"
            "<li>20 min : branches (ce que ça produit).</li>"
            "<li>25 min : choisir deux racines sur lesquelles l'organisme ou la Région peuvent agir.</li></ul>"
        ),
        themes=("pedagogie-et-accompagnement",),
        audiences=(FACILITATORS,),
        phases=(1, 2),
        licence=CC_BY_SA,
        provenance="adapted",
        source="Adapté des outils de planification participative (arbre à problèmes), domaine public.",
        author=TEAM,
    ),
    DemoResource(
        slug="methode-world-cafe-stagiaires-organismes",
        kind="method",
        title="World café stagiaires, organismes et Région",
        summary=(
            "Réunir dans une même salle des stagiaires, des responsables d'organismes et des agents de la Région "
            "autour de petites tables pour transformer les constats en propositions."
        ),
        body=(
            "<p>Le world café casse la disposition « tribune face à la salle ». Chaque table de 5 à 6 personnes "
            "mélange les statuts et traite une question ; toutes les 20 minutes, on change de table sauf "
            "l'hôte, qui résume ce qui a été dit.</p>"
            "<h3>Questions utilisées lors de l'atelier de mars 2026 à Marseille</h3><ul>"
            "<li>Qu'est-ce qui aiderait un·e stagiaire qui vient de loin à tenir jusqu'au bout ?</li>"
            "<li>Comment mieux préparer la première période en entreprise ?</li>"
            "<li>Que devrait savoir un·e stagiaire le premier jour, qu'on lui dit trop tard ?</li></ul>"
            "<p>La restitution finale se fait en propositions rédigées avec le verbe à l'infinitif et un "
            "destinataire : « Prévoir… (organisme) », « Étudier… (Région) ».</p>"
        ),
        themes=("expression-des-stagiaires",),
        audiences=(FACILITATORS, PROFESSIONALS, DECISION_MAKERS),
        phases=(2,),
        provenance="adapted",
        source="The World Café Community Foundation, adapté par l'équipe régionale.",
        author=TEAM,
        licence=CC_BY_NC_SA,
    ),
    DemoResource(
        slug="methode-quart-d-heure-ce-qui-a-change",
        kind="method",
        title="Le quart d'heure « ce qui a changé »",
        summary=(
            "Un rituel court, en début de séance, où la coordination pédagogique présente aux stagiaires les "
            "réponses apportées à leurs propositions."
        ),
        body=(
            "<p>Les stagiaires quittent souvent la formation avant que leurs propositions n'aboutissent. Le "
            "quart d'heure « ce qui a changé » les rend visibles à ceux qui sont encore là, et aux promotions "
            "suivantes.</p>"
            "<ul><li>Une fois par mois, 15 minutes, en début de matinée.</li>"
            "<li>Trois colonnes au tableau : <em>vous avez dit</em>, <em>nous avons fait</em>, <em>pas "
            "possible, parce que</em>.</li>"
            "<li>La dernière colonne compte autant que les autres : expliquer un refus, c'est reconnaître la "
            "proposition.</li></ul>"
        ),
        themes=("expression-des-stagiaires", "retour-aux-participants"),
        audiences=(PROFESSIONALS, FACILITATORS),
        phases=(3,),
        author=TEAM,
    ),
    DemoResource(
        slug="methode-entretien-de-fin-de-formation",
        kind="method",
        title="L'entretien de fin de formation centré sur l'expérience vécue",
        summary=(
            "Une trame d'entretien de 20 minutes pour recueillir, à la sortie, ce que le ou la stagiaire retient "
            "de son parcours — au-delà de la satisfaction."
        ),
        body=(
            "<p>Les questionnaires de satisfaction mesurent une note ; l'entretien cherche des faits. Il est "
            "conduit par une personne qui n'a pas été formatrice du ou de la stagiaire.</p>"
            "<h3>Cinq questions</h3><ol>"
            "<li>Racontez-moi un moment où vous avez eu le sentiment de progresser.</li>"
            "<li>Un moment où vous avez pensé abandonner : qu'est-ce qui vous a fait rester ?</li>"
            "<li>Qu'est-ce que vous auriez voulu savoir avant d'entrer en formation ?</li>"
            "<li>Qu'avez-vous proposé pendant la formation ? Qu'en avez-vous su ?</li>"
            "<li>Que diriez-vous à quelqu'un qui hésite à s'inscrire ?</li></ol>"
        ),
        themes=("pedagogie-et-accompagnement", "insertion-et-emploi"),
        audiences=(PROFESSIONALS,),
        phases=(1, 4),
        author=TEAM,
    ),
    # --- outils -----------------------------------------------------------------------------
    DemoResource(
        slug="outil-boite-a-idees-en-salle-et-en-ligne",
        kind="tool",
        title="Boîte à idées en salle et en ligne",
        summary=(
            "Deux portes d'entrée pour la même boîte : des fiches papier dans chaque salle et le formulaire de la "
            "plateforme, relevés chaque semaine par les délégué·es."
        ),
        body=(
            "<p>Tout le monde n'écrit pas en ligne, et tout le monde n'ose pas parler en groupe. La boîte à "
            "idées double offre une troisième voie, anonyme si on le souhaite.</p>"
            "<ul><li>Les fiches papier reprennent les trois questions du formulaire : <em>ce que j'ai "
            "constaté</em>, <em>ce que je propose</em>, <em>qui pourrait agir</em>.</li>"
            "<li>Les délégué·es saisissent les fiches papier sur la plateforme (option « déposé pour le "
            "groupe »).</li>"
            "<li>Chaque contribution reçoit un accusé de lecture sous huit jours.</li></ul>"
        ),
        themes=("expression-des-stagiaires", "accessibilite"),
        audiences=(CITIZENS, FACILITATORS),
        phases=(1,),
        author=TEAM,
    ),
    DemoResource(
        slug="outil-fiche-navette-organisme-region",
        kind="tool",
        title="Fiche navette organisme – Région",
        summary=(
            "Une fiche par proposition, qui circule entre l'organisme de formation et le service de la Région "
            "jusqu'à la réponse écrite, avec les dates de chaque passage."
        ),
        body=(
            "<p>La fiche navette évite qu'une proposition ne se perde entre deux interlocuteurs. Elle indique "
            "qui peut agir : l'organisme seul, la Région seule, ou les deux.</p>"
            "<h3>Rubriques</h3><ul>"
            "<li>Proposition, dans les mots des stagiaires.</li>"
            "<li>Relevé par (promotion, site, date).</li>"
            "<li>Analyse de l'organisme : faisable / à étudier / hors de notre champ.</li>"
            "<li>Avis de la Région et décision.</li>"
            "<li>Réponse aux stagiaires : date, forme (affichage, quart d'heure, plateforme).</li></ul>"
        ),
        themes=("retour-aux-participants",),
        audiences=(PROFESSIONALS, DECISION_MAKERS),
        phases=(2, 3),
        author=REGION,
        licence=ETALAB,
    ),
    DemoResource(
        slug="outil-calendrier-annuel-du-cycle",
        kind="tool",
        title="Calendrier annuel du cycle d'amélioration continue",
        summary=(
            "Les grands rendez-vous de l'année : élections des délégué·es, ateliers territoriaux, comité régional "
            "de suivi, bilan — calés sur les entrées en formation."
        ),
        body=(
            "<p>Les entrées en formation s'étalent sur l'année ; le calendrier prévoit donc deux vagues "
            "(septembre et février) pour que chaque promotion vive au moins un temps fort.</p>"
            "<ul><li><strong>Septembre–octobre</strong> : élections, préparation des délégué·es.</li>"
            "<li><strong>Novembre</strong> : ateliers territoriaux (Marseille, Nice, Toulon, Avignon, Gap).</li>"
            "<li><strong>Février–mars</strong> : deuxième vague d'élections et ateliers.</li>"
            "<li><strong>Juin</strong> : comité régional de suivi, réponses de la Région.</li>"
            "<li><strong>Juillet</strong> : bilan et publication « vous avez dit, nous avons fait ».</li></ul>"
        ),
        themes=("expression-des-stagiaires",),
        audiences=(FACILITATORS, PROFESSIONALS, DECISION_MAKERS),
        phases=(0,),
        author=TEAM,
    ),
    DemoResource(
        slug="outil-carte-des-difficultes-de-transport",
        kind="tool",
        title="Carte des difficultés de transport et d'hébergement",
        summary=(
            "Un atelier cartographique : chaque stagiaire place son trajet sur une carte du territoire, ce qui "
            "rend visibles les zones blanches et les temps de parcours."
        ),
        body=(
            "<p>Dans les Hautes-Alpes comme dans l'arrière-pays varois, le trajet est souvent la première cause "
            "d'abandon. La carte transforme des situations individuelles en constat collectif, qu'on peut "
            "porter auprès de la Région et des autorités organisatrices des transports.</p>"
            "<ul><li>Matériel : carte du département au format A0, gommettes de trois couleurs (moins de "
            "30 min, 30 à 60 min, plus d'une heure).</li>"
            "<li>Relevé : photo de la carte et tableau des trajets, sans nom.</li></ul>"
        ),
        themes=("remuneration-et-aides",),
        audiences=(FACILITATORS, DECISION_MAKERS),
        phases=(1,),
        author=TEAM,
    ),
    DemoResource(
        slug="outil-indicateurs-amelioration-continue",
        kind="tool",
        title="Tableau d'indicateurs de l'amélioration continue",
        summary=(
            "Une dizaine d'indicateurs simples, suivis par site : taux de réponse aux propositions, délai moyen "
            "de réponse, abandons, participation aux élections."
        ),
        body=(
            "<p>Les indicateurs servent au pilotage, pas au classement des organismes. Ils sont présentés au "
            "comité régional avec les commentaires des délégué·es.</p>"
            "<ul><li>Propositions reçues, propositions ayant reçu une réponse écrite, délai médian.</li>"
            "<li>Part des propositions « réalisées », « engagées », « pas possible, parce que ».</li>"
            "<li>Participation aux élections de délégué·es.</li>"
            "<li>Abandons dans les trois premières semaines.</li></ul>"
        ),
        themes=("expression-des-stagiaires", "retour-aux-participants"),
        audiences=(DECISION_MAKERS, PROFESSIONALS),
        phases=(4,),
        author=REGION,
        licence=ETALAB,
    ),
    # --- guides -----------------------------------------------------------------------------
    DemoResource(
        slug="guide-premiere-seance-avec-une-promotion",
        kind="guide",
        title="Guide de l'animateur : la première séance avec une promotion",
        summary=("Présenter la démarche en une heure, sans jargon, et repartir avec les premiers constats du groupe."),
        body=(
            "<p>La première séance conditionne la suite : si le groupe n'en voit pas l'utilité, il ne "
            "reviendra pas. Trois messages suffisent.</p>"
            "<ol><li><strong>Votre avis compte</strong>, et voici ce qui a déjà changé grâce aux promotions "
            "précédentes (montrer deux exemples concrets).</li>"
            "<li><strong>Tout ne sera pas possible</strong>, mais tout recevra une réponse.</li>"
            "<li><strong>Vous choisissez</strong> vos délégué·es et ce que vous faites remonter.</li></ol>"
            "<p>Terminer par un tour de table rapide : « une chose qui m'aide, une chose qui me freine "
            "depuis le début de la formation ».</p>"
        ),
        themes=("accueil-et-integration", "expression-des-stagiaires"),
        audiences=(FACILITATORS,),
        phases=(0, 1),
        author=TEAM,
    ),
    DemoResource(
        slug="guide-droits-et-devoirs-du-stagiaire",
        kind="guide",
        title="Vos droits et vos devoirs de stagiaire",
        summary="Ce que vous pouvez demander, ce que l'on attend de vous, et à qui vous adresser. En mots simples.",
        body=(
            "<p>Vous êtes stagiaire de la formation professionnelle. Vous avez des droits.</p>"
            "<ul><li>Vous recevez le programme de la formation et le règlement intérieur.</li>"
            "<li>Vous pouvez être rémunéré·e. Demandez à l'organisme comment faire.</li>"
            "<li>Vous pouvez élire des délégué·es et être délégué·e.</li>"
            "<li>Vous pouvez donner votre avis. On doit vous répondre.</li></ul>"
            "<p>Vous avez aussi des devoirs.</p>"
            "<ul><li>Vous venez en formation aux heures prévues.</li>"
            "<li>Vous prévenez si vous êtes absent·e.</li>"
            "<li>Vous respectez les autres personnes.</li></ul>"
            "<p>Une question ? Parlez-en à votre délégué·e ou au secrétariat de l'organisme.</p>"
        ),
        themes=("accueil-et-integration", "accessibilite"),
        audiences=(CITIZENS,),
        phases=(0,),
        reading_level=FALC,
        author=TEAM,
        licence=CC_BY,
    ),
    DemoResource(
        slug="guide-aides-transport-hebergement-restauration",
        kind="guide",
        title="Aides au transport, à l'hébergement et à la restauration : qui fait quoi",
        summary=(
            "Un tableau des aides possibles pendant une formation financée par la Région, avec les démarches et "
            "les délais à prévoir."
        ),
        body=(
            "<p>Les aides existent mais sont mal connues : lors de l'atelier de Gap, un tiers des stagiaires "
            "présents ignoraient qu'ils pouvaient y prétendre. Ce guide rassemble les principales.</p>"
            "<ul><li><strong>Rémunération</strong> : selon votre situation, par la Région ou par France "
            "Travail. La demande se fait dès l'entrée en formation.</li>"
            "<li><strong>Transport</strong> : aides régionales selon la distance, gratuité ou réduction sur le "
            "réseau régional pour certains publics.</li>"
            "<li><strong>Hébergement</strong> : places en foyer de jeunes travailleurs, aides ponctuelles.</li>"
            "<li><strong>Restauration</strong> : accès au restaurant d'entreprise ou au restaurant "
            "universitaire selon les sites.</li></ul>"
            "<p>Les montants et conditions évoluent : vérifiez toujours auprès de votre organisme.</p>"
        ),
        themes=("remuneration-et-aides",),
        audiences=(CITIZENS, PROFESSIONALS),
        phases=(1, 3),
        reading_level=SIMPLIFIED,
        author=REGION,
        licence=ETALAB,
    ),
    DemoResource(
        slug="guide-apprenti-premier-mois-en-entreprise",
        kind="guide",
        title="Apprenti·e : réussir son premier mois en entreprise",
        summary=(
            "Les conseils des apprenti·es de deuxième année à ceux qui commencent : horaires, tenue, maître "
            "d'apprentissage, et quoi faire quand ça coince."
        ),
        body=(
            "<p>Ce guide a été écrit par des apprenti·es de deuxième année de trois CFA de la région, lors "
            "d'ateliers d'écriture.</p>"
            "<blockquote>« Le premier jour, note le prénom de tout le monde. Le deuxième jour, tu les "
            "connais. »</blockquote>"
            "<ul><li>Demande un planning écrit des deux premières semaines.</li>"
            "<li>Ton maître ou ta maîtresse d'apprentissage est ton premier interlocuteur : fixe un point "
            "chaque vendredi.</li>"
            "<li>Si ça se passe mal, préviens ton référent au CFA avant que ça ne s'envenime.</li></ul>"
        ),
        themes=("alternance-et-stages", "accueil-et-integration"),
        audiences=(CITIZENS,),
        phases=(0,),
        reading_level=SIMPLIFIED,
        author="Apprenti·es de 2ᵉ année de trois CFA de la Région Sud",
        licence=CC_BY_NC_SA,
    ),
    # --- documents --------------------------------------------------------------------------
    DemoResource(
        slug="synthese-regionale-des-constats-2025",
        kind="document",
        title="Synthèse régionale des constats 2025",
        summary=(
            "412 contributions de stagiaires et d'apprentis, regroupées en huit grands constats, avec les "
            "verbatims les plus représentatifs."
        ),
        body=(
            "<p>La synthèse couvre les contributions recueillies entre septembre 2024 et juin 2025 dans "
            "47 organismes de formation et 9 CFA.</p>"
            "<h3>Les trois constats les plus partagés</h3><ol>"
            "<li>Les informations pratiques arrivent trop tard (rémunération, aides, planning des stages).</li>"
            "<li>Les trajets pèsent lourd, en particulier dans les Alpes-de-Haute-Provence et les "
            "Hautes-Alpes.</li>"
            "<li>La première période en entreprise est mal préparée.</li></ol>"
            "<p>Chaque constat est accompagné des propositions formulées par les groupes, transmises au "
            "comité régional de suivi.</p>"
        ),
        themes=("expression-des-stagiaires", "remuneration-et-aides"),
        audiences=(DECISION_MAKERS, PROFESSIONALS),
        phases=(1, 2),
        author=TEAM,
        licence=ETALAB,
    ),
    DemoResource(
        slug="reponses-de-la-region-aux-propositions-2025",
        kind="document",
        title="Réponses de la Région aux propositions 2025",
        summary=(
            "Les 38 propositions étudiées par le comité régional de suivi, et pour chacune : ce qui a été "
            "décidé, par qui, dans quel délai — ou pourquoi ce n'est pas possible."
        ),
        body=(
            "<p>Sur 38 propositions : 17 réalisées ou en cours, 9 à l'étude, 12 non retenues avec une "
            "explication.</p>"
            "<h3>Exemples</h3><ul>"
            "<li><strong>Vous avez dit</strong> : « On apprend nos dates de stage une semaine avant. » "
            "<strong>Nous avons fait</strong> : le calendrier des périodes en entreprise figure désormais dans "
            "le livret d'accueil remis le premier jour.</li>"
            "<li><strong>Vous avez dit</strong> : « La rémunération arrive après deux mois. » "
            "<strong>Nous avons fait</strong> : dossier dématérialisé, délai ramené à cinq semaines en "
            "moyenne.</li>"
            "<li><strong>Pas possible, parce que</strong> : la gratuité totale des transports pour tous les "
            "stagiaires dépasse les compétences de la Région ; une aide renforcée est étudiée pour les trajets "
            "de plus de 40 km.</li></ul>"
        ),
        themes=("retour-aux-participants", "remuneration-et-aides"),
        audiences=(CITIZENS, PROFESSIONALS, DECISION_MAKERS),
        phases=(3,),
        author=REGION,
        licence=ETALAB,
    ),
    DemoResource(
        slug="bilan-mi-parcours-de-la-demarche",
        kind="document",
        title="Bilan à mi-parcours de la démarche d'amélioration continue",
        summary="Premier bilan après deux années : ce qui fonctionne, ce qui reste fragile, les pistes pour la suite.",
        body=(
            "<p><em>Document de travail, en cours de relecture par le comité de pilotage.</em></p>"
            "<p>Points forts : la régularité des élections de délégué·es, la fiche navette, les réponses "
            "écrites. Points fragiles : l'implication inégale des organismes, la continuité quand une "
            "promotion se termine, l'accès des apprenti·es aux temps collectifs.</p>"
        ),
        themes=("expression-des-stagiaires",),
        audiences=(DECISION_MAKERS, PROFESSIONALS),
        phases=(4,),
        author=TEAM,
        status=DRAFT,
    ),
    DemoResource(
        slug="compte-rendu-comite-regional-de-suivi-2026",
        kind="document",
        title="Compte rendu du comité régional de suivi — juin 2026",
        summary=(
            "Délégué·es de stagiaires, directions d'organismes et élu·es régionaux ont examiné 14 propositions : "
            "décisions et calendrier."
        ),
        body=(
            "<p>Le comité s'est réuni le 18 juin 2026 à l'Hôtel de Région, à Marseille, avec 11 délégué·es "
            "de stagiaires et d'apprenti·es venus de cinq départements.</p>"
            "<ul><li>Livret d'accueil commun à tous les organismes : adopté, diffusion en septembre.</li>"
            "<li>Micro-ondes et espace repas sur chaque site : recensement des besoins d'ici octobre.</li>"
            "<li>Permanence mobilité dans les Hautes-Alpes : expérimentation à Gap et Briançon.</li></ul>"
            "<p>Prochain comité : décembre 2026.</p>"
        ),
        themes=("retour-aux-participants", "expression-des-stagiaires"),
        audiences=(CITIZENS, PROFESSIONALS, DECISION_MAKERS),
        phases=(3,),
        author=REGION,
        licence=ETALAB,
    ),
    # --- vidéos -----------------------------------------------------------------------------
    DemoResource(
        slug="video-se-former-loin-de-chez-soi-a-gap",
        kind="video",
        title="Paroles de stagiaires : se former loin de chez soi, à Gap",
        summary=(
            "Six minutes avec quatre stagiaires en formation d'agent·e de service médico-social, qui racontent "
            "leurs trajets, leurs astuces et ce qu'ils ont proposé."
        ),
        body=(
            "<p>Tourné et monté par les stagiaires eux-mêmes lors d'un atelier vidéo de trois jours, selon la "
            "démarche d'automédiatisation : ce sont eux qui choisissent ce qu'ils montrent et ce qu'ils "
            "disent.</p>"
            "<p>Sous-titres disponibles. Durée : 6 min 12.</p>"
        ),
        themes=("remuneration-et-aides", "expression-des-stagiaires"),
        audiences=(CITIZENS, DECISION_MAKERS),
        phases=(1,),
        external_url="https://videos.example.org/formation-sud/se-former-loin-de-chez-soi",
        author="Stagiaires du site de Gap, avec l'équipe d'animation",
        licence=CC_BY_NC_SA,
    ),
    DemoResource(
        slug="video-on-nous-a-ecoutes-apprentis-btp-toulon",
        kind="video",
        title="« On nous a écoutés » : des apprentis du BTP à Toulon",
        summary=(
            "Des apprentis maçons et électriciens expliquent ce qui a changé dans leur CFA après leurs "
            "propositions sur les horaires et l'équipement."
        ),
        body=(
            "<p>Les apprentis avaient demandé que les cours théoriques ne soient plus placés le vendredi "
            "après-midi, après une semaine de chantier, et que les tenues de travail soient prêtées pour les "
            "ateliers. Un an après, ils font le point.</p><p>Durée : 4 min 40.</p>"
        ),
        themes=("alternance-et-stages", "retour-aux-participants"),
        audiences=(CITIZENS, PROFESSIONALS),
        phases=(3,),
        external_url="https://videos.example.org/formation-sud/on-nous-a-ecoutes",
        author="Apprentis du CFA du BTP de Toulon",
        licence=CC_BY_NC_SA,
        status=SCHEDULED,
        schedule_in_days=10,
    ),
    DemoResource(
        slug="video-tutoriel-deposer-une-proposition",
        kind="video",
        title="Tutoriel : déposer une proposition sur la plateforme",
        summary="En deux minutes, comment écrire et envoyer une proposition, seul ou pour votre groupe.",
        body=(
            "<p>La vidéo montre, écran par écran, comment déposer une proposition depuis un téléphone.</p>"
            "<ol><li>Ouvrir la plateforme et choisir « Je propose ».</li>"
            "<li>Écrire ce que vous avez constaté.</li>"
            "<li>Écrire ce que vous proposez.</li>"
            "<li>Envoyer. Vous recevez une réponse sous huit jours.</li></ol>"
        ),
        themes=("expression-des-stagiaires", "accessibilite"),
        audiences=(CITIZENS,),
        phases=(1,),
        reading_level=FALC,
        external_url="https://videos.example.org/formation-sud/tutoriel-proposition",
        author=TEAM,
        licence=CC_BY,
    ),
    # --- liens ------------------------------------------------------------------------------
    DemoResource(
        slug="lien-region-sud-formation",
        kind="link",
        title="Région Sud : se former, trouver une formation",
        summary="Le site de la Région : offre de formation, rémunération des stagiaires, aides régionales.",
        body="<p>Point d'entrée officiel pour l'offre de formation financée par la Région Provence-Alpes-Côte d'Azur.</p>",
        themes=("remuneration-et-aides", "insertion-et-emploi"),
        audiences=(CITIZENS, PROFESSIONALS),
        phases=(0,),
        external_url="https://www.maregionsud.fr/",
        provenance="imported",
        source="maregionsud.fr",
        author="Région Provence-Alpes-Côte d'Azur",
        licence=ALL_RIGHTS,
    ),
    DemoResource(
        slug="lien-france-travail",
        kind="link",
        title="France Travail : formations et accompagnement",
        summary="Inscription, rémunération pendant la formation, recherche d'emploi à la sortie.",
        body="<p>Le site de France Travail, pour les démarches liées à la rémunération et à l'emploi.</p>",
        themes=("insertion-et-emploi", "remuneration-et-aides"),
        audiences=(CITIZENS,),
        phases=(0, 4),
        external_url="https://www.francetravail.fr/",
        provenance="imported",
        source="francetravail.fr",
        author="France Travail",
        licence=ALL_RIGHTS,
    ),
    DemoResource(
        slug="lien-mon-compte-formation",
        kind="link",
        title="Mon compte formation",
        summary="Consulter ses droits à la formation et poursuivre son parcours après la formation.",
        body="<p>Le service public pour consulter et utiliser son compte personnel de formation.</p>",
        themes=("insertion-et-emploi",),
        audiences=(CITIZENS,),
        phases=(4,),
        external_url="https://www.moncompteformation.gouv.fr/",
        provenance="imported",
        source="moncompteformation.gouv.fr",
        author="Caisse des Dépôts",
        licence=ETALAB,
    ),
    # --- modèles ----------------------------------------------------------------------------
    DemoResource(
        slug="modele-questionnaire-mi-parcours-facile-a-lire",
        kind="template",
        title="Questionnaire de mi-parcours, facile à lire",
        summary="Huit questions courtes, avec des pictogrammes, pour faire le point au milieu de la formation.",
        body=(
            "<p>Répondez seul·e ou avec l'aide d'une personne de votre choix.</p><ol>"
            "<li>Je comprends ce qu'on m'apprend. Oui / Un peu / Non</li>"
            "<li>Le rythme me convient. Oui / Un peu / Non</li>"
            "<li>Je sais à qui parler si j'ai un problème. Oui / Non</li>"
            "<li>Le trajet est facile pour moi. Oui / Un peu / Non</li>"
            "<li>Je connais les dates de mon stage. Oui / Non</li>"
            "<li>Je suis payé·e à temps. Oui / Non / Je ne sais pas</li>"
            "<li>Une chose qui m'aide : …</li>"
            "<li>Une chose à changer : …</li></ol>"
        ),
        themes=("accessibilite", "pedagogie-et-accompagnement"),
        audiences=(CITIZENS, FACILITATORS),
        phases=(1,),
        reading_level=FALC,
        author=TEAM,
        licence=CC_BY_SA,
    ),
    DemoResource(
        slug="modele-compte-rendu-de-groupe-d-expression",
        kind="template",
        title="Modèle de compte rendu de groupe d'expression",
        summary=(
            "Une page, trois rubriques : ce que le groupe constate, ce qu'il propose, à qui. Validé par le groupe "
            "avant d'être transmis."
        ),
        body=(
            "<p>Le compte rendu est écrit pendant la séance, projeté et relu à voix haute. Rien n'est transmis "
            "sans l'accord du groupe.</p>"
            "<ul><li>Date, site, promotion, nombre de participant·es.</li>"
            "<li>Constats (avec les mots des stagiaires).</li>"
            "<li>Propositions, chacune avec un destinataire.</li>"
            "<li>Questions en suspens pour la prochaine séance.</li></ul>"
        ),
        themes=("expression-des-stagiaires",),
        audiences=(FACILITATORS,),
        phases=(1, 2),
        author=TEAM,
    ),
    DemoResource(
        slug="modele-reponse-ecrite-organisme-aux-stagiaires",
        kind="template",
        title="Modèle de réponse écrite d'un organisme aux stagiaires",
        summary="Une lettre type pour répondre à une proposition, y compris quand la réponse est non.",
        body=(
            "<p><em>Brouillon soumis aux organismes pour avis.</em></p>"
            "<p>« Vous nous avez proposé … le … Voici ce que nous avons décidé : … Ce sera fait d'ici … / Nous "
            "ne pouvons pas le faire, parce que … En revanche, nous vous proposons … »</p>"
        ),
        themes=("retour-aux-participants",),
        audiences=(PROFESSIONALS,),
        phases=(3,),
        author=TEAM,
        status=DRAFT,
    ),
    # --- témoignages ------------------------------------------------------------------------
    DemoResource(
        slug="temoignage-karima-formation-aide-soignante",
        kind="testimony",
        title="Karima, en formation d'aide-soignante à Marseille",
        summary="« J'ai été déléguée. Au début, je pensais que ça ne servirait à rien. »",
        body=(
            "<p>Karima a 34 ans. Elle a repris une formation après dix ans comme agente d'entretien.</p>"
            "<blockquote>« Au début, je pensais que ça ne servirait à rien. On a demandé que les stages soient "
            "annoncés plus tôt, parce que moi je dois faire garder mes enfants. Trois mois après, la directrice "
            "est venue nous dire que c'était changé pour la promo suivante. Pour nous c'était trop tard, mais "
            "j'étais fière. »</blockquote>"
        ),
        themes=("expression-des-stagiaires", "alternance-et-stages"),
        audiences=(CITIZENS, PROFESSIONALS),
        phases=(1, 3),
        author="Karima B., stagiaire (propos recueillis par l'équipe d'animation)",
        licence=CC_BY_NC_SA,
    ),
    DemoResource(
        slug="temoignage-formatrice-avignon",
        kind="testimony",
        title="Une formatrice d'Avignon : « J'ai changé ma façon d'ouvrir la journée »",
        summary="Comment les retours des stagiaires ont modifié ses pratiques pédagogiques.",
        body=(
            "<p>Formatrice en logistique depuis quinze ans, Sophie a d'abord vécu la démarche comme un "
            "contrôle.</p>"
            "<blockquote>« Le constat “on décroche l'après-midi”, je l'ai pris pour moi. Puis on a fait "
            "l'arbre à problèmes et j'ai vu que c'était le rythme, pas moi. Maintenant je garde la pratique "
            "l'après-midi et je commence chaque matin par dix minutes sur ce qui bloque. »</blockquote>"
        ),
        themes=("pedagogie-et-accompagnement",),
        audiences=(PROFESSIONALS, FACILITATORS),
        phases=(3,),
        author="Sophie L., formatrice",
        licence=CC_BY_NC_SA,
    ),
    DemoResource(
        slug="temoignage-directeur-cfa-nice",
        kind="testimony",
        title="Le directeur d'un CFA niçois sur les délégué·es d'apprentis",
        summary="« Les délégués voient ce que nous ne voyons pas : ce qui se passe entre le CFA et l'entreprise. »",
        body=(
            "<p>Deux ans après l'installation des délégué·es d'apprentis, le directeur du CFA fait le "
            "bilan.</p>"
            "<blockquote>« Nous avions des indicateurs de réussite aux examens, pas d'indicateurs sur ce que "
            "vivent les jeunes. Les délégués nous ont alertés sur des ruptures de contrat évitables. Nous "
            "avons mis en place une visite en entreprise dès le premier mois. »</blockquote>"
        ),
        themes=("alternance-et-stages", "expression-des-stagiaires"),
        audiences=(DECISION_MAKERS, PROFESSIONALS),
        phases=(4,),
        author="Direction d'un CFA des Alpes-Maritimes",
        licence=CC_BY_NC_SA,
    ),
)

PAGES = (
    DemoPage(
        slug="le-projet",
        title="Le projet",
        summary=(
            "Améliorer en continu la formation professionnelle en Région Sud, avec celles et ceux qui la "
            "suivent : stagiaires et apprenti·es."
        ),
        body=(
            "<p>Chaque année, des dizaines de milliers de personnes suivent une formation financée par la "
            "Région Sud. Elles savent mieux que quiconque ce qui les aide à apprendre et ce qui les en "
            "empêche.</p>"
            "<p>Cette plateforme organise un dialogue permanent entre stagiaires, organismes de formation et "
            "Région : les constats et propositions remontent, les réponses redescendent, et chacun peut voir "
            "ce qui a changé.</p>"
        ),
        children=(
            DemoPage(
                slug="qui-sommes-nous",
                title="Qui sommes-nous ?",
                summary="Un groupe projet mixte : stagiaires, délégué·es, organismes, CFA et agents de la Région.",
                body=(
                    "<p>La démarche est pilotée par un groupe projet mixte qui se réunit tous les deux mois. Il "
                    "réunit des délégué·es de stagiaires et d'apprenti·es, des responsables pédagogiques "
                    "d'organismes de formation et de CFA, et des agents de la Direction de la formation de la "
                    "Région.</p>"
                    "<p>L'animation est confiée à une équipe indépendante, formée à la démarche "
                    "d'i-médiatisation, qui garantit que chaque voix compte autant.</p>"
                ),
            ),
            DemoPage(
                slug="charte-de-participation",
                title="Charte de participation",
                summary="Les règles que nous nous sommes données pour que la parole des stagiaires soit utile.",
                body=(
                    "<ul><li>Chacun parle en son nom ; on ne juge pas les personnes.</li>"
                    "<li>Ce qui est dit de personnel reste dans le groupe.</li>"
                    "<li>Toute proposition reçoit une réponse écrite, même quand c'est non.</li>"
                    "<li>Le temps de participation est du temps de formation.</li>"
                    "<li>On peut arrêter de participer à tout moment, sans conséquence.</li></ul>"
                ),
            ),
        ),
    ),
    DemoPage(
        slug="comment-participer",
        title="Comment participer ?",
        summary="Trois façons de faire entendre votre avis, seul·e ou avec votre groupe.",
        body=(
            "<ol><li><strong>En ligne</strong> : déposez un constat ou une proposition sur cette "
            "plateforme.</li>"
            "<li><strong>En salle</strong> : glissez une fiche dans la boîte à idées de votre site.</li>"
            "<li><strong>Avec vos délégué·es</strong> : ils recueillent l'avis du groupe chaque mois.</li></ol>"
            "<p>Vous recevez un accusé de lecture sous huit jours, puis la réponse dès qu'elle est "
            "décidée.</p>"
        ),
        children=(
            DemoPage(
                slug="devenir-delegue",
                title="Devenir délégué·e",
                summary="Le rôle, le temps qu'il demande, et comment vous y préparer.",
                body=(
                    "<p>Les délégué·es sont élu·es par leur promotion pour la durée de la formation. Ils "
                    "disposent d'une heure par mois sur le temps de formation et d'une demi-journée de "
                    "préparation.</p>"
                ),
            ),
        ),
    ),
    DemoPage(
        slug="vous-avez-dit-nous-avons-fait",
        title="Vous avez dit, nous avons fait",
        summary="Ce que sont devenues vos propositions : réalisées, engagées, ou pas possibles — et pourquoi.",
        body=(
            "<p>Depuis le début de la démarche, 38 propositions ont été examinées par le comité régional de "
            "suivi. 17 sont réalisées ou en cours.</p>"
            "<ul><li>Le calendrier des stages est remis dès le premier jour.</li>"
            "<li>La rémunération est versée en cinq semaines en moyenne, contre deux mois auparavant.</li>"
            "<li>Une permanence mobilité est expérimentée à Gap et Briançon.</li></ul>"
        ),
    ),
    DemoPage(
        slug="questions-frequentes",
        title="Questions fréquentes",
        summary="Les réponses aux questions que posent le plus souvent les stagiaires.",
        body="<p>Page en préparation avec les délégué·es.</p>",
        status=DRAFT,
    ),
)

NEWS = (
    DemoNews(
        slug="retour-sur-l-atelier-du-12-mars",
        title="Retour sur l'atelier du 12 mars à Marseille",
        summary="Quarante stagiaires, organismes et agents de la Région ont travaillé ensemble en world café.",
        body=(
            "<p>Le 12 mars, quarante personnes se sont retrouvées à Marseille : stagiaires de onze organismes, "
            "responsables pédagogiques et agents de la Région. Trois questions, cinq tables, et au bout de la "
            "matinée, seize propositions.</p>"
            "<p>Les propositions les plus soutenues portent sur l'information donnée le premier jour et sur la "
            "préparation des périodes en entreprise. Elles seront examinées par le comité régional de suivi "
            "en juin.</p>"
        ),
        date=date(2026, 3, 16),
    ),
    DemoNews(
        slug="comite-regional-de-suivi-juin-2026",
        title="Comité régional de suivi : 14 propositions examinées",
        summary="Livret d'accueil commun adopté, espaces repas recensés, permanence mobilité dans les Alpes.",
        body=(
            "<p>Le comité régional de suivi s'est réuni le 18 juin. Onze délégué·es ont présenté les "
            "propositions de leurs promotions. Le compte rendu complet est disponible dans le centre de "
            "ressources.</p>"
        ),
        date=date(2026, 6, 22),
    ),
    DemoNews(
        slug="ce-qui-a-change-suite-a-vos-propositions",
        title="Ce qui a changé suite à vos propositions",
        summary="Depuis la rentrée, chaque nouveau stagiaire reçoit son calendrier de stage le premier jour.",
        body=(
            "<p>C'était la proposition la plus partagée de l'an dernier : « on apprend nos dates de stage une "
            "semaine avant ». Depuis septembre, le livret d'accueil commun à tous les organismes financés par "
            "la Région contient le calendrier des périodes en entreprise.</p>"
            "<p>Merci aux délégué·es qui ont porté cette demande jusqu'au comité régional.</p>"
        ),
        date=date(2026, 9, 15),
    ),
    DemoNews(
        slug="elections-des-delegues-automne-2026",
        title="Élections des délégué·es : c'est parti pour l'automne",
        summary="Dans chaque promotion entrée en septembre, les élections ont lieu d'ici la mi-octobre.",
        body=(
            "<p>Vous êtes entré·e en formation en septembre ? Les élections de délégué·es ont lieu dans votre "
            "promotion d'ici la mi-octobre. Candidatez en binôme auprès de votre coordination "
            "pédagogique.</p>"
        ),
        date=date(2026, 10, 1),
    ),
    DemoNews(
        slug="rencontres-regionales-de-decembre",
        title="Rencontres régionales de décembre",
        summary="Programme en préparation.",
        body="<p>Les rencontres régionales réuniront délégué·es, organismes et élu·es à Toulon.</p>",
        status=DRAFT,
    ),
)

CONTENT = DemoContent(themes=THEMES, resources=RESOURCES, pages=PAGES, news=NEWS)
