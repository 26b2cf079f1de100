"""Bottom-up participation: contributions raised by people, groups, or facilitators for them.

People live in the public schema: they are referenced by id and label (as the audit log does),
never by a cross-schema foreign key.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from imedia_core.search import SEARCH_CONFIG


class ContributionKind(models.TextChoices):
    QUESTION = "question", _("Question")
    OBSERVATION = "observation", _("Constat")
    PROPOSAL = "proposal", _("Proposition")
    TESTIMONY = "testimony", _("Témoignage")


class ContributionStatus(models.TextChoices):
    """Moderation and life cycle. Transitions live in ``participation.states``."""

    PENDING = "pending", _("En attente de modération")
    PUBLISHED = "published", _("Publiée")
    REJECTED = "rejected", _("Refusée")
    HIDDEN = "hidden", _("Masquée")  # published, then taken down by a moderator (with a reason)
    WITHDRAWN = "withdrawn", _("Retirée par son auteur")


class AuthorKind(models.TextChoices):
    PERSON = "person", _("Personne identifiée")
    PSEUDONYM = "pseudonym", _("Pseudonyme")
    ANONYMOUS = "anonymous", _("Anonyme")
    GROUP = "group", _("Groupe d'expression")
    EXTERNAL = "external", _("Personne d'une autre plateforme")


class ModerationMode(models.TextChoices):
    PRE = "pre", _("A priori (rien n'est public avant validation)")
    POST = "post", _("A posteriori (publication immédiate, modération ensuite)")


class ParticipationSettings(models.Model):
    """This programme's participation rules: a singleton row (pk 1) in the tenant schema."""

    moderation_mode = models.CharField(
        max_length=8,
        choices=ModerationMode.choices,
        default=ModerationMode.PRE,
        help_text=_("Moment de la modération."),
        verbose_name=_("mode de modération"),
    )
    allow_pseudonymous = models.BooleanField(
        default=True,
        help_text=_("Les personnes connectées peuvent signer d'un pseudonyme."),
        verbose_name=_("pseudonymes autorisés"),
    )
    allow_anonymous = models.BooleanField(
        default=False, help_text=_("On peut contribuer sans se connecter."), verbose_name=_("contributions anonymes")
    )
    edit_window_minutes = models.PositiveIntegerField(
        default=30,
        help_text=_("Pendant combien de minutes les auteur·rices peuvent modifier ce qu'ils ont écrit (0 : jamais)."),
        verbose_name=_("délai de modification (minutes)"),
    )
    anonymous_rate_limit = models.PositiveIntegerField(
        default=5,
        help_text=_("Contributions anonymes acceptées par client et par heure."),
        verbose_name=_("limite anonyme par heure"),
    )
    report_threshold = models.PositiveIntegerField(
        default=3,
        help_text=_("Nombre de signalements qui remettent une contribution publiée en file de modération."),
        verbose_name=_("seuil de signalements"),
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("modifié le"))

    class Meta:
        verbose_name = _("réglages de la participation")
        verbose_name_plural = _("réglages de la participation")

    def __str__(self):
        return "Réglages de la participation"

    @classmethod
    def load(cls) -> "ParticipationSettings":
        """The singleton, created with defaults on first use."""
        obj, _ = cls.objects.get_or_create(pk=1)
        return obj


