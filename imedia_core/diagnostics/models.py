"""Self-diagnostics: questionnaires scored on dimensions, run by groups, answered by members.

A diagnostic has dimensions (often the phases of the active cycle), items on those dimensions
(each with its own answer scale and weight) and maturity levels (score bands). A run is one
session of one group; each participant gives one answer set, replaced when they answer again.
People live in the public schema: runs and participants reference them by id and label.
"""

from django.db import models
from django.db.models import Q

from imedia_core.content.models import Publishable


class Diagnostic(Publishable):
    """A questionnaire. Readers see it once published; staff see drafts and archives too."""

    slug = models.SlugField(max_length=120, unique=True, help_text="Identifier of the diagnostic.")
    title = models.CharField(max_length=200, help_text="Title, plain text.")
    description = models.TextField(blank=True, help_text="What the diagnostic is for, sanitised HTML.")
    scorer_key = models.CharField(
        max_length=64, default="weighted_mean", help_text="Key of the scorer that computes dimension scores."
    )
    template_key = models.CharField(max_length=120, blank=True, help_text="Template it was installed from, if any.")

    class Meta:
        ordering = ["title", "id"]
        verbose_name = "autodiagnostic"

    def __str__(self):
        return self.title


class Dimension(models.Model):
    """What a diagnostic scores: a phase of the cycle, or any axis the team defines."""

    diagnostic = models.ForeignKey(Diagnostic, on_delete=models.CASCADE, related_name="dimensions")
    position = models.PositiveIntegerField(default=0, help_text="Order in the diagnostic, from 0.")
    slug = models.SlugField(max_length=120, help_text="Identifier of the dimension in its diagnostic.")
    title = models.CharField(max_length=200, help_text="Title, plain text.")
    description = models.TextField(blank=True, help_text="What the dimension covers, plain text.")
    phase = models.ForeignKey(
        "cycle.Phase",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="diagnostic_dimensions",
        help_text="Phase of the cycle this dimension stands for; its resources and methods are recommended.",
    )

    class Meta:
        ordering = ["diagnostic", "position", "id"]
        verbose_name = "dimension"
        constraints = [models.UniqueConstraint(fields=["diagnostic", "slug"], name="dimension_slug_unique")]

    def __str__(self):
        return self.title


class Item(models.Model):
    """A statement or question on one dimension, answered on its own scale.

    ``scale`` is a list of ``{"label": str, "score": number}``, in display order; answers name
    an option by its index. Scores need not start at 0: they are normalised to 0-100.
    """

    diagnostic = models.ForeignKey(Diagnostic, on_delete=models.CASCADE, related_name="items")
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(default=0, help_text="Order in the diagnostic, from 0.")
    text = models.CharField(max_length=500, help_text="The statement or question, plain text.")
    help_text = models.CharField(max_length=500, blank=True, help_text="A hint for people answering, plain text.")
    weight = models.FloatField(default=1.0, help_text="Weight of the item in its dimension (> 0).")
    scale = models.JSONField(help_text='Answer options: [{"label": ..., "score": ...}], in display order.')

    class Meta:
        ordering = ["diagnostic", "position", "id"]
        verbose_name = "item"
        constraints = [models.CheckConstraint(condition=Q(weight__gt=0), name="diagnostic_item_weight_positive")]

    def __str__(self):
        return self.text


class MaturityLevel(models.Model):
    """A score band: from ``min_score`` (included) to the next level's minimum."""

    diagnostic = models.ForeignKey(Diagnostic, on_delete=models.CASCADE, related_name="maturity_levels")
    min_score = models.FloatField(help_text="Lowest score (0-100, included) of the band.")
    label = models.CharField(max_length=100, help_text="Name of the level, e.g. « En cours ».")
    description = models.CharField(max_length=300, blank=True, help_text="What the level means, plain text.")

    class Meta:
        ordering = ["diagnostic", "min_score", "id"]
        verbose_name = "niveau de maturité"
        constraints = [models.UniqueConstraint(fields=["diagnostic", "min_score"], name="maturity_level_unique")]

    def __str__(self):
        return f"{self.label} (≥ {self.min_score:g})"


