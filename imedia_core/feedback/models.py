"""Top-down feedback: official responses to contributions and the "you said, we did" ledger of
commitments with their dated timeline.

People live in the public schema: who answered, who created or updated a commitment, are kept
by id and label (as the audit log does), never by a cross-schema foreign key.
"""

import datetime as dt

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import BooleanField, Case, Q, Value, When
from django.utils import timezone

from imedia_core.search import SEARCH_CONFIG


class Decision(models.TextChoices):
    """What an official response decides. Allowed sequences live in ``feedback.states``."""

    UNDER_STUDY = "under_study", "À l'étude"
    ACCEPTED = "accepted", "Acceptée"
    PARTLY_ACCEPTED = "partly_accepted", "Acceptée en partie"
    DECLINED = "declined", "Refusée"


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    PUBLISHED = "published", "Publiée"


class CommitmentStatus(models.TextChoices):
    """Life cycle of a commitment. Transitions live in ``feedback.states``."""

    PLANNED = "planned", "Prévu"
    IN_PROGRESS = "in_progress", "En cours"
    DONE = "done", "Fait"
    NOT_DONE = "not_done", "Non fait"


OPEN_STATUSES = (CommitmentStatus.PLANNED, CommitmentStatus.IN_PROGRESS)


class ResponseQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ResponseStatus.PUBLISHED)


class Response(models.Model):
    """An official answer to a contribution, by a professional or a decision-maker.

    A contribution may receive several over time (under study, then accepted...): the latest
    published one is its current decision. Published responses are never edited: the ledger
    keeps what was said and when; a change of mind is a new response.
    """

    contribution = models.ForeignKey(
        "participation.Contribution", on_delete=models.CASCADE, related_name="responses", help_text="What it answers."
    )
    decision = models.CharField(max_length=16, choices=Decision.choices, help_text="What is decided.")
    text = models.TextField(help_text="The answer, sanitised HTML.")
    reason = models.TextField(blank=True, help_text="Why (required to decline or to revise a decision), plain text.")
    status = models.CharField(
        max_length=16, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT, db_index=True
    )
    responder_id = models.BigIntegerField(null=True, blank=True, help_text="Who answered (public-schema person id).")
    responder_label = models.CharField(max_length=200, blank=True, help_text="Who answered, as shown.")
    capacity = models.CharField(
        max_length=300, blank=True, help_text="In which capacity, e.g. « Directrice de l'insertion, Département »."
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["contribution_id", "published_at", "created_at", "id"]
        verbose_name = "réponse"
        indexes = [models.Index(fields=["contribution", "status", "published_at"], name="response_current_idx")]

    def __str__(self):
        return f"{self.get_decision_display()} — {self.contribution_id}"


def overdue_condition(today: dt.date | None = None, prefix: str = "") -> Q:
    """SQL condition of an overdue commitment: its due date has passed and it is still open.
    ``prefix`` reaches commitments through a relation (e.g. ``"commitments__"``). ``today`` is
    computed in Python (the local date of the programme's time zone) so tests can move time."""
    today = today or timezone.localdate()
    return Q(**{f"{prefix}due_date__lt": today, f"{prefix}status__in": list(OPEN_STATUSES)})


class CommitmentQuerySet(models.QuerySet):
    def with_overdue(self, today: dt.date | None = None):
        """Annotate ``is_overdue`` (computed by PostgreSQL for the whole page)."""
        return self.annotate(
            is_overdue=Case(
                When(overdue_condition(today), then=Value(True)), default=Value(False), output_field=BooleanField()
            )
        )

    def overdue(self, today: dt.date | None = None):
        return self.filter(overdue_condition(today))


class Commitment(models.Model):
    """What will be done, by whom, by when; with progress, a status and a dated timeline."""

    title = models.CharField(max_length=200, help_text="What will be done, in one line.")
    description = models.TextField(blank=True, help_text="Details, sanitised HTML.")
    owner_label = models.CharField(max_length=200, help_text="Service or person in charge, as shown.")
    due_date = models.DateField(db_index=True, help_text="By when it should be done.")
    progress = models.PositiveSmallIntegerField(default=0, help_text="Progress, 0 to 100.")
    status = models.CharField(
        max_length=16, choices=CommitmentStatus.choices, default=CommitmentStatus.PLANNED, db_index=True
    )
    outcome = models.TextField(
        blank=True, help_text="Why it was not done (required for « non fait »), or what it achieved, plain text."
    )
    phase = models.ForeignKey(
        "cycle.Phase",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commitments",
        help_text="Phase of the cycle it belongs to.",
    )
    contributions = models.ManyToManyField(
        "participation.Contribution", blank=True, related_name="commitments", help_text="Contributions it answers."
    )
    created_by_id = models.BigIntegerField(null=True, blank=True)
    created_by_label = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True, help_text="When it became done or not done.")

    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("owner_label", weight="B", config=SEARCH_CONFIG)
        + SearchVector("description", weight="C", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = "engagement"
        indexes = [GinIndex(fields=["search_vector"], name="commitment_search_idx")]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class CommitmentUpdate(models.Model):
    """One dated step of a commitment's timeline: a note, and possibly a new progress, status
    or due date (each status change is recorded here, so the timeline is complete)."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(default=timezone.localdate, db_index=True, help_text="When it happened.")
    text = models.TextField(help_text="What happened, plain text.")
    progress = models.PositiveSmallIntegerField(null=True, blank=True, help_text="New progress, if it changed.")
    status = models.CharField(
        max_length=16, choices=CommitmentStatus.choices, blank=True, help_text="New status, if it changed."
    )
    previous_status = models.CharField(max_length=16, choices=CommitmentStatus.choices, blank=True)
    due_date = models.DateField(null=True, blank=True, help_text="New due date, if it moved.")
    previous_due_date = models.DateField(null=True, blank=True)
    author_id = models.BigIntegerField(null=True, blank=True)
    author_label = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["date", "created_at", "id"]
        verbose_name = "étape d'un engagement"
        verbose_name_plural = "étapes des engagements"

    def __str__(self):
        return f"{self.date:%d/%m/%Y} — {self.text[:60]}"
