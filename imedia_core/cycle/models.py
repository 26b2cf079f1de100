from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from imedia_core.content.models import Publishable


class Cycle(models.Model):
    """A programme's participation cycle. One is active; past ones may be kept."""

    name = models.CharField(max_length=200, help_text=_("Nom du cycle."), verbose_name=_("nom"))
    description = models.TextField(
        blank=True, help_text=_("À quoi sert le cycle, HTML nettoyé."), verbose_name=_("description")
    )
    template_key = models.CharField(
        max_length=64, blank=True, help_text=_("Modèle dont il est issu, le cas échéant."), verbose_name=_("modèle")
    )
    is_active = models.BooleanField(
        default=True, help_text=_("Le cycle que le programme mène en ce moment."), verbose_name=_("cycle actif")
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("Date de création."), verbose_name=_("créé le"))
    updated_at = models.DateTimeField(
        auto_now=True, help_text=_("Date de la dernière modification."), verbose_name=_("modifié le")
    )

    class Meta:
        verbose_name_plural = _("cycles")
        ordering = ["-is_active", "-created_at"]
        verbose_name = _("cycle")
        constraints = [
            models.UniqueConstraint(fields=["is_active"], condition=Q(is_active=True), name="one_active_cycle")
        ]

    def __str__(self):
        return self.name


class Phase(Publishable):
    """A phase of a cycle, in order; at most one is the current phase."""

    REVISION_FIELDS = ("title", "slug", "summary", "body", "starts_on", "ends_on", "status", "publish_at")

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="phases", verbose_name=_("cycle"))
    position = models.PositiveIntegerField(
        default=0, help_text=_("Rang dans le cycle, à partir de 0."), verbose_name=_("rang")
    )
    slug = models.SlugField(
        max_length=120, help_text=_("Identifiant de la phase dans son cycle."), verbose_name=_("identifiant")
    )
    title = models.CharField(max_length=200, help_text=_("Titre de la phase."), verbose_name=_("titre"))
    summary = models.TextField(blank=True, help_text=_("Un court résumé, texte brut."), verbose_name=_("résumé"))
    body = models.TextField(blank=True, help_text=_("Présentation de la phase, HTML nettoyé."), verbose_name=_("texte"))
    starts_on = models.DateField(
        null=True, blank=True, help_text=_("Début de la phase, si elle est datée."), verbose_name=_("date de début")
    )
    ends_on = models.DateField(
        null=True, blank=True, help_text=_("Fin de la phase, si elle est datée."), verbose_name=_("date de fin")
    )
    is_current = models.BooleanField(
        default=False, help_text=_("La phase où en est le programme."), verbose_name=_("phase en cours")
    )
    resources = models.ManyToManyField(
        "library.Resource",
        through="PhaseResource",
        blank=True,
        related_name="phases",
        help_text=_("Outils et ressources du centre de ressources qui servent cette phase."),
        verbose_name=_("ressources"),
    )

    class Meta:
        verbose_name_plural = _("phases")
        ordering = ["cycle", "position", "id"]
        verbose_name = _("phase")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "slug"], name="phase_slug_unique_in_cycle"),
            models.UniqueConstraint(fields=["cycle"], condition=Q(is_current=True), name="one_current_phase"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="phase_dates_in_order",
            ),
        ]

    def __str__(self):
        return self.title

    def revision_extra(self) -> dict:
        """What a phase revision holds beyond ``REVISION_FIELDS``: its items and resource links."""
        items = [
            {"id": item.pk, "kind": item.kind, "position": item.position, "title": item.title}
            | {"summary": item.summary, "body": item.body}
            for item in self.items.order_by("kind", "position", "id")
        ]
        links = [
            {"resource": link.resource_id, "position": link.position, "note": link.note}
            for link in self.resource_links.order_by("position", "id")
        ]
        return {"items": items, "resources": links}


class PhaseItemKind(models.TextChoices):
    STAKE = "stake", _("Enjeu")
    OBJECTIVE = "objective", _("Objectif")
    VIGILANCE = "vigilance", _("Point de vigilance")
    METHOD = "method", _("Méthode")


class PhaseItem(models.Model):
    """One stake, objective, vigilance point or method of a phase: ordered, edited one by one."""

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="items", verbose_name=_("phase"))
    kind = models.CharField(
        max_length=16, choices=PhaseItemKind.choices, help_text=_("La nature de l'élément."), verbose_name=_("type")
    )
    position = models.PositiveIntegerField(
        default=0, help_text=_("Rang parmi les éléments de ce type de la phase."), verbose_name=_("rang")
    )
    title = models.CharField(max_length=200, help_text=_("L'élément en quelques mots."), verbose_name=_("titre"))
    summary = models.TextField(blank=True, help_text=_("Un court résumé, texte brut."), verbose_name=_("résumé"))
    body = models.TextField(blank=True, help_text=_("Détails, HTML nettoyé."), verbose_name=_("texte"))

    class Meta:
        verbose_name_plural = _("éléments de phase")
        ordering = ["phase", "kind", "position", "id"]
        verbose_name = _("élément de phase")

    def __str__(self):
        return f"{self.get_kind_display()} : {self.title}"


class PhaseResource(models.Model):
    """A resource serving a phase, in the order the local team chose."""

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="resource_links", verbose_name=_("phase"))
    resource = models.ForeignKey(
        "library.Resource", on_delete=models.CASCADE, related_name="phase_links", verbose_name=_("ressource")
    )
    position = models.PositiveIntegerField(
        default=0, help_text=_("Rang parmi les ressources de la phase."), verbose_name=_("rang")
    )
    note = models.CharField(
        max_length=300, blank=True, help_text=_("Pourquoi cette ressource sert cette phase."), verbose_name=_("note")
    )

    class Meta:
        verbose_name = _("ressource de la phase")
        verbose_name_plural = _("ressources de la phase")
        ordering = ["phase", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["phase", "resource"], name="phase_resource_unique")]

    def __str__(self):
        return f"{self.phase} → {self.resource}"
