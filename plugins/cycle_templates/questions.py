"""Starter guided-path questions per cycle template, in French: what people actually ask, each
linked to the template's phases, starter resources and methods, with follow-ups and, where it
helps, an invitation to contribute. Installed by the core's ``install_question_set``."""

from imedia_core.plugin_api import QuestionSet
from imedia_core.plugin_api import QuestionTemplate as Q

PROPOSITIONS_LUES = ("suite donnée", "réponse de l'institution", "rien ne change", "est-ce qu'on nous écoute", "retour")

GENERIQUE = QuestionSet(
    key="generique",
    questions=(
        Q(
            slug="comment-mobiliser-des-habitants-qui-ne-viennent-jamais",
            text="Comment mobiliser des habitants qui ne viennent jamais ?",
            answer="<p>On ne fait pas venir les gens : on va vers eux, là où ils sont, avec un enjeu concret qui "
            "les touche. Les pairs convainquent mieux que les affiches.</p>",
            keywords=(
                "faire venir du monde",
                "toujours les mêmes",
                "aller vers les gens",
                "public éloigné",
                "personne",
            ),
            phases=("mobiliser",),
            resources=("guide-ecrire-en-falc", "modele-charte-de-participation"),
            methods=(("mobiliser", "L'aller-vers"), ("mobiliser", "La cooptation par les pairs")),
            follow_ups=("par-ou-commencer-une-demarche-participative", "que-faire-quand-rien-ne-change"),
            contribute_kind="testimony",
            contribute_prompt="Racontez ce qui a marché, ou pas, pour faire venir des gens près de chez vous.",
        ),
        Q(
            slug="par-ou-commencer-une-demarche-participative",
            text="Par où commencer pour lancer une démarche participative ?",
            answer="<p>Commencez petit : une question qui compte pour les gens, un premier groupe, des règles "
            "écrites ensemble et un engagement clair sur ce que deviendront les propositions.</p>",
            keywords=("démarrer", "lancer un projet", "premiers pas", "débuter", "se lancer"),
            phases=("mobiliser",),
            resources=("modele-charte-de-participation",),
            methods=(("mobiliser", "Une réunion de lancement conviviale"),),
            follow_ups=("comment-mobiliser-des-habitants-qui-ne-viennent-jamais", "comment-fixer-les-regles-du-groupe"),
        ),
        Q(
            slug="comment-aider-chacun-a-dire-ce-qui-ne-va-pas",
            text="Comment aider chacun à dire ce qui ne va pas, sans se mettre en danger ?",
            answer="<p>Des supports comme les photos ou le récit de parcours permettent de parler d'une situation "
            "sans parler de soi. Le groupe part des constats partagés, pas des cas individuels.</p>",
            keywords=("prendre la parole", "oser parler", "timidité", "peur d'être jugé", "s'exprimer", "constats"),
            phases=("diagnostic-partage",),
            resources=("methode-photolangage",),
            methods=(("diagnostic-partage", "Le photolangage"), ("diagnostic-partage", "Le parcours raconté")),
            follow_ups=("comment-choisir-ensemble-ce-qui-compte",),
            contribute_kind="observation",
            contribute_prompt="Partagez un constat : ce que vous vivez, ce que vous voyez.",
        ),
        Q(
            slug="comment-choisir-ensemble-ce-qui-compte",
            text="Comment choisir ensemble ce qui compte le plus ?",
            answer="<p>Listez les constats, puis laissez chacun les classer : le vote par gommettes rend visibles "
            "les priorités du groupe en quelques minutes.</p>",
            keywords=("prioriser", "voter", "priorités", "hiérarchiser", "trancher"),
            phases=("diagnostic-partage",),
            methods=(("diagnostic-partage", "Le vote par gommettes"),),
            follow_ups=("comment-passer-des-plaintes-aux-propositions",),
        ),
        Q(
            slug="comment-passer-des-plaintes-aux-propositions",
            text="Comment passer des plaintes aux propositions ?",
            answer="<p>Chaque constat devient une proposition quand on répond à trois questions : qu'est-ce qui "
            "devrait changer, qui peut le faire, et comment saura-t-on que c'est fait ?</p>",
            keywords=("râler", "critiques", "se plaindre", "formuler une proposition", "idées", "suggestion"),
            phases=("co-construire",),
            resources=("modele-fiche-constat-proposition",),
            methods=(("co-construire", "L'atelier en sous-groupes"), ("co-construire", "La remise officielle")),
            follow_ups=("nos-propositions-sont-elles-lues",),
            contribute_kind="proposal",
            contribute_prompt="Faites une proposition : ce qui devrait changer, et comment.",
        ),
        Q(
            slug="nos-propositions-sont-elles-lues",
            text="Nos propositions sont-elles lues ?",
            answer="<p>Oui : chaque proposition reçoit une réponse écrite, et le tableau « Vous avez dit, nous "
            "avons fait » montre ce qui a été fait, ce qui est en cours, et ce qui ne sera pas fait, avec la "
            "raison.</p>",
            keywords=PROPOSITIONS_LUES,
            phases=("agir-et-rendre-compte",),
            resources=("tableau-vous-avez-dit-nous-avons-fait",),
            methods=(
                ("agir-et-rendre-compte", "Le tableau « Vous avez dit, nous avons fait »"),
                ("agir-et-rendre-compte", "La réponse écrite et signée"),
            ),
            follow_ups=("que-faire-quand-rien-ne-change",),
            contribute_kind="question",
            contribute_prompt="Posez votre question à l'équipe : où en est votre proposition ?",
        ),
        Q(
            slug="que-faire-quand-rien-ne-change",
            text="Que faire quand on a l'impression que rien ne change ?",
            answer="<p>Dites-le : c'est une information précieuse. Demandez où en est chaque proposition, et "
            "faites le point ensemble sur ce qui bloque.</p>",
            keywords=("découragement", "ça ne sert à rien", "lassitude", "démotivation", "promesses non tenues"),
            phases=("agir-et-rendre-compte", "evaluer-et-ajuster"),
            resources=("tableau-vous-avez-dit-nous-avons-fait", "grille-evaluation-de-la-participation"),
            methods=(("evaluer-et-ajuster", "Le bilan en cercle"),),
            follow_ups=("comment-savoir-si-notre-demarche-fonctionne",),
            contribute_kind="observation",
            contribute_prompt="Dites ce qui, selon vous, n'a pas bougé depuis que vous l'avez signalé.",
        ),
        Q(
            slug="comment-savoir-si-notre-demarche-fonctionne",
            text="Comment savoir si notre démarche participative fonctionne ?",
            answer="<p>Faites régulièrement un auto-diagnostic en groupe : il montre où vous en êtes, sur quoi "
            "vous êtes d'accord ou non, et ce qu'il faut travailler ensuite.</p>",
            keywords=("évaluer", "bilan", "mesurer", "indicateurs", "résultats", "efficacité", "autodiagnostic"),
            phases=("evaluer-et-ajuster",),
            resources=("grille-evaluation-de-la-participation",),
            methods=(
                ("evaluer-et-ajuster", "L'auto-diagnostic collectif"),
                ("evaluer-et-ajuster", "Le bilan en cercle"),
            ),
        ),
        Q(
            slug="comment-ecrire-pour-que-tout-le-monde-comprenne",
            text="Comment écrire pour que tout le monde comprenne ?",
            answer="<p>Des phrases courtes, un mot courant plutôt qu'un sigle, une idée par phrase : les règles "
            "du « facile à lire et à comprendre » servent à tout le monde.</p>",
            keywords=("FALC", "facile à lire", "simplifier", "jargon", "courriers", "lisible", "sigles"),
            phases=("mobiliser",),
            resources=("guide-ecrire-en-falc",),
        ),
        Q(
            slug="comment-fixer-les-regles-du-groupe",
            text="Comment se mettre d'accord sur les règles du groupe ?",
            answer="<p>Écrivez une charte ensemble dès la première rencontre : parole respectée, confidentialité, "
            "rôle de chacun, et ce que l'institution s'engage à faire des propositions.</p>",
            keywords=("charte", "règles du jeu", "respect", "confidentialité", "bienveillance", "engagements"),
            phases=("mobiliser",),
            resources=("modele-charte-de-participation",),
        ),
    ),
)

