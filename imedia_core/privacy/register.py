"""The register of personal data, in code: one declaration per model field group holding
personal data, and one per field that looks personal but is not.

``docs/privacy.md`` is the same register for people (DPOs); ``tests/privacy/test_register.py``
checks that every field of every installed model that looks personal is declared here (or by a
plugin, through the ``imedia_personal_data`` hook), that every declared field exists, and that
every entry appears in the document with the same retention.

The declarations also drive the rights: the right of access exports the ``fields`` of every
entry with a ``person`` field (rows whose ``person`` is the person's id), and the right to
erasure applies each entry's ``on_erasure`` (``imedia_core.privacy.erasure``).

This module imports no model: plugins build their entries with these classes while their hooks
run, and the register is read as plain data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .defaults import RETENTION_DEFAULTS

ANONYMISED_LABEL = "Personne anonymisée"


class OnErasure(StrEnum):
    """What the right to erasure does to the rows of an entry."""

    ANONYMISE = "anonymise"  # the id becomes NULL, the label fields « Personne anonymisée »
    DELETE = "delete"  # the rows are deleted (with the counters they fed, see ``counter``)
    ACCOUNT = "account"  # the row is the account itself, deleted last
    REPLACE_COPIES = "replace_copies"  # only the copies of the name in ``copies`` are replaced
    KEEP = "keep"  # not linked to the account (says why in ``what``)


@dataclass(frozen=True)
class Retention:
    """How long rows are kept: a setting in days (applied by a housekeeping job) or a rule."""

    setting: str = ""
    rule: str = ""
    default: int | None = None  # a setting of another area (events): its default, in days

    @property
    def default_days(self) -> int | None:
        if not self.setting:
            return None
        return RETENTION_DEFAULTS.get(self.setting, self.default)

    def describe(self) -> str:
        """The retention as written in docs/privacy.md."""
        if self.setting:
            return f"{self.default_days} jours (`{self.setting}`)"
        return self.rule


ACCOUNT_LIFETIME = Retention(rule="tant que le compte existe")
CONTENT_LIFETIME = Retention(rule="tant que le contenu existe")
MEMBERSHIP_LIFETIME = Retention(rule="tant que le rôle existe")
EVENTS = Retention(setting="IMEDIA_EVENTS_RETENTION_DAYS", default=30)  # imedia_core/settings.py


@dataclass(frozen=True)
class PersonalData:
    """Fields of one model that hold personal data."""

    model: str  # "app_label.ModelName"
    fields: tuple[str, ...]
    title: str  # the section's name in the export and in the document (French)
    what: str  # what the fields are (French)
    purpose: str  # why they are kept (French)
    legal_basis: str  # RGPD article 6 basis (French)
    retention: Retention
    audience: str  # who can see them (French)
    on_erasure: OnErasure
    person: str = ""  # field holding the person's user id (the access and erasure key)
    labels: tuple[str, ...] = ()  # copies of the person's name, replaced on erasure
    copies: tuple[str, ...] = ()  # free text where the name may be copied: occurrences replaced
    counter: tuple[str, str] | None = None  # (foreign key, counter) decremented for each deleted row
    label_kept_when: tuple[str, str] | None = None  # (field, value): rows whose label is not a person's
    key: str = ""  # unique section key; default "<model>.<person or first field>"

    @property
    def section(self) -> str:
        return self.key or f"{self.model.lower()}.{self.person or self.fields[0]}"


@dataclass(frozen=True)
class NotPersonal:
    """Fields that look personal by their name but are not (says why)."""

    model: str
    fields: tuple[str, ...]
    why: str


_PUBLIC_TEAM = "les administrateur·rices de la plateforme"
_SPACE_ADMINS = "les administrateur·rices de l'espace (journal) et de la plateforme"
_LEGITIMATE = "intérêt légitime (art. 6.1.f) : faire vivre la participation et en rendre compte"
_CONTRACT = "exécution du service demandé par la personne (art. 6.1.b)"
_PUBLIC_TASK = "mission d'intérêt public des programmes (art. 6.1.e)"

PERSONAL_DATA: tuple[PersonalData, ...] = (
    # --- public schema: the account and what hangs on it -----------------------------------
    PersonalData(
        "tenants.User",
        ("email", "display_name", "password", "last_login", "date_joined"),
        title="Compte",
        what="adresse e-mail, nom affiché, empreinte du mot de passe, dates d'inscription et de connexion",
        purpose="se connecter, être reconnu·e, recevoir les notifications",
        legal_basis=_CONTRACT,
        retention=ACCOUNT_LIFETIME,
        audience="la personne ; " + _PUBLIC_TEAM + " ; le nom affiché est public à côté de ce qu'elle signe",
        on_erasure=OnErasure.ACCOUNT,
        person="id",
        key="compte",
    ),
    PersonalData(
        "tenants.Membership",
        ("user", "tenant", "role", "created_at"),
        title="Rôles dans les espaces",
        what="le rôle de la personne dans chaque espace",
        purpose="donner les droits du rôle",
        legal_basis=_CONTRACT,
        retention=MEMBERSHIP_LIFETIME,
        audience="la personne ; les administrateur·rices de l'espace et de la plateforme",
        on_erasure=OnErasure.DELETE,
        person="user_id",
        key="roles",
    ),
    PersonalData(
        "tenants.OperatorMembership",
        ("user", "operator", "created_at"),
        title="Administration d'opérateurs",
        what="les opérateurs dont la personne administre les programmes",
        purpose="donner les droits d'administration d'un opérateur",
        legal_basis=_CONTRACT,
        retention=MEMBERSHIP_LIFETIME,
        audience=_PUBLIC_TEAM,
        on_erasure=OnErasure.DELETE,
        person="user_id",
        key="operateurs",
    ),
    PersonalData(
        "tenants.PersonToken",
        ("user", "key_hash", "prefix", "tenant", "created_at", "expires_at", "last_used_at", "revoked_at"),
        title="Jetons de connexion",
        what="empreinte des jetons personnels, leur espace et leurs dates d'usage",
        purpose="authentifier les appels à l'API",
        legal_basis=_CONTRACT,
        retention=Retention(setting="IMEDIA_RETENTION_TOKENS_DAYS"),
        audience=_PUBLIC_TEAM,
        on_erasure=OnErasure.DELETE,
        person="user_id",
        key="jetons",
    ),
    PersonalData(
        "tenants.ApiKey",
        ("created_by", "key_hash"),
        title="Clés d'API créées",
        what="qui a créé une clé d'API de l'espace (la clé appartient à l'espace et continue de fonctionner)",
        purpose="savoir d'où vient une clé",
        legal_basis="intérêt légitime (art. 6.1.f) : administrer les intégrations",
        retention=Retention(setting="IMEDIA_RETENTION_TOKENS_DAYS"),
        audience="les administrateur·rices de l'espace et de la plateforme",
        on_erasure=OnErasure.ANONYMISE,
        person="created_by_id",
        key="cles-api",
    ),
    PersonalData(
        "tenants.Invitation",
        ("email", "accepted_by", "token_hash", "tenant", "role", "sent_at", "accepted_at"),
        title="Invitations reçues",
        what="l'adresse e-mail invitée dans un espace avec un rôle, et le compte qui a accepté",
        purpose="inviter une personne à rejoindre un espace",
        legal_basis=_LEGITIMATE,
        retention=Retention(rule="tant que l'espace existe"),
        audience="les administrateur·rices de l'espace et de la plateforme",
        on_erasure=OnErasure.ANONYMISE,
        person="accepted_by_id",
        copies=("email",),
        key="invitations",
    ),
    PersonalData(
        "tenants.Invitation",
        ("invited_by",),
        title="Invitations envoyées",
        what="qui a invité une personne dans un espace",
        purpose="savoir d'où vient une invitation",
        legal_basis=_LEGITIMATE,
        retention=Retention(rule="tant que l'espace existe"),
        audience="les administrateur·rices de l'espace et de la plateforme",
        on_erasure=OnErasure.ANONYMISE,
        person="invited_by_id",
        key="invitations-envoyees",
    ),
    PersonalData(
        "privacy.PersonSpace",
        ("user_id", "tenant", "first_seen_at"),
        title="Espaces fréquentés",
        what="les espaces où la personne a eu un rôle ou un jeton",
        purpose="retrouver toutes ses traces pour les droits d'accès et d'effacement",
        legal_basis="obligation légale (art. 6.1.c) : répondre aux droits des personnes",
        retention=ACCOUNT_LIFETIME,
        audience=_PUBLIC_TEAM,
        on_erasure=OnErasure.DELETE,
        person="user_id",
        key="espaces",
    ),
    PersonalData(
        "sessions.Session",
        ("session_key", "session_data"),
        title="Sessions de l'administration",
        what="la session d'une personne connectée à l'administration",
        purpose="garder la personne connectée",
        legal_basis=_CONTRACT,
        retention=Retention(rule="14 jours après la dernière visite (`SESSION_COOKIE_AGE`)"),
        audience="personne (technique)",
        on_erasure=OnErasure.KEEP,
        key="sessions",
    ),
    PersonalData(
        "admin.LogEntry",
        ("user", "object_repr", "change_message"),
        title="Historique de la console de la plateforme",
        what="qui a changé quoi dans la console de la plateforme, avec le nom de l'objet changé",
        purpose="retrouver l'origine d'une modification",
        legal_basis=_LEGITIMATE,
        retention=ACCOUNT_LIFETIME,
        audience=_PUBLIC_TEAM,
        on_erasure=OnErasure.DELETE,
        person="user_id",
        copies=("object_repr",),
        key="console",
    ),
    PersonalData(
        "commons.Practice",
        ("shared_by", "shared_by_label", "unpublished_by_label"),
        title="Pratiques partagées dans les communs",
        what="qui a partagé ou retiré une pratique des communs",
        purpose="la provenance d'une pratique partagée",
        legal_basis=_PUBLIC_TASK,
        retention=CONTENT_LIFETIME,
        audience="les équipes de tous les programmes",
        on_erasure=OnErasure.ANONYMISE,
        person="shared_by_id",
        labels=("shared_by_label",),
        copies=("unpublished_by_label",),
        key="communs",
    ),
    # --- tenant schemas ---------------------------------------------------------------------
    PersonalData(
        "audit.AuditEntry",
        ("actor_id", "actor_label", "summary"),
        title="Journal de l'espace",
        what="qui a fait quoi dans l'espace, et par quel canal ; le résumé peut citer un nom",
        purpose="rendre compte des actions et retrouver l'origine d'une modification",
        legal_basis=_LEGITIMATE,
        retention=Retention(setting="IMEDIA_RETENTION_AUDIT_DAYS"),
        audience=_SPACE_ADMINS,
        on_erasure=OnErasure.ANONYMISE,
        person="actor_id",
        labels=("actor_label",),
        copies=("summary",),
        key="journal",
    ),
    PersonalData(
        "content.Revision",
        ("author_id", "author_label", "summary"),
        title="Versions enregistrées",
        what="qui a enregistré chaque version d'un contenu éditorial",
        purpose="l'historique des contenus",
        legal_basis=_LEGITIMATE,
        retention=CONTENT_LIFETIME,
        audience="l'équipe de l'espace",
        on_erasure=OnErasure.ANONYMISE,
        person="author_id",
        labels=("author_label",),
        copies=("summary",),
        key="versions",
    ),
    PersonalData(
        "events.OutboxEvent",
        ("actor_id", "payload"),
        title="Événements",
        what="qui a déclenché un événement (identifiant) ; les données de l'événement portent des identifiants",
        purpose="prévenir les extensions et les webhooks",
        legal_basis=_LEGITIMATE,
        retention=EVENTS,
        audience="les extensions et les destinataires de webhooks de l'espace",
        on_erasure=OnErasure.ANONYMISE,
        person="actor_id",
        key="evenements",
    ),
    PersonalData(
        "participation.Contribution",
        ("author_id", "author_label", "title", "body", "created_at"),
        title="Contributions",
        what="les contributions écrites par la personne, signées de son nom ou d'un pseudonyme",
        purpose="la participation : faire entendre la parole des personnes",
        legal_basis=_PUBLIC_TASK,
        retention=CONTENT_LIFETIME,
        audience="public une fois publiées ; l'équipe avant",
        on_erasure=OnErasure.ANONYMISE,
        person="author_id",
        labels=("author_label",),
        label_kept_when=("author_kind", "group"),
        key="contributions",
    ),
    PersonalData(
        "participation.Contribution",
        ("entered_by_id", "entered_by_label"),
        title="Contributions saisies pour autrui",
        what="l'animateur·rice qui a saisi une contribution pour une personne ou un groupe",
        purpose="dire qui a porté la parole",
        legal_basis=_PUBLIC_TASK,
        retention=CONTENT_LIFETIME,
        audience="public une fois publiées",
        on_erasure=OnErasure.ANONYMISE,
        person="entered_by_id",
        labels=("entered_by_label",),
        key="saisies",
    ),
    PersonalData(
        "participation.Contribution",
        ("moderated_by_label", "moderation_reason", "held_reason"),
        title="Modération des contributions",
        what="qui a modéré en dernier et pourquoi",
        purpose="la modération",
        legal_basis=_LEGITIMATE,
        retention=Retention(setting="IMEDIA_RETENTION_MODERATION_DAYS"),
        audience="l'équipe de l'espace",
        on_erasure=OnErasure.REPLACE_COPIES,
        copies=("moderated_by_label",),
        key="moderation",
    ),
    PersonalData(
        "participation.StatusChange",
        ("actor_id", "actor_label", "reason", "from_status", "to_status", "created_at"),
        title="Historique de modération",
        what="chaque changement d'état d'une contribution ou d'un commentaire, par qui et pourquoi",
        purpose="la modération et son historique",
        legal_basis=_LEGITIMATE,
        retention=Retention(setting="IMEDIA_RETENTION_MODERATION_DAYS"),
        audience="l'équipe de l'espace ; l'auteur·rice pour ses contributions",
        on_erasure=OnErasure.ANONYMISE,
        person="actor_id",
        labels=("actor_label",),
        key="historique-moderation",
    ),
    PersonalData(
        "participation.GroupMember",
        ("user_id", "user_label"),
        title="Groupes d'expression",
        what="les groupes au nom desquels la personne peut s'exprimer",
        purpose="permettre de contribuer au nom d'un groupe",
        legal_basis=_PUBLIC_TASK,
        retention=MEMBERSHIP_LIFETIME,
        audience="l'équipe de l'espace",
        on_erasure=OnErasure.DELETE,
        person="user_id",
        labels=("user_label",),
        key="groupes",
    ),
    PersonalData(
        "participation.Support",
        ("user_id", "contribution", "created_at"),
        title="Soutiens",
        what="les contributions que la personne soutient",
        purpose="compter les soutiens",
        legal_basis=_PUBLIC_TASK,
        retention=CONTENT_LIFETIME,
        audience="l'équipe de l'espace (le public ne voit que le nombre)",
        on_erasure=OnErasure.DELETE,
        person="user_id",
        counter=("contribution", "support_count"),
        key="soutiens",
    ),
    PersonalData(
        "participation.Follower",
        ("user_id", "contribution", "reason", "created_at"),
        title="Abonnements",
        what="les contributions dont la personne suit les nouvelles",
        purpose="envoyer les notifications par e-mail",
        legal_basis=_CONTRACT,
        retention=CONTENT_LIFETIME,
        audience="personne d'autre (technique)",
        on_erasure=OnErasure.DELETE,
        person="user_id",
        key="abonnements",
    ),
    PersonalData(
        "participation.Report",
        ("reporter_id", "reason", "contribution", "created_at"),
        title="Signalements",
        what="les contributions que la personne a signalées, et pourquoi",
        purpose="la modération",
        legal_basis=_LEGITIMATE,
        retention=Retention(setting="IMEDIA_RETENTION_REPORTS_DAYS"),
        audience="les modérateur·rices de l'espace",
        on_erasure=OnErasure.DELETE,
        person="reporter_id",
        counter=("contribution", "report_count"),
        key="signalements",
    ),
    PersonalData(
        "participation.Comment",
        ("author_id", "author_label", "body", "created_at"),
        title="Commentaires",
        what="les commentaires écrits par la personne",
        purpose="la participation",
        legal_basis=_PUBLIC_TASK,
        retention=CONTENT_LIFETIME,
        audience="public une fois publiés ; l'équipe avant",
        on_erasure=OnErasure.ANONYMISE,
        person="author_id",
        labels=("author_label",),
        label_kept_when=("author_kind", "group"),
        key="commentaires",
    ),
    PersonalData(
        "participation.Comment",
        ("moderation_reason",),
        title="Modération des commentaires",
        what="le motif de la dernière modération d'un commentaire",
        purpose="la modération",
        legal_basis=_LEGITIMATE,
        retention=CONTENT_LIFETIME,
        audience="l'équipe de l'espace",
        on_erasure=OnErasure.KEEP,
        key="moderation-commentaires",
    ),
    PersonalData(
        "participation.Attachment",
        ("uploaded_by_id", "original_name", "file", "token", "created_at"),
        title="Pièces jointes",
        what="les fichiers (souvent des enregistrements) déposés par la personne",
        purpose="joindre un enregistrement à une contribution",
        legal_basis=_PUBLIC_TASK,
        retention=Retention(rule="tant que la contribution existe ; un jour si elle n'est jamais rattachée"),
        audience="comme la contribution",
        on_erasure=OnErasure.ANONYMISE,
        person="uploaded_by_id",
        key="pieces-jointes",
    ),
    PersonalData(
        "feedback.Response",
        ("responder_id", "responder_label", "text", "reason", "created_at"),
        title="Réponses officielles",
        what="les réponses rédigées par la personne au nom du programme",
        purpose="rendre compte de ce qui a été décidé",
        legal_basis=_PUBLIC_TASK,
        retention=CONTENT_LIFETIME,
        audience="public une fois publiées",
        on_erasure=OnErasure.ANONYMISE,
        person="responder_id",
        labels=("responder_label",),
        key="reponses",
    ),
    PersonalData(
        "feedback.Commitment",
        ("created_by_id", "created_by_label", "owner_label", "title", "created_at"),
        title="Engagements",
        what="les engagements pris par la personne ; le porteur peut être une personne nommée",
        purpose="« vous avez dit, nous avons fait »",
        legal_basis=_PUBLIC_TASK,
        retention=CONTENT_LIFETIME,
        audience="public",
        on_erasure=OnErasure.ANONYMISE,
        person="created_by_id",
        labels=("created_by_label",),
        copies=("owner_label",),
        key="engagements",
    ),
    PersonalData(
        "feedback.CommitmentUpdate",
        ("author_id", "author_label", "text", "date"),
        title="Suivi des engagements",
        what="les étapes d'engagements enregistrées par la personne",
        purpose="« vous avez dit, nous avons fait »",
        legal_basis=_PUBLIC_TASK,
        retention=CONTENT_LIFETIME,
        audience="public",
        on_erasure=OnErasure.ANONYMISE,
        person="author_id",
        labels=("author_label",),
        key="suivi-engagements",
    ),
    PersonalData(
        "guidance.UnansweredSearch",
        ("text", "key"),
        title="Recherches sans réponse",
        what="les mots tapés dans le parcours guidé quand aucune question ne répondait (sans auteur·rice)",
        purpose="enrichir le parcours guidé",
        legal_basis=_PUBLIC_TASK,
        retention=Retention(setting="IMEDIA_RETENTION_UNANSWERED_SEARCH_DAYS"),
        audience="l'équipe de l'espace",
        on_erasure=OnErasure.KEEP,
        key="recherches",
    ),
    PersonalData(
        "diagnostics.Run",
        ("facilitator_id", "facilitator_label", "conclusions", "priorities", "title"),
        title="Autodiagnostics animés",
        what="les passations ouvertes par la personne, avec leurs conclusions",
        purpose="accompagner un groupe dans son autodiagnostic",
        legal_basis=_PUBLIC_TASK,
        retention=CONTENT_LIFETIME,
        audience="l'équipe de l'espace",
        on_erasure=OnErasure.ANONYMISE,
        person="facilitator_id",
        labels=("facilitator_label",),
        key="passations-animees",
    ),
    PersonalData(
        "diagnostics.Participant",
        ("user_id", "user_label", "token_hash", "run", "created_at"),
        title="Réponses aux autodiagnostics",
        what="la participation de la personne à une passation (ses réponses restent dans le résultat du groupe)",
        purpose="calculer le résultat du groupe",
        legal_basis=_PUBLIC_TASK,
        retention=CONTENT_LIFETIME,
        audience="l'équipe de l'espace (les résultats du groupe ne nomment personne)",
        on_erasure=OnErasure.ANONYMISE,
        person="user_id",
        labels=("user_label",),
        key="autodiagnostics",
    ),
    PersonalData(
        "library.Resource",
        ("author",),
        title="Auteur·rices des ressources",
        what="le nom de l'auteur·rice d'une ressource, saisi par l'équipe (crédit, sans lien avec un compte)",
        purpose="citer l'auteur·rice d'une œuvre",
        legal_basis="obligation légale (art. 6.1.c) : droit moral de l'auteur·rice",
        retention=CONTENT_LIFETIME,
        audience="public une fois publiée",
        on_erasure=OnErasure.KEEP,
        key="auteurs-ressources",
    ),
)

_EDITORIAL = "contenu éditorial rédigé par l'équipe du programme (pas de données sur les personnes)"

NOT_PERSONAL: tuple[NotPersonal, ...] = (
    NotPersonal("tenants.Operator", ("name",), "nom d'une organisation"),
    NotPersonal("tenants.Tenant", ("name", "status_reason"), "nom et état d'un programme"),
    NotPersonal("auth.Permission", ("name",), "nom d'un droit Django"),
    NotPersonal("auth.Group", ("name",), "nom d'un groupe de droits Django"),
    NotPersonal("tenants.ApiKey", ("name",), "nom de l'intégration qui utilise la clé"),
    NotPersonal(
        "commons.Practice", ("summary", "body"), "instantané d'une ressource, nettoyé à son partage (commons/scrub.py)"
    ),
    NotPersonal("content.Revision", ("data",), "instantané d'un contenu éditorial"),
    NotPersonal("events.OutboxEvent", ("last_error",), "erreur technique d'une extension"),
    NotPersonal("library.Theme", ("name", "description"), "nom et description d'un thème"),
    NotPersonal("library.Resource", ("summary", "body", "lineage_label"), _EDITORIAL),
    NotPersonal("library.ResourceFile", ("original_name",), "fichier d'une ressource éditoriale"),
    NotPersonal("cycle.Cycle", ("name", "description"), _EDITORIAL),
    NotPersonal("cycle.Phase", ("summary", "body"), _EDITORIAL),
    NotPersonal("cycle.PhaseItem", ("summary", "body"), _EDITORIAL),
    NotPersonal("pages.Page", ("summary", "body"), _EDITORIAL),
    NotPersonal("pages.NewsItem", ("summary", "body"), _EDITORIAL),
    NotPersonal(
        "participation.ExpressionGroup",
        ("name", "description"),
        "nom et public d'un groupe d'expression, pas d'une personne",
    ),
    NotPersonal(
        "participation.Contribution", ("author_kind", "held_by"), "type d'auteur·rice ; nom d'un contrôle automatique"
    ),
    NotPersonal(
        "participation.Comment", ("author_kind", "held_by"), "type d'auteur·rice ; nom d'un contrôle automatique"
    ),
    NotPersonal("participation.StatusChange", ("comment",), "lien vers un commentaire"),
    NotPersonal("participation.Follower", ("reason",), "raison technique de l'abonnement (auteur·rice, soutien…)"),
    NotPersonal("feedback.Commitment", ("description", "outcome"), "texte officiel du programme"),
    NotPersonal("guidance.Question", ("text", "answer"), _EDITORIAL),
    NotPersonal("diagnostics.Item", ("text", "help_text"), _EDITORIAL),
    NotPersonal("diagnostics.MaturityLevel", ("label", "description"), _EDITORIAL),
    NotPersonal("diagnostics.Dimension", ("description",), _EDITORIAL),
    NotPersonal("diagnostics.Group", ("name", "description"), "nom et présentation d'un groupe"),
    NotPersonal(
        "connectors.Link",
        ("name", "credentials_token", "lease_owner", "last_error_message"),
        "lien vers une plateforme externe : nom, identifiants chiffrés du service, état technique",
    ),
    NotPersonal("connectors.Delivery", ("text",), "réponse officielle envoyée à une plateforme liée"),
    NotPersonal("diagnostics.Diagnostic", ("description",), _EDITORIAL),
)


@dataclass
class Register:
    personal: list[PersonalData] = field(default_factory=list)
    not_personal: list[NotPersonal] = field(default_factory=list)

    def for_model(self, label: str) -> list[PersonalData]:
        return [entry for entry in self.personal if entry.model.lower() == label.lower()]


def full_register() -> Register:
    """The core's declarations and the plugins' (``imedia_personal_data`` hook)."""
    from imedia_core.pluginhost import manager  # reason: the register module loads no Django machinery

    register = Register(list(PERSONAL_DATA), list(NOT_PERSONAL))
    for item in manager.collect("imedia_personal_data"):
        (register.personal if isinstance(item, PersonalData) else register.not_personal).append(item)
    return register