class ExpressionGroup(models.Model):
    """A group that speaks as one (a conseil citoyen workshop, a trainee cohort...)."""

    name = models.CharField(
        max_length=200, unique=True, help_text=_("Nom du groupe, tel qu'affiché."), verbose_name=_("nom")
    )
    description = models.TextField(blank=True, help_text=_("Qui le groupe rassemble."), verbose_name=_("description"))
    is_active = models.BooleanField(
        default=True, help_text=_("Un groupe inactif ne peut plus contribuer."), verbose_name=_("actif")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("créé le"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("groupe d'expression")
        verbose_name_plural = _("groupes d'expression")

    def __str__(self):
        return self.name


class GroupMember(models.Model):
    """A person who may speak for an expression group (facilitators may for every group)."""

    group = models.ForeignKey(
        ExpressionGroup, on_delete=models.CASCADE, related_name="members", verbose_name=_("groupe")
    )
    user_id = models.BigIntegerField(verbose_name=_("identifiant de la personne"))
    user_label = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Nom affiché, tel qu'il était à l'ajout."),
        verbose_name=_("nom affiché"),
    )

    class Meta:
        verbose_name = _("membre du groupe")
        verbose_name_plural = _("membres du groupe")
        constraints = [models.UniqueConstraint(fields=["group", "user_id"], name="group_member_once")]

    def __str__(self):
        return self.user_label or str(self.user_id)


class ExternalIdentity(models.Model):
    """Where a contribution or a comment comes from when it was not written here.

    ``source`` is "" for what people wrote in imedia, a platform key ("decidim", "consul"...) for
    what a connector link imported (``source_ref``: the link's id), or "api" for what a service
    account submitted on someone's behalf (``source_ref``: the API key's prefix). ``external_id``
    is unique per (source, source_ref): a re-sync updates the row instead of duplicating it.
    """

    source = models.CharField(
        max_length=40,
        blank=True,
        default="",
        db_index=True,
        help_text=_("Origine : vide pour imedia, sinon la plateforme ou « api »."),
        verbose_name=_("origine"),
    )
    source_ref = models.CharField(
        max_length=64,
        blank=True,
        default="",
        help_text=_("Le lien de connecteur ou le préfixe de la clé d'API."),
        verbose_name=_("référence de l'origine"),
    )
    external_id = models.CharField(
        max_length=200, blank=True, default="", verbose_name=_("identifiant sur la plateforme d'origine")
    )
    external_url = models.CharField(max_length=500, blank=True, default="", verbose_name=_("adresse d'origine"))
    external_supports = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text=_("Soutiens ou votes sur la plateforme d'origine."),
        verbose_name=_("soutiens d'origine"),
    )
    # Set by every full pass of a connector that still finds the item (what it no longer finds is
    # marked deleted).
    external_seen_at = models.DateTimeField(null=True, blank=True, verbose_name=_("vu sur la plateforme le"))

    class Meta:
        abstract = True