IMEDIATISATION = QuestionSet(
    key="imediatisation",
    questions=(
        Q(
            slug="par-ou-commencer-une-demarche-d-i-mediatisation",
            text="Par où commencer une démarche d'i-médiatisation ?",
            answer="<p>Par un groupe projet mixte : des usagers, des professionnels et des décideurs qui "
            "gouvernent ensemble la démarche dès le premier jour, avec une charte commune.</p>",
            keywords=("démarrer", "lancer", "premiers pas", "méthode", "débuter", "i-médiatisation"),
            phases=("groupe-projet-mixte", "ateliers-de-co-construction"),
            resources=("methode-animer-un-groupe-mixte",),
            follow_ups=(
                "qui-doit-faire-partie-du-groupe-projet",
                "comment-partir-des-questions-que-les-gens-se-posent",
            ),
        ),
        Q(
            slug="qui-doit-faire-partie-du-groupe-projet",
            text="Qui doit faire partie du groupe projet ?",
            answer="<p>Trois points de vue à parts égales : des personnes concernées, des professionnels de "
            "terrain, et des décideurs qui portent politiquement la démarche.</p>",
            keywords=("composition", "membres", "recruter", "qui inviter", "représentants", "gouvernance"),
            phases=("groupe-projet-mixte",),
            resources=("modele-charte-de-participation",),
            methods=(("groupe-projet-mixte", "La co-écriture de la charte"),),
            follow_ups=("comment-travailler-a-egalite-usagers-professionnels-decideurs",),
        ),
        Q(
            slug="comment-travailler-a-egalite-usagers-professionnels-decideurs",
            text="Comment travailler à égalité entre usagers, professionnels et décideurs ?",
            answer="<p>Chacun se présente sans son titre, les usagers préparent les réunions entre pairs, et la "
            "charte dit qui décide de quoi.</p>",
            keywords=("groupe mixte", "hiérarchie", "statut", "rapport de pouvoir", "égalité", "élus"),
            phases=("groupe-projet-mixte",),
            resources=("methode-animer-un-groupe-mixte",),
            methods=(
                ("groupe-projet-mixte", "Le tour de table sans statut"),
                ("groupe-projet-mixte", "Les réunions préparatoires entre pairs"),
            ),
        ),
        Q(
            slug="comment-partir-des-questions-que-les-gens-se-posent",
            text="Comment partir des questions que les gens se posent vraiment ?",
            answer="<p>Allez les recueillir sur le terrain, mot pour mot, avant de proposer le moindre outil : "
            "c'est ce qui évite le « supermarché d'outils ».</p>",
            keywords=("besoins", "recueillir", "terrain", "écouter", "attentes des usagers", "supermarché d'outils"),
            phases=("ateliers-de-co-construction",),
            resources=("methode-atelier-de-co-construction",),
            methods=(
                ("ateliers-de-co-construction", "Le recueil des questions sur le terrain"),
                ("ateliers-de-co-construction", "L'atelier de co-construction"),
            ),
            follow_ups=("comment-animer-un-atelier-de-co-construction",),
            contribute_kind="question",
            contribute_prompt="Quelle question vous posez-vous ? Écrivez-la avec vos mots.",
        ),
        Q(
            slug="comment-animer-un-atelier-de-co-construction",
            text="Comment animer un atelier de co-construction ?",
            answer="<p>Une question de départ claire, des petits groupes mixtes, des maquettes en papier plutôt "
            "que des discours, et une restitution où chaque groupe montre ce qu'il a produit.</p>",
            keywords=("animation", "atelier", "déroulé", "co-création", "maquette", "facilitation"),
            phases=("ateliers-de-co-construction",),
            resources=("methode-atelier-de-co-construction",),
            methods=(("ateliers-de-co-construction", "Le maquettage papier"),),
            follow_ups=("comment-verifier-que-l-outil-sert-vraiment",),
        ),
        Q(
            slug="comment-verifier-que-l-outil-sert-vraiment",
            text="Comment vérifier que l'outil sert vraiment aux usagers ?",
            answer="<p>Faites-le tester par des usagers, en binôme, sur de vraies situations ; notez ce qui les "
            "bloque, et revoyez les retours en groupe projet avant de corriger.</p>",
            keywords=("test", "tester", "retours", "utilisabilité", "essai", "améliorer l'outil"),
            phases=("tests-et-ameliorations",),
            resources=("outil-protocole-de-test-avec-les-usagers",),
            methods=(
                ("tests-et-ameliorations", "Le test utilisateur en binôme"),
                ("tests-et-ameliorations", "La revue des retours en groupe projet"),
            ),
            contribute_kind="observation",
            contribute_prompt="Dites-nous ce qui vous a gêné ou aidé en utilisant l'outil.",
        ),
        Q(
            slug="comment-suivre-une-experimentation-sur-plusieurs-sites",
            text="Comment suivre une expérimentation sur plusieurs sites ?",
            answer="<p>Un journal d'expérimentation tenu sur chaque site, des usagers relais, et un point mensuel "
            "entre sites pour comparer ce qui marche.</p>",
            keywords=("journal", "suivi", "expérimentation", "sites", "terrain", "traces", "pilote"),
            phases=("experimentation-de-terrain",),
            resources=("outil-journal-d-experimentation",),
            methods=(
                ("experimentation-de-terrain", "Le point mensuel inter-sites"),
                ("experimentation-de-terrain", "Les usagers relais"),
            ),
        ),
        Q(
            slug="nos-propositions-sont-elles-lues",
            text="Nos propositions sont-elles lues ?",
            answer="<p>Oui : le tableau « Vous avez dit, nous avons fait » suit chaque proposition jusqu'à sa "
            "réponse, y compris quand elle n'est pas retenue et pourquoi.</p>",
            keywords=PROPOSITIONS_LUES,
            phases=("experimentation-de-terrain", "deploiement"),
            resources=("tableau-vous-avez-dit-nous-avons-fait",),
            contribute_kind="question",
            contribute_prompt="Posez votre question à l'équipe : où en est votre proposition ?",
        ),
        Q(
            slug="comment-garder-l-esprit-de-la-demarche-en-la-deployant",
            text="Comment garder l'esprit de la démarche en la déployant ailleurs ?",
            answer="<p>Par le compagnonnage : un site expérimenté accompagne le suivant, et une journée annuelle "
            "réunit tous les participants pour dire ce qui a changé.</p>",
            keywords=("déploiement", "essaimage", "changer d'échelle", "pérenniser", "financement", "durer"),
            phases=("deploiement",),
            resources=("tableau-vous-avez-dit-nous-avons-fait",),
            methods=(
                ("deploiement", "Le compagnonnage entre sites"),
                ("deploiement", "La journée annuelle de la participation"),
            ),
        ),
    ),
)

