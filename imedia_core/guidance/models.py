"""The guided path: the questions people ask, each leading to phases, resources, methods,
follow-up questions and a way to contribute; and the searches the catalogue could not answer.

Unanswered searches are anonymous by construction: no person, no IP, no session, no time of
day (dates only), so a row cannot be tied back to whoever typed it.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

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

    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text=_("Identifiant utilisé dans les adresses et les jeux de départ."),
        verbose_name=_("identifiant"),
    )
    text = models.CharField(
        max_length=300, help_text=_("La question, telle que les gens la posent."), verbose_name=_("question")
    )
    answer = models.TextField(
        blank=True,
        help_text=_("Une réponse courte ou une introduction au parcours, HTML nettoyé."),
        verbose_name=_("réponse"),
    )
    # One per line: a text column (not an array) so the generated search vector stays immutable.
    keywords = models.TextField(
        blank=True,
        help_text=_("D'autres façons de le dire : mots-clés et synonymes, un par ligne (cherchés, pas affichés)."),
        verbose_name=_("mots-clés"),
    )
    position = models.PositiveIntegerField(
        default=0, help_text=_("Rang dans le catalogue, à partir de 0."), verbose_name=_("rang")
    )
    contribute_kind = models.CharField(
        max_length=16,
        choices=ContributionKind.choices,
        blank=True,
        help_text=_("Type de contribution proposé à la fin du parcours (vide : aucune)."),
        verbose_name=_("type de contribution proposé"),
    )
    contribute_prompt = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("L'appel à contribuer, en français (par exemple « Racontez-nous… »)."),
        verbose_name=_("appel à contribuer"),
    )
    search_vector = models.GeneratedField(
        expression=SearchVector("text", weight="A", config=SEARCH_CONFIG)
        + SearchVector("keywords", weight="B", config=SEARCH_CONFIG)
        + SearchVector("answer", weight="C", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
        verbose_name=_("index de recherche"),
    )
    phases = models.ManyToManyField(
        "cycle.Phase", through="QuestionPhase", blank=True, related_name="guidance_questions", verbose_name=_("phases")
    )
    resources = models.ManyToManyField(
        "library.Resource",
        through="QuestionResource",
        blank=True,
        related_name="guidance_questions",
        verbose_name=_("ressources"),
    )
    methods = models.ManyToManyField(
        "cycle.PhaseItem",
        through="QuestionMethod",
        blank=True,
        related_name="guidance_questions",
        verbose_name=_("méthodes"),
    )
    follow_ups = models.ManyToManyField(
        "self",
        through="QuestionFollowUp",
        through_fields=("question", "follow_up"),
        symmetrical=False,
        blank=True,
        related_name="preceding_questions",
        verbose_name=_("questions suivantes"),
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("question du parcours guidé")
        verbose_name_plural = _("questions du parcours guidé")
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
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="phase_links", verbose_name=_("question")
    )
    phase = models.ForeignKey(
        "cycle.Phase", on_delete=models.CASCADE, related_name="guidance_links", verbose_name=_("phase")
    )
    position = models.PositiveIntegerField(
        default=0, help_text=_("Rang parmi les phases de la question."), verbose_name=_("rang")
    )

    class Meta:
        verbose_name = _("phase de la question")
        verbose_name_plural = _("phases de la question")
        ordering = ["question", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["question", "phase"], name="guidance_question_phase_unique")]

    def __str__(self):
        return f"{self.question} → {self.phase}"


class QuestionResource(models.Model):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="resource_links", verbose_name=_("question")
    )
    resource = models.ForeignKey(
        "library.Resource", on_delete=models.CASCADE, related_name="guidance_links", verbose_name=_("ressource")
    )
    position = models.PositiveIntegerField(
        default=0, help_text=_("Rang parmi les ressources de la question."), verbose_name=_("rang")
    )

    class Meta:
        verbose_name = _("ressource de la question")
        verbose_name_plural = _("ressources de la question")
        ordering = ["question", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["question", "resource"], name="guidance_question_resource_unique")
        ]

    def __str__(self):
        return f"{self.question} → {self.resource}"


class QuestionMethod(models.Model):
    """A method of a phase (a ``cycle.PhaseItem`` of kind method) that answers the question."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="method_links", verbose_name=_("question")
    )
    item = models.ForeignKey(
        "cycle.PhaseItem", on_delete=models.CASCADE, related_name="guidance_links", verbose_name=_("méthode")
    )
    position = models.PositiveIntegerField(
        default=0, help_text=_("Rang parmi les méthodes de la question."), verbose_name=_("rang")
    )

    class Meta:
        verbose_name = _("méthode de la question")
        verbose_name_plural = _("méthodes de la question")
        ordering = ["question", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["question", "item"], name="guidance_question_method_unique")]

    def __str__(self):
        return f"{self.question} → {self.item}"


class QuestionFollowUp(models.Model):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="follow_up_links", verbose_name=_("question")
    )
    follow_up = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="preceding_links", verbose_name=_("question suivante")
    )
    position = models.PositiveIntegerField(
        default=0, help_text=_("Rang parmi les questions suivantes."), verbose_name=_("rang")
    )

    class Meta:
        verbose_name = _("question suivante")
        verbose_name_plural = _("questions suivantes")
        ordering = ["question", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["question", "follow_up"], name="guidance_question_follow_up_unique"),
            models.CheckConstraint(condition=~Q(question=models.F("follow_up")), name="guidance_follow_up_not_self"),
        ]

    def __str__(self):
        return f"{self.question} → {self.follow_up}"


class UnansweredStatus(models.TextChoices):
    OPEN = "open", _("À traiter")
    ANSWERED = "answered", _("Traitée (une question y répond)")
    DISMISSED = "dismissed", _("Écartée")


class UnansweredSearch(models.Model):
    """What people typed that no published question answered, counted, never tied to anyone."""

    key = models.CharField(
        max_length=400,
        unique=True,
        help_text=_("Les mots significatifs de la recherche, racinisés et triés : la clé de dédoublonnage."),
        verbose_name=_("clé de dédoublonnage"),
    )
    text = models.CharField(
        max_length=200,
        help_text=_("La recherche telle que tapée la première fois, normalisée et masquée."),
        verbose_name=_("recherche"),
    )
    count = models.PositiveIntegerField(
        default=1, help_text=_("Nombre de fois où elle a été cherchée."), verbose_name=_("nombre de recherches")
    )
    first_seen_on = models.DateField(
        help_text=_("Jour de la première recherche (un jour, pas une heure : anonymat)."),
        verbose_name=_("première recherche le"),
    )
    last_seen_on = models.DateField(
        help_text=_("Jour de la dernière recherche."), verbose_name=_("dernière recherche le")
    )
    status = models.CharField(
        max_length=16,
        choices=UnansweredStatus.choices,
        default=UnansweredStatus.OPEN,
        db_index=True,
        verbose_name=_("état"),
    )
    question = models.ForeignKey(
        Question,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answered_searches",
        help_text=_("La question que l'équipe locale a écrite ou choisie pour y répondre."),
        verbose_name=_("question"),
    )
    handled_on = models.DateField(
        null=True,
        blank=True,
        help_text=_("Jour où elle a été marquée traitée ou écartée."),
        verbose_name=_("traitée le"),
    )

    class Meta:
        ordering = ["-count", "-last_seen_on", "-id"]
        verbose_name = _("recherche sans réponse")
        verbose_name_plural = _("recherches sans réponse")

    def __str__(self):
        return self.text
