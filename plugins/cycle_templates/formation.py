"""Cycle d'amélioration continue d'un service public régional de formation, avec les stagiaires
et les apprentis."""

from imedia_core.plugin_api import CycleTemplate, PhaseTemplate, ResourceTemplate

from .common import (
    ACCESSIBILITE,
    ANIMATION,
    FICHE_PROPOSITION,
    FORMATION,
    GRILLE_EVALUATION,
    PARTICIPATION,
    VOUS_AVEZ_DIT,
    item,
)

GROUPE_EXPRESSION = ResourceTemplate(
    slug="methode-groupe-d-expression-des-stagiaires",
    title="Animer un groupe d'expression de stagiaires",
    kind="method",
    summary="Une séance de deux heures, sur le temps de formation, où les stagiaires disent ce qui marche et ce qui bloque.",
    body=(
        "<p>Le groupe d'expression réunit 8 à 12 stagiaires ou apprentis d'une même action de formation, "
        "sans les formateurs, avec un animateur extérieur à l'organisme.</p><ol>"
        "<li>Rappel des règles : anonymat, pas de mise en cause de personnes, retour garanti.</li>"
        "<li>Tour de table : « ce qui m'aide dans ma formation, ce qui me gêne ».</li>"
        "<li>Regroupement des constats par thème : accueil, pédagogie, stage ou entreprise, transport, "
        "rémunération, vie quotidienne.</li>"
        "<li>Choix de trois constats prioritaires et premières pistes de proposition.</li>"
        "<li>Désignation de deux délégués pour porter les constats auprès de l'organisme.</li></ol>"
    ),
    themes=(FORMATION, ANIMATION, PARTICIPATION),
    audiences=("facilitators", "professionals"),
)

QUESTIONNAIRE = ResourceTemplate(
    slug="outil-questionnaire-stagiaires-facile-a-lire",
    title="Questionnaire stagiaires facile à lire",
    kind="tool",
    summary="Dix questions simples, avec des pictogrammes, pour recueillir l'avis de tous les stagiaires à mi-parcours.",
    body=(
        "<p>Ce questionnaire est écrit en facile à lire et à comprendre. Il se remplit en dix minutes, sur "
        "papier ou sur téléphone.</p><ul>"
        "<li>Je comprends ce qu'on m'apprend.</li>"
        "<li>Je peux poser mes questions aux formateurs.</li>"
        "<li>J'arrive à venir en formation (transport, horaires, garde d'enfants).</li>"
        "<li>Je suis payé à temps (rémunération de stagiaire).</li>"
        "<li>Mon stage ou mon entreprise m'aide à apprendre.</li></ul>"
        "<p>Chaque question se répond par un visage (content, moyen, pas content) et une case « je veux "
        "en dire plus ».</p>"
    ),
    themes=(FORMATION, ACCESSIBILITE),
    audiences=("citizens", "professionals"),
    reading_level="easy_to_read",
)

