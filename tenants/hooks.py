"""Programme spaces and their members: the hook implementations of the ``tenants`` app
(registered as ``imedia_core.tenants``)."""

from imedia_core.events.catalogue import EventType
from imedia_core.pluginhost.hookspecs import hookimpl

from .templates import TenantTemplate


@hookimpl
def imedia_tenant_templates():
    return [
        TenantTemplate(
            key="vierge",
            label="Espace vierge",
            description="Un espace sans contenu de départ, à configurer entièrement par l'équipe locale.",
            policy_area="other",
        )
    ]


@hookimpl
def imedia_event_types():
    return [
        EventType("tenant.created", "The programme space was created."),
        EventType("tenant.suspended", "The programme space was suspended."),
        EventType("tenant.archived", "The programme space was archived."),
        EventType("tenant.active", "The programme space was reactivated."),
        EventType("member.role_set", "A person's role in the space was set or changed."),
        EventType("member.removed", "A person was removed from the space."),
        EventType("invitation.created", "A person was invited by e-mail to join the space with a role."),
        EventType("invitation.resent", "An open invitation was sent again, with a new link and expiry."),
        EventType("invitation.revoked", "An open invitation was cancelled; its link no longer works."),
        EventType("invitation.accepted", "The invited person accepted and joined the space."),
        EventType("plugin.configured", "A plugin was enabled, disabled or configured for the space."),
    ]
