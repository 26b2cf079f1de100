"""Seed a demo programme's contributions (call it inside the tenant's schema, after its content).

Everything goes through ``participation.services`` (rules, checks, history, events): people of
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

from imedia_core.cycle.models import Phase
from imedia_core.errors import ServiceError
from imedia_core.library.models import Theme
from imedia_core.participation import services
from imedia_core.participation.models import Comment, Contribution, ExpressionGroup, ParticipationSettings

from .participation_data import PARTICIPATION, DemoContribution


@dataclass(frozen=True)
class DemoPerson:
    """Someone of the demo data: a name, and the account behind it when there is one."""

    display_name: str
    pk: int | None = None

    def __str__(self):
        return self.display_name


def _members(role: str | None = None) -> list:
    from tenants.models import User

    tenant = getattr(connection, "tenant", None)
    users = User.objects.filter(memberships__tenant=tenant).order_by("id")
    if role:
        users = users.filter(memberships__role=role)
    return list(users)


def _who(person, *, moderate=False, ip="") -> services.Participant:
    return services.Participant(
        user=person, can_contribute=person is not None, can_moderate=moderate, ip=ip, via="demo"
    )


def _submit(spec: DemoContribution, index, facilitator, groups, phases, themes) -> Contribution:
    data = {
        "kind": spec.kind,
        "title": spec.title,
        "body": spec.body,
        "phase": phases[spec.phase].pk if spec.phase is not None and spec.phase < len(phases) else None,
        "themes": [themes[slug] for slug in spec.themes if slug in themes],
    }
    if spec.author == "facilitator":
        data["on_behalf_of"] = {"group": groups[spec.group]} if spec.group else {"name": spec.name}
        return services.submit_contribution(data, _who(facilitator, moderate=True))
    if spec.author == "anonymous":
        return services.submit_contribution(data, _who(None, ip=f"demo-{index}"))
    if spec.author == "group":
        data.update(author_kind="group", group=groups[spec.name])
        return services.submit_contribution(data, _who(facilitator, moderate=True))
    if spec.author == "pseudonym":
        data.update(author_kind="pseudonym", pseudonym=spec.name)
    return services.submit_contribution(data, _who(DemoPerson(spec.name)))


def seed(key: str) -> str:
    spec = PARTICIPATION[key]
    rules = ParticipationSettings.load()
    rules.allow_anonymous = rules.allow_pseudonymous = True
    rules.save()
    staff = _members("facilitator")
    facilitator = DemoPerson(spec.facilitator, staff[0].pk if staff else None)
    moderator = _who(facilitator, moderate=True)
    supporters = _members()
    phases = list(Phase.objects.filter(cycle__is_active=True).order_by("position", "id"))
    themes = dict(Theme.objects.values_list("slug", "pk"))
    created = 0
    with transaction.atomic():
        groups = {name: ExpressionGroup.objects.get_or_create(name=name)[0] for name in spec.groups}
        existing = set(Contribution.objects.values_list("title", flat=True))
        count = len(spec.contributions)
        for index, item in enumerate(spec.contributions):
            if item.title in existing:
                continue
            contribution = _submit(item, index, facilitator, groups, phases, themes)
            created += 1
            if item.status == "published" and contribution.status != "published":
                services.moderate_contribution(contribution, "approve", moderator)
            others = [s for s in supporters if s.pk not in (contribution.author_id, contribution.entered_by_id)]
            for supporter in others[: item.supports]:
                with contextlib.suppress(ServiceError):  # e.g. the supporter is its author: skip
                    services.support_contribution(contribution, _who(supporter))
            for comment in item.comments:
                author = DemoPerson(comment.name) if comment.name else None
                added = services.add_comment(contribution, {"body": comment.body}, _who(author, ip=f"demo-c{index}"))
                if added.status != "published":
                    services.moderate_comment(added, "approve", moderator)
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
