"""Cycle des conseils citoyens : constituer le conseil, se former, diagnostiquer le quartier,
proposer et agir dans le contrat de ville, rendre compte et se renouveler."""

from imedia_core.plugin_api import CycleTemplate, PhaseTemplate, ResourceTemplate

from .common import (
    ANIMATION,
    CHARTE,
    FALC,
    FICHE_PROPOSITION,
    GOUVERNANCE,
    PARTICIPATION,
    QUARTIER,
    VOUS_AVEZ_DIT,
    item,
)

TIRAGE = ResourceTemplate(
    slug="guide-tirage-au-sort-conseil-citoyen",
    title="Composer un conseil citoyen par tirage au sort",
    kind="guide",
    summary="Les étapes pour tirer au sort le collège habitants et assurer la parité et la diversité du conseil.",
    body=(
        "<p>Le conseil citoyen réunit un collège d'habitants, tirés au sort, et un collège d'associations et "
        "d'acteurs locaux du quartier prioritaire.</p><ol>"
        "<li>Constituer la liste de tirage : listes de bailleurs, fichiers d'abonnés, et une liste de "
        "volontaires recueillie par un appel à candidatures largement diffusé.</li>"
        "<li>Tirer au sort en séance publique, séparément femmes et hommes pour garantir la parité.</li>"
        "<li>Contacter chaque personne tirée au sort de vive voix (porte-à-porte) : un courrier seul ne suffit pas.</li>"
        "<li>Prévoir une liste complémentaire pour remplacer les désistements.</li></ol>"
    ),
    themes=(QUARTIER, GOUVERNANCE),
    audiences=("professionals", "facilitators", "decision_makers"),
)

MARCHE = ResourceTemplate(
    slug="methode-diagnostic-en-marchant",
    title="Le diagnostic en marchant",
    kind="method",
    summary="Parcourir le quartier à pied avec habitants et services pour observer et noter ce qui va et ce qui ne va pas.",
    body=(
        "<p>Un parcours d'une heure et demie, préparé avec les habitants, passe par les lieux qu'ils "
        "fréquentent et ceux qu'ils évitent. À chaque arrêt, on observe, on écoute, on note et on "
        "photographie.</p><ul>"
        "<li>Inviter les services concernés (voirie, bailleur, police municipale) à marcher avec les habitants.</li>"
        "<li>Choisir un horaire représentatif : sortie d'école, soirée.</li>"
        "<li>Restituer en moins d'un mois, avec une carte et la liste des suites données.</li></ul>"
    ),
    themes=(QUARTIER, PARTICIPATION, ANIMATION),
    audiences=("citizens", "facilitators", "professionals"),
)