class Group(models.Model):
    """A group that runs diagnostics over time (its runs are compared with each other)."""

    name = models.CharField(max_length=200, help_text="Name of the group.")
    slug = models.SlugField(max_length=200, unique=True, help_text="Identifier of the group.")
    description = models.TextField(blank=True, help_text="Who is in the group, plain text.")
    created_at = models.DateTimeField(auto_now_add=True, help_text="When the group was first named.")

    class Meta:
        ordering = ["name", "id"]
        verbose_name = "groupe"

    def __str__(self):
        return self.name


class RunStatus(models.TextChoices):
    OPEN = "open", "Ouverte"
    CLOSED = "closed", "Clôturée"


class Run(models.Model):
    """One session of a diagnostic with a group. Answers are accepted while it is open."""

    diagnostic = models.ForeignKey(Diagnostic, on_delete=models.PROTECT, related_name="runs")
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="runs")
    title = models.CharField(max_length=200, help_text="Name of the session.")
    held_on = models.DateField(help_text="Date of the session.")
    # Short, unguessable: whoever has it may answer (the invitation); stored normalised.
    code = models.CharField(max_length=16, unique=True, help_text="Code participants enter to answer.")
    status = models.CharField(max_length=8, choices=RunStatus.choices, default=RunStatus.OPEN, db_index=True)
    allow_anonymous = models.BooleanField(default=True, help_text="People may answer without signing in.")
    facilitator_id = models.BigIntegerField(null=True, blank=True)
    facilitator_label = models.CharField(max_length=200, blank=True, help_text="Who opened the run, as shown then.")
    conclusions = models.TextField(blank=True, help_text="The group's shared conclusions, plain text.")
    priorities = models.TextField(blank=True, help_text="The group's priorities, plain text.")
    opened_at = models.DateTimeField(auto_now_add=True, help_text="When the run was opened.")
    closed_at = models.DateTimeField(null=True, blank=True, help_text="When the run was closed; null while open.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = "passation"
        indexes = [models.Index(fields=["diagnostic", "group", "held_on"], name="run_group_history_idx")]

    def __str__(self):
        return f"{self.title} ({self.held_on:%d/%m/%Y})"


class Participant(models.Model):
    """One person's answer set in a run: a signed-in person (by id) or an anonymous token."""

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="participants")
    number = models.PositiveIntegerField(help_text="1, 2, 3… in order of first answer: the pseudonym in results.")
    user_id = models.BigIntegerField(null=True, blank=True)
    user_label = models.CharField(max_length=200, blank=True)
    # SHA-256 of the participant token handed to an anonymous participant (never stored in clear).
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["run", "number"]
        verbose_name = "participant·e"
        constraints = [
            models.UniqueConstraint(fields=["run", "number"], name="participant_number_unique"),
            models.UniqueConstraint(
                fields=["run", "user_id"], condition=Q(user_id__isnull=False), name="participant_user_unique"
            ),
            models.CheckConstraint(
                condition=Q(user_id__isnull=False) | ~Q(token_hash=""), name="participant_identified"
            ),
        ]

    def __str__(self):
        return f"Participant·e {self.number}"


class Answer(models.Model):
    """The option a participant chose for an item; its score is kept as it was then."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="answers")
    choice = models.PositiveIntegerField(help_text="Index of the chosen option in the item's scale.")
    score = models.FloatField(help_text="Score of the chosen option when answered.")

    class Meta:
        ordering = ["participant", "item"]
        verbose_name = "réponse"
        constraints = [models.UniqueConstraint(fields=["participant", "item"], name="answer_unique")]

    def __str__(self):
        return f"{self.participant} → {self.item_id} : {self.choice}"
