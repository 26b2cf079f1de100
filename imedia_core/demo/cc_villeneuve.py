"""Demo content of « Conseils citoyens — Villeneuve »: the two conseils citoyens of the town's
priority neighbourhoods (Les Hauts-de-Villeneuve, La Gare–Bois-Fleuri) within the contrat de
ville.

Phases of the active cycle (template ``conseils_citoyens``), by position:
0 constituer le conseil citoyen · 1 se former et s'organiser · 2 diagnostiquer le quartier ·
3 proposer et agir dans le contrat de ville · 4 rendre compte et se renouveler.
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

TEAM = "Service politique de la ville — Ville de Villeneuve"
COUNCILS = "Conseils citoyens de Villeneuve"
HAUTS = "Conseil citoyen des Hauts-de-Villeneuve"
GARE = "Conseil citoyen de La Gare–Bois-Fleuri"

THEMES = (
    DemoTheme(
        "cadre-de-vie",
        "Cadre de vie et propreté",
        "Espaces publics, propreté, éclairage, entretien des résidences : la gestion urbaine de proximité.",
    ),
    DemoTheme(
        "tranquillite-publique",
        "Tranquillité publique",
        "Se sentir bien et en sécurité dans son quartier, de jour comme de nuit.",
    ),
    DemoTheme("jeunesse", "Jeunesse", "Loisirs, lieux de rencontre, accompagnement et projets des jeunes du quartier."),
    DemoTheme(
        "renouvellement-urbain",
        "Renouvellement urbain",
        "Les projets de rénovation des quartiers : démolitions, relogements, nouveaux équipements.",
    ),
    DemoTheme(
        "vie-associative-et-initiatives",
        "Vie associative et initiatives",
        "Les projets portés par les habitants et les associations, et les moyens de les financer.",
    ),
    DemoTheme(
        "acces-aux-services-publics",
        "Accès aux services publics",
        "Mairie annexe, santé, emploi, démarches : ce qui est proche, ce qui manque.",
    ),
    DemoTheme(
        "politique-de-la-ville",
        "Politique de la ville",
        "Quartiers prioritaires, conseils citoyens, contrat de ville.",
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
        slug="methode-porte-a-porte-du-conseil-citoyen",
        kind="method",
        title="Aller vers les habitants : le porte-à-porte du conseil citoyen",
        summary=(
            "Frapper aux portes en binôme, avec une seule question, pour faire connaître le conseil et entendre "
            "celles et ceux qui ne viennent jamais aux réunions."
        ),
        body=(
            "<p>Les réunions publiques attirent toujours les mêmes personnes. Le porte-à-porte permet "
            "d'entendre les autres : les parents seuls, les personnes âgées, les jeunes adultes.</p>"
            "<h3>Comment faire</h3><ul>"
            "<li>Toujours en binôme, un·e conseiller·e et un·e habitant·e de l'immeuble si possible.</li>"
            "<li>Une seule question : « Qu'est-ce qui changerait votre quotidien dans le quartier ? »</li>"
            "<li>Un flyer avec la date de la prochaine réunion et un numéro de téléphone.</li>"
            "<li>Le samedi matin ou en fin de journée, jamais plus de deux heures.</li></ul>"
            "<p>En 2025, quatre samedis ont permis de rencontrer 230 foyers aux Hauts-de-Villeneuve.</p>"
        ),
        themes=("politique-de-la-ville",),
        audiences=(CITIZENS, FACILITATORS),
        phases=(0,),
        author=HAUTS,
    ),
    DemoResource(
        slug="methode-cartographie-sensible-du-quartier",
        kind="method",
        title="La cartographie sensible du quartier",
        summary=(
            "Dessiner ensemble le quartier tel qu'on le vit : les lieux aimés, évités, les trajets, les "
            "frontières invisibles."
        ),
        body=(
            "<p>Sur un grand fond de plan, chaque participant·e place des pictogrammes : un cœur pour les "
            "lieux aimés, un triangle pour ceux qu'on évite, des flèches pour ses trajets. Les cartes des "
            "enfants, des femmes et des personnes âgées sont souvent très différentes : on les compare.</p>"
            "<ul><li>Durée : deux heures.</li>"
            "<li>Matériel : plan au 1/2000, pictogrammes autocollants, feutres.</li>"
            "<li>Résultat : une carte commune annotée, versée au diagnostic du contrat de ville.</li></ul>"
        ),
        themes=("cadre-de-vie", "tranquillite-publique"),
        audiences=(FACILITATORS, CITIZENS),
        phases=(2,),
        provenance="adapted",
        source="Pratiques de cartographie participative, adaptées par le service politique de la ville.",
        author=TEAM,
        licence=CC_BY_SA,
    ),
    DemoResource(
        slug="methode-marches-exploratoires-de-femmes",
        kind="method",
        title="Les marches exploratoires de femmes",
        summary=(
            "Des habitantes parcourent le quartier le soir, repèrent ce qui rend l'espace public moins sûr pour "
            "elles et présentent leurs propositions aux élu·es."
        ),
        body=(
            "<p>Un groupe de six à dix habitantes prépare un trajet, le parcourt à la tombée de la nuit, "
            "note et photographie : éclairage, recoins, stationnement sur les trottoirs, absence de bancs. "
            "Elles refont ensuite le parcours avec les élu·es et les services techniques.</p>"
            "<p>À La Gare–Bois-Fleuri, la marche de novembre 2025 a conduit à l'éclairage de l'allée des "
            "Tilleuls et au déplacement d'un arrêt de bus.</p>"
        ),
        themes=("tranquillite-publique", "cadre-de-vie"),
        audiences=(CITIZENS, DECISION_MAKERS),
        phases=(2, 3),
        provenance="imported",
        source="Démarche des marches exploratoires, soutenue par l'État dans les quartiers prioritaires.",
        author=GARE,
    ),
    DemoResource(
        slug="methode-decider-par-consentement",
        kind="method",
        title="Décider par consentement en conseil citoyen",
        summary="Une façon de décider sans vote majoritaire : on avance tant que personne n'a d'objection argumentée.",
        body=(
            "<ol><li>La proposition est présentée par son porteur ou sa porteuse.</li>"
            "<li>Tour de questions de clarification, sans avis.</li>"
            "<li>Tour de réactions : chacun dit ce qu'il en pense.</li>"
            "<li>La proposition peut être amendée.</li>"
            "<li>Tour d'objections : « Est-ce que cette décision nuit au conseil ou au quartier ? » Une "
            "objection doit être argumentée ; on cherche ensemble à la lever.</li></ol>"
            "<p>Le consentement évite que la minorité se sente écrasée, et que les plus à l'aise à l'oral "
            "décident seuls.</p>"
        ),
        themes=("vie-associative-et-initiatives",),
        audiences=(CITIZENS, FACILITATORS),
        phases=(1,),
        provenance="adapted",
        source="Sociocratie, adaptée par le centre de ressources politique de la ville.",
        author=COUNCILS,
        licence=CC_BY_SA,
    ),
    DemoResource(
        slug="methode-forum-ouvert-des-habitants",
        kind="method",
        title="Le forum ouvert : une journée pour les habitants",
        summary="Une journée sans programme fixé à l'avance, où les habitants proposent eux-mêmes les sujets à travailler.",
        body=(
            "<p>Le matin, chacun peut inscrire un sujet au « mur des ateliers ». Les ateliers se tiennent en "
            "parallèle ; on circule librement. Chaque atelier produit une fiche : constat, proposition, qui "
            "est prêt à s'y mettre.</p>"
            "<p>Le forum ouvert de juin 2026 a réuni 120 habitants ; 14 ateliers ont eu lieu, dont trois ont "
            "donné naissance à des projets financés par le fonds de participation des habitants.</p>"
        ),
        themes=("vie-associative-et-initiatives", "politique-de-la-ville"),
        audiences=(FACILITATORS, CITIZENS),
        phases=(3,),
        provenance="adapted",
        source="Open Space Technology (Harrison Owen).",
        author=TEAM,
        licence=CC_BY_NC_SA,
    ),
    # --- outils -----------------------------------------------------------------------------
    DemoResource(
        slug="outil-suivi-des-signalements-gup",
        kind="tool",
        title="Tableau de suivi des signalements de gestion urbaine de proximité",
        summary=(
            "Chaque signalement des habitants (encombrants, éclairage, ascenseur en panne) suivi jusqu'à sa "
            "résolution, avec le service ou le bailleur responsable."
        ),
        body=(
            "<p>Le tableau est partagé entre le conseil citoyen, la Ville et les deux bailleurs sociaux. Il "
            "est passé en revue lors de la réunion mensuelle de gestion urbaine de proximité.</p>"
            "<ul><li>Date, lieu précis, photo.</li>"
            "<li>Responsable : Ville, bailleur, intercommunalité.</li>"
            "<li>Statut : signalé, pris en charge, résolu, pas possible (et pourquoi).</li>"
            "<li>Délai de résolution.</li></ul>"
        ),
        themes=("cadre-de-vie", "retour-aux-participants"),
        audiences=(CITIZENS, PROFESSIONALS),
        phases=(3, 4),
        author=TEAM,
        licence=ETALAB,
    ),
    DemoResource(
        slug="outil-kit-de-communication-du-conseil",
        kind="tool",
        title="Kit de communication du conseil citoyen",
        summary="Logo, modèles d'affiches et de flyers, gabarit de page pour le journal municipal.",
        body=(
            "<p>Le conseil citoyen est indépendant de la mairie : il a sa propre identité visuelle, choisie "
            "par ses membres. Le kit permet de produire vite une affiche de réunion ou un compte rendu "
            "illustré.</p>"
            "<ul><li>Logo en couleur et en noir et blanc.</li>"
            "<li>Trois modèles d'affiche.</li>"
            "<li>Un modèle de flyer recto verso, traduit en arabe et en turc.</li></ul>"
        ),
        themes=("vie-associative-et-initiatives",),
        audiences=(CITIZENS, FACILITATORS),
        phases=(1, 4),
        author=COUNCILS,
        licence=CC_BY,
    ),
    DemoResource(
        slug="outil-suivre-le-budget-du-conseil",
        kind="tool",
        title="Suivre le budget de fonctionnement du conseil",
        summary="Un tableur simple pour suivre les dépenses du conseil (salle, impressions, goûters) et en rendre compte.",
        body=(
            "<p>Chaque conseil citoyen dispose d'un budget de fonctionnement versé à l'association support. "
            "Le tableur distingue les dépenses engagées, payées et à venir, et produit la synthèse annuelle "
            "présentée en assemblée.</p>"
        ),
        themes=("vie-associative-et-initiatives",),
        audiences=(CITIZENS,),
        phases=(1,),
        reading_level=SIMPLIFIED,
        author=COUNCILS,
        licence=CC_BY_SA,
    ),
    DemoResource(
        slug="outil-calendrier-des-instances-du-contrat-de-ville",
        kind="tool",
        title="Calendrier des instances du contrat de ville",
        summary="Comités techniques, comités de pilotage, appels à projets : les dates où le conseil peut peser.",
        body=(
            "<ul><li><strong>Janvier</strong> : lancement de l'appel à projets du contrat de ville.</li>"
            "<li><strong>Mars</strong> : comité technique, avis des conseils citoyens sur les projets.</li>"
            "<li><strong>Avril</strong> : comité de pilotage, programmation annuelle.</li>"
            "<li><strong>Octobre</strong> : revue à mi-année du contrat.</li></ul>"
            "<p>Les documents sont envoyés aux conseils citoyens quinze jours avant chaque instance.</p>"
        ),
        themes=("politique-de-la-ville",),
        audiences=(CITIZENS, PROFESSIONALS),
        phases=(3,),
        author=TEAM,
        licence=ETALAB,
    ),
    # --- guides -----------------------------------------------------------------------------
    DemoResource(
        slug="guide-le-conseil-citoyen-c-est-quoi",
        kind="guide",
        title="Le conseil citoyen, c'est quoi ?",
        summary="Le conseil citoyen expliqué en mots simples : qui en fait partie, ce qu'il fait, comment le rejoindre.",
        body=(
            "<p>Le conseil citoyen est un groupe d'habitants de votre quartier.</p>"
            "<p>Il y a deux sortes de membres :</p>"
            "<ul><li>des habitants tirés au sort ;</li>"
            "<li>des associations et des commerçants du quartier.</li></ul>"
            "<p>Le conseil citoyen donne son avis sur les projets pour le quartier. Il propose des idées. "
            "Il parle avec la mairie, l'État et les bailleurs.</p>"
            "<p>Vous voulez participer ? Venez à une réunion. Elles sont ouvertes à tous.</p>"
        ),
        themes=("politique-de-la-ville",),
        audiences=(CITIZENS,),
        phases=(0,),
        reading_level=FALC,
        author=COUNCILS,
        licence=CC_BY,
    ),
    DemoResource(
        slug="guide-comprendre-le-contrat-de-ville-quartiers-2030",
        kind="guide",
        title="Comprendre le contrat de ville « Quartiers 2030 »",
        summary="Qui signe le contrat de ville, ce qu'il finance, et la place que la loi donne aux conseils citoyens.",
        body=(
            "<p>Le contrat de ville engage l'État, l'intercommunalité, la Ville, le Département, la Région, les "
            "bailleurs et d'autres partenaires pour les quartiers prioritaires, jusqu'en 2030.</p>"
            "<h3>La place des conseils citoyens</h3><ul>"
            "<li>Ils participent à toutes les instances de pilotage du contrat.</li>"
            "<li>Ils sont consultés sur les priorités et sur les projets financés.</li>"
            "<li>Ils disposent d'un local et de moyens de fonctionnement.</li></ul>"
            "<p>Le contrat de Villeneuve fixe quatre priorités : emploi des jeunes, réussite éducative, cadre "
            "de vie, accès aux droits.</p>"
        ),
        themes=("politique-de-la-ville", "renouvellement-urbain"),
        audiences=(CITIZENS, PROFESSIONALS),
        phases=(1, 3),
        reading_level=SIMPLIFIED,
        author=TEAM,
        licence=ETALAB,
    ),
    DemoResource(
        slug="guide-monter-un-projet-avec-le-fonds-de-participation",
        kind="guide",
        title="Monter un projet avec le fonds de participation des habitants",
        summary="Jusqu'à 1 500 € pour une initiative d'habitants : conditions, dossier, délais.",
        body=(
            "<p>Le fonds de participation des habitants finance de petits projets collectifs : fête de "
            "quartier, jardin partagé, sortie familiale, atelier de réparation.</p>"
            "<ol><li>Réunissez au moins trois habitants du quartier.</li>"
            "<li>Remplissez la fiche projet (une page) avec l'aide d'un·e membre du conseil.</li>"
            "<li>Le comité d'attribution, composé d'habitants, se réunit chaque mois.</li>"
            "<li>Le versement a lieu dans les trois semaines.</li></ol>"
        ),
        themes=("vie-associative-et-initiatives",),
        audiences=(CITIZENS,),
        phases=(3,),
        reading_level=SIMPLIFIED,
        author=COUNCILS,
        licence=CC_BY,
    ),
    DemoResource(
        slug="guide-sieger-au-comite-de-pilotage",
        kind="guide",
        title="Siéger au comité de pilotage du contrat de ville",
        summary="Préparer une intervention, lire les documents, faire entendre la voix du quartier face aux institutions.",
        body=(
            "<p>Deux membres de chaque conseil siègent au comité de pilotage, aux côtés du préfet ou de sa "
            "déléguée, du maire et des partenaires.</p>"
            "<ul><li>Demandez les documents quinze jours avant et lisez-les à plusieurs.</li>"
            "<li>Préparez trois messages, pas plus, validés par le conseil.</li>"
            "<li>Appuyez-vous sur des faits : le diagnostic, les signalements, les témoignages.</li>"
            "<li>Après la réunion, faites un compte rendu au conseil sous huit jours.</li></ul>"
        ),
        themes=("politique-de-la-ville",),
        audiences=(CITIZENS, FACILITATORS),
        phases=(3,),
        author=COUNCILS,
    ),
    # --- documents --------------------------------------------------------------------------
    DemoResource(
        slug="rapport-diagnostic-des-hauts-de-villeneuve",
        kind="document",
        title="Diagnostic des Hauts-de-Villeneuve par ses habitants",
        summary="Marche, cartographie sensible et porte-à-porte : ce que 300 habitants disent de leur quartier.",
        body=(
            "<p>Réalisé entre septembre 2025 et janvier 2026 par le conseil citoyen, avec l'appui du service "
            "politique de la ville.</p>"
            "<h3>Principaux constats</h3><ul>"
            "<li>Les jeunes de 15 à 20 ans n'ont aucun lieu à eux après 18 heures.</li>"
            "<li>Les pannes d'ascenseur durent trop longtemps dans les tours B et D.</li>"
            "<li>Le centre de santé est apprécié mais saturé.</li>"
            "<li>Les habitants sont attachés au marché du mercredi et à la place centrale.</li></ul>"
        ),
        themes=("cadre-de-vie", "jeunesse", "acces-aux-services-publics"),
        audiences=(DECISION_MAKERS, PROFESSIONALS, CITIZENS),
        phases=(2,),
        author=HAUTS,
        licence=CC_BY_SA,
    ),
    DemoResource(
        slug="avis-du-conseil-sur-la-renovation-du-quartier-de-la-gare",
        kind="document",
        title="Avis du conseil citoyen sur le projet de rénovation du quartier de la Gare",
        summary="L'avis adopté par le conseil citoyen sur le projet de renouvellement urbain, et ses huit demandes.",
        body=(
            "<p>Le conseil citoyen soutient le projet mais demande :</p><ul>"
            "<li>une charte du relogement co-écrite avec les locataires concernés ;</li>"
            "<li>le maintien d'un loyer équivalent après relogement ;</li>"
            "<li>une maison du projet ouverte le samedi ;</li>"
            "<li>le maintien du terrain de sport pendant toute la durée des travaux.</li></ul>"
            "<p>La réponse de la Ville et du bailleur est attendue pour le comité de pilotage de "
            "décembre.</p>"
        ),
        themes=("renouvellement-urbain",),
        audiences=(DECISION_MAKERS, CITIZENS),
        phases=(3,),
        author=GARE,
        licence=CC_BY_SA,
    ),
    DemoResource(
        slug="rapport-d-activite-2025-des-conseils-citoyens",
        kind="document",
        title="Rapport d'activité 2025 des conseils citoyens",
        summary="Une année de travail des deux conseils : réunions, avis rendus, projets soutenus, ce qui a changé.",
        body=(
            "<ul><li>22 réunions plénières, ouvertes au public.</li>"
            "<li>6 avis rendus sur des projets du contrat de ville.</li>"
            "<li>11 initiatives d'habitants soutenues par le fonds de participation.</li>"
            "<li>48 signalements de gestion urbaine de proximité, dont 39 résolus.</li></ul>"
            "<p>Le rapport est présenté en assemblée publique et transmis au comité de pilotage.</p>"
        ),
        themes=("retour-aux-participants", "politique-de-la-ville"),
        audiences=(CITIZENS, DECISION_MAKERS),
        phases=(4,),
        author=COUNCILS,
        licence=CC_BY,
    ),
    DemoResource(
        slug="projet-de-reglement-interieur-du-conseil",
        kind="document",
        title="Projet de règlement intérieur du conseil citoyen",
        summary="Le projet soumis au vote de l'assemblée de janvier : rôles, décisions, renouvellement.",
        body=(
            "<p><em>Projet, non adopté.</em></p><ul>"
            "<li>Le conseil se réunit au moins une fois par mois.</li>"
            "<li>Les décisions se prennent par consentement.</li>"
            "<li>Un tiers des membres habitants est renouvelé chaque année par tirage au sort.</li></ul>"
        ),
        themes=("vie-associative-et-initiatives",),
        audiences=(CITIZENS,),
        phases=(1,),
        author=COUNCILS,
        status=DRAFT,
    ),
    # --- vidéos -----------------------------------------------------------------------------
    DemoResource(
        slug="video-paroles-d-habitants-des-hauts-de-villeneuve",
        kind="video",
        title="Paroles d'habitants des Hauts-de-Villeneuve",
        summary="Huit habitants, de 12 à 81 ans, racontent leur quartier : ce qu'ils aiment, ce qu'ils voudraient changer.",
        body=(
            "<p>Film réalisé par les jeunes de l'atelier vidéo du centre social, qui ont choisi les "
            "questions et interviewé leurs voisins. Projeté lors de la restitution du diagnostic.</p>"
            "<p>Durée : 9 min.</p>"
        ),
        themes=("cadre-de-vie", "jeunesse"),
        audiences=(CITIZENS, DECISION_MAKERS),
        phases=(2,),
        external_url="https://videos.example.org/cc-villeneuve/paroles-d-habitants",
        author="Atelier vidéo jeunes du centre social des Hauts-de-Villeneuve",
        licence=CC_BY_NC_SA,
    ),
    DemoResource(
        slug="video-la-fete-de-quartier-du-conseil",
        kind="video",
        title="La fête de quartier organisée par le conseil citoyen",
        summary="Retour en images sur la fête de la place des Tilleuls, préparée avec douze associations.",
        body="<p>Reportage de quatre minutes.</p>",
        themes=("vie-associative-et-initiatives",),
        audiences=(CITIZENS,),
        phases=(4,),
        external_url="https://videos.example.org/cc-villeneuve/fete-de-quartier",
        author=GARE,
        licence=CC_BY,
        status=SCHEDULED,
        schedule_in_days=7,
    ),
    DemoResource(
        slug="video-le-conseil-citoyen-en-deux-minutes",
        kind="video",
        title="Le conseil citoyen en deux minutes",
        summary="Une animation courte, en mots simples et sous-titrée, pour comprendre le conseil citoyen.",
        body=(
            "<p>La vidéo explique :</p><ul><li>qui fait partie du conseil ;</li>"
            "<li>ce que fait le conseil ;</li><li>comment venir à une réunion.</li></ul>"
        ),
        themes=("politique-de-la-ville",),
        audiences=(CITIZENS,),
        phases=(0,),
        reading_level=FALC,
        external_url="https://videos.example.org/cc-villeneuve/conseil-en-deux-minutes",
        author=COUNCILS,
        licence=CC_BY,
    ),
    # --- liens ------------------------------------------------------------------------------
    DemoResource(
        slug="lien-politique-de-la-ville-conseils-citoyens",
        kind="link",
        title="Politique de la ville : le cadre national des conseils citoyens",
        summary="Les textes et repères nationaux sur les conseils citoyens et les contrats de ville.",
        body="<p>Le site du ministère chargé de la ville.</p>",
        themes=("politique-de-la-ville",),
        audiences=(PROFESSIONALS, CITIZENS),
        phases=(0,),
        external_url="https://www.cohesion-territoires.gouv.fr/",
        provenance="imported",
        source="cohesion-territoires.gouv.fr",
        author="Ministère chargé de la ville",
        licence=ETALAB,
    ),
    DemoResource(
        slug="lien-geographie-prioritaire",
        kind="link",
        title="Géographie prioritaire : trouver son quartier",
        summary="La carte officielle des quartiers prioritaires de la politique de la ville, et leurs données.",
        body="<p>Système d'information géographique de la politique de la ville.</p>",
        themes=("politique-de-la-ville",),
        audiences=(PROFESSIONALS, FACILITATORS),
        phases=(2,),
        external_url="https://sig.ville.gouv.fr/",
        provenance="imported",
        source="sig.ville.gouv.fr",
        author="Agence nationale de la cohésion des territoires",
        licence=ETALAB,
    ),
    DemoResource(
        slug="lien-service-public-creer-une-association",
        kind="link",
        title="Service-public.fr : créer une association",
        summary="Pour les conseils citoyens qui choisissent de se constituer en association.",
        body="<p>Les démarches officielles de création et de déclaration d'une association.</p>",
        themes=("vie-associative-et-initiatives",),
        audiences=(CITIZENS,),
        phases=(1,),
        external_url="https://www.service-public.fr/",
        provenance="imported",
        source="service-public.fr",
        author="Direction de l'information légale et administrative",
        licence=ETALAB,
    ),
    # --- modèles ----------------------------------------------------------------------------
    DemoResource(
        slug="modele-compte-rendu-de-reunion-du-conseil",
        kind="template",
        title="Modèle de compte rendu de réunion du conseil",
        summary="Une page, publiée sur la plateforme et affichée dans le hall des immeubles sous huit jours.",
        body=(
            "<ul><li>Date, lieu, présents (habitants, associations, invités).</li>"
            "<li>Les sujets abordés, en trois lignes chacun.</li>"
            "<li>Les décisions prises.</li>"
            "<li>Qui fait quoi, pour quand.</li>"
            "<li>Prochaine réunion.</li></ul>"
        ),
        themes=("retour-aux-participants",),
        audiences=(CITIZENS, FACILITATORS),
        phases=(1,),
        author=COUNCILS,
        licence=CC_BY,
    ),
    DemoResource(
        slug="modele-courrier-d-interpellation-d-un-bailleur",
        kind="template",
        title="Modèle de courrier d'interpellation d'un bailleur",
        summary="Pour signaler un problème récurrent dans une résidence et demander une réponse datée.",
        body=(
            "<p><em>Modèle en cours de relecture par le conseil.</em></p>"
            "<p>« Madame, Monsieur, le conseil citoyen a recueilli depuis … plusieurs signalements concernant … "
            "(lieu). Nous vous demandons de nous indiquer, avant le …, les mesures que vous comptez prendre et "
            "leur calendrier. »</p>"
        ),
        themes=("cadre-de-vie",),
        audiences=(CITIZENS,),
        phases=(3,),
        author=COUNCILS,
        status=DRAFT,
    ),
    DemoResource(
        slug="modele-affiche-de-reunion-publique",
        kind="template",
        title="Affiche de réunion publique à compléter",
        summary="Une affiche claire, en gros caractères, avec la date, le lieu et une question qui donne envie de venir.",
        body=(
            "<p>Remplacez la question en haut de l'affiche par le sujet de la réunion, formulé comme une "
            "question que se posent les habitants : « Un terrain de foot pour les grands ? », « Que va "
            "devenir la tour D ? ».</p>"
        ),
        themes=("vie-associative-et-initiatives",),
        audiences=(CITIZENS, FACILITATORS),
        phases=(0, 4),
        author=COUNCILS,
        licence=CC_BY,
    ),
    # --- témoignages ------------------------------------------------------------------------
    DemoResource(
        slug="temoignage-fatou-tiree-au-sort",
        kind="testimony",
        title="Fatou, tirée au sort en 2024",
        summary="« Je n'avais jamais parlé devant le maire. Maintenant, je prépare les réunions. »",
        body=(
            "<blockquote>« Quand j'ai reçu le courrier du tirage au sort, j'ai cru que c'était une erreur. Je "
            "suis venue à la première réunion pour dire non. Il y avait une dame de mon immeuble, je suis "
            "restée. Deux ans après, je siège au comité de pilotage. »</blockquote>"
        ),
        themes=("politique-de-la-ville",),
        audiences=(CITIZENS,),
        phases=(0,),
        reading_level=SIMPLIFIED,
        author="Fatou D., conseillère citoyenne des Hauts-de-Villeneuve",
        licence=CC_BY_NC_SA,
    ),
    DemoResource(
        slug="temoignage-deleguee-du-prefet",
        kind="testimony",
        title="La déléguée du préfet : ce que le conseil citoyen apporte au contrat de ville",
        summary="« Les conseillers citoyens nous obligent à partir de la réalité du quartier, pas de nos tableaux. »",
        body=(
            "<blockquote>« Leur diagnostic sur les jeunes de 15 à 20 ans nous a fait revoir la programmation : "
            "nous finançons désormais un accueil en soirée. Ils ne sont pas toujours d'accord avec nous, et "
            "c'est précisément pour ça qu'ils sont utiles. »</blockquote>"
        ),
        themes=("politique-de-la-ville", "jeunesse"),
        audiences=(DECISION_MAKERS, PROFESSIONALS),
        phases=(3,),
        author="Déléguée du préfet pour les quartiers de Villeneuve",
        licence=CC_BY,
    ),
    DemoResource(
        slug="temoignage-jeunes-on-voulait-un-terrain",
        kind="testimony",
        title="Trois jeunes du conseil : « On voulait un terrain, on a eu un projet »",
        summary="Comment une demande de terrain de foot est devenue un projet d'aménagement conçu avec les jeunes.",
        body=(
            "<blockquote>« Au début on voulait juste un terrain. Le conseil nous a dit : venez le dessiner "
            "avec l'architecte. On a ajouté des bancs, de la lumière et un coin pour les petits. Les travaux "
            "commencent au printemps. »</blockquote>"
        ),
        themes=("jeunesse", "renouvellement-urbain"),
        audiences=(CITIZENS, DECISION_MAKERS),
        phases=(3,),
        author="Inès, Yanis et Mehdi, membres du conseil citoyen de La Gare–Bois-Fleuri",
        licence=CC_BY_NC_SA,
    ),
    DemoResource(
        slug="temoignage-gardien-de-la-residence-des-tilleuls",
        kind="testimony",
        title="Le gardien de la résidence des Tilleuls",
        summary="« Les signalements du conseil, je les reçois avant même que les locataires m'appellent. »",
        body=(
            "<blockquote>« Au début je le prenais mal, comme si on me surveillait. Maintenant on se voit "
            "chaque mois avec le conseil. Ils m'aident à faire remonter ce que je signale depuis des années "
            "au siège du bailleur. »</blockquote>"
        ),
        themes=("cadre-de-vie",),
        audiences=(PROFESSIONALS, CITIZENS),
        phases=(2,),
        author="Gardien d'immeuble, résidence des Tilleuls",
        licence=ALL_RIGHTS,
    ),
)

PAGES = (
    DemoPage(
        slug="le-projet",
        title="Le projet",
        summary="Donner aux habitants des quartiers prioritaires de Villeneuve une voix dans le contrat de ville.",
        body=(
            "<p>Villeneuve compte deux quartiers prioritaires de la politique de la ville : les "
            "Hauts-de-Villeneuve et La Gare–Bois-Fleuri. Chacun a son conseil citoyen, composé d'habitants "
            "tirés au sort et d'acteurs locaux.</p>"
            "<p>Cette plateforme rassemble leur travail : les diagnostics, les avis, les propositions, et ce "
            "que les institutions en ont fait.</p>"
        ),
        children=(
            DemoPage(
                slug="qui-sommes-nous",
                title="Qui sommes-nous ?",
                summary="Deux conseils citoyens indépendants, accompagnés par le service politique de la ville.",
                body=(
                    "<p>Chaque conseil réunit une vingtaine de membres : des habitantes et habitants tirés au "
                    "sort sur les listes électorales et les fichiers des bailleurs, et des représentants "
                    "d'associations et de commerces du quartier. Les conseils sont indépendants de la "
                    "mairie ; le service politique de la ville les accompagne sans les diriger.</p>"
                ),
            ),
            DemoPage(
                slug="charte-de-participation",
                title="Charte de participation",
                summary="Les engagements réciproques des conseils citoyens et des signataires du contrat de ville.",
                body=(
                    "<ul><li>Les conseils sont informés des projets au moins quinze jours avant les "
                    "instances.</li>"
                    "<li>Chaque avis reçoit une réponse écrite et motivée.</li>"
                    "<li>Les réunions des conseils sont ouvertes à tous les habitants.</li>"
                    "<li>Les conseils disposent d'un local et d'un budget de fonctionnement.</li></ul>"
                ),
            ),
        ),
    ),
    DemoPage(
        slug="nos-quartiers",
        title="Nos quartiers",
        summary="Les Hauts-de-Villeneuve et La Gare–Bois-Fleuri, vus par leurs habitants.",
        body="<p>Deux quartiers, deux histoires, deux conseils citoyens.</p>",
        children=(
            DemoPage(
                slug="les-hauts-de-villeneuve",
                title="Les Hauts-de-Villeneuve",
                summary="Quatre tours, une place centrale, le marché du mercredi et un centre de santé.",
                body=(
                    "<p>Construit dans les années 1970 sur la colline, le quartier compte environ 4 000 "
                    "habitants. Son diagnostic 2026 est disponible dans le centre de ressources.</p>"
                ),
            ),
            DemoPage(
                slug="la-gare-bois-fleuri",
                title="La Gare–Bois-Fleuri",
                summary="Un quartier en rénovation, autour de la gare et de la résidence des Tilleuls.",
                body=(
                    "<p>Le quartier fait l'objet d'un projet de renouvellement urbain. Le conseil citoyen a "
                    "rendu son avis sur le projet en 2026.</p>"
                ),
            ),
        ),
    ),
    DemoPage(
        slug="comment-participer",
        title="Comment participer ?",
        summary="Venir aux réunions, proposer une initiative, signaler un problème, rejoindre le conseil.",
        body=(
            "<ul><li>Les réunions des conseils sont ouvertes : le premier mardi du mois aux Hauts-de-"
            "Villeneuve, le deuxième jeudi à La Gare–Bois-Fleuri, à 18 h 30.</li>"
            "<li>Déposez une question, un constat ou une proposition sur cette plateforme.</li>"
            "<li>Portez une initiative avec le fonds de participation des habitants.</li>"
            "<li>Candidatez comme volontaire lors du renouvellement annuel.</li></ul>"
        ),
    ),
    DemoPage(
        slug="vous-avez-dit-nous-avons-fait",
        title="Vous avez dit, nous avons fait",
        summary="Ce que les avis et propositions des conseils citoyens ont changé dans les quartiers.",
        body=(
            "<ul><li><strong>Vous avez dit</strong> : l'allée des Tilleuls fait peur le soir. <strong>Nous "
            "avons fait</strong> : éclairage installé en février 2026.</li>"
            "<li><strong>Vous avez dit</strong> : les jeunes n'ont pas de lieu après 18 heures. <strong>Nous "
            "avons fait</strong> : accueil en soirée au centre social, trois soirs par semaine.</li>"
            "<li><strong>Pas possible, parce que</strong> : le déplacement du marché vers la gare n'est pas "
            "retenu ; les commerçants s'y opposent. Une navette est étudiée.</li></ul>"
        ),
    ),
)

NEWS = (
    DemoNews(
        slug="retour-sur-l-atelier-du-12-mars",
        title="Retour sur l'atelier du 12 mars : le diagnostic des Hauts-de-Villeneuve",
        summary="Soixante habitants ont découvert et enrichi le diagnostic réalisé par leur conseil citoyen.",
        body=(
            "<p>Le 12 mars, à la salle polyvalente, le conseil citoyen des Hauts-de-Villeneuve a présenté "
            "son diagnostic. Après la projection du film « Paroles d'habitants », les participants ont "
            "complété la carte du quartier.</p>"
            "<p>Trois priorités ressortent : un lieu pour les 15-20 ans, les ascenseurs des tours B et D, "
            "l'accès au centre de santé. Elles seront portées au comité de pilotage d'avril.</p>"
        ),
        date=date(2026, 3, 14),
    ),
    DemoNews(
        slug="renouvellement-tirage-au-sort-2026",
        title="Six nouveaux membres tirés au sort",
        summary="Le tirage au sort public du 2 avril a désigné six habitantes et habitants pour rejoindre les conseils.",
        body=(
            "<p>Le tirage au sort a eu lieu en mairie, en public, en présence des deux conseils. Les personnes "
            "tirées au sort ont reçu un courrier et un appel d'un membre du conseil ; cinq sur six ont "
            "accepté.</p>"
        ),
        date=date(2026, 4, 8),
    ),
    DemoNews(
        slug="ce-qui-a-change-suite-a-vos-propositions",
        title="Ce qui a changé suite à vos propositions : l'accueil du soir pour les jeunes",
        summary="Depuis septembre, le centre social des Hauts-de-Villeneuve reste ouvert aux 15-20 ans trois soirs par semaine.",
        body=(
            "<p>C'était la première priorité du diagnostic des habitants. Le contrat de ville finance "
            "désormais deux animateurs et l'ouverture du centre social les mardis, jeudis et vendredis "
            "jusqu'à 21 heures.</p>"
        ),
        date=date(2026, 9, 10),
    ),
    DemoNews(
        slug="reunion-publique-renovation-quartier-de-la-gare",
        title="Réunion publique sur la rénovation du quartier de la Gare",
        summary="La Ville et le bailleur répondent à l'avis du conseil citoyen le 25 novembre à 18 h 30.",
        body=(
            "<p>Le conseil citoyen de La Gare–Bois-Fleuri avait rendu un avis assorti de huit demandes. La "
            "Ville et le bailleur présenteront leurs réponses en réunion publique, à l'école du Bois-Fleuri.</p>"
        ),
        date=date(2026, 11, 12),
    ),
    DemoNews(
        slug="bilan-de-l-annee-2026",
        title="Bilan de l'année 2026",
        summary="En préparation.",
        body="<p>Le rapport d'activité 2026 sera présenté en assemblée publique en janvier.</p>",
        status=DRAFT,
    ),
)

CONTENT = DemoContent(themes=THEMES, resources=RESOURCES, pages=PAGES, news=NEWS)
