"""The documented event types (docs/webhooks.md). Services may emit others; subscribers can
still ask for them by name or with ``domain.*``."""

EVENT_TYPES: dict[str, str] = {
    "contribution.submitted": "A contribution was submitted (it may wait for moderation).",
    "contribution.published": "A contribution became public (approved, or submitted under post-moderation).",
    "contribution.status_changed": "A contribution's status changed (moderation, answer, closure).",
    "contribution.withdrawn": "Its author withdrew a contribution.",
    "contribution.edited": "Its author edited a contribution within the edit window.",
    "contribution.supported": "Someone supported a contribution.",
    "contribution.unsupported": "Someone withdrew their support.",
    "contribution.reported": "A reader reported a contribution as abusive.",
    "comment.published": "A comment on a contribution became public.",
    "comment.submitted": "A comment was submitted (it may wait for moderation).",
    "comment.status_changed": "A comment's moderation status changed.",
    "response.published": "An official response to a contribution was published.",
    "commitment.created": "A commitment (what will be done, by whom, by when) was created.",
    "commitment.updated": "A commitment changed or received a timeline update.",
    "commitment.status_changed": "A commitment's status changed (planned, in progress, done, not done).",
    "resource.published": "A resource of the resource centre was published.",
    "practice.shared": "The space published a good practice to the commons.",
    "practice.unpublished": "The space withdrew one of its practices from the commons.",
    "practice.adapted": "The space adapted a practice of the commons into its resource centre.",
    "diagnostic_run.closed": "A group's self-diagnostic run was closed and its result computed.",
}