class Contribution(ExternalIdentity):
    kind = models.CharField(
        max_length=16,
        choices=ContributionKind.choices,
        db_index=True,
        help_text=_("Sa nature."),
        verbose_name=_("type"),
    )
    title = models.CharField(
        max_length=200, help_text=_("Un titre court, dans les mots de l'auteur·rice."), verbose_name=_("titre")
    )
    body = models.TextField(
        blank=True, help_text=_("La contribution elle-même (texte brut)."), verbose_name=_("contribution")
    )
    status = models.CharField(
        max_length=16,
        choices=ContributionStatus.choices,
        default=ContributionStatus.PENDING,
        db_index=True,
        help_text=_("État de modération et de vie."),
        verbose_name=_("état"),
    )
    phase = models.ForeignKey(
        "cycle.Phase",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
        help_text=_("Phase du cycle à laquelle elle se rattache."),
        verbose_name=_("phase"),
    )
    themes = models.ManyToManyField("library.Theme", blank=True, related_name="contributions", verbose_name=_("thèmes"))

    author_kind = models.CharField(
        max_length=16, choices=AuthorKind.choices, help_text=_("Qui s'exprime."), verbose_name=_("type d'auteur·rice")
    )
    # The signed-in person who wrote it (none for anonymous submissions), by id and label.
    author_id = models.BigIntegerField(
        null=True, blank=True, db_index=True, verbose_name=_("identifiant de l'auteur·rice")
    )
    author_label = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Nom affiché : personne, pseudonyme ou groupe."),
        verbose_name=_("auteur·rice"),
    )
    # A facilitator entering it on behalf of a person or a group, attributed as such.
    entered_by_id = models.BigIntegerField(null=True, blank=True, verbose_name=_("saisie par (identifiant)"))
    entered_by_label = models.CharField(max_length=200, blank=True, verbose_name=_("saisie par"))

    # The expression group it speaks for (author_kind == group); the label above keeps the name shown then.
    group = models.ForeignKey(
        "participation.ExpressionGroup",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
        help_text=_("Groupe d'expression qui s'exprime par cette contribution."),
        verbose_name=_("groupe"),
    )

    # Moderation: the last decision's reason (required to reject or hide) and who took it.
    moderation_reason = models.CharField(
        max_length=500,
        blank=True,
        help_text=_("Motif de la dernière modération."),
        verbose_name=_("motif de modération"),
    )
    moderated_at = models.DateTimeField(null=True, blank=True, verbose_name=_("modérée le"))
    moderated_by_label = models.CharField(max_length=200, blank=True, verbose_name=_("modérée par"))
    # Set when an automatic check (plugin) held it for review: which checker and why.
    held_by = models.CharField(
        max_length=100,
        blank=True,
        help_text=_("Contrôle automatique qui l'a retenue pour relecture."),
        verbose_name=_("retenue par"),
    )
    held_reason = models.CharField(max_length=500, blank=True, verbose_name=_("motif de la retenue"))

    # Counters kept by the services with F() updates: a list shows them without counting rows.
    support_count = models.PositiveIntegerField(default=0, verbose_name=_("soutiens"))
    report_count = models.PositiveIntegerField(default=0, verbose_name=_("signalements"))

    # Spam guard: a digest of the normalised text, to refuse the same text posted again soon.
    content_digest = models.CharField(max_length=64, blank=True, db_index=True, verbose_name=_("empreinte du contenu"))

    created_at = models.DateTimeField(auto_now_add=True, db_index=True, verbose_name=_("créé le"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("modifié le"))
    published_at = models.DateTimeField(null=True, blank=True, db_index=True, verbose_name=_("publié le"))
    edited_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Dernière modification par son auteur·rice."), verbose_name=_("modifiée le")
    )

    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("body", weight="B", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
        verbose_name=_("index de recherche"),
    )

    class Meta:
        verbose_name_plural = _("contributions")
        ordering = ["-created_at", "-id"]
        verbose_name = _("contribution")
        indexes = [GinIndex(fields=["search_vector"], name="contribution_search_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_ref", "external_id"],
                condition=~models.Q(external_id=""),
                name="contribution_external_once",
            )
        ]

    def __str__(self):
        return self.title


