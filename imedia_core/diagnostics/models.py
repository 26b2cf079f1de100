"""Self-diagnostics: questionnaires scored on dimensions, run by groups, answered by members.

A diagnostic has dimensions (often the phases of the active cycle), items on those dimensions
(each with its own answer scale and weight) and maturity levels (score bands). A run is one
session of one group; each participant gives one answer set, replaced when they answer again.
People live in the public schema: runs and participants reference them by id and label.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from imedia_core.content.models import Publishable


class Diagnostic(Publishable):
    """A questionnaire. Readers see it once published; staff see drafts and archives too."""

    slug = models.SlugField(
        max_length=120, unique=True, help_text=_("Identifiant de l'autodiagnostic."), verbose_name=_("identifiant")
    )
    title = models.CharField(max_length=200, help_text=_("Titre, texte brut."), verbose_name=_("titre"))
    description = models.TextField(
        blank=True, help_text=_("À quoi sert l'autodiagnostic, HTML nettoyé."), verbose_name=_("description")
    )
    scorer_key = models.CharField(
        max_length=64,
        default="weighted_mean",
        help_text=_("Clé du calcul qui produit les scores par dimension."),
        verbose_name=_("calcul des scores"),
    )
    template_key = models.CharField(
        max_length=120,
        blank=True,
        help_text=_("Modèle dont il a été installé, le cas échéant."),
        verbose_name=_("modèle"),
    )

    class Meta:
        verbose_name_plural = _("autodiagnostics")
        ordering = ["title", "id"]
        verbose_name = _("autodiagnostic")

    def __str__(self):
        return self.title


class Dimension(models.Model):
    """What a diagnostic scores: a phase of the cycle, or any axis the team defines."""

    diagnostic = models.ForeignKey(
        Diagnostic, on_delete=models.CASCADE, related_name="dimensions", verbose_name=_("autodiagnostic")
    )
    position = models.PositiveIntegerField(
        default=0, help_text=_("Rang dans l'autodiagnostic, à partir de 0."), verbose_name=_("rang")
    )
    slug = models.SlugField(
        max_length=120,
        help_text=_("Identifiant de la dimension dans son autodiagnostic."),
        verbose_name=_("identifiant"),
    )
    title = models.CharField(max_length=200, help_text=_("Titre, texte brut."), verbose_name=_("titre"))
    description = models.TextField(
        blank=True, help_text=_("Ce que couvre la dimension, texte brut."), verbose_name=_("description")
    )
    phase = models.ForeignKey(
        "cycle.Phase",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="diagnostic_dimensions",
        help_text=_("Phase du cycle que représente cette dimension ; ses ressources et méthodes sont recommandées."),
        verbose_name=_("phase"),
    )

    class Meta:
        verbose_name_plural = _("dimensions")
        ordering = ["diagnostic", "position", "id"]
        verbose_name = _("dimension")
        constraints = [models.UniqueConstraint(fields=["diagnostic", "slug"], name="dimension_slug_unique")]

    def __str__(self):
        return self.title


class Item(models.Model):
    """A statement or question on one dimension, answered on its own scale.

    ``scale`` is a list of ``{"label": str, "score": number}``, in display order; answers name
    an option by its index. Scores need not start at 0: they are normalised to 0-100.
    """

    diagnostic = models.ForeignKey(
        Diagnostic, on_delete=models.CASCADE, related_name="items", verbose_name=_("autodiagnostic")
    )
    dimension = models.ForeignKey(
        Dimension, on_delete=models.CASCADE, related_name="items", verbose_name=_("dimension")
    )
    position = models.PositiveIntegerField(
        default=0, help_text=_("Rang dans l'autodiagnostic, à partir de 0."), verbose_name=_("rang")
    )
    text = models.CharField(
        max_length=500, help_text=_("L'énoncé ou la question, texte brut."), verbose_name=_("énoncé")
    )
    help_text = models.CharField(
        max_length=500,
        blank=True,
        help_text=_("Une aide pour les personnes qui répondent, texte brut."),
        verbose_name=_("aide"),
    )
    weight = models.FloatField(
        default=1.0, help_text=_("Poids de l'item dans sa dimension (> 0)."), verbose_name=_("poids")
    )
    scale = models.JSONField(
        help_text=_('Options de réponse : [{"label": ..., "score": ...}], dans l\'ordre d\'affichage.'),
        verbose_name=_("échelle"),
    )

    class Meta:
        verbose_name_plural = _("items")
        ordering = ["diagnostic", "position", "id"]
        verbose_name = _("item")
        constraints = [models.CheckConstraint(condition=Q(weight__gt=0), name="diagnostic_item_weight_positive")]

    def __str__(self):
        return self.text


class MaturityLevel(models.Model):
    """A score band: from ``min_score`` (included) to the next level's minimum."""

    diagnostic = models.ForeignKey(
        Diagnostic, on_delete=models.CASCADE, related_name="maturity_levels", verbose_name=_("autodiagnostic")
    )
    min_score = models.FloatField(
        help_text=_("Score le plus bas (0-100, inclus) de la tranche."), verbose_name=_("score minimum")
    )
    label = models.CharField(
        max_length=100, help_text=_("Nom du niveau, par exemple « En cours »."), verbose_name=_("nom du niveau")
    )
    description = models.CharField(
        max_length=300, blank=True, help_text=_("Ce que signifie le niveau, texte brut."), verbose_name=_("description")
    )

    class Meta:
        verbose_name_plural = _("niveaux de maturité")
        ordering = ["diagnostic", "min_score", "id"]
        verbose_name = _("niveau de maturité")
        constraints = [models.UniqueConstraint(fields=["diagnostic", "min_score"], name="maturity_level_unique")]

    def __str__(self):
        return f"{self.label} (≥ {self.min_score:g})"


