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
from django.utils.translation import gettext_lazy as _

from imedia_core.search import SEARCH_CONFIG


class Decision(models.TextChoices):
    """What an official response decides. Allowed sequences live in ``feedback.states``."""

    UNDER_STUDY = "under_study", _("À l'étude")
    ACCEPTED = "accepted", _("Acceptée")
    PARTLY_ACCEPTED = "partly_accepted", _("Acceptée en partie")
    DECLINED = "declined", _("Refusée")


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publiée")


class CommitmentStatus(models.TextChoices):
    """Life cycle of a commitment. Transitions live in ``feedback.states``."""

    PLANNED = "planned", _("Prévu")
    IN_PROGRESS = "in_progress", _("En cours")
    DONE = "done", _("Fait")
    NOT_DONE = "not_done", _("Non fait")


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
        "participation.Contribution",
        on_delete=models.CASCADE,
        related_name="responses",
        help_text=_("Ce à quoi elle répond."),
        verbose_name=_("contribution"),
    )
    decision = models.CharField(
        max_length=16, choices=Decision.choices, help_text=_("Ce qui est décidé."), verbose_name=_("décision")
    )
    text = models.TextField(help_text=_("La réponse, HTML nettoyé."), verbose_name=_("réponse"))
    reason = models.TextField(
        blank=True,
        help_text=_("Pourquoi (obligatoire pour refuser ou revoir une décision), texte brut."),
        verbose_name=_("motif"),
    )
    status = models.CharField(
        max_length=16,
        choices=ResponseStatus.choices,
        default=ResponseStatus.DRAFT,
        db_index=True,
        verbose_name=_("état"),
    )
    responder_id = models.BigIntegerField(
        null=True,
        blank=True,
        help_text=_("Qui a répondu (identifiant de la personne dans le schéma public)."),
        verbose_name=_("identifiant de la personne qui répond"),
    )
    responder_label = models.CharField(
        max_length=200, blank=True, help_text=_("Qui a répondu, tel qu'affiché."), verbose_name=_("répondant·e")
    )
    capacity = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("À quel titre, par exemple « Directrice de l'insertion, Département »."),
        verbose_name=_("qualité"),
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True, verbose_name=_("créé le"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("modifié le"))
    published_at = models.DateTimeField(null=True, blank=True, db_index=True, verbose_name=_("publié le"))

    objects = ResponseQuerySet.as_manager()

    class Meta:
        verbose_name_plural = _("réponses")
        ordering = ["contribution_id", "published_at", "created_at", "id"]
        verbose_name = _("réponse")
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

    title = models.CharField(
        max_length=200, help_text=_("Ce qui sera fait, en une ligne."), verbose_name=_("engagement")
    )
    description = models.TextField(blank=True, help_text=_("Détails, HTML nettoyé."), verbose_name=_("description"))
    owner_label = models.CharField(
        max_length=200, help_text=_("Service ou personne responsable, tel qu'affiché."), verbose_name=_("responsable")
    )
    due_date = models.DateField(
        db_index=True, help_text=_("Date à laquelle ce doit être fait."), verbose_name=_("échéance")
    )
    progress = models.PositiveSmallIntegerField(
        default=0, help_text=_("Avancement, de 0 à 100."), verbose_name=_("avancement")
    )
    status = models.CharField(
        max_length=16,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.PLANNED,
        db_index=True,
        verbose_name=_("état"),
    )
    outcome = models.TextField(
        blank=True,
        help_text=_("Pourquoi ce n'est pas fait (obligatoire pour « non fait »), ou ce que cela a permis, texte brut."),
        verbose_name=_("bilan"),
    )
    phase = models.ForeignKey(
        "cycle.Phase",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commitments",
        help_text=_("Phase du cycle à laquelle elle se rattache."),
        verbose_name=_("phase"),
    )
    contributions = models.ManyToManyField(
        "participation.Contribution",
        blank=True,
        related_name="commitments",
        help_text=_("Contributions auxquelles il répond."),
        verbose_name=_("contributions"),
    )
    created_by_id = models.BigIntegerField(null=True, blank=True, verbose_name=_("identifiant du créateur"))
    created_by_label = models.CharField(max_length=200, blank=True, verbose_name=_("créé par"))
    created_at = models.DateTimeField(default=timezone.now, db_index=True, verbose_name=_("créé le"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("modifié le"))
    closed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("Date à laquelle il est devenu fait ou non fait."),
        verbose_name=_("clôturé le"),
    )

    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("owner_label", weight="B", config=SEARCH_CONFIG)
        + SearchVector("description", weight="C", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
        verbose_name=_("index de recherche"),
    )

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name_plural = _("engagements")
        ordering = ["due_date", "id"]
        verbose_name = _("engagement")
        indexes = [GinIndex(fields=["search_vector"], name="commitment_search_idx")]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class CommitmentUpdate(models.Model):
    """One dated step of a commitment's timeline: a note, and possibly a new progress, status
    or due date (each status change is recorded here, so the timeline is complete)."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="updates", verbose_name=_("engagement")
    )
    date = models.DateField(
        default=timezone.localdate, db_index=True, help_text=_("Date à laquelle c'est arrivé."), verbose_name=_("date")
    )
    text = models.TextField(help_text=_("Ce qui s'est passé, texte brut."), verbose_name=_("ce qui s'est passé"))
    progress = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("Nouvel avancement, s'il a changé."), verbose_name=_("avancement")
    )
    status = models.CharField(
        max_length=16,
        choices=CommitmentStatus.choices,
        blank=True,
        help_text=_("Nouvel état, s'il a changé."),
        verbose_name=_("état"),
    )
    previous_status = models.CharField(
        max_length=16, choices=CommitmentStatus.choices, blank=True, verbose_name=_("état précédent")
    )
    due_date = models.DateField(
        null=True, blank=True, help_text=_("Nouvelle échéance, si elle a bougé."), verbose_name=_("échéance")
    )
    previous_due_date = models.DateField(null=True, blank=True, verbose_name=_("échéance précédente"))
    author_id = models.BigIntegerField(null=True, blank=True, verbose_name=_("identifiant de l'auteur·rice"))
    author_label = models.CharField(max_length=200, blank=True, verbose_name=_("auteur·rice"))
    created_at = models.DateTimeField(default=timezone.now, db_index=True, verbose_name=_("créé le"))

    class Meta:
        ordering = ["date", "created_at", "id"]
        verbose_name = _("étape d'un engagement")
        verbose_name_plural = _("étapes des engagements")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} — {self.text[:60]}"