CONSEILS_CITOYENS = QuestionSet(
    key="conseils_citoyens",
    questions=(
        Q(
            slug="par-ou-commencer-pour-creer-un-conseil-citoyen",
            text="Par où commencer pour créer un conseil citoyen ?",
            answer="<p>Composez-le avec des habitants tirés au sort et des volontaires, et des acteurs locaux ; "
            "écrivez sa charte, puis installez-le lors d'une séance publique.</p>",
            keywords=("créer", "monter", "lancer", "constituer", "installer le conseil", "démarrer"),
            phases=("constituer-le-conseil",),
            resources=("guide-tirage-au-sort-conseil-citoyen", "modele-charte-de-participation"),
            methods=(("constituer-le-conseil", "La séance d'installation publique"),),
            follow_ups=("comment-tirer-au-sort-les-habitants-du-conseil", "le-conseil-citoyen-est-il-independant"),
        ),
        Q(
            slug="comment-tirer-au-sort-les-habitants-du-conseil",
            text="Comment tirer au sort les habitants du conseil ?",
            answer="<p>Tirez au sort sur plusieurs listes (électorale, bailleurs, fournisseurs d'énergie) pour "
            "toucher aussi ceux qui ne votent pas, puis allez frapper aux portes en binôme.</p>",
            keywords=("tirage au sort", "liste électorale", "volontaires", "représentativité", "collège habitants"),
            phases=("constituer-le-conseil",),
            resources=("guide-tirage-au-sort-conseil-citoyen",),
            methods=(("constituer-le-conseil", "Le porte-à-porte en binôme"),),
        ),
        Q(
            slug="comment-mobiliser-des-habitants-qui-ne-viennent-jamais",
            text="Comment mobiliser des habitants qui ne viennent jamais ?",
            answer="<p>Allez vers eux : porte-à-porte, micro-trottoir au pied des immeubles, présence aux "
            "sorties d'école. Un habitant qui invite son voisin vaut mieux qu'une affiche.</p>",
            keywords=("faire venir du monde", "toujours les mêmes", "aller vers", "jeunes", "personne ne vient"),
            phases=("constituer-le-conseil", "diagnostic-du-quartier"),
            resources=("guide-tirage-au-sort-conseil-citoyen",),
            methods=(
                ("constituer-le-conseil", "Le porte-à-porte en binôme"),
                ("diagnostic-du-quartier", "Le micro-trottoir"),
            ),
            follow_ups=("comment-faire-le-diagnostic-du-quartier",),
            contribute_kind="testimony",
            contribute_prompt="Racontez ce qui a marché, ou pas, pour faire venir des habitants.",
        ),
        Q(
            slug="le-conseil-citoyen-est-il-independant",
            text="Le conseil citoyen est-il indépendant de la mairie ?",
            answer="<p>Oui, c'est la loi : le conseil fonctionne en autonomie, souvent porté par une association, "
            "et sa charte le rappelle. Les élus l'écoutent, ils ne le dirigent pas.</p>",
            keywords=("indépendance", "autonomie", "mairie", "élus", "neutralité", "association porteuse"),
            phases=("constituer-le-conseil", "se-former-et-s-organiser"),
            resources=("modele-charte-de-participation",),
        ),
        Q(
            slug="comment-comprendre-le-jargon-de-la-politique-de-la-ville",
            text="Je ne comprends rien au jargon de la politique de la ville : comment m'y retrouver ?",
            answer="<p>Le conseil tient son propre lexique, écrit en mots simples, et les anciens membres forment "
            "les nouveaux. Aucune question n'est bête.</p>",
            keywords=("sigles", "vocabulaire", "contrat de ville", "QPV", "comprendre", "se former"),
            phases=("se-former-et-s-organiser",),
            resources=("guide-ecrire-en-falc",),
            methods=(
                ("se-former-et-s-organiser", "Le lexique du conseil"),
                ("se-former-et-s-organiser", "La formation par les pairs"),
            ),
            contribute_kind="question",
            contribute_prompt="Quel mot ou quel sigle voudriez-vous qu'on vous explique ?",
        ),
        Q(
            slug="comment-faire-le-diagnostic-du-quartier",
            text="Comment faire le diagnostic de notre quartier avec les habitants ?",
            answer="<p>Marchez ensemble dans le quartier, carte en main : chacun note ce qui va et ce qui ne va "
            "pas. La carte sensible garde la trace de ce que les habitants ressentent.</p>",
            keywords=("diagnostic", "état des lieux", "balade", "marche exploratoire", "problèmes", "cadre de vie"),
            phases=("diagnostic-du-quartier",),
            resources=("methode-diagnostic-en-marchant",),
            methods=(
                ("diagnostic-du-quartier", "Le diagnostic en marchant"),
                ("diagnostic-du-quartier", "La carte sensible"),
            ),
            follow_ups=("comment-faire-entendre-nos-propositions-dans-le-contrat-de-ville",),
            contribute_kind="observation",
            contribute_prompt="Signalez un constat sur votre quartier : un lieu, un problème, une idée.",
        ),
        Q(
            slug="comment-faire-entendre-nos-propositions-dans-le-contrat-de-ville",
            text="Comment faire entendre nos propositions dans le contrat de ville ?",
            answer="<p>Écrivez chaque proposition sur une fiche constat-proposition, et préparez ensemble les "
            "comités de pilotage où siègent vos représentants.</p>",
            keywords=("comité de pilotage", "instances", "peser", "décisions", "élus", "proposer"),
            phases=("proposer-et-agir",),
            resources=("modele-fiche-constat-proposition",),
            methods=(
                ("proposer-et-agir", "La fiche constat-proposition"),
                ("proposer-et-agir", "La préparation des instances"),
            ),
            follow_ups=("nos-propositions-sont-elles-lues",),
            contribute_kind="proposal",
            contribute_prompt="Faites une proposition pour votre quartier.",
        ),
        Q(
            slug="nos-propositions-sont-elles-lues",
            text="Nos propositions sont-elles lues ?",
            answer="<p>Chaque proposition transmise attend une réponse écrite ; le tableau « Vous avez dit, nous "
            "avons fait » et le journal du conseil montrent où en est chacune.</p>",
            keywords=PROPOSITIONS_LUES,
            phases=("rendre-compte-et-se-renouveler",),
            resources=("tableau-vous-avez-dit-nous-avons-fait",),
            methods=(("rendre-compte-et-se-renouveler", "Le journal du conseil"),),
            follow_ups=("comment-rendre-compte-aux-habitants",),
            contribute_kind="question",
            contribute_prompt="Posez votre question : où en est une proposition du conseil ?",
        ),
        Q(
            slug="comment-rendre-compte-aux-habitants",
            text="Comment rendre compte de notre action aux habitants du quartier ?",
            answer="<p>Une assemblée annuelle ouverte à tous et un journal du conseil : ce qui a été proposé, ce "
            "qui a été obtenu, ce qui reste à faire.</p>",
            keywords=("bilan", "assemblée", "communication", "journal", "informer les habitants"),
            phases=("rendre-compte-et-se-renouveler",),
            resources=("tableau-vous-avez-dit-nous-avons-fait",),
            methods=(
                ("rendre-compte-et-se-renouveler", "L'assemblée annuelle du quartier"),
                ("rendre-compte-et-se-renouveler", "Le journal du conseil"),
            ),
        ),
        Q(
            slug="comment-renouveler-le-conseil",
            text="Comment renouveler le conseil quand des membres s'en vont ?",
            answer="<p>Prévoyez le renouvellement dès la charte : un nouveau tirage au sort partiel chaque année, "
            "et un accueil des nouveaux par les anciens.</p>",
            keywords=("départs", "renouvellement", "essoufflement", "nouveaux membres", "durer"),
            phases=("rendre-compte-et-se-renouveler", "constituer-le-conseil"),
            resources=("guide-tirage-au-sort-conseil-citoyen",),
        ),
    ),
)