class StatusChange(models.Model):
    """One dated step of a contribution's or a comment's history (moderation trail)."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("contribution")
    )
    comment = models.ForeignKey(
        "participation.Comment",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("commentaire"),
    )
    from_status = models.CharField(max_length=16, blank=True, verbose_name=_("ancien état"))
    to_status = models.CharField(max_length=16, verbose_name=_("nouvel état"))
    reason = models.CharField(max_length=500, blank=True, verbose_name=_("motif"))
    actor_id = models.BigIntegerField(null=True, blank=True, verbose_name=_("identifiant de l'acteur·rice"))
    actor_label = models.CharField(max_length=200, blank=True, verbose_name=_("acteur·rice"))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True, verbose_name=_("créé le"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("changement d'état")
        verbose_name_plural = _("changements d'état")

    def __str__(self):
        return f"{self.from_status or '-'} -> {self.to_status}"


class Support(models.Model):
    """A person backs a contribution (one support per person per contribution)."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="supports", verbose_name=_("contribution")
    )
    user_id = models.BigIntegerField(verbose_name=_("identifiant de la personne"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("créé le"))

    class Meta:
        verbose_name_plural = _("soutiens")
        verbose_name = _("soutien")
        constraints = [models.UniqueConstraint(fields=["contribution", "user_id"], name="support_once_per_person")]

    def __str__(self):
        return f"{self.user_id} -> {self.contribution_id}"


class FollowReason(models.TextChoices):
    AUTHOR = "author", _("Auteur·rice")
    SUPPORTER = "supporter", _("Soutien")
    FACILITATOR = "facilitator", _("Saisie pour autrui")
    ASKED = "asked", _("Abonnement")


class Follower(models.Model):
    """Someone told by email when the contribution's status changes or it gets an answer."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="followers", verbose_name=_("contribution")
    )
    user_id = models.BigIntegerField(verbose_name=_("identifiant de la personne"))
    reason = models.CharField(
        max_length=16, choices=FollowReason.choices, default=FollowReason.ASKED, verbose_name=_("raison")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("créé le"))

    class Meta:
        verbose_name_plural = _("abonné·es")
        verbose_name = _("abonné·e")
        constraints = [models.UniqueConstraint(fields=["contribution", "user_id"], name="follow_once_per_person")]

    def __str__(self):
        return f"{self.user_id} -> {self.contribution_id}"


class Report(models.Model):
    """A reader flags a contribution as abusive (one report per reporter per contribution)."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="reports", verbose_name=_("contribution")
    )
    reporter_id = models.BigIntegerField(verbose_name=_("identifiant de la personne qui signale"))
    reason = models.CharField(max_length=500, blank=True, verbose_name=_("motif"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("créé le"))

    class Meta:
        verbose_name_plural = _("signalements")
        verbose_name = _("signalement")
        constraints = [models.UniqueConstraint(fields=["contribution", "reporter_id"], name="report_once_per_person")]

    def __str__(self):
        return self.reason or f"{self.reporter_id} -> {self.contribution_id}"


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("En attente de modération")
    PUBLISHED = "published", _("Publié")
    REJECTED = "rejected", _("Refusé")
    HIDDEN = "hidden", _("Masqué")


class Comment(ExternalIdentity):
    """A short reply under a contribution, moderated like contributions (same mode)."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="comments", verbose_name=_("contribution")
    )
    body = models.TextField(help_text=_("Le commentaire (texte brut)."), verbose_name=_("commentaire"))
    status = models.CharField(
        max_length=16,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
        db_index=True,
        verbose_name=_("état"),
    )
    author_kind = models.CharField(max_length=16, choices=AuthorKind.choices, verbose_name=_("type d'auteur·rice"))
    author_id = models.BigIntegerField(
        null=True, blank=True, db_index=True, verbose_name=_("identifiant de l'auteur·rice")
    )
    author_label = models.CharField(max_length=200, blank=True, verbose_name=_("auteur·rice"))
    moderation_reason = models.CharField(max_length=500, blank=True, verbose_name=_("motif de modération"))
    held_by = models.CharField(max_length=100, blank=True, verbose_name=_("retenue par"))
    content_digest = models.CharField(max_length=64, blank=True, db_index=True, verbose_name=_("empreinte du contenu"))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True, verbose_name=_("créé le"))
    published_at = models.DateTimeField(null=True, blank=True, verbose_name=_("publié le"))

    class Meta:
        verbose_name_plural = _("commentaires")
        ordering = ["created_at", "id"]
        verbose_name = _("commentaire")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_ref", "external_id"],
                condition=~models.Q(external_id=""),
                name="comment_external_once",
            )
        ]

    def __str__(self):
        return self.body[:60]


class Attachment(models.Model):
    """A file (often an audio or video recording) joined to a contribution.

    Uploaded first over REST (``POST /api/participation/attachments/``), then claimed by the
    submission with its secret ``token``; unclaimed uploads are removed after a day.
    """

    contribution = models.OneToOneField(
        Contribution,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachment",
        verbose_name=_("contribution"),
    )
    file = models.FileField(upload_to="participation/%Y/%m/", max_length=300, verbose_name=_("fichier"))
    original_name = models.CharField(max_length=255, verbose_name=_("nom d'origine"))
    content_type = models.CharField(max_length=100, verbose_name=_("type de contenu"))
    size = models.PositiveBigIntegerField(default=0, verbose_name=_("taille"))
    sha256 = models.CharField(max_length=64, blank=True, verbose_name=_("SHA-256"))
    token = models.CharField(
        max_length=64,
        unique=True,
        help_text=_("Secret qui permet à la personne qui l'a déposée de la rattacher."),
        verbose_name=_("jeton"),
    )
    uploaded_by_id = models.BigIntegerField(null=True, blank=True, verbose_name=_("déposée par (identifiant)"))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True, verbose_name=_("créé le"))

    class Meta:
        verbose_name_plural = _("pièces jointes")
        verbose_name = _("pièce jointe")

    def __str__(self):
        return self.original_name
