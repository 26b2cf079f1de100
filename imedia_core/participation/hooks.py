"""Bottom-up participation: the core's hook implementations for this domain (registered as ``imedia_core.participation``)."""

from imedia_core.events.catalogue import EventType
from imedia_core.pluginhost.hookspecs import hookimpl


@hookimpl
def imedia_event_types():
    return [
        EventType("contribution.submitted", "A contribution was submitted (it may wait for moderation)."),
        EventType(
            "contribution.published", "A contribution became public (approved, or submitted under post-moderation)."
        ),
        EventType("contribution.status_changed", "A contribution's status changed (moderation, answer, closure)."),
        EventType("contribution.withdrawn", "Its author withdrew a contribution."),
        EventType("contribution.edited", "Its author edited a contribution within the edit window."),
        EventType("contribution.supported", "Someone supported a contribution."),
        EventType("contribution.unsupported", "Someone withdrew their support."),
        EventType("contribution.reported", "A reader reported a contribution as abusive."),
        EventType("comment.published", "A comment on a contribution became public."),
        EventType("comment.submitted", "A comment was submitted (it may wait for moderation)."),
        EventType("comment.status_changed", "A comment's moderation status changed."),
        EventType("contribution.imported", "An item of a linked platform (Decidim, Consul…) became a contribution."),
        EventType(
            "contribution.synced", "A contribution imported from a linked platform changed there (text, figures)."
        ),
        EventType("comment.imported", "A comment of a linked platform was imported under its contribution."),
        EventType("comment.synced", "A comment imported from a linked platform changed there."),
        EventType("participation.settings_updated", "A space admin changed the programme's participation rules."),
        EventType("expression_group.created", "A facilitator created an expression group."),
        EventType("expression_group.updated", "A facilitator renamed, deactivated or reactivated an expression group."),
        EventType("expression_group.member_added", "A person may now sign in an expression group's name."),
        EventType("expression_group.member_removed", "A person may no longer sign in an expression group's name."),
    ]