TEMPLATE = CycleTemplate(
    key="conseils_citoyens",
    name="Cycle des conseils citoyens",
    description=(
        "<p>Accompagner un conseil citoyen de quartier prioritaire, de sa constitution à sa participation "
        "aux instances du contrat de ville : se former, faire un diagnostic du quartier, porter des "
        "propositions et des initiatives, rendre compte aux habitants.</p>"
    ),
    policy_areas=("citizen_councils",),
    starter_resources=(TIRAGE, CHARTE, MARCHE, FICHE_PROPOSITION, VOUS_AVEZ_DIT, FALC),
    phases=(
        PhaseTemplate(
            slug="constituer-le-conseil",
            title="Constituer le conseil citoyen",
            summary="Composer un conseil qui ressemble au quartier : habitants tirés au sort et acteurs locaux.",
            body=(
                "<p>Le conseil citoyen comprend un collège d'habitants, désignés en partie par tirage au sort, "
                "et un collège d'associations et d'acteurs locaux. Sa composition conditionne sa légitimité "
                "auprès des habitants comme des institutions.</p>"
            ),
            stakes=(
                item(
                    "La représentativité",
                    "Le conseil doit refléter la diversité du quartier : âges, origines, situations, parité.",
                    "Le tirage au sort vise à faire entrer des habitants qui ne se seraient jamais portés "
                    "candidats. Il ne suffit pas : il faut aller les convaincre un par un.",
                ),
                item(
                    "L'indépendance",
                    "Le conseil citoyen agit en autonomie vis-à-vis des élus et des services.",
                    "Son indépendance se construit par un portage associatif ou une structure propre, des moyens "
                    "de fonctionnement garantis et une liberté d'ordre du jour.",
                ),
            ),
            objectives=(
                item(
                    "Tirer au sort et installer le collège habitants",
                    "Un tirage public, paritaire, suivi d'un contact direct avec chaque personne tirée.",
                    "La liste de tirage combine listes de bailleurs et volontaires. Une liste complémentaire "
                    "permet de remplacer les désistements.",
                ),
                item(
                    "Réunir le collège des acteurs locaux",
                    "Associations, commerçants, professions libérales du quartier, sur appel à candidatures.",
                    "Les acteurs locaux apportent leur connaissance du terrain et leurs réseaux ; ils ne doivent "
                    "pas prendre le pas sur les habitants.",
                ),
                item(
                    "Adopter une charte de fonctionnement",
                    "Règles de décision, de parole, de confidentialité et de relation avec les institutions.",
                    "La charte est élaborée par le conseil lui-même, avec l'appui d'un animateur, lors de ses "
                    "premières séances.",
                ),
            ),
            vigilance_points=(
                item(
                    "Le courrier qui reste sans réponse",
                    "Un courrier officiel annonçant le tirage au sort est souvent ignoré, ou inquiète.",
                    "Doubler chaque courrier d'une visite à domicile par un binôme habitant-animateur, qui "
                    "explique le rôle du conseil en langage simple.",
                ),
                item(
                    "La confusion avec les instances existantes",
                    "Comités de quartier, associations de locataires, conseil citoyen : les habitants s'y perdent.",
                    "Expliquer clairement ce que fait le conseil citoyen et ce qu'il ne fait pas, et organiser "
                    "les liens avec les autres instances.",
                ),
            ),
            methods=(
                item(
                    "Le porte-à-porte en binôme",
                    "Un habitant et un animateur vont à la rencontre des personnes tirées au sort.",
                    "La visite dure dix minutes, présente le conseil, répond aux inquiétudes et laisse un "
                    "document simple avec la date de la première réunion.",
                ),
                item(
                    "La séance d'installation publique",
                    "Un temps officiel et festif qui présente les membres du conseil au quartier.",
                    "Élus et services y prennent des engagements publics sur les moyens et sur la prise en compte "
                    "des avis du conseil.",
                ),
            ),
            resources=("guide-tirage-au-sort-conseil-citoyen", "modele-charte-de-participation"),
        ),
        PhaseTemplate(
            slug="se-former-et-s-organiser",
            title="Se former et s'organiser",
            summary="Comprendre la politique de la ville, se doter d'une organisation et de moyens de fonctionner.",
            body=(
                "<p>Pour peser, les conseillers citoyens doivent comprendre le contrat de ville, ses instances, "
                "ses financements et son calendrier, et s'organiser pour travailler entre deux réunions.</p>"
            ),
            stakes=(
                item(
                    "Le pouvoir d'agir",
                    "Connaître les règles du jeu institutionnel pour pouvoir y prendre part à égalité.",
                    "Sans formation, les conseillers assistent aux comités de pilotage sans pouvoir y intervenir. "
                    "La formation est une condition de l'égalité de parole.",
                ),
                item(
                    "Un fonctionnement autonome",
                    "Un local, un budget et des outils de communication propres au conseil.",
                    "Les moyens de fonctionnement permettent au conseil de se réunir, d'informer les habitants et "
                    "de mener ses propres initiatives.",
                ),
            ),
            objectives=(
                item(
                    "Suivre un cycle de formation",
                    "Contrat de ville, instances, financements, prise de parole en public.",
                    "Quatre à six séances courtes, en soirée ou le samedi, avec des intervenants qui parlent "
                    "simplement et des mises en situation.",
                ),
                item(
                    "Répartir les rôles",
                    "Représentants dans les instances, référents par thème, relais vers les habitants.",
                    "Les rôles tournent pour éviter qu'une ou deux personnes portent tout. Chaque représentant "
                    "rend compte au conseil après chaque instance.",
                ),
            ),
            vigilance_points=(
                item(
                    "Le jargon de la politique de la ville",
                    "QPV, NPNRU, CGET, ANRU : les sigles tiennent les habitants à distance.",
                    "Établir avec le conseil un lexique simple, et demander aux institutions de l'utiliser dans "
                    "leurs documents et leurs réunions.",
                ),
                item(
                    "L'épuisement des bénévoles",
                    "Réunions en journée, documents volumineux, délais courts : l'engagement devient une charge.",
                    "Négocier des horaires adaptés, des documents envoyés à l'avance et résumés, et un défraiement "
                    "des frais engagés.",
                ),
            ),
            methods=(
                item(
                    "La formation par les pairs",
                    "Des conseillers d'autres quartiers partagent leur expérience.",
                    "Les échanges entre conseils citoyens rassurent, donnent des idées et évitent de reproduire "
                    "les mêmes erreurs.",
                ),
                item(
                    "Le lexique du conseil",
                    "Un glossaire simple des sigles et mots de la politique de la ville, construit ensemble.",
                    "Chaque mot inconnu rencontré en réunion y est ajouté avec une définition en langage simple. "
                    "Le lexique est publié pour tous les habitants.",
                ),
            ),
            resources=("guide-ecrire-en-falc",),
        ),
        PhaseTemplate(
            slug="diagnostic-du-quartier",
            title="Diagnostiquer le quartier",
            summary="Croiser le regard des habitants et les données des institutions sur la vie du quartier.",
            body=(
                "<p>Le conseil citoyen construit son propre diagnostic du quartier : cadre de vie, services, "
                "emploi, jeunesse, sécurité. Il le confronte aux diagnostics officiels du contrat de ville.</p>"
            ),
            stakes=(
                item(
                    "Faire entendre l'expertise des habitants",
                    "Les habitants connaissent les usages réels du quartier mieux que les statistiques.",
                    "Le diagnostic des habitants complète les données officielles : il dit ce qui se vit, pas "
                    "seulement ce qui se mesure.",
                ),
                item(
                    "Aller au-delà des habitués",
                    "Le diagnostic doit recueillir la parole des jeunes, des femmes, des personnes isolées.",
                    "Le conseil ne parle pas seulement pour ses membres : il va chercher la parole des habitants "
                    "qu'on entend le moins.",
                ),
            ),
            objectives=(
                item(
                    "Recueillir la parole d'au moins cent habitants",
                    "Questionnaires de rue, rencontres en pied d'immeuble, marches exploratoires.",
                    "La diversité des lieux et des horaires de recueil compte plus que le nombre absolu de réponses.",
                ),
                item(
                    "Produire un diagnostic partagé",
                    "Un document court, illustré, qui hiérarchise les constats du conseil.",
                    "Le diagnostic est présenté aux habitants avant d'être remis aux institutions.",
                ),
            ),
            vigilance_points=(
                item(
                    "Les attentes déçues",
                    "Interroger les habitants crée l'attente d'une suite rapide.",
                    "Dire dès le recueil ce que le conseil fera de la parole recueillie et quand les habitants "
                    "auront un retour.",
                ),
                item(
                    "La sécurité des personnes qui témoignent",
                    "Sur certains sujets (trafics, conflits de voisinage), témoigner expose.",
                    "Garantir l'anonymat, ne jamais citer de nom ni de situation reconnaissable, et ne pas "
                    "enquêter sur ce qui relève de la police.",
                ),
            ),
            methods=(
                item(
                    "Le diagnostic en marchant",
                    "Un parcours à pied avec habitants et services pour observer le quartier.",
                    "Les étapes sont choisies par les habitants ; à chaque arrêt, on note ce qui va, ce qui ne va "
                    "pas et ce qui pourrait changer.",
                ),
                item(
                    "Le micro-trottoir",
                    "Deux ou trois questions simples posées aux passants, en pied d'immeuble ou au marché.",
                    "Les conseillers vont en binôme, à des horaires variés, et notent les réponses telles quelles.",
                ),
                item(
                    "La carte sensible",
                    "Une grande carte du quartier où chacun place ses lieux aimés, évités, manquants.",
                    "Affichée lors d'une fête de quartier ou dans un lieu public, elle recueille la parole de "
                    "ceux qui ne viennent pas aux réunions.",
                ),
            ),
            resources=("methode-diagnostic-en-marchant",),
        ),
        PhaseTemplate(
            slug="proposer-et-agir",
            title="Proposer et agir dans le contrat de ville",
            summary="Porter des propositions dans les instances du contrat de ville et mener des initiatives.",
            body=(
                "<p>Le conseil citoyen siège dans les instances de pilotage du contrat de ville. Il y porte des "
                "propositions issues de son diagnostic, donne son avis sur les projets et mène lui-même des "
                "initiatives dans le quartier.</p>"
            ),
            stakes=(
                item(
                    "Peser sur les décisions",
                    "Être présent aux comités de pilotage ne suffit pas : il faut y être entendu.",
                    "Des propositions préparées, argumentées et portées collectivement ont plus de poids qu'une "
                    "intervention improvisée.",
                ),
                item(
                    "Agir par soi-même",
                    "Le conseil peut porter ses propres projets, sans attendre l'institution.",
                    "Fête de quartier, permanence d'accès aux droits, jardin partagé : les initiatives du conseil "
                    "renforcent sa visibilité et sa légitimité.",
                ),
            ),
            objectives=(
                item(
                    "Remettre des propositions écrites",
                    "Chaque priorité du diagnostic donne lieu à une fiche de proposition adressée.",
                    "Les fiches sont remises en comité de pilotage, avec une demande de réponse écrite dans un "
                    "délai fixé.",
                ),
                item(
                    "Donner un avis sur les projets du quartier",
                    "Rénovation urbaine, appels à projets, équipements : le conseil est consulté en amont.",
                    "Obtenir que les documents soient transmis assez tôt pour que le conseil puisse en débattre "
                    "avant l'instance.",
                ),
            ),
            vigilance_points=(
                item(
                    "La consultation de façade",
                    "Être consulté sur des décisions déjà prises décrédibilise le conseil.",
                    "Le conseil peut refuser de donner un avis sans information suffisante ou sans délai "
                    "raisonnable, et le dire publiquement.",
                ),
                item(
                    "Le calendrier institutionnel",
                    "Programmation annuelle, appels à projets, budgets : tout se décide à des dates précises.",
                    "Construire avec le chef de projet politique de la ville un calendrier des échéances et "
                    "préparer les propositions en conséquence.",
                ),
            ),
            methods=(
                item(
                    "La fiche constat-proposition",
                    "Une page par proposition : constat, proposition, destinataire, besoins.",
                    "La fiche structure le travail du conseil et facilite la réponse des institutions.",
                ),
                item(
                    "La préparation des instances",
                    "Une réunion du conseil avant chaque comité de pilotage pour préparer les interventions.",
                    "Le conseil décide de ses positions, désigne ses porte-parole et prépare les questions à poser.",
                ),
            ),
            resources=("modele-fiche-constat-proposition",),
        ),
        PhaseTemplate(
            slug="rendre-compte-et-se-renouveler",
            title="Rendre compte et se renouveler",
            summary="Faire savoir aux habitants ce qui a été obtenu, et renouveler le conseil.",
            body=(
                "<p>Le conseil citoyen rend compte aux habitants de son action et des réponses obtenues. Il "
                "accueille de nouveaux membres pour ne pas s'épuiser et rester représentatif du quartier.</p>"
            ),
            stakes=(
                item(
                    "La crédibilité auprès des habitants",
                    "Les habitants jugent le conseil à ce qu'il obtient et à ce qu'il en dit.",
                    "Un conseil qui rend compte régulièrement, y compris de ses échecs, gagne la confiance du "
                    "quartier et attire de nouveaux membres.",
                ),
                item(
                    "La durée",
                    "Un conseil citoyen vit plusieurs années : il faut organiser la relève.",
                    "Le renouvellement partiel et régulier évite l'épuisement et l'entre-soi.",
                ),
            ),
            objectives=(
                item(
                    "Publier le suivi des propositions",
                    "Un tableau « vous avez dit, nous avons fait » mis à jour et affiché dans le quartier.",
                    "Le tableau est publié sur la plateforme, affiché dans les lieux publics et présenté lors "
                    "d'une réunion annuelle ouverte à tous.",
                ),
                item(
                    "Renouveler une partie des membres chaque année",
                    "Nouveau tirage au sort et appel à volontaires pour remplacer les départs.",
                    "Les anciens membres accueillent et forment les nouveaux ; la charte est relue ensemble.",
                ),
            ),
            vigilance_points=(
                item(
                    "Les réponses qui n'arrivent pas",
                    "Sans réponse des institutions, le conseil n'a rien à rendre aux habitants.",
                    "Relancer par écrit, rendre publics les délais de réponse et en faire un point de l'ordre du "
                    "jour des instances.",
                ),
                item(
                    "Le départ des piliers",
                    "Le départ d'un ou deux membres très actifs peut faire s'effondrer le conseil.",
                    "Partager les rôles, documenter ce qui se fait et préparer la transmission bien avant les départs.",
                ),
            ),
            methods=(
                item(
                    "L'assemblée annuelle du quartier",
                    "Une réunion publique où le conseil présente son bilan et ses projets.",
                    "Format convivial, en soirée ou le samedi, avec un temps d'échange et un appel à rejoindre le "
                    "conseil.",
                ),
                item(
                    "Le journal du conseil",
                    "Une feuille d'information simple distribuée dans les boîtes aux lettres.",
                    "Deux ou trois fois par an, en langage simple et illustré : ce que le conseil a fait, ce qu'il "
                    "a obtenu, comment le contacter.",
                ),
            ),
            resources=("tableau-vous-avez-dit-nous-avons-fait",),
        ),
    ),
)
