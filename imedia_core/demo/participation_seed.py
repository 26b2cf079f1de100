"""Seed a demo programme's contributions (call it inside the tenant's schema, after its content).

Everything goes through the participation services (rules, checks, history, events): people of
the demo data who have no account sign with their name (no account is made for them), the
programme's demo facilitator enters the contributions marked « saisi par », and the demo accounts
of the programme support them. Dates are then spread over the past weeks. Contributions are
found by title first, so running it again creates nothing.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from imedia_core.context import Channel, ServiceContext
from imedia_core.cycle.models import Phase
from imedia_core.errors import ServiceError
from imedia_core.library.models import Theme
from imedia_core.participation.comments import add_comment, moderate_comment
from imedia_core.participation.contributions import moderate_contribution, submit_contribution, support_contribution
from imedia_core.participation.groups import create_group
from imedia_core.participation.models import Comment, Contribution, ExpressionGroup, ParticipationSettings
from imedia_core.participation.settings import update_settings
from imedia_core.permissions import anonymous
from tenants.models import User

from .participation_data import PARTICIPATION, DemoContribution


@dataclass(frozen=True)
class DemoPerson:
    """Someone of the demo data: a name, and the account behind it when there is one."""

    display_name: str
    pk: int | None = None

    def __str__(self):
        return self.display_name


def _members(tenant, role: str | None = None) -> list:
    users = User.objects.filter(memberships__tenant=tenant).order_by("id")
    if role:
        users = users.filter(memberships__role=role)
    return list(users)


def _as(person: DemoPerson) -> ServiceContext:
    """Someone of the demo data, account or not, with every right: the data says what they did."""
    return ServiceContext.system(Channel.DEMO, actor=person)


def _anonymous(client: str) -> ServiceContext:
    """A visitor who did not sign in; ``client`` stands for their address (the anonymous rate limit)."""
    return ServiceContext.for_principal(anonymous(getattr(connection, "tenant", None)), Channel.DEMO, ip=client)


def _submit(spec: DemoContribution, index, facilitator: ServiceContext, groups, phases, themes) -> Contribution:
    data = {
        "kind": spec.kind,
        "title": spec.title,
        "body": spec.body,
        "phase": phases[spec.phase].pk if spec.phase is not None and spec.phase < len(phases) else None,
        "themes": [themes[slug] for slug in spec.themes if slug in themes],
    }
    if spec.author == "facilitator":
        data["on_behalf_of"] = {"group": groups[spec.group]} if spec.group else {"name": spec.name}
        return submit_contribution(facilitator, data)
    if spec.author == "anonymous":
        return submit_contribution(_anonymous(f"demo-{index}"), data)
    if spec.author == "group":
        data.update(author_kind="group", group=groups[spec.name])
        return submit_contribution(facilitator, data)
    if spec.author == "pseudonym":
        data.update(author_kind="pseudonym", pseudonym=spec.name)
    return submit_contribution(_as(DemoPerson(spec.name)), data)


def seed(key: str) -> str:
    spec = PARTICIPATION[key]
    tenant = getattr(connection, "tenant", None)
    rules = ParticipationSettings.load()
    if not (rules.allow_anonymous and rules.allow_pseudonymous):
        update_settings(ServiceContext.system(Channel.DEMO), {"allow_anonymous": True, "allow_pseudonymous": True})
    staff = _members(tenant, "facilitator")
    facilitator = _as(DemoPerson(spec.facilitator, staff[0].pk if staff else None))
    supporters = [ServiceContext.for_user(user, tenant, Channel.DEMO) for user in _members(tenant)]
    phases = list(Phase.objects.filter(cycle__is_active=True).order_by("position", "id"))
    themes = dict(Theme.objects.values_list("slug", "pk"))
    created = 0
    with transaction.atomic():
        groups = {
            name: ExpressionGroup.objects.filter(name=name).first() or create_group(facilitator, {"name": name})
            for name in spec.groups
        }
        existing = set(Contribution.objects.values_list("title", flat=True))
        count = len(spec.contributions)
        for index, item in enumerate(spec.contributions):
            if item.title in existing:
                continue
            contribution = _submit(item, index, facilitator, groups, phases, themes)
            created += 1
            if item.status == "published" and contribution.status != "published":
                moderate_contribution(facilitator, contribution, "approve")
            authors = (contribution.author_id, contribution.entered_by_id)
            others = [ctx for ctx in supporters if ctx.user_id not in authors]
            for supporter in others[: item.supports]:
                with contextlib.suppress(ServiceError):  # e.g. the supporter is its author: skip
                    support_contribution(supporter, contribution)
            for comment in item.comments:
                commenter = _as(DemoPerson(comment.name)) if comment.name else _anonymous(f"demo-c{index}")
                added = add_comment(commenter, contribution, {"body": comment.body})
                if added.status != "published":
                    moderate_comment(facilitator, added, "approve")
            # Spread the story over the past weeks (oldest first), publication a day after submission.
            submitted = timezone.now() - timedelta(days=4 * (count - index) + 2)
            Contribution.objects.filter(pk=contribution.pk).update(
                created_at=submitted,
                published_at=submitted + timedelta(days=1) if contribution.published_at else None,
            )
            Comment.objects.filter(contribution=contribution).update(created_at=submitted + timedelta(days=2))
    total = Contribution.objects.count()
    published = Contribution.objects.filter(status="published").count()
    return (
        f"{total} contributions ({published} publiées, {created} créée(s)), {len(spec.groups)} groupe(s) d'expression"
    )
