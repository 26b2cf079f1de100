"""The right to erasure: a person's traces are anonymised or deleted in every space, then their
account goes.

``erase_person`` is the door's call (GraphQL ``accountErase`` with the password, the platform
admin's action): it refuses to take away the last tenant admin of a space, then deletes the
account through ``tenants.people.delete_person``. Whatever deletes an account (that function,
the platform admin's « Supprimer », a script) triggers ``erase_traces`` just before the row
goes (``signals.py``), which applies the register (``register.py``) in every space the person
reached (``spaces.py``) and in the public schema:

- ``ANONYMISE``: the person's id becomes NULL and the label fields « Personne anonymisée »
  (contributions, comments, responses, commitments, audit and moderation history...): the
  content stays, nobody can tell who wrote it; a group's name on what a person signed for the
  group stays the group's;
- ``DELETE``: supports, follows, reports, group memberships, roles, tokens (the counters of
  supports and reports drop with them);
- copies of the name (the display name and the e-mail address) written in free text that the
  register lists (``copies``: journal summaries, « modérée par »...) are replaced in every row;
- API keys and webhooks the person created keep working: they belong to the space; only the
  mention of their creator is anonymised.

Each space's journal and outbox get a ``person.erased`` entry whose payload carries the former
id and how many rows were touched, never a name. The work costs a constant number of queries per
space and per register entry, whatever the number of rows.
"""

from __future__ import annotations

import re

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import F, Func, Value
from django.db.models.functions import Greatest
from django_tenants.utils import tenant_context

from imedia_core.changes import changed
from imedia_core.context import ServiceContext
from imedia_core.errors import ServiceError
from tenants.people import delete_person, last_admin_message, last_admin_spaces

from .register import ANONYMISED_LABEL, OnErasure, PersonalData, full_register
from .spaces import spaces_of

ERASED_EVENT = "person.erased"


def is_tenant_entry(entry: PersonalData) -> bool:
    """Whether the entry's model lives in the tenant schemas (else in the public schema)."""
    name = apps.get_model(entry.model)._meta.app_config.name
    return name in settings.TENANT_APPS and name not in settings.SHARED_APPS


def names_of(user) -> list[str]:
    """The forms of the person's name that copies may hold: display name and e-mail address."""
    names = {(user.display_name or "").strip(), (user.email or "").strip()}
    return sorted((name for name in names if len(name) >= 2), key=len, reverse=True)


def _pattern(name: str) -> str:
    """A PostgreSQL regular expression matching ``name`` as a whole word."""
    escaped = re.sub(r"([^\w\s])", r"\\\1", name)
    start = r"\m" if re.match(r"\w", name) else ""
    end = r"\M" if re.search(r"\w$", name) else ""
    return f"{start}{escaped}{end}"


def _replace_copies(model, field: str, names: list[str]) -> int:
    count = 0
    for name in names:
        pattern = _pattern(name)
        count += model.objects.filter(**{f"{field}__regex": pattern}).update(
            **{field: Func(F(field), Value(pattern), Value(ANONYMISED_LABEL), Value("g"), function="regexp_replace")}
        )
    return count


def _apply(entry: PersonalData, user_id: int, names: list[str]) -> int:
    """Apply one register entry to the current schema; how many rows changed."""
    if entry.on_erasure in (OnErasure.KEEP, OnErasure.ACCOUNT):
        return 0
    model = apps.get_model(entry.model)
    count = 0
    if entry.person:
        rows = model.objects.filter(**{entry.person: user_id})
        if entry.on_erasure == OnErasure.DELETE:
            if entry.counter:
                fk, counter = entry.counter
                target = model._meta.get_field(fk).related_model
                ids = rows.values(f"{fk}_id")  # one support (or report) per person per row: minus one
                target.objects.filter(pk__in=ids).update(**{counter: Greatest(F(counter) - 1, 0)})
            count += rows.delete()[0]
        elif entry.on_erasure == OnErasure.ANONYMISE:
            person_field = model._meta.get_field(entry.person)
            cleared = {entry.person: None} if person_field.null else {}
            labels = {label: ANONYMISED_LABEL for label in entry.labels}
            if entry.label_kept_when:  # a group's name is not the person's
                kept = rows.filter(**{entry.label_kept_when[0]: entry.label_kept_when[1]})
                count += kept.update(**cleared) if cleared else 0
                rows = rows.exclude(**{entry.label_kept_when[0]: entry.label_kept_when[1]})
            if cleared or labels:
                count += rows.update(**cleared, **labels)
    for field in entry.copies:
        count += _replace_copies(model, field, names)
    return count


def check_not_last_admin(user) -> None:
    spaces = last_admin_spaces(user)
    if spaces:
        raise ServiceError.single("LAST_ADMIN", last_admin_message(user, spaces))


def erase_traces(ctx: ServiceContext, user) -> dict[str, int]:
    """Anonymise or delete ``user``'s traces in every space they reached and in the public
    schema (not the account itself). Returns the number of rows touched per space slug."""
    check_not_last_admin(user)
    register = full_register()
    tenant_entries = [entry for entry in register.personal if is_tenant_entry(entry)]
    public_entries = [entry for entry in register.personal if not is_tenant_entry(entry)]
    names = names_of(user)
    # Whoever erases themself is not named in the record of it.
    recorder = ServiceContext.system(ctx.channel) if ctx.user_id == user.pk else ctx
    touched: dict[str, int] = {}
    with transaction.atomic():
        for tenant in spaces_of(user):
            with tenant_context(tenant):
                counts = {entry.section: _apply(entry, user.pk, names) for entry in tenant_entries}
                touched[tenant.schema_name] = sum(counts.values())
                changed(
                    recorder,
                    ERASED_EVENT,
                    None,
                    payload={"person": user.pk, "rows": {key: n for key, n in counts.items() if n}},
                    summary="Données personnelles d'une personne effacées (droit à l'effacement)",
                )
        touched["public"] = sum(_apply(entry, user.pk, names) for entry in public_entries)
    return touched


def erase_person(ctx: ServiceContext, user, *, password: str | None = None) -> None:
    """Erase ``user``: their traces everywhere, then their account.

    The person themself confirms with their password (``password``); platform staff (the DPO
    answering a written request) need none. Refused with ``LAST_ADMIN`` while they are the only
    tenant admin of a space, and nothing changes. The account is deleted by
    ``tenants.people.delete_person``, which journals the end of each membership; the deletion's
    receiver then erases the traces (those journal lines included) with this ``ctx``."""
    is_self = ctx.user_id is not None and ctx.user_id == user.pk
    if not (is_self or ctx.principal.is_platform_staff):
        raise ServiceError.single(
            "PERMISSION_DENIED", "Vous n'avez pas le droit d'effacer les données de cette personne."
        )
    if is_self and not user.check_password(password or ""):
        raise ServiceError.single("WRONG_PASSWORD", "Mot de passe incorrect : rien n'a été effacé.", "password")
    check_not_last_admin(user)
    user.privacy_context = ctx  # read by the deletion's receiver (signals.py)
    delete_person(ctx, user)
