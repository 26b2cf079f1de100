"""The guided path: questions and their links, starter sets, the searches nobody answered; each
successful mutation with the event it writes."""

from django.utils import timezone

from imedia_core.graphql.core.nodes import TenantNode
from imedia_core.guidance import services
from imedia_core.guidance.models import UnansweredSearch
from imedia_core.library import services as library

from . import Case

PAYLOAD = "errors { field code message }"


def _gid(type_name, row):
    return TenantNode.to_global_id(type_name, row.pk)


def _question(ctx, text="Comment mobiliser des habitants ?"):
    return services.create_question(ctx["service"], {"text": text})


def _resource(ctx):
    return library.create_resource(ctx["service"], {"kind": "guide", "title": "Guide de l'aller-vers"})


def _linked(ctx):
    """A question linked to a resource."""
    resource = _resource(ctx)
    question = services.create_question(ctx["service"], {"text": "Par où commencer ?", "resources": [resource]})
    return {"id": _gid("GuidanceQuestion", question), "links": {"resources": [_gid("Resource", resource)]}}


def _catalogue(ctx):
    """Two questions, to be put in the other order."""
    first, second = _question(ctx, "Par où commencer ?"), _question(ctx, "Et ensuite ?")
    return {"ids": [_gid("GuidanceQuestion", second), _gid("GuidanceQuestion", first)]}


def _search(ctx):
    today = timezone.localdate()
    return UnansweredSearch.objects.create(
        key="piscin municipal", text="piscine municipale", first_seen_on=today, last_seen_on=today
    )


CASES = [
    Case(
        mutation="guidanceQuestionCreate",
        document=(
            "mutation($input: GuidanceQuestionCreateInput!) "
            f"{{ guidanceQuestionCreate(input: $input) {{ {PAYLOAD} }} }}"
        ),
        setup=lambda ctx: {"input": {"text": "Comment faire venir les jeunes ?"}},
        events=("guidance.question_created",),
    ),
    Case(
        mutation="guidanceQuestionUpdate",
        document=(
            "mutation($id: ID!, $input: GuidanceQuestionUpdateInput!) "
            f"{{ guidanceQuestionUpdate(id: $id, input: $input) {{ {PAYLOAD} }} }}"
        ),
        setup=lambda ctx: {"id": _gid("GuidanceQuestion", _question(ctx)), "input": {"status": "PUBLISHED"}},
        events=("guidance.question_updated",),
    ),
    Case(
        mutation="guidanceQuestionDelete",
        document=f"mutation($id: ID!) {{ guidanceQuestionDelete(id: $id) {{ {PAYLOAD} }} }}",
        setup=lambda ctx: {"id": _gid("GuidanceQuestion", _question(ctx))},
        events=("guidance.question_deleted",),
    ),
    Case(
        mutation="guidanceQuestionLink",
        document=(
            "mutation($id: ID!, $links: GuidanceQuestionLinksInput!) "
            f"{{ guidanceQuestionLink(id: $id, links: $links) {{ {PAYLOAD} }} }}"
        ),
        setup=lambda ctx: {
            "id": _gid("GuidanceQuestion", _question(ctx)),
            "links": {"resources": [_gid("Resource", _resource(ctx))]},
        },
        events=("guidance.question_linked",),
    ),
    Case(
        mutation="guidanceQuestionUnlink",
        document=(
            "mutation($id: ID!, $links: GuidanceQuestionLinksInput!) "
            f"{{ guidanceQuestionUnlink(id: $id, links: $links) {{ {PAYLOAD} }} }}"
        ),
        setup=_linked,
        events=("guidance.question_unlinked",),
    ),
    Case(
        mutation="guidanceQuestionReorder",
        document=f"mutation($ids: [ID!]!) {{ guidanceQuestionReorder(ids: $ids) {{ {PAYLOAD} }} }}",
        setup=_catalogue,
        events=("guidance.questions_reordered",),
    ),
    # Without a cycle, the questions are created with their links left unresolved.
    Case(
        mutation="guidanceInstallStarterQuestions",
        document=(
            f"mutation($key: String!) {{ guidanceInstallStarterQuestions(templateKey: $key) {{ created {{ slug }} "
            f"{PAYLOAD} }} }}"
        ),
        setup=lambda ctx: {"key": "generique"},
        events=("guidance.starter_installed",),
    ),
    Case(
        mutation="guidanceUnansweredSearchHandle",
        document=(
            f"mutation($id: ID!) {{ guidanceUnansweredSearchHandle(id: $id, status: DISMISSED) {{ {PAYLOAD} }} }}"
        ),
        setup=lambda ctx: {"id": _gid("GuidanceUnansweredSearch", _search(ctx))},
        events=("guidance.unanswered_handled",),
    ),
    Case(
        mutation="guidanceUnansweredSearchDelete",
        document=f"mutation($id: ID!) {{ guidanceUnansweredSearchDelete(id: $id) {{ {PAYLOAD} }} }}",
        setup=lambda ctx: {"id": _gid("GuidanceUnansweredSearch", _search(ctx))},
        events=("guidance.unanswered_deleted",),
    ),
]
