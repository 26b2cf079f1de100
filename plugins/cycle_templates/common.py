"""What several cycle templates share: the item helper, the themes, and starter resources that
serve more than one kind of programme (reused by slug when a second template is applied)."""

from imedia_core.plugin_api import CycleItemTemplate, ResourceTemplate, ThemeTemplate


def item(title: str, summary: str, body: str) -> CycleItemTemplate:
    """An item whose body is one paragraph of plain text."""
    return CycleItemTemplate(title=title, summary=summary, body=f"<p>{body}</p>")


PARTICIPATION = ThemeTemplate(
    "participation", "Participation", "Associer les personnes aux décisions qui les concernent."
)
ANIMATION = ThemeTemplate("animation", "Animation de groupes", "Préparer et animer des temps collectifs.")
ACCESSIBILITE = ThemeTemplate(
    "accessibilite", "Accessibilité et FALC", "Rendre l'information et les temps de participation accessibles à tous."
)
RETOUR = ThemeTemplate(
    "retour-aux-participants",
    "Retour aux participants",
    "Faire savoir ce qui a été fait des constats et des propositions : « vous avez dit, nous avons fait ».",
)
EVALUATION = ThemeTemplate("evaluation", "Évaluation", "Mesurer ce que la participation change, et s'ajuster.")
COOPERATION = ThemeTemplate(
    "cooperation",
    "Coopération usagers-professionnels",
    "Travailler ensemble, à égalité de parole, usagers et professionnels.",
)
GOUVERNANCE = ThemeTemplate("gouvernance", "Gouvernance", "Qui décide, comment, et avec quelle place pour les usagers.")
FORMATION = ThemeTemplate(
    "formation-professionnelle", "Formation professionnelle", "Stagiaires, apprentis, organismes de formation."
)
INSERTION = ThemeTemplate(
    "insertion", "Insertion et RSA", "Politiques d'insertion et accompagnement des allocataires du RSA."
)
QUARTIER = ThemeTemplate(
    "politique-de-la-ville", "Politique de la ville", "Quartiers prioritaires, conseils citoyens, contrat de ville."
)

CHARTE = ResourceTemplate(
    slug="modele-charte-de-participation",
    title="Modèle de charte de participation",
    kind="template",
    summary="Une charte à adapter qui fixe les règles du jeu entre participants, professionnels et décideurs.",
    body=(
        "<p>La charte se discute et s'adopte lors de la première rencontre du groupe : elle n'est pas "
        "imposée, elle est co-écrite. Elle se relit à chaque arrivée de nouveaux participants.</p>"
        "<h3>Ce qu'elle contient</h3><ul>"
        "<li><strong>Le but</strong> : ce sur quoi le groupe peut agir, et ce qui ne dépend pas de lui.</li>"
        "<li><strong>La parole</strong> : chacun parle en son nom, on ne juge pas les personnes, on écoute jusqu'au bout.</li>"
        "<li><strong>La confidentialité</strong> : ce qui est dit de personnel reste dans le groupe ; seuls les constats "
        "et propositions validés collectivement en sortent, sans nom.</li>"
        "<li><strong>L'engagement de l'institution</strong> : une réponse écrite à chaque proposition, dans un délai annoncé.</li>"
        "<li><strong>Les conditions matérielles</strong> : défraiement, horaires, garde d'enfants, accessibilité.</li>"
        "<li><strong>Le droit de retrait</strong> : on peut quitter le groupe à tout moment, sans conséquence sur son "
        "accompagnement.</li></ul>"
    ),
    themes=(PARTICIPATION, GOUVERNANCE),
    audiences=("facilitators", "professionals", "citizens"),
)

VOUS_AVEZ_DIT = ResourceTemplate(
    slug="tableau-vous-avez-dit-nous-avons-fait",
    title="Tableau « Vous avez dit, nous avons fait »",
    kind="tool",
    summary="Un tableau de suivi pour répondre à chaque proposition et rendre visible ce qu'elle est devenue.",
    body=(
        "<p>Chaque ligne part d'un constat ou d'une proposition formulés par les participants, avec leurs mots. "
        "Les colonnes suivantes disent qui s'en saisit, ce qui est décidé, dans quel délai, et où en est la mise "
        "en œuvre.</p>"
        '<table><thead><tr><th scope="col">Vous avez dit</th><th scope="col">Qui s\'en charge</th>'
        '<th scope="col">Nous avons fait (ou pas, et pourquoi)</th><th scope="col">Quand</th></tr></thead>'
        "<tbody><tr><td>Les horaires du bus ne collent pas avec ceux de la formation.</td><td>Service transport "
        "de la Région</td><td>Ligne renforcée à 8 h 10 depuis janvier.</td><td>Janvier</td></tr></tbody></table>"
        "<p>Un « non » argumenté est une réponse : il vaut mieux qu'un silence. Le tableau se présente à chaque "
        "rencontre et se publie sur la plateforme.</p>"
    ),
    themes=(RETOUR, GOUVERNANCE),
    audiences=("professionals", "decision_makers", "facilitators"),
)

FALC = ResourceTemplate(
    slug="guide-ecrire-en-falc",
    title="Écrire facile à lire et à comprendre (FALC) : l'essentiel",
    kind="guide",
    summary="Les règles de base pour rendre invitations, comptes rendus et réponses compréhensibles par tous.",
    body=(
        "<p>Le FALC est une méthode européenne d'écriture simplifiée. Un texte FALC se relit toujours avec des "
        "personnes qui en ont besoin.</p><ul>"
        "<li>Une idée par phrase, des phrases courtes, des mots de tous les jours.</li>"
        "<li>Pas de sigles : écrire « revenu de solidarité active » plutôt que RSA la première fois.</li>"
        "<li>Les informations pratiques en premier : quoi, où, quand, avec qui.</li>"
        "<li>Une image qui aide à comprendre, pas une image décorative.</li>"
        "<li>Des caractères assez gros, alignés à gauche, sans italique.</li></ul>"
    ),
    themes=(ACCESSIBILITE,),
    audiences=("facilitators", "professionals"),
    reading_level="simplified",
)

