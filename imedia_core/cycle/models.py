from django.db import models
from django.db.models import Q

from imedia_core.content.models import Publishable


class Cycle(models.Model):
    """A programme's participation cycle. One is active; past ones may be kept."""

    name = models.CharField(max_length=200, help_text="Name of the cycle.")
    description = models.TextField(blank=True, help_text="What the cycle is for, sanitised HTML.")
    template_key = models.CharField(max_length=64, blank=True, help_text="Template it was instantiated from, if any.")
    is_active = models.BooleanField(default=True, help_text="The cycle the programme runs now.")
    created_at = models.DateTimeField(auto_now_add=True, help_text="When it was created.")
    updated_at = models.DateTimeField(auto_now=True, help_text="When it was last changed.")

    class Meta:
        ordering = ["-is_active", "-created_at"]
        verbose_name = "cycle"
        constraints = [
            models.UniqueConstraint(fields=["is_active"], condition=Q(is_active=True), name="one_active_cycle")
        ]

    def __str__(self):
        return self.name


class Phase(Publishable):
    """A phase of a cycle, in order; at most one is the current phase."""

    REVISION_FIELDS = ("title", "slug", "summary", "body", "starts_on", "ends_on", "status", "publish_at")

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="phases")
    position = models.PositiveIntegerField(default=0, help_text="Order in the cycle, from 0.")
    slug = models.SlugField(max_length=120, help_text="Identifier of the phase in its cycle.")
    title = models.CharField(max_length=200, help_text="Title of the phase.")
    summary = models.TextField(blank=True, help_text="A short summary, plain text.")
    body = models.TextField(blank=True, help_text="Presentation of the phase, sanitised HTML.")
    starts_on = models.DateField(null=True, blank=True, help_text="When the phase starts, if dated.")
    ends_on = models.DateField(null=True, blank=True, help_text="When the phase ends, if dated.")
    is_current = models.BooleanField(default=False, help_text="The phase the programme is in now.")
    resources = models.ManyToManyField(
        "library.Resource",
        through="PhaseResource",
        blank=True,
        related_name="phases",
        help_text="Tools and resources of the resource centre that serve this phase.",
    )

    class Meta:
        ordering = ["cycle", "position", "id"]
        verbose_name = "phase"
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
    STAKE = "stake", "Enjeu"
    OBJECTIVE = "objective", "Objectif"
    VIGILANCE = "vigilance", "Point de vigilance"
    METHOD = "method", "Méthode"


class PhaseItem(models.Model):
    """One stake, objective, vigilance point or method of a phase: ordered, edited one by one."""

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=16, choices=PhaseItemKind.choices, help_text="What the item is.")
    position = models.PositiveIntegerField(default=0, help_text="Order among the phase's items of this kind.")
    title = models.CharField(max_length=200, help_text="The item in a few words.")
    summary = models.TextField(blank=True, help_text="A short summary, plain text.")
    body = models.TextField(blank=True, help_text="Details, sanitised HTML.")

    class Meta:
        ordering = ["phase", "kind", "position", "id"]
        verbose_name = "élément de phase"

    def __str__(self):
        return f"{self.get_kind_display()} : {self.title}"


class PhaseResource(models.Model):
    """A resource serving a phase, in the order the local team chose."""

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="resource_links")
    resource = models.ForeignKey("library.Resource", on_delete=models.CASCADE, related_name="phase_links")
    position = models.PositiveIntegerField(default=0, help_text="Order among the phase's resources.")
    note = models.CharField(max_length=300, blank=True, help_text="Why this resource serves this phase.")

    class Meta:
        ordering = ["phase", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["phase", "resource"], name="phase_resource_unique")]

    def __str__(self):
        return f"{self.phase} → {self.resource}"