FORMATION = QuestionSet(
    key="amelioration_continue_formation",
    questions=(
        Q(
            slug="a-qui-dire-que-la-formation-ne-correspond-pas",
            text="À qui dire que la formation ne correspond pas à ce qu'on m'avait annoncé ?",
            answer="<p>Dites-le pendant la formation : au groupe d'expression, à vos délégués ou dans le "
            "questionnaire. Les constats sont transmis à l'organisme et à la Région, qui doivent y répondre.</p>",
            keywords=(
                "formation pas conforme",
                "contenu différent",
                "promesse",
                "réclamation",
                "se plaindre",
                "pas ce qui était prévu",
                "organisme de formation",
            ),
            phases=("recueillir-les-constats",),
            resources=("outil-questionnaire-stagiaires-facile-a-lire", "methode-groupe-d-expression-des-stagiaires"),
            methods=(("recueillir-les-constats", "Le groupe d'expression"),),
            follow_ups=("puis-je-dire-ce-qui-ne-va-pas-sans-risque", "que-deviennent-nos-remarques"),
            contribute_kind="observation",
            contribute_prompt="Décrivez l'écart entre ce qu'on vous avait annoncé et ce que vous vivez en formation.",
        ),
        Q(
            slug="mon-avis-de-stagiaire-compte-t-il",
            text="Est-ce que mon avis de stagiaire compte vraiment ?",
            answer="<p>Oui : vos constats servent à améliorer les formations, et chaque réponse de l'organisme "
            "ou de la Région est affichée pour que vous sachiez ce qui a changé.</p>",
            keywords=("avis", "être écouté", "ça sert à quoi", "voix des stagiaires", "apprenti", "opinion"),
            phases=("mobiliser-stagiaires-et-organismes", "mettre-en-oeuvre-et-faire-savoir"),
            resources=("tableau-vous-avez-dit-nous-avons-fait",),
            methods=(
                ("mobiliser-stagiaires-et-organismes", "La présentation en session d'accueil"),
                ("mettre-en-oeuvre-et-faire-savoir", "La réponse aux délégués"),
            ),
            follow_ups=("que-deviennent-nos-remarques",),
        ),
        Q(
            slug="comment-devenir-delegue-des-stagiaires",
            text="Comment devenir délégué·e des stagiaires ?",
            answer="<p>Les délégués sont choisis par leur groupe en début de formation. Ils sont préparés avant "
            "chaque rencontre avec l'organisme et la Région.</p>",
            keywords=("délégué", "représentant", "élection", "porte-parole", "apprentis"),
            phases=("mobiliser-stagiaires-et-organismes", "elaborer-les-propositions"),
            methods=(("elaborer-les-propositions", "La préparation des délégués"),),
        ),
        Q(
            slug="puis-je-dire-ce-qui-ne-va-pas-sans-risque",
            text="Puis-je dire ce qui ne va pas sans que ça se retourne contre moi ?",
            answer="<p>Le groupe d'expression se tient sans les formateurs et le questionnaire ne demande pas "
            "votre nom : ce sont les constats qui comptent, pas qui les a dits.</p>",
            keywords=("anonyme", "peur", "représailles", "confidentialité", "formateur", "sanction"),
            phases=("recueillir-les-constats",),
            resources=("outil-questionnaire-stagiaires-facile-a-lire",),
            methods=(
                ("recueillir-les-constats", "Le questionnaire facile à lire"),
                ("recueillir-les-constats", "Le groupe d'expression"),
            ),
            contribute_kind="observation",
            contribute_prompt="Partagez ce qui ne va pas dans votre formation.",
        ),
        Q(
            slug="que-deviennent-nos-remarques",
            text="Que deviennent nos remarques une fois recueillies ?",
            answer="<p>Elles deviennent des propositions discutées avec l'organisme et la Région ; chaque "
            "amélioration décidée est affichée, et ce qui n'est pas retenu est expliqué.</p>",
            keywords=("suite", "propositions lues", "réponse", "Région", "retour", *PROPOSITIONS_LUES),
            phases=("elaborer-les-propositions", "mettre-en-oeuvre-et-faire-savoir"),
            resources=("modele-fiche-constat-proposition", "tableau-vous-avez-dit-nous-avons-fait"),
            methods=(
                ("elaborer-les-propositions", "La rencontre délégués-organismes-Région"),
                ("mettre-en-oeuvre-et-faire-savoir", "L'affiche des améliorations"),
            ),
            contribute_kind="question",
            contribute_prompt="Posez votre question : où en est une remarque de votre groupe ?",
        ),
        Q(
            slug="comment-entendre-les-stagiaires-qui-abandonnent",
            text="Comment entendre les stagiaires qui abandonnent la formation ?",
            answer="<p>Un court entretien de sortie, proposé à chaque personne qui arrête, dit souvent plus que "
            "tous les questionnaires de fin de formation.</p>",
            keywords=("abandon", "décrochage", "arrêt", "sortie", "partir avant la fin"),
            phases=("recueillir-les-constats",),
            methods=(("recueillir-les-constats", "L'entretien de sortie"),),
            contribute_kind="testimony",
            contribute_prompt="Vous avez arrêté une formation ? Racontez ce qui s'est passé.",
        ),
        Q(
            slug="comment-mobiliser-des-stagiaires-qui-ne-viennent-jamais",
            text="Comment mobiliser des stagiaires qui ne viennent jamais aux réunions ?",
            answer="<p>Présentez la démarche dès l'accueil, sur le temps de formation, et montrez une amélioration "
            "obtenue par les groupes précédents : rien ne mobilise mieux.</p>",
            keywords=("faire venir", "participation faible", "motivation", "stagiaires absents", "apprentis"),
            phases=("mobiliser-stagiaires-et-organismes",),
            resources=("methode-groupe-d-expression-des-stagiaires",),
            methods=(("mobiliser-stagiaires-et-organismes", "La présentation en session d'accueil"),),
            follow_ups=("mon-avis-de-stagiaire-compte-t-il",),
        ),
        Q(
            slug="comment-convaincre-les-organismes-de-formation",
            text="Comment convaincre les organismes de formation de jouer le jeu ?",
            answer="<p>Associez-les dès le lancement : la démarche nourrit leur démarche qualité, et les "
            "propositions leur sont adressées directement, au bon niveau.</p>",
            keywords=("organismes", "centres de formation", "adhésion", "partenaires", "qualité", "Qualiopi"),
            phases=("mobiliser-stagiaires-et-organismes", "elaborer-les-propositions"),
            resources=("modele-fiche-constat-proposition",),
            methods=(("mobiliser-stagiaires-et-organismes", "La réunion de lancement avec les organismes"),),
        ),
        Q(
            slug="comment-mesurer-si-la-formation-s-ameliore",
            text="Comment mesurer si la formation s'améliore vraiment ?",
            answer="<p>Une grille d'évaluation partagée entre stagiaires, organismes et Région, remplie chaque "
            "année, et un séminaire de bilan pour en tirer les leçons.</p>",
            keywords=("évaluation", "indicateurs", "bilan", "qualité", "satisfaction", "résultats"),
            phases=("evaluer-et-capitaliser",),
            resources=("grille-evaluation-de-la-participation",),
            methods=(
                ("evaluer-et-capitaliser", "La grille d'évaluation partagée"),
                ("evaluer-et-capitaliser", "Le séminaire de bilan"),
            ),
        ),
        Q(
            slug="comment-transformer-une-remarque-en-proposition",
            text="Comment transformer une remarque en proposition utile ?",
            answer="<p>Partez du constat, dites ce qui devrait changer et à qui c'est adressé : l'organisme, "
            "l'employeur ou la Région. La fiche constat-proposition guide pas à pas.</p>",
            keywords=("proposition", "idée", "améliorer", "suggestion", "fiche"),
            phases=("elaborer-les-propositions",),
            resources=("modele-fiche-constat-proposition",),
            methods=(("elaborer-les-propositions", "La préparation des délégués"),),
            contribute_kind="proposal",
            contribute_prompt="Faites une proposition pour améliorer votre formation.",
        ),
    ),
)

