"""Cycle générique de participation : mobiliser, diagnostiquer, co-construire, agir et rendre
compte, évaluer."""

from imedia_core.plugin_api import CycleTemplate, PhaseTemplate

from .common import CHARTE, FALC, FICHE_PROPOSITION, GRILLE_EVALUATION, PHOTOLANGAGE, VOUS_AVEZ_DIT, item

TEMPLATE = CycleTemplate(
    key="generique",
    name="Cycle de participation",
    description=(
        "<p>Un cycle en cinq temps pour associer durablement les personnes concernées à un projet ou à une "
        "politique : mobiliser, faire un diagnostic partagé, co-construire des propositions, agir et rendre "
        "compte, évaluer. Chaque tour de cycle nourrit le suivant.</p>"
    ),
    policy_areas=("social_facilities", "other"),
    starter_resources=(CHARTE, PHOTOLANGAGE, FICHE_PROPOSITION, VOUS_AVEZ_DIT, GRILLE_EVALUATION, FALC),
    phases=(
        PhaseTemplate(
            slug="mobiliser",
            title="Mobiliser",
            summary="Aller vers les personnes concernées et réunir un groupe qui leur ressemble.",
            body=(
                "<p>La participation commence bien avant la première réunion : il faut aller chercher les "
                "personnes là où elles sont, leur dire à quoi servira leur parole et lever ce qui les empêche "
                "de venir.</p>"
            ),
            stakes=(
                item(
                    "Toucher celles et ceux qu'on n'entend jamais",
                    "Le groupe doit refléter la diversité des personnes concernées, pas seulement les plus à l'aise.",
                    "Les habitués des réunions ne sont pas représentatifs. Sans effort d'aller-vers, la participation "
                    "renforce les inégalités de parole au lieu de les réduire.",
                ),
                item(
                    "Donner envie par un enjeu concret",
                    "On se mobilise pour un sujet qui touche sa vie quotidienne, pas pour « participer ».",
                    "Partir d'une question concrète que les personnes se posent déjà (l'accueil, les délais, les "
                    "horaires) rend l'invitation crédible et donne un premier objet de travail.",
                ),
                item(
                    "Construire la confiance",
                    "Les personnes doivent pouvoir croire que leur parole ne se retournera pas contre elles.",
                    "Quand on dépend d'une institution pour ses droits ou son parcours, critiquer ses services "
                    "présente un risque. Cette crainte doit être nommée et traitée dès le départ.",
                ),
            ),
            objectives=(
                item(
                    "Constituer un groupe d'au moins dix personnes concernées",
                    "Un groupe stable, divers, avec des personnes prêtes à s'engager sur la durée du cycle.",
                    "Viser un groupe assez large pour absorber les absences, et prévoir des entrées en cours de "
                    "route : la participation ne doit pas être réservée aux présents du premier jour.",
                ),
                item(
                    "Adopter une charte de participation",
                    "Des règles du jeu écrites ensemble : rôle de chacun, confidentialité, engagement de réponse.",
                    "La charte protège les participants autant qu'elle engage l'institution. Elle est discutée, "
                    "amendée et adoptée par le groupe lors de la première rencontre.",
                ),
            ),
            vigilance_points=(
                item(
                    "Les freins matériels",
                    "Transport, garde d'enfants, horaires : sans réponse à ces questions, seuls les plus disponibles viennent.",
                    "Prévoir le défraiement, des horaires compatibles avec les contraintes familiales et des lieux "
                    "accessibles. Annoncer ces conditions dans l'invitation elle-même.",
                ),
                item(
                    "Les invitations illisibles",
                    "Une invitation pleine de sigles et de jargon administratif n'atteint pas son public.",
                    "Écrire en langage simple, voire en FALC, tester l'invitation auprès de deux ou trois "
                    "personnes concernées et la doubler d'un contact oral par un professionnel de confiance.",
                ),
                item(
                    "Ne pas promettre ce qu'on ne tiendra pas",
                    "Annoncer clairement ce qui est négociable et ce qui ne l'est pas.",
                    "Une participation qui laisse croire que tout est possible produit de la déception. Mieux vaut "
                    "un périmètre modeste mais réel qu'une promesse vague.",
                ),
            ),
            methods=(
                item(
                    "L'aller-vers",
                    "Présenter la démarche dans les lieux que les personnes fréquentent déjà.",
                    "Salles d'attente, permanences, marchés, ateliers collectifs : un échange de cinq minutes en "
                    "face à face mobilise bien plus qu'un courrier. Y aller à deux, dont si possible un participant.",
                ),
                item(
                    "La cooptation par les pairs",
                    "Chaque participant invite une ou deux personnes de son entourage.",
                    "Les personnes font davantage confiance à un pair qu'à une institution. La cooptation élargit "
                    "le groupe à des personnes que les professionnels ne connaissent pas.",
                ),
                item(
                    "Une réunion de lancement conviviale",
                    "Un premier temps court, chaleureux, où l'on se présente et où l'on découvre le projet.",
                    "Accueil autour d'un café, tour de table sans statut, présentation de la démarche en dix "
                    "minutes, puis échanges libres. On repart avec la date de la rencontre suivante.",
                ),
            ),
            resources=("modele-charte-de-participation", "guide-ecrire-en-falc"),
        ),
        PhaseTemplate(
            slug="diagnostic-partage",
            title="Faire un diagnostic partagé",
            summary="Mettre en commun les constats des personnes concernées et des professionnels.",
            body=(
                "<p>Le diagnostic partagé croise l'expérience vécue des personnes et le regard des "
                "professionnels. Il ne cherche pas des coupables : il décrit ce qui marche, ce qui bloque, et "
                "pour qui.</p>"
            ),
            stakes=(
                item(
                    "Reconnaître l'expertise d'usage",
                    "Les personnes concernées savent des choses que les professionnels ignorent.",
                    "Le vécu d'un parcours, d'un guichet ou d'un dispositif est une connaissance à part entière. "
                    "Le diagnostic la met à égalité avec les données et les analyses des services.",
                ),
                item(
                    "Sortir des cas individuels",
                    "Passer de « mon problème » à « notre constat » sans effacer les situations vécues.",
                    "Un constat devient collectif quand plusieurs personnes s'y reconnaissent. C'est ce qui lui "
                    "donne du poids auprès des décideurs.",
                ),
            ),
            objectives=(
                item(
                    "Formuler une liste de constats partagés",
                    "Dix à quinze constats, dits avec les mots des participants, classés par thème.",
                    "Chaque constat est illustré par des exemples vécus et validé par le groupe avant de sortir "
                    "de la salle.",
                ),
                item(
                    "Identifier les priorités du groupe",
                    "Choisir ensemble les trois à cinq sujets sur lesquels travailler en priorité.",
                    "Le choix se fait par un vote simple (gommettes) après discussion, en tenant compte de ce qui "
                    "est à la portée de l'institution.",
                ),
            ),
            vigilance_points=(
                item(
                    "La confidentialité des témoignages",
                    "Ce qui est raconté de personnel ne sort pas du groupe.",
                    "Les comptes rendus ne citent aucun nom et ne permettent pas de reconnaître une situation "
                    "individuelle. Les participants relisent avant diffusion.",
                ),
                item(
                    "La reformulation qui trahit",
                    "En traduisant les constats en langage institutionnel, on perd leur force.",
                    "Garder les mots des participants, quitte à ajouter une note d'explication à côté. Faire "
                    "valider toute reformulation par le groupe.",
                ),
                item(
                    "Le procès des professionnels",
                    "Un diagnostic n'est pas un tribunal : il porte sur le fonctionnement, pas sur les personnes.",
                    "L'animateur recadre quand une critique vise nommément un agent, et aide à la transformer en "
                    "constat sur l'organisation.",
                ),
            ),
            methods=(
                item(
                    "Le photolangage",
                    "Des photos pour aider chacun à raconter son expérience.",
                    "Chacun choisit une image qui évoque son vécu et la présente. La méthode libère la parole des "
                    "personnes peu à l'aise avec l'écrit ou l'oral en public.",
                ),
                item(
                    "Le parcours raconté",
                    "Reconstituer pas à pas un parcours type, de la première démarche à aujourd'hui.",
                    "Sur une grande frise au mur, le groupe place les étapes, les attentes, les bonnes surprises "
                    "et les points de rupture. Les professionnels complètent ensuite avec leur vision.",
                ),
                item(
                    "Le vote par gommettes",
                    "Trois gommettes par personne pour désigner les constats prioritaires.",
                    "Simple, rapide et visible : chacun place ses gommettes sur les constats affichés. Les "
                    "résultats se discutent avant d'être retenus.",
                ),
            ),
            resources=("methode-photolangage",),
        ),
        PhaseTemplate(
            slug="co-construire",
            title="Co-construire des propositions",
            summary="Transformer les constats prioritaires en propositions précises, adressées à ceux qui décident.",
            body=(
                "<p>Une proposition utile dit quoi changer, pour qui, et qui peut le décider. Elle se construit "
                "avec les professionnels concernés, pour être à la fois ambitieuse et réaliste.</p>"
            ),
            stakes=(
                item(
                    "Passer de la plainte à la proposition",
                    "Le groupe devient force de proposition, pas seulement lieu d'expression.",
                    "C'est ce passage qui change le regard des institutions sur les participants et qui donne "
                    "aux personnes le sentiment d'un pouvoir d'agir réel.",
                ),
                item(
                    "Associer ceux qui mettront en œuvre",
                    "Une proposition construite sans les services a peu de chances d'aboutir.",
                    "Inviter les professionnels concernés à une partie des ateliers permet d'anticiper les "
                    "contraintes et de gagner des alliés.",
                ),
            ),
            objectives=(
                item(
                    "Rédiger une fiche par proposition",
                    "Constat, proposition, destinataire, besoins : une page claire par proposition.",
                    "La fiche est rédigée en petit groupe, relue par tous, puis transmise telle quelle au décideur "
                    "concerné.",
                ),
                item(
                    "Obtenir un engagement de réponse",
                    "Chaque proposition reçoit une réponse écrite et datée de l'institution.",
                    "La date de réponse est fixée au moment de la remise des propositions, en présence d'un décideur.",
                ),
            ),
            vigilance_points=(
                item(
                    "La récupération",
                    "Les propositions ne doivent pas être réécrites pour coller à ce que l'institution avait déjà prévu.",
                    "Si une proposition rejoint un projet existant, le dire ; si elle le contredit, l'assumer. Le "
                    "groupe garde la main sur le texte final.",
                ),
                item(
                    "Le calendrier institutionnel",
                    "Une proposition qui arrive après le vote du budget attend un an.",
                    "Repérer à l'avance les échéances (budget, appel d'offres, renouvellement d'un schéma) et "
                    "caler la remise des propositions en conséquence.",
                ),
            ),
            methods=(
                item(
                    "L'atelier en sous-groupes",
                    "Un sous-groupe par constat prioritaire, avec un professionnel ressource.",
                    "Chaque sous-groupe travaille 45 minutes sur sa fiche, puis la présente en plénière où elle "
                    "est enrichie par les autres.",
                ),
                item(
                    "La remise officielle",
                    "Les propositions sont présentées par les participants eux-mêmes aux décideurs.",
                    "Un temps solennel, préparé et répété, où les participants prennent la parole. Les décideurs "
                    "s'engagent publiquement sur un délai de réponse.",
                ),
            ),
            resources=("modele-fiche-constat-proposition",),
        ),
        PhaseTemplate(
            slug="agir-et-rendre-compte",
            title="Agir et rendre compte",
            summary="Mettre en œuvre ce qui a été décidé et faire savoir aux participants ce qui a changé.",
            body=(
                "<p>Rien ne décourage plus que des propositions restées sans nouvelles. Cette phase organise le "
                "retour systématique : « vous avez dit, nous avons fait », y compris quand la réponse est non.</p>"
            ),
            stakes=(
                item(
                    "Prouver que la participation sert à quelque chose",
                    "Des changements visibles, même modestes, entretiennent l'engagement.",
                    "Une mesure simple mise en œuvre vite vaut mieux qu'une grande réforme annoncée pour dans "
                    "trois ans. Les deux peuvent d'ailleurs coexister.",
                ),
                item(
                    "En finir avec « rien ne change »",
                    "Rendre compte de tout, y compris de ce qui n'a pas pu se faire.",
                    "Un refus argumenté respecte les participants ; le silence les disqualifie. L'institution "
                    "explique ses contraintes et ce qu'elle propose à la place.",
                ),
            ),
            objectives=(
                item(
                    "Tenir à jour le suivi des propositions",
                    "Chaque proposition a un responsable, une décision, une échéance et un état d'avancement.",
                    "Le tableau « Vous avez dit, nous avons fait » est mis à jour avant chaque rencontre et "
                    "publié sur la plateforme.",
                ),
                item(
                    "Organiser un temps de retour",
                    "Au moins une rencontre par an où les décideurs rendent compte devant le groupe.",
                    "Les décideurs présentent eux-mêmes ce qui a été fait ; les participants disent si cela "
                    "correspond à ce qu'ils avaient demandé.",
                ),
            ),
            vigilance_points=(
                item(
                    "Les délais de l'administration",
                    "Les participants vivent au rythme de leurs besoins, l'institution au rythme de ses procédures.",
                    "Donner des nouvelles intermédiaires, même quand rien n'est encore décidé, et expliquer les "
                    "étapes de la décision.",
                ),
                item(
                    "Le retour aux absents",
                    "Ceux qui ont fait une proposition ne sont pas toujours là quand la réponse arrive.",
                    "Prévoir un retour individuel (courrier simple, SMS, message) à chaque personne qui a "
                    "contribué, en plus de la publication.",
                ),
            ),
            methods=(
                item(
                    "Le tableau « Vous avez dit, nous avons fait »",
                    "Un suivi public de chaque proposition, avec ses suites.",
                    "Le tableau relie chaque constat aux décisions prises et à leur mise en œuvre. Il se lit en "
                    "deux minutes et se met à jour à chaque étape.",
                ),
                item(
                    "La réponse écrite et signée",
                    "Une réponse nominative du décideur à chaque proposition.",
                    "La réponse dit ce qui est décidé, pourquoi, par qui et quand. Elle est lue en groupe et "
                    "discutée, puis publiée.",
                ),
            ),
            resources=("tableau-vous-avez-dit-nous-avons-fait",),
        ),
        PhaseTemplate(
            slug="evaluer-et-ajuster",
            title="Évaluer et ajuster",
            summary="Regarder ensemble ce que la participation a changé et préparer le tour de cycle suivant.",
            body=(
                "<p>L'évaluation se fait avec les participants, pas seulement sur eux. Elle porte à la fois sur "
                "les résultats obtenus et sur la qualité de la démarche elle-même.</p>"
            ),
            stakes=(
                item(
                    "Apprendre de l'expérience",
                    "Comprendre ce qui a marché et ce qui doit changer dans la démarche.",
                    "Une participation qui ne s'évalue pas se répète à l'identique, avec ses défauts. L'évaluation "
                    "est l'occasion de la réinventer.",
                ),
                item(
                    "Rendre la démarche durable",
                    "Inscrire la participation dans le fonctionnement ordinaire de l'institution.",
                    "Au-delà d'une expérimentation, il s'agit d'obtenir des moyens pérennes et une place reconnue "
                    "pour les participants dans les instances.",
                ),
            ),
            objectives=(
                item(
                    "Mesurer les effets",
                    "Combien de propositions, combien de réponses, combien de changements effectifs.",
                    "Quelques indicateurs simples suffisent : taux de réponse, délai moyen, propositions mises en "
                    "œuvre, nombre et diversité des participants.",
                ),
                item(
                    "Décider des suites",
                    "Choisir avec le groupe les sujets et les améliorations du prochain cycle.",
                    "La dernière rencontre du cycle se conclut par un calendrier pour le suivant et par "
                    "l'accueil de nouveaux participants.",
                ),
            ),
            vigilance_points=(
                item(
                    "L'évaluation « pour le financeur »",
                    "Un bilan écrit pour justifier une subvention ne dit rien de ce que vivent les participants.",
                    "Associer les participants à la définition des critères et à la lecture des résultats, et leur "
                    "restituer le bilan.",
                ),
                item(
                    "L'usure des participants",
                    "Les plus engagés s'épuisent si la charge repose toujours sur eux.",
                    "Renouveler une partie du groupe, partager les rôles, reconnaître l'engagement (attestation, "
                    "valorisation dans le parcours).",
                ),
            ),
            methods=(
                item(
                    "L'auto-diagnostic collectif",
                    "Chacun note la démarche sur quelques critères, puis on compare les regards.",
                    "Participants et professionnels remplissent la même grille ; les écarts de perception sont "
                    "discutés et orientent les améliorations.",
                ),
                item(
                    "Le bilan en cercle",
                    "Un tour de parole : ce que j'ai appris, ce qui a changé, ce que je changerais.",
                    "Un temps simple et convivial qui donne la parole à chacun et fait émerger ce que les chiffres "
                    "ne disent pas.",
                ),
            ),
            resources=("grille-evaluation-de-la-participation",),
        ),
    ),
)
