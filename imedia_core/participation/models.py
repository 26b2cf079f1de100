"""Bottom-up participation: contributions raised by people, groups, or facilitators for them.

People live in the public schema: they are referenced by id and label (as the audit log does),
never by a cross-schema foreign key.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models

from imedia_core.library.models import SEARCH_CONFIG


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

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)

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