TEMPLATE = CycleTemplate(
    key="amelioration_continue_formation",
    name="Amélioration continue de la formation avec les stagiaires et apprentis",
    description=(
        "<p>Un cycle annuel pour améliorer un service public régional de formation professionnelle avec "
        "celles et ceux qui le vivent : les stagiaires et les apprentis font remonter leurs constats et "
        "propositions, les organismes de formation et la Région y répondent et font savoir ce qui a changé.</p>"
    ),
    policy_areas=("vocational_training",),
    starter_resources=(GROUPE_EXPRESSION, QUESTIONNAIRE, FICHE_PROPOSITION, VOUS_AVEZ_DIT, GRILLE_EVALUATION),
    phases=(
        PhaseTemplate(
            slug="mobiliser-stagiaires-et-organismes",
            title="Mobiliser stagiaires, apprentis et organismes",
            summary="Faire connaître la démarche et obtenir l'engagement des organismes de formation et des CFA.",
            body=(
                "<p>La démarche repose sur trois partenaires : les stagiaires et apprentis, les organismes de "
                "formation et CFA, et la Région qui finance. Chacun doit savoir ce qu'il y gagne et à quoi il "
                "s'engage.</p>"
            ),
            stakes=(
                item(
                    "Faire des stagiaires des acteurs de la qualité",
                    "Les stagiaires ne sont pas seulement des bénéficiaires : leur regard améliore la formation.",
                    "Ce sont eux qui vivent la formation au quotidien. Leur expérience révèle des difficultés que "
                    "ni l'organisme ni la Région ne voient : transport, rémunération, relation avec l'entreprise.",
                ),
                item(
                    "L'adhésion des organismes de formation",
                    "Les organismes doivent voir la démarche comme un appui, pas comme un contrôle.",
                    "Présenter la démarche comme un outil d'amélioration continue, articulé avec leurs propres "
                    "démarches qualité, et garantir qu'elle ne sert pas à sanctionner.",
                ),
            ),
            objectives=(
                item(
                    "Engager les organismes volontaires",
                    "Une convention simple avec chaque organisme ou CFA participant.",
                    "La convention précise le temps de formation réservé à la participation, le référent de "
                    "l'organisme et l'engagement de répondre aux propositions.",
                ),
                item(
                    "Informer tous les stagiaires dès l'entrée en formation",
                    "Une présentation de la démarche dans chaque session d'accueil.",
                    "Cinq minutes suffisent : à quoi sert la démarche, comment y participer, ce que sont devenues "
                    "les propositions des promotions précédentes.",
                ),
                item(
                    "Désigner des délégués stagiaires",
                    "Deux délégués par groupe, volontaires, pour porter la parole de leur promotion.",
                    "Les délégués sont élus ou volontaires ; ils reçoivent une courte formation à leur rôle.",
                ),
            ),
            vigilance_points=(
                item(
                    "Participer sur le temps de formation",
                    "Les stagiaires ne doivent pas prendre sur leur temps personnel ni sur leur rémunération.",
                    "Les temps de participation sont inscrits dans le planning de formation et comptent comme "
                    "heures de présence.",
                ),
                item(
                    "Les apprentis en entreprise",
                    "Les apprentis passent la majorité de leur temps en entreprise et sont difficiles à réunir.",
                    "Organiser les temps collectifs pendant les semaines au CFA et proposer des modes de "
                    "contribution à distance, sur téléphone.",
                ),
                item(
                    "La peur des représailles",
                    "Un stagiaire peut craindre qu'une critique nuise à sa formation ou à sa certification.",
                    "Garantir l'anonymat des constats, faire animer les groupes par une personne extérieure à "
                    "l'organisme et rappeler ces garanties à chaque séance.",
                ),
            ),
            methods=(
                item(
                    "La présentation en session d'accueil",
                    "Un court temps de présentation dans chaque session, par un ancien stagiaire si possible.",
                    "Le témoignage d'un ancien stagiaire sur une amélioration obtenue convainc plus que tout "
                    "discours institutionnel.",
                ),
                item(
                    "La réunion de lancement avec les organismes",
                    "Une réunion par territoire avec les organismes, la Région et des délégués stagiaires.",
                    "On y présente la démarche, le calendrier de l'année et les résultats de l'année précédente.",
                ),
            ),
            resources=(),
        ),
        PhaseTemplate(
            slug="recueillir-les-constats",
            title="Recueillir les constats en cours de formation",
            summary="Donner la parole aux stagiaires et apprentis sur tout ce qui fait leur parcours de formation.",
            body=(
                "<p>À mi-parcours, les stagiaires et apprentis s'expriment sur l'ensemble de leur parcours : "
                "orientation et entrée en formation, pédagogie, stage ou entreprise, rémunération, transport, "
                "vie quotidienne. Les constats sont recueillis en groupe et par questionnaire.</p>"
            ),
            stakes=(
                item(
                    "Voir le parcours dans son ensemble",
                    "Les difficultés d'un stagiaire dépassent souvent la salle de formation.",
                    "Retard de rémunération, absence de transport, garde d'enfants : ces freins expliquent une "
                    "grande part des abandons et relèvent souvent de la Région ou des prescripteurs.",
                ),
                item(
                    "Entendre aussi ceux qui décrochent",
                    "Les stagiaires qui abandonnent ont beaucoup à dire et ne sont jamais interrogés.",
                    "Prévoir un contact avec les stagiaires sortis avant la fin, pour comprendre les raisons de "
                    "leur départ.",
                ),
            ),
            objectives=(
                item(
                    "Réunir un groupe d'expression par action de formation",
                    "Une séance de deux heures à mi-parcours, sans les formateurs.",
                    "Le groupe d'expression produit une liste de constats classés et trois priorités.",
                ),
                item(
                    "Faire remplir un questionnaire par tous",
                    "Un questionnaire court, facile à lire, pour ceux qui ne parlent pas en groupe.",
                    "Le questionnaire complète le groupe d'expression et permet de comparer les actions de "
                    "formation entre elles.",
                ),
            ),
            vigilance_points=(
                item(
                    "La maîtrise du français écrit",
                    "Une partie des stagiaires lit et écrit difficilement le français.",
                    "Privilégier l'oral, les pictogrammes et le FALC ; permettre de répondre avec l'aide d'un pair.",
                ),
                item(
                    "La confidentialité",
                    "Dans un petit groupe, un constat peut désigner un formateur ou un stagiaire.",
                    "Les comptes rendus regroupent les constats par thème, sans nom ni détail permettant "
                    "d'identifier une personne, et sont relus par les délégués.",
                ),
            ),
            methods=(
                item(
                    "Le groupe d'expression",
                    "Deux heures pour dire ce qui aide et ce qui gêne, puis choisir des priorités.",
                    "Animé par une personne extérieure à l'organisme, le groupe s'appuie sur un tour de table, un "
                    "classement des constats et un vote.",
                ),
                item(
                    "Le questionnaire facile à lire",
                    "Dix questions avec pictogrammes, sur papier ou téléphone.",
                    "Les réponses sont anonymes ; la case « je veux en dire plus » permet d'être recontacté.",
                ),
                item(
                    "L'entretien de sortie",
                    "Un appel de quinze minutes aux stagiaires qui ont quitté la formation avant la fin.",
                    "Mené par un tiers, il recueille les raisons du départ et ce qui aurait pu l'éviter.",
                ),
            ),
            resources=("methode-groupe-d-expression-des-stagiaires", "outil-questionnaire-stagiaires-facile-a-lire"),
        ),
        PhaseTemplate(
            slug="elaborer-les-propositions",
            title="Élaborer les propositions avec les organismes et la Région",
            summary="Transformer les constats en propositions, avec ceux qui peuvent les mettre en œuvre.",
            body=(
                "<p>Délégués stagiaires, référents des organismes et chargés de mission de la Région se "
                "retrouvent pour construire des propositions. Chacune est adressée au bon niveau : la "
                "formation elle-même, l'organisme, ou la politique régionale.</p>"
            ),
            stakes=(
                item(
                    "Adresser chaque proposition au bon niveau",
                    "Certaines choses se règlent dans l'organisme, d'autres relèvent de la Région ou des prescripteurs.",
                    "Distinguer ce qui relève de l'action de formation, de l'organisme, de la Région ou des "
                    "partenaires (transport, prescription) évite que tout remonte ou que rien ne remonte.",
                ),
                item(
                    "Un dialogue à égalité",
                    "Les délégués stagiaires doivent pouvoir défendre leurs propositions face aux professionnels.",
                    "La préparation des délégués et l'animation par un tiers garantissent que la parole des "
                    "stagiaires n'est pas noyée dans celle des institutions.",
                ),
            ),
            objectives=(
                item(
                    "Formuler des propositions précises",
                    "Une fiche par proposition : constat, proposition, destinataire, échéance souhaitée.",
                    "Les fiches sont rédigées par les délégués avec l'appui de l'animateur, puis discutées avec "
                    "les organismes et la Région.",
                ),
                item(
                    "Obtenir une réponse de chaque destinataire",
                    "Chaque proposition reçoit une réponse écrite : oui, non (et pourquoi), ou à l'étude (jusqu'à quand).",
                    "Le délai de réponse est fixé lors de la rencontre ; l'animateur relance si besoin.",
                ),
            ),
            vigilance_points=(
                item(
                    "Les stagiaires partis entre-temps",
                    "Les promotions se succèdent vite : ceux qui ont fait les propositions ne verront pas la réponse.",
                    "Prévoir un retour individuel aux anciens stagiaires et présenter les suites aux nouvelles "
                    "promotions, qui prennent le relais.",
                ),
                item(
                    "Le calendrier des achats de formation",
                    "Beaucoup de changements passent par le cahier des charges du prochain marché.",
                    "Repérer les dates de rédaction des cahiers des charges et y faire entrer les propositions "
                    "à temps.",
                ),
            ),
            methods=(
                item(
                    "La rencontre délégués-organismes-Région",
                    "Une demi-journée par territoire pour présenter et discuter les propositions.",
                    "Les délégués présentent eux-mêmes ; organismes et Région réagissent et s'engagent sur un "
                    "délai de réponse.",
                ),
                item(
                    "La préparation des délégués",
                    "Une séance avant la rencontre pour préparer la prise de parole.",
                    "Les délégués répètent leur présentation, anticipent les objections et se répartissent les sujets.",
                ),
            ),
            resources=("modele-fiche-constat-proposition",),
        ),
        PhaseTemplate(
            slug="mettre-en-oeuvre-et-faire-savoir",
            title="Mettre en œuvre et faire savoir",
            summary="Appliquer les améliorations décidées et le faire savoir aux stagiaires actuels et futurs.",
            body=(
                "<p>Les organismes et la Région mettent en œuvre ce qui a été décidé. Surtout, ils le font "
                "savoir : aux stagiaires qui ont proposé, aux promotions suivantes, et à tous les organismes "
                "du réseau.</p>"
            ),
            stakes=(
                item(
                    "En finir avec « ça ne sert à rien »",
                    "Les stagiaires doivent voir que leur parole a produit des changements.",
                    "Chaque amélioration obtenue est présentée comme le résultat de propositions de stagiaires : "
                    "c'est ce qui donne envie aux promotions suivantes de participer.",
                ),
                item(
                    "Diffuser les bonnes pratiques",
                    "Une solution trouvée dans un organisme peut servir à tous.",
                    "Les améliorations sont partagées dans le réseau des organismes de formation et publiées "
                    "dans le centre de ressources.",
                ),
            ),
            objectives=(
                item(
                    "Tenir le tableau « vous avez dit, nous avons fait »",
                    "Un suivi public de chaque proposition, par organisme et pour la Région.",
                    "Le tableau est mis à jour chaque trimestre et affiché dans les organismes et sur la plateforme.",
                ),
                item(
                    "Présenter les suites à chaque nouvelle promotion",
                    "Les améliorations obtenues sont présentées en session d'accueil.",
                    "La présentation montre le lien entre constats, propositions et changements, et invite à "
                    "poursuivre.",
                ),
            ),
            vigilance_points=(
                item(
                    "Les réponses négatives passées sous silence",
                    "Une proposition refusée doit être expliquée autant qu'une proposition acceptée.",
                    "Le tableau mentionne les refus et leurs raisons ; c'est une condition de la confiance.",
                ),
                item(
                    "Les changements invisibles",
                    "Une amélioration administrative (délai de paiement réduit) passe inaperçue si on ne la dit pas.",
                    "Annoncer explicitement chaque changement, avec des chiffres quand c'est possible.",
                ),
            ),
            methods=(
                item(
                    "L'affiche des améliorations",
                    "Une affiche par organisme : « Grâce à vos propositions, nous avons… ».",
                    "Trois à cinq changements concrets, en langage simple, affichés dans les salles de formation.",
                ),
                item(
                    "La réponse aux délégués",
                    "Une rencontre ou un courrier qui répond point par point aux propositions.",
                    "Les délégués relaient la réponse à leur promotion et aux anciens stagiaires concernés.",
                ),
            ),
            resources=("tableau-vous-avez-dit-nous-avons-fait",),
        ),
        PhaseTemplate(
            slug="evaluer-et-capitaliser",
            title="Évaluer et capitaliser",
            summary="Faire le bilan de l'année avec tous les partenaires et préparer le cycle suivant.",
            body=(
                "<p>En fin d'année, stagiaires, organismes et Région font le bilan : propositions, réponses, "
                "changements obtenus, qualité de la démarche. Les enseignements nourrissent le cycle suivant "
                "et les prochains marchés de formation.</p>"
            ),
            stakes=(
                item(
                    "Inscrire la démarche dans la politique régionale",
                    "L'amélioration continue doit devenir un élément permanent du service public de formation.",
                    "Les résultats de la démarche alimentent le cahier des charges des achats de formation et "
                    "les critères de qualité attendus des organismes.",
                ),
                item(
                    "Mesurer les effets réels",
                    "Abandons, satisfaction, insertion : la démarche doit montrer ce qu'elle change.",
                    "Quelques indicateurs suivis d'année en année permettent de vérifier que les améliorations "
                    "produisent des effets pour les stagiaires.",
                ),
            ),
            objectives=(
                item(
                    "Produire un bilan annuel partagé",
                    "Un document court : chiffres clés, améliorations obtenues, difficultés, pistes.",
                    "Le bilan est discuté avec des délégués stagiaires avant d'être diffusé.",
                ),
                item(
                    "Améliorer la démarche elle-même",
                    "Ce qui a freiné la participation cette année est corrigé l'année suivante.",
                    "L'auto-évaluation de la démarche par les partenaires fait émerger les améliorations à apporter.",
                ),
            ),
            vigilance_points=(
                item(
                    "Les indicateurs qui ne disent rien",
                    "Compter les réunions ne dit pas si la formation s'est améliorée.",
                    "Choisir des indicateurs de résultat (propositions mises en œuvre, délais de réponse, taux "
                    "d'abandon) plutôt que d'activité.",
                ),
                item(
                    "Oublier les stagiaires dans le bilan",
                    "Un bilan écrit entre institutions reproduit ce que la démarche voulait changer.",
                    "Associer des délégués stagiaires à l'écriture et à la présentation du bilan.",
                ),
            ),
            methods=(
                item(
                    "La grille d'évaluation partagée",
                    "Stagiaires, organismes et Région notent la démarche sur les mêmes critères.",
                    "La comparaison des notes révèle les écarts de perception et oriente les améliorations.",
                ),
                item(
                    "Le séminaire de bilan",
                    "Une journée réunissant délégués, organismes et Région pour tirer les enseignements de l'année.",
                    "Le séminaire se conclut par les engagements de chacun pour le cycle suivant.",
                ),
            ),
            resources=("grille-evaluation-de-la-participation",),
        ),
    ),
)
