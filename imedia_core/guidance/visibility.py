"""Who sees what of the guided path: one rule for the catalogue, ``node(id:)`` lookups, a
question's links wherever they are read (GraphQL, widgets, admin previews).

Readers see published, due questions, and of a question's links only what they may see
elsewhere: published resources and follow-up questions, published phases of the active cycle
and the methods of those phases. Viewers with ``READ_UNPUBLISHED`` (staff roles, API keys) see
everything. The searches nobody answered are for those who edit content (``EDIT_CONTENT``).
``viewer`` is anything with ``has(perm)``: a ``Principal`` or a ``ServiceContext``.
"""

from django.db.models import Q, QuerySet
from django.utils import timezone

from imedia_core.content.models import PublicationStatus
from imedia_core.permissions import Perm

from .models import Question, QuestionFollowUp, QuestionMethod, QuestionPhase, QuestionResource, UnansweredSearch


def can_read_unpublished(viewer) -> bool:
    return viewer.has(Perm.READ_UNPUBLISHED)


def visible_questions(viewer, questions: QuerySet | None = None) -> QuerySet:
    """``questions`` (default: all) narrowed to those ``viewer`` may see."""
    questions = Question.objects.all() if questions is None else questions
    return questions.for_reader(can_read_unpublished(viewer))


def visible_unanswered_searches(viewer, searches: QuerySet | None = None) -> QuerySet:
    """``searches`` (default: all) if ``viewer`` edits content, else none of them."""
    searches = UnansweredSearch.objects.all() if searches is None else searches
    return searches if viewer.has(Perm.EDIT_CONTENT) else searches.none()


def _published_and_due(prefix: str, now) -> Q:
    return Q(**{f"{prefix}status": PublicationStatus.PUBLISHED}) & (
        Q(**{f"{prefix}publish_at__isnull": True}) | Q(**{f"{prefix}publish_at__lte": now})
    )


def phase_links(viewer) -> QuerySet:
    """Links to phases ``viewer`` may see (readers: published phases of the active cycle), in order."""
    links = QuestionPhase.objects.select_related("phase__cycle").order_by("position", "id")
    if not can_read_unpublished(viewer):
        links = links.filter(_published_and_due("phase__", timezone.now()), phase__cycle__is_active=True)
    return links


def resource_links(viewer) -> QuerySet:
    """Links to resources ``viewer`` may see (readers: published and due), in order."""
    links = QuestionResource.objects.select_related("resource").order_by("position", "id")
    if not can_read_unpublished(viewer):
        links = links.filter(_published_and_due("resource__", timezone.now()))
    return links


def method_links(viewer) -> QuerySet:
    """Links to methods ``viewer`` may see (readers: of published phases of the active cycle), in order."""
    links = QuestionMethod.objects.select_related("item__phase__cycle").order_by("position", "id")
    if not can_read_unpublished(viewer):
        links = links.filter(_published_and_due("item__phase__", timezone.now()), item__phase__cycle__is_active=True)
    return links


def follow_up_links(viewer) -> QuerySet:
    """Links to follow-up questions ``viewer`` may see (readers: published and due), in order."""
    links = QuestionFollowUp.objects.select_related("follow_up").order_by("position", "id")
    if not can_read_unpublished(viewer):
        links = links.filter(_published_and_due("follow_up__", timezone.now()))
    return links
