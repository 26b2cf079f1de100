"""Self-diagnostics: the core's hook implementations for this domain (registered as ``imedia_core.diagnostics``)."""

from imedia_core.events.catalogue import EventType
from imedia_core.pluginhost.hookspecs import hookimpl

from .scoring import WEIGHTED_MEAN


@hookimpl
def imedia_event_types():
    return [
        EventType("diagnostic.created", "A self-diagnostic questionnaire was created (as a draft)."),
        EventType(
            "diagnostic.updated", "A self-diagnostic questionnaire's texts, structure, scorer or levels changed."
        ),
        EventType("diagnostic.published", "A self-diagnostic questionnaire was published: runs may be opened."),
        EventType("diagnostic.unpublished", "A self-diagnostic questionnaire went back to draft."),
        EventType("diagnostic.archived", "A self-diagnostic questionnaire was archived: no new run."),
        EventType("diagnostic.installed", "A shipped self-diagnostic was installed in the space, published."),
        EventType("diagnostic_run.opened", "A run of a self-diagnostic was opened for a group."),
        EventType(
            "diagnostic_run.answered",
            "Someone answered a run, or replaced their answers (no answer and no identity in the payload).",
        ),
        EventType("diagnostic_run.concluded", "A group's conclusions and priorities were recorded on a run."),
        EventType("diagnostic_run.closed", "A group's self-diagnostic run was closed and its result computed."),
    ]


@hookimpl
def imedia_diagnostic_scorers():
    return [WEIGHTED_MEAN]