class Group(models.Model):
    """A group that runs diagnostics over time (its runs are compared with each other)."""

    name = models.CharField(max_length=200, help_text=_("Nom du groupe."), verbose_name=_("nom"))
    slug = models.SlugField(
        max_length=200, unique=True, help_text=_("Identifiant du groupe."), verbose_name=_("identifiant")
    )
    description = models.TextField(
        blank=True, help_text=_("Qui fait partie du groupe, texte brut."), verbose_name=_("description")
    )
    created_at = models.DateTimeField(
        auto_now_add=True,
        help_text=_("Date à laquelle le groupe a été nommé la première fois."),
        verbose_name=_("créé le"),
    )

    class Meta:
        verbose_name_plural = _("groupes")
        ordering = ["name", "id"]
        verbose_name = _("groupe")

    def __str__(self):
        return self.name


class RunStatus(models.TextChoices):
    OPEN = "open", _("Ouverte")
    CLOSED = "closed", _("Clôturée")


class Run(models.Model):
    """One session of a diagnostic with a group. Answers are accepted while it is open."""

    diagnostic = models.ForeignKey(
        Diagnostic, on_delete=models.PROTECT, related_name="runs", verbose_name=_("autodiagnostic")
    )
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="runs", verbose_name=_("groupe"))
    title = models.CharField(max_length=200, help_text=_("Nom de la séance."), verbose_name=_("nom de la séance"))
    held_on = models.DateField(help_text=_("Date de la séance."), verbose_name=_("date de la séance"))
    # Short, unguessable: whoever has it may answer (the invitation); stored normalised.
    code = models.CharField(
        max_length=16,
        unique=True,
        help_text=_("Code que les participant·es saisissent pour répondre."),
        verbose_name=_("code"),
    )
    status = models.CharField(
        max_length=8, choices=RunStatus.choices, default=RunStatus.OPEN, db_index=True, verbose_name=_("état")
    )
    allow_anonymous = models.BooleanField(
        default=True, help_text=_("On peut répondre sans se connecter."), verbose_name=_("contributions anonymes")
    )
    facilitator_id = models.BigIntegerField(null=True, blank=True, verbose_name=_("identifiant de l'animateur·rice"))
    facilitator_label = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Qui a ouvert la passation, tel qu'affiché alors."),
        verbose_name=_("animateur·rice"),
    )
    conclusions = models.TextField(
        blank=True, help_text=_("Les conclusions partagées du groupe, texte brut."), verbose_name=_("conclusions")
    )
    priorities = models.TextField(
        blank=True, help_text=_("Les priorités du groupe, texte brut."), verbose_name=_("priorités")
    )
    opened_at = models.DateTimeField(
        auto_now_add=True, help_text=_("Date d'ouverture de la passation."), verbose_name=_("ouverte le")
    )
    closed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("Date de clôture de la passation ; vide tant qu'elle est ouverte."),
        verbose_name=_("clôturé le"),
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("modifié le"))

    class Meta:
        verbose_name_plural = _("passations")
        ordering = ["-held_on", "-id"]
        verbose_name = _("passation")
        indexes = [models.Index(fields=["diagnostic", "group", "held_on"], name="run_group_history_idx")]

    def __str__(self):
        return f"{self.title} ({self.held_on:%d/%m/%Y})"


class Participant(models.Model):
    """One person's answer set in a run: a signed-in person (by id) or an anonymous token."""

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="participants", verbose_name=_("passation"))
    number = models.PositiveIntegerField(
        help_text=_("1, 2, 3… dans l'ordre de la première réponse : le pseudonyme dans les résultats."),
        verbose_name=_("numéro"),
    )
    user_id = models.BigIntegerField(null=True, blank=True, verbose_name=_("identifiant de la personne"))
    user_label = models.CharField(max_length=200, blank=True, verbose_name=_("nom affiché"))
    # SHA-256 of the participant token handed to an anonymous participant (never stored in clear).
    token_hash = models.CharField(max_length=64, blank=True, db_index=True, verbose_name=_("empreinte du jeton"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("créé le"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("modifié le"))

    class Meta:
        verbose_name_plural = _("participant·es")
        ordering = ["run", "number"]
        verbose_name = _("participant·e")
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

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="answers", verbose_name=_("participant·e")
    )
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="answers", verbose_name=_("élément"))
    choice = models.PositiveIntegerField(
        help_text=_("Rang de l'option choisie dans l'échelle de l'item."), verbose_name=_("choix")
    )
    score = models.FloatField(
        help_text=_("Score de l'option choisie au moment de la réponse."), verbose_name=_("score")
    )

    class Meta:
        verbose_name_plural = _("réponses")
        ordering = ["participant", "item"]
        verbose_name = _("réponse")
        constraints = [models.UniqueConstraint(fields=["participant", "item"], name="answer_unique")]

    def __str__(self):
        return f"{self.participant} → {self.item_id} : {self.choice}"
