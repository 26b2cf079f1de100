"""Bottom-up participation: contributions raised by people, groups, or facilitators for them.

People live in the public schema: they are referenced by id and label (as the audit log does),
never by a cross-schema foreign key.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models

from imedia_core.search import SEARCH_CONFIG


class ContributionKind(models.TextChoices):
    QUESTION = "question", "Question"
    OBSERVATION = "observation", "Constat"
    PROPOSAL = "proposal", "Proposition"
    TESTIMONY = "testimony", "Témoignage"


class ContributionStatus(models.TextChoices):
    """Moderation and life cycle. Transitions live in ``participation.states``."""

    PENDING = "pending", "En attente de modération"
    PUBLISHED = "published", "Publiée"
    REJECTED = "rejected", "Refusée"
    HIDDEN = "hidden", "Masquée"  # published, then taken down by a moderator (with a reason)
    WITHDRAWN = "withdrawn", "Retirée par son auteur"


class AuthorKind(models.TextChoices):
    PERSON = "person", "Personne identifiée"
    PSEUDONYM = "pseudonym", "Pseudonyme"
    ANONYMOUS = "anonymous", "Anonyme"
    GROUP = "group", "Groupe d'expression"


class ModerationMode(models.TextChoices):
    PRE = "pre", "A priori (rien n'est public avant validation)"
    POST = "post", "A posteriori (publication immédiate, modération ensuite)"


class ParticipationSettings(models.Model):
    """This programme's participation rules: a singleton row (pk 1) in the tenant schema."""

    moderation_mode = models.CharField(
        max_length=8, choices=ModerationMode.choices, default=ModerationMode.PRE, help_text="When moderation happens."
    )
    allow_pseudonymous = models.BooleanField(default=True, help_text="Signed-in people may sign with a pseudonym.")
    allow_anonymous = models.BooleanField(default=False, help_text="People may contribute without signing in.")
    edit_window_minutes = models.PositiveIntegerField(
        default=30, help_text="How long authors may edit what they wrote (0: never)."
    )
    anonymous_rate_limit = models.PositiveIntegerField(
        default=5, help_text="Anonymous submissions accepted per client and per hour."
    )
    report_threshold = models.PositiveIntegerField(
        default=3, help_text="Reports that put a published contribution back in the moderation queue."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "réglages de la participation"
        verbose_name_plural = "réglages de la participation"

    def __str__(self):
        return "Réglages de la participation"

    @classmethod
    def load(cls) -> "ParticipationSettings":
        """The singleton, created with defaults on first use."""
        obj, _ = cls.objects.get_or_create(pk=1)
        return obj


class ExpressionGroup(models.Model):
    """A group that speaks as one (a conseil citoyen workshop, a trainee cohort...)."""

    name = models.CharField(max_length=200, unique=True, help_text="Name of the group, as shown.")
    description = models.TextField(blank=True, help_text="Who the group gathers.")
    is_active = models.BooleanField(default=True, help_text="Inactive groups can no longer contribute.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "groupe d'expression"
        verbose_name_plural = "groupes d'expression"

    def __str__(self):
        return self.name


class GroupMember(models.Model):
    """A person who may speak for an expression group (facilitators may for every group)."""

    group = models.ForeignKey(ExpressionGroup, on_delete=models.CASCADE, related_name="members")
    user_id = models.BigIntegerField()
    user_label = models.CharField(max_length=200, blank=True, help_text="Name shown, as it was when added.")

    class Meta:
        verbose_name = "membre du groupe"
        verbose_name_plural = "membres du groupe"
        constraints = [models.UniqueConstraint(fields=["group", "user_id"], name="group_member_once")]

    def __str__(self):
        return self.user_label or str(self.user_id)


class Contribution(models.Model):
    kind = models.CharField(max_length=16, choices=ContributionKind.choices, db_index=True, help_text="What it is.")
    title = models.CharField(max_length=200, help_text="A short title, in the author's words.")
    body = models.TextField(blank=True, help_text="The contribution itself (plain text).")
    status = models.CharField(
        max_length=16,
        choices=ContributionStatus.choices,
        default=ContributionStatus.PENDING,
        db_index=True,
        help_text="Moderation and life-cycle state.",
    )
    phase = models.ForeignKey(
        "cycle.Phase",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
        help_text="Phase of the cycle it belongs to.",
    )
    themes = models.ManyToManyField("library.Theme", blank=True, related_name="contributions")

    author_kind = models.CharField(max_length=16, choices=AuthorKind.choices, help_text="Who speaks.")
    # The signed-in person who wrote it (none for anonymous submissions), by id and label.
    author_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    author_label = models.CharField(max_length=200, blank=True, help_text="Name shown: person, pseudonym or group.")
    # A facilitator entering it on behalf of a person or a group, attributed as such.
    entered_by_id = models.BigIntegerField(null=True, blank=True)
    entered_by_label = models.CharField(max_length=200, blank=True)

    # The expression group it speaks for (author_kind == group); the label above keeps the name shown then.
    group = models.ForeignKey(
        "participation.ExpressionGroup",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
        help_text="Expression group speaking through this contribution.",
    )

    # Moderation: the last decision's reason (required to reject or hide) and who took it.
    moderation_reason = models.CharField(max_length=500, blank=True, help_text="Reason of the last moderation.")
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by_label = models.CharField(max_length=200, blank=True)
    # Set when an automatic check (plugin) held it for review: which checker and why.
    held_by = models.CharField(max_length=100, blank=True, help_text="Automatic check that held it for review.")
    held_reason = models.CharField(max_length=500, blank=True)

    # Counters kept by the services with F() updates: a list shows them without counting rows.
    support_count = models.PositiveIntegerField(default=0)
    report_count = models.PositiveIntegerField(default=0)

    # Spam guard: a digest of the normalised text, to refuse the same text posted again soon.
    content_digest = models.CharField(max_length=64, blank=True, db_index=True)

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True, help_text="Last edit by its author.")

    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("body", weight="B", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "contribution"
        indexes = [GinIndex(fields=["search_vector"], name="contribution_search_idx")]

    def __str__(self):
        return self.title


class StatusChange(models.Model):
    """One dated step of a contribution's or a comment's history (moderation trail)."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="status_changes")
    comment = models.ForeignKey(
        "participation.Comment", null=True, blank=True, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    reason = models.CharField(max_length=500, blank=True)
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_label = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "changement d'état"
        verbose_name_plural = "changements d'état"

    def __str__(self):
        return f"{self.from_status or '-'} -> {self.to_status}"


class Support(models.Model):
    """A person backs a contribution (one support per person per contribution)."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="supports")
    user_id = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "soutien"
        constraints = [models.UniqueConstraint(fields=["contribution", "user_id"], name="support_once_per_person")]

    def __str__(self):
        return f"{self.user_id} -> {self.contribution_id}"


class FollowReason(models.TextChoices):
    AUTHOR = "author", "Auteur·rice"
    SUPPORTER = "supporter", "Soutien"
    FACILITATOR = "facilitator", "Saisie pour autrui"
    ASKED = "asked", "Abonnement"


class Follower(models.Model):
    """Someone told by email when the contribution's status changes or it gets an answer."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="followers")
    user_id = models.BigIntegerField()
    reason = models.CharField(max_length=16, choices=FollowReason.choices, default=FollowReason.ASKED)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "abonné·e"
        constraints = [models.UniqueConstraint(fields=["contribution", "user_id"], name="follow_once_per_person")]

    def __str__(self):
        return f"{self.user_id} -> {self.contribution_id}"


class Report(models.Model):
    """A reader flags a contribution as abusive (one report per reporter per contribution)."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="reports")
    reporter_id = models.BigIntegerField()
    reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "signalement"
        constraints = [models.UniqueConstraint(fields=["contribution", "reporter_id"], name="report_once_per_person")]

    def __str__(self):
        return self.reason or f"{self.reporter_id} -> {self.contribution_id}"


class CommentStatus(models.TextChoices):
    PENDING = "pending", "En attente de modération"
    PUBLISHED = "published", "Publié"
    REJECTED = "rejected", "Refusé"
    HIDDEN = "hidden", "Masqué"


class Comment(models.Model):
    """A short reply under a contribution, moderated like contributions (same mode)."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="comments")
    body = models.TextField(help_text="The comment (plain text).")
    status = models.CharField(
        max_length=16, choices=CommentStatus.choices, default=CommentStatus.PENDING, db_index=True
    )
    author_kind = models.CharField(max_length=16, choices=AuthorKind.choices)
    author_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    author_label = models.CharField(max_length=200, blank=True)
    moderation_reason = models.CharField(max_length=500, blank=True)
    held_by = models.CharField(max_length=100, blank=True)
    content_digest = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "commentaire"

    def __str__(self):
        return self.body[:60]


class Attachment(models.Model):
    """A file (often an audio or video recording) joined to a contribution.

    Uploaded first over REST (``POST /api/participation/attachments/``), then claimed by the
    submission with its secret ``token``; unclaimed uploads are removed after a day.
    """

    contribution = models.OneToOneField(
        Contribution, null=True, blank=True, on_delete=models.CASCADE, related_name="attachment"
    )
    file = models.FileField(upload_to="participation/%Y/%m/", max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    token = models.CharField(max_length=64, unique=True, help_text="Secret that lets the uploader claim it.")
    uploaded_by_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "pièce jointe"

    def __str__(self):
        return self.original_name