DEFRAIEMENT = ResourceTemplate(
    slug="guide-defraiement-des-participants",
    title="Défrayer et reconnaître les participants",
    kind="guide",
    summary="Transport, garde d'enfants, repas, indemnisation : lever les freins matériels sans créer de piège.",
    body=(
        "<p>Participer coûte : un trajet, une garde d'enfant, une demi-journée. Ne pas le prendre en charge "
        "revient à réserver la participation à ceux qui en ont les moyens.</p>"
        "<h3>Repères</h3><ul>"
        "<li>Rembourser les frais réels sur justificatif, ou au forfait annoncé à l'avance, sans avance de frais "
        "quand c'est possible (tickets, bons de transport).</li>"
        "<li>Pour une indemnisation du temps passé, vérifier avec les services concernés son effet sur les "
        "prestations (RSA, allocation chômage) avant de la proposer, et l'écrire noir sur blanc.</li>"
        "<li>Reconnaître l'engagement autrement aussi : attestation de participation, valorisation des "
        "compétences dans le parcours, invitation aux temps officiels.</li></ul>"
    ),
    themes=(PARTICIPATION, INSERTION),
    audiences=("professionals", "decision_makers", "facilitators"),
)

PHOTOLANGAGE = ResourceTemplate(
    slug="methode-photolangage",
    title="Photolangage : faire émerger les constats",
    kind="method",
    summary="Des photographies pour aider chacun à dire son expérience, même sans avoir l'habitude de prendre la parole.",
    body=(
        "<p>On étale une cinquantaine de photos variées sur une table. La consigne est simple : « Choisissez "
        "une photo qui dit quelque chose de votre expérience de… ». Chacun présente sa photo à tour de rôle ; "
        "l'animateur note les mots employés sans les reformuler.</p>"
        "<p>Durée : 1 h 30 pour 8 à 12 personnes. Dans un second temps, le groupe regroupe les constats par "
        "thème et choisit ceux qu'il veut approfondir. La méthode convient très bien aux personnes peu à l'aise "
        "avec l'écrit.</p>"
    ),
    themes=(ANIMATION, PARTICIPATION, ACCESSIBILITE),
    audiences=("facilitators",),
)

FICHE_PROPOSITION = ResourceTemplate(
    slug="modele-fiche-constat-proposition",
    title="Fiche constat – proposition",
    kind="template",
    summary="Une fiche d'une page pour passer d'un constat partagé à une proposition argumentée et adressée.",
    body=(
        "<p>Une fiche par proposition, remplie en petit groupe :</p><ol>"
        "<li><strong>Ce que nous avons constaté</strong> (avec des exemples vécus).</li>"
        "<li><strong>Pourquoi c'est un problème</strong>, et pour qui.</li>"
        "<li><strong>Ce que nous proposons</strong>, concrètement.</li>"
        "<li><strong>À qui nous l'adressons</strong> : qui peut décider ?</li>"
        "<li><strong>Ce dont nous avons besoin</strong> pour avancer (information, rencontre, moyens).</li></ol>"
        "<p>La fiche est transmise telle quelle au décideur concerné et suivie dans le tableau « Vous avez dit, "
        "nous avons fait ».</p>"
    ),
    themes=(PARTICIPATION, RETOUR),
    audiences=("citizens", "facilitators"),
)

GRILLE_EVALUATION = ResourceTemplate(
    slug="grille-evaluation-de-la-participation",
    title="Grille d'évaluation de la participation",
    kind="tool",
    summary="Une grille à remplir ensemble, participants et professionnels, pour voir où en est la participation et quoi améliorer.",
    body=(
        "<p>Chaque critère est noté de 1 à 4 par chacun, puis les notes sont comparées : les écarts entre "
        "participants et professionnels sont aussi instructifs que les moyennes.</p><ul>"
        "<li>Les personnes concernées sont-elles nombreuses et diverses à participer ?</li>"
        "<li>Leur parole est-elle prise en compte dans les décisions ?</li>"
        "<li>Reçoivent-elles une réponse à leurs propositions, dans un délai raisonnable ?</li>"
        "<li>Les conditions matérielles (horaires, défraiement, accessibilité) permettent-elles de venir ?</li>"
        "<li>La participation a-t-elle changé quelque chose de visible ?</li></ul>"
    ),
    themes=(EVALUATION, PARTICIPATION),
    audiences=("facilitators", "professionals", "decision_makers", "citizens"),
)

GROUPE_MIXTE = ResourceTemplate(
    slug="methode-animer-un-groupe-mixte",
    title="Animer un groupe mixte usagers, professionnels, décideurs",
    kind="method",
    summary="Des règles d'animation pour que la parole des usagers pèse autant que celle des professionnels.",
    body=(
        "<p>Dans un groupe mixte, les professionnels parlent plus vite, plus longtemps et avec les mots de "
        "l'institution. L'animation doit compenser cet écart.</p><ul>"
        "<li>Préparer les usagers entre eux avant chaque rencontre mixte.</li>"
        "<li>Faire parler les usagers en premier, les professionnels ensuite, les décideurs en dernier.</li>"
        "<li>Bannir les sigles, ou les traduire à voix haute à chaque fois.</li>"
        "<li>Un animateur extérieur à l'institution garantit l'équilibre.</li></ul>"
    ),
    themes=(ANIMATION, COOPERATION),
    audiences=("facilitators", "professionals"),
)
