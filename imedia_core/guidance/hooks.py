"""The guided path: the core's hook implementations for this domain (registered as ``imedia_core.guidance``)."""

from imedia_core.events.catalogue import EventType
from imedia_core.pluginhost.hookspecs import hookimpl


@hookimpl
def imedia_event_types():
    return [
        EventType("guidance.question_created", "A question was added to the guided path."),
        EventType(
            "guidance.question_updated",
            "A question of the guided path changed: its words, answer, state, invitation or a whole list of links.",
        ),
        EventType("guidance.question_linked", "Phases, resources, methods or follow-ups were linked to a question."),
        EventType("guidance.question_unlinked", "Links of a question of the guided path were removed."),
        EventType("guidance.question_deleted", "A question was deleted from the guided path."),
        EventType("guidance.questions_reordered", "The questions of the guided path were put in a new order."),
        EventType("guidance.starter_installed", "The starter questions of a cycle template were installed."),
        EventType(
            "guidance.unanswered_handled",
            "A search no question answered was marked answered, set aside or opened again.",
        ),
        EventType("guidance.unanswered_deleted", "A search no question answered was forgotten."),
    ]