RSA = QuestionSet(
    key="participation_rsa",
    questions=(
        Q(
            slug="mon-avis-peut-il-changer-mon-accompagnement",
            text="Est-ce que mon avis peut changer quelque chose à mon accompagnement ?",
            answer="<p>Votre avis ne change pas votre dossier, mais il peut changer la façon dont tout le monde "
            "est accompagné : les constats du groupe sont travaillés avec les services du Département.</p>",
            keywords=("accompagnement", "référent", "parcours", "changer", "être écouté", "insertion"),
            phases=("exprimer-les-constats", "co-construire-avec-les-services"),
            resources=("methode-photolangage",),
            methods=(("exprimer-les-constats", "La frise du parcours"),),
            follow_ups=("participer-est-il-obligatoire", "nos-propositions-sont-elles-lues"),
            contribute_kind="observation",
            contribute_prompt="Racontez votre parcours : ce qui vous a aidé, ce qui vous a freiné.",
        ),
        Q(
            slug="participer-est-il-obligatoire",
            text="Est-ce que participer est obligatoire, et est-ce que ça peut jouer sur mon RSA ?",
            answer="<p>Non : la participation est libre. Venir, ne pas venir ou arrêter n'a aucun effet sur vos "
            "droits ni sur votre allocation.</p>",
            keywords=("obligation", "sanction", "radiation", "contrôle", "allocation", "libre", "droits"),
            phases=("constituer-le-groupe",),
            resources=("modele-charte-de-participation",),
            methods=(("constituer-le-groupe", "L'information collective"),),
            follow_ups=("mes-frais-sont-ils-rembourses",),
        ),
        Q(
            slug="mes-frais-sont-ils-rembourses",
            text="Est-ce que mes frais de transport ou de garde sont remboursés ?",
            answer="<p>Oui : les frais de transport et de garde d'enfants engagés pour participer sont pris en "
            "charge, selon des règles simples expliquées dès la première rencontre.</p>",
            keywords=("défraiement", "frais", "transport", "garde d'enfants", "indemnité", "remboursement", "ticket"),
            phases=("constituer-le-groupe",),
            resources=("guide-defraiement-des-participants",),
        ),
        Q(
            slug="comment-parler-de-ma-situation-sans-tout-devoiler",
            text="Comment parler de ma situation sans tout dévoiler ?",
            answer="<p>Vous ne dites que ce que vous voulez. Les photos du photolangage permettent de parler "
            "d'une situation sans parler de soi, et la charte protège ce qui se dit dans le groupe.</p>",
            keywords=("vie privée", "confidentialité", "pudeur", "honte", "jugement", "parler en groupe"),
            phases=("exprimer-les-constats",),
            resources=("methode-photolangage", "modele-charte-de-participation"),
            methods=(("exprimer-les-constats", "Le photolangage"),),
        ),
        Q(
            slug="les-courriers-sont-incomprehensibles",
            text="Les courriers de la CAF et du Département sont incompréhensibles : peut-on les changer ?",
            answer="<p>Oui, c'est un des chantiers du groupe : les allocataires testent les courriers avec les "
            "services, qui les réécrivent en mots simples.</p>",
            keywords=("courriers", "lettres", "formulaires", "administratif", "jargon", "CAF", "simplifier"),
            phases=("co-construire-avec-les-services",),
            resources=("guide-ecrire-en-falc",),
            methods=(("co-construire-avec-les-services", "Le test des courriers"),),
            contribute_kind="proposal",
            contribute_prompt="Proposez une amélioration d'un courrier ou d'une démarche.",
        ),
        Q(
            slug="comment-representer-les-allocataires-en-equipe-pluridisciplinaire",
            text="Comment représenter les allocataires en équipe pluridisciplinaire ?",
            answer="<p>Les représentants siègent en binôme, se préparent avant chaque séance et rendent compte "
            "au groupe, sans jamais parler d'un dossier qu'ils connaissent personnellement.</p>",
            keywords=("EP", "équipe pluridisciplinaire", "représentant", "siéger", "instance", "commission"),
            phases=("participer-aux-instances",),
            resources=("guide-sieger-en-equipe-pluridisciplinaire",),
            methods=(
                ("participer-aux-instances", "Le binôme de représentants"),
                ("participer-aux-instances", "La séance de préparation"),
            ),
        ),
        Q(
            slug="comment-faire-venir-d-autres-allocataires",
            text="Comment faire venir d'autres allocataires dans le groupe ?",
            answer="<p>Le bouche-à-oreille entre allocataires marche mieux qu'un courrier ; une première "
            "rencontre conviviale, défrayée, lève bien des hésitations.</p>",
            keywords=("mobiliser", "isolement", "faire venir", "bouche-à-oreille", "recruter", "personne ne vient"),
            phases=("constituer-le-groupe",),
            resources=("guide-defraiement-des-participants",),
            methods=(
                ("constituer-le-groupe", "L'information collective"),
                ("constituer-le-groupe", "La première rencontre conviviale"),
            ),
            contribute_kind="testimony",
            contribute_prompt="Racontez comment vous êtes arrivé·e dans le groupe.",
        ),
        Q(
            slug="nos-propositions-sont-elles-lues",
            text="Nos propositions sont-elles lues par le Département ?",
            answer="<p>Oui : chaque proposition reçoit une réponse, et une rencontre annuelle avec les élus fait "
            "le point sur ce qui a été fait, ce qui est en cours et ce qui ne sera pas fait.</p>",
            keywords=PROPOSITIONS_LUES,
            phases=("rendre-compte-et-evaluer",),
            resources=("tableau-vous-avez-dit-nous-avons-fait",),
            methods=(("rendre-compte-et-evaluer", "La rencontre annuelle avec les élus"),),
            contribute_kind="question",
            contribute_prompt="Posez votre question : où en est une proposition du groupe ?",
        ),
        Q(
            slug="comment-travailler-d-egal-a-egal-avec-les-professionnels",
            text="Comment travailler d'égal à égal avec les travailleurs sociaux ?",
            answer="<p>Dans les ateliers mixtes, chacun apporte son expertise : celle du vécu pour les "
            "allocataires, celle du métier pour les professionnels. Personne n'y parle de dossiers.</p>",
            keywords=("professionnels", "travailleurs sociaux", "référents", "regard", "confiance", "égalité"),
            phases=("co-construire-avec-les-services",),
            resources=("guide-ecrire-en-falc",),
            methods=(("co-construire-avec-les-services", "L'atelier mixte allocataires-professionnels"),),
        ),
        Q(
            slug="a-quoi-sert-le-groupe-des-allocataires",
            text="À quoi sert le groupe des allocataires ?",
            answer="<p>À faire entendre l'expérience des personnes au RSA pour améliorer l'accompagnement de "
            "tous : il repère ce qui bloque, propose, siège dans les instances et suit les réponses.</p>",
            keywords=("but", "utilité", "pourquoi participer", "groupe ressource", "rôle"),
            phases=("constituer-le-groupe", "rendre-compte-et-evaluer"),
            resources=("modele-charte-de-participation", "tableau-vous-avez-dit-nous-avons-fait"),
            methods=(("rendre-compte-et-evaluer", "Le bilan en cercle"),),
            follow_ups=("participer-est-il-obligatoire", "mon-avis-peut-il-changer-mon-accompagnement"),
        ),
    ),
)

QUESTION_SETS = [GENERIQUE, IMEDIATISATION, CONSEILS_CITOYENS, FORMATION, RSA]
