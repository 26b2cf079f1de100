"""The guided path: the questions people ask, each leading to phases, resources, methods,
follow-up questions and a way to contribute; and the searches the catalogue could not answer.

Unanswered searches are anonymous by construction: no person, no IP, no session, no time of
day (dates only), so a row cannot be tied back to whoever typed it.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Q

from imedia_core.content.models import Publishable
from imedia_core.participation.models import ContributionKind
from imedia_core.search import SEARCH_CONFIG


class Question(Publishable):
    """A question people actually ask, in their words, and where it leads."""

    REVISION_FIELDS = (
        "slug",
        "text",
        "answer",
        "keywords",
        "position",
        "contribute_kind",
        "contribute_prompt",
        "status",
        "publish_at",
    )

    slug = models.SlugField(max_length=120, unique=True, help_text="Identifier used in URLs and starter sets.")
    text = models.CharField(max_length=300, help_text="The question, as people put it.")
    answer = models.TextField(blank=True, help_text="A short answer or introduction to the path, sanitised HTML.")
    # One per line: a text column (not an array) so the generated search vector stays immutable.
    keywords = models.TextField(
        blank=True, help_text="Other ways people say it: keywords and synonyms, one per line (searched, not shown)."
    )
    position = models.PositiveIntegerField(default=0, help_text="Order in the catalogue, from 0.")
    contribute_kind = models.CharField(
        max_length=16,
        choices=ContributionKind.choices,
        blank=True,
        help_text="Kind of contribution the path invites at its end (empty: none).",
    )
    contribute_prompt = models.CharField(
        max_length=300, blank=True, help_text="The call to contribute, in French (e.g. « Racontez-nous… »)."
    )
    search_vector = models.GeneratedField(
        expression=SearchVector("text", weight="A", config=SEARCH_CONFIG)
        + SearchVector("keywords", weight="B", config=SEARCH_CONFIG)
        + SearchVector("answer", weight="C", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    phases = models.ManyToManyField(
        "cycle.Phase", through="QuestionPhase", blank=True, related_name="guidance_questions"
    )
    resources = models.ManyToManyField(
        "library.Resource", through="QuestionResource", blank=True, related_name="guidance_questions"
    )
    methods = models.ManyToManyField(
        "cycle.PhaseItem", through="QuestionMethod", blank=True, related_name="guidance_questions"
    )
    follow_ups = models.ManyToManyField(
        "self",
        through="QuestionFollowUp",
        through_fields=("question", "follow_up"),
        symmetrical=False,
        blank=True,
        related_name="preceding_questions",
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "question du parcours guidé"
        verbose_name_plural = "questions du parcours guidé"
        indexes = [GinIndex(fields=["search_vector"], name="guidance_question_search_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(contribute_kind="") | ~Q(contribute_prompt=""), name="guidance_contribute_has_prompt"
            )
        ]

    def __str__(self):
        return self.text

    @property
    def keyword_list(self) -> list[str]:
        return [line for line in self.keywords.splitlines() if line.strip()]

    def revision_extra(self) -> dict:
        """Links kept with each revision (ids in order), so history shows what the path led to."""
        return {
            "phases": list(self.phase_links.order_by("position", "id").values_list("phase_id", flat=True)),
            "resources": list(self.resource_links.order_by("position", "id").values_list("resource_id", flat=True)),
            "methods": list(self.method_links.order_by("position", "id").values_list("item_id", flat=True)),
            "follow_ups": list(self.follow_up_links.order_by("position", "id").values_list("follow_up_id", flat=True)),
        }


class QuestionPhase(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="phase_links")
    phase = models.ForeignKey("cycle.Phase", on_delete=models.CASCADE, related_name="guidance_links")
    position = models.PositiveIntegerField(default=0, help_text="Order among the question's phases.")

    class Meta:
        ordering = ["question", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["question", "phase"], name="guidance_question_phase_unique")]

    def __str__(self):
        return f"{self.question} → {self.phase}"


class QuestionResource(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="resource_links")
    resource = models.ForeignKey("library.Resource", on_delete=models.CASCADE, related_name="guidance_links")
    position = models.PositiveIntegerField(default=0, help_text="Order among the question's resources.")

    class Meta:
        ordering = ["question", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["question", "resource"], name="guidance_question_resource_unique")
        ]

    def __str__(self):
        return f"{self.question} → {self.resource}"


class QuestionMethod(models.Model):
    """A method of a phase (a ``cycle.PhaseItem`` of kind method) that answers the question."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="method_links")
    item = models.ForeignKey("cycle.PhaseItem", on_delete=models.CASCADE, related_name="guidance_links")
    position = models.PositiveIntegerField(default=0, help_text="Order among the question's methods.")

    class Meta:
        ordering = ["question", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["question", "item"], name="guidance_question_method_unique")]

    def __str__(self):
        return f"{self.question} → {self.item}"


class QuestionFollowUp(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="follow_up_links")
    follow_up = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="preceding_links")
    position = models.PositiveIntegerField(default=0, help_text="Order among the question's follow-ups.")

    class Meta:
        ordering = ["question", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["question", "follow_up"], name="guidance_question_follow_up_unique"),
            models.CheckConstraint(condition=~Q(question=models.F("follow_up")), name="guidance_follow_up_not_self"),
        ]

    def __str__(self):
        return f"{self.question} → {self.follow_up}"


class UnansweredStatus(models.TextChoices):
    OPEN = "open", "À traiter"
    ANSWERED = "answered", "Traitée (une question y répond)"
    DISMISSED = "dismissed", "Écartée"


class UnansweredSearch(models.Model):
    """What people typed that no published question answered, counted, never tied to anyone."""

    key = models.CharField(
        max_length=400, unique=True, help_text="The search's meaningful words, stemmed and sorted: the dedup key."
    )
    text = models.CharField(max_length=200, help_text="The search as first typed, normalised and masked.")
    count = models.PositiveIntegerField(default=1, help_text="How many times it was searched.")
    first_seen_on = models.DateField(help_text="Day it was first searched (a day, not a time: anonymity).")
    last_seen_on = models.DateField(help_text="Day it was last searched.")
    status = models.CharField(
        max_length=16, choices=UnansweredStatus.choices, default=UnansweredStatus.OPEN, db_index=True
    )
    question = models.ForeignKey(
        Question,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answered_searches",
        help_text="The question the local team wrote or chose to answer it.",
    )
    handled_on = models.DateField(null=True, blank=True, help_text="Day it was marked answered or dismissed.")

    class Meta:
        ordering = ["-count", "-last_seen_on", "-id"]
        verbose_name = "recherche sans réponse"
        verbose_name_plural = "recherches sans réponse"

    def __str__(self):
        return self.text
