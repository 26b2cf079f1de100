"""Business rules of self-diagnostics: the writes of GraphQL, provisioning and the demo seeds.

Each function takes the caller's ``ServiceContext`` first, runs in one transaction, validates
first and raises ``ServiceError`` (French messages, API field names) before writing anything,
and leaves its audit entry and its domain event through ``changed()``.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from imedia_core.changes import changed
from imedia_core.content.models import PublicationStatus
from imedia_core.content.sanitize import clean_html, plain_text
from imedia_core.context import ServiceContext, person_label
from imedia_core.cycle.models import Phase
from imedia_core.errors import ErrorCollector, ServiceError

from . import throttle
from .models import Answer, Diagnostic, Dimension, Group, Item, MaturityLevel, Participant, Run, RunStatus
from .questionnaire import DEFAULT_LEVELS, clean_levels, clean_structure, clean_texts
from .templates import DiagnosticTemplate, available_diagnostic_templates

# No 0/O, 1/I/L: codes are read aloud and copied from a board. 31^8 ≈ 8.5e11 possibilities.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
PARTICIPANT_TOKEN_PREFIX = "imp_"

# The event each publication state is announced with: going back to draft unpublishes.
STATUS_EVENTS = {
    PublicationStatus.PUBLISHED: "diagnostic.published",
    PublicationStatus.DRAFT: "diagnostic.unpublished",
    PublicationStatus.ARCHIVED: "diagnostic.archived",
}


def _fail(code: str, message: str, field: str | None = None):
    raise ServiceError.single(code, message, field)


def _diagnostic_payload(diagnostic: Diagnostic) -> dict:
    return {"slug": diagnostic.slug, "status": diagnostic.status}


def _run_payload(run: Run, **extra) -> dict:
    return {"diagnostic_id": run.diagnostic_id, "group_id": run.group_id, **extra}


# --- codes and tokens ----------------------------------------------------------------------


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: str | None) -> str:
    """What people type, as stored: upper case, without spaces or dashes (« abcd-efgh » works)."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def format_code(code: str) -> str:
    """For display: two groups of four."""
    return f"{code[:4]}-{code[4:]}" if len(code) == CODE_LENGTH else code


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# --- diagnostics ---------------------------------------------------------------------------


def _write_structure(diagnostic, dimensions, items):
    diagnostic.items.all().delete()
    diagnostic.dimensions.all().delete()
    by_slug = {}
    for position, spec in enumerate(dimensions):
        by_slug[spec["slug"]] = Dimension.objects.create(diagnostic=diagnostic, position=position, **spec)
    Item.objects.bulk_create(
        Item(
            diagnostic=diagnostic,
            dimension=by_slug[spec["dimension"]],
            position=position,
            text=spec["text"],
            help_text=spec["help_text"],
            weight=spec["weight"],
            scale=spec["scale"],
        )
        for position, spec in enumerate(items)
    )


def _write_levels(diagnostic, levels):
    diagnostic.maturity_levels.all().delete()
    MaturityLevel.objects.bulk_create(MaturityLevel(diagnostic=diagnostic, **level) for level in levels)


@transaction.atomic
def create_diagnostic(ctx: ServiceContext, data: dict) -> Diagnostic:
    """A draft diagnostic. Without ``dimensions``, one dimension per phase of the active cycle;
    without ``maturity_levels``, « À construire » (0), « En cours » (40), « Acquis » (70)."""
    errors = ErrorCollector()
    fields = clean_texts(errors, data, creating=True)
    structure = clean_structure(errors, data)
    levels = (
        clean_levels(errors, data["maturity_levels"]) if data.get("maturity_levels") is not None else DEFAULT_LEVELS
    )
    errors.raise_if_any()
    diagnostic = Diagnostic.objects.create(**fields)
    _write_structure(diagnostic, *structure)
    _write_levels(diagnostic, levels)
    changed(
        ctx,
        "diagnostic.created",
        diagnostic,
        payload=_diagnostic_payload(diagnostic),
        summary=f"Autodiagnostic « {diagnostic.title} » créé",
    )
    return diagnostic


@transaction.atomic
def update_diagnostic(ctx: ServiceContext, diagnostic: Diagnostic, data: dict) -> Diagnostic:
    """Change texts, scorer and maturity levels at any time; dimensions and items (given
    together, replacing the current ones) only while nobody has answered."""
    errors = ErrorCollector()
    fields = clean_texts(errors, data, creating=False, exclude_pk=diagnostic.pk)
    structure = None
    if data.get("dimensions") is not None or data.get("items") is not None:
        if Answer.objects.filter(item__diagnostic=diagnostic).exists():
            errors.add(
                "items",
                "IN_USE",
                "Des personnes ont déjà répondu : les dimensions et les items ne peuvent plus changer "
                "(créez un nouveau diagnostic).",
            )
        else:
            structure = clean_structure(errors, data)
    levels = clean_levels(errors, data["maturity_levels"]) if data.get("maturity_levels") is not None else None
    errors.raise_if_any()
    for name, value in fields.items():
        setattr(diagnostic, name, value)
    diagnostic.save()
    if structure is not None:
        _write_structure(diagnostic, *structure)
    if levels is not None:
        _write_levels(diagnostic, levels)
    changed(
        ctx,
        "diagnostic.updated",
        diagnostic,
        payload=_diagnostic_payload(diagnostic),
        summary=f"Autodiagnostic « {diagnostic.title} » modifié",
    )
    return diagnostic


@transaction.atomic
def set_diagnostic_status(ctx: ServiceContext, diagnostic: Diagnostic, status: str) -> Diagnostic:
    """Publish (runs may then be opened), back to draft, or archive (no new run)."""
    if status == PublicationStatus.PUBLISHED and not diagnostic.items.exists():
        _fail("INVALID", "Un diagnostic sans item ne peut pas être publié.", "id")
    diagnostic.status = status
    if status == PublicationStatus.PUBLISHED:
        diagnostic.publish_at = None
        diagnostic.published_at = diagnostic.published_at or timezone.now()
    diagnostic.save()
    label = dict(PublicationStatus.choices)[status].lower()
    changed(
        ctx,
        STATUS_EVENTS[status],
        diagnostic,
        payload=_diagnostic_payload(diagnostic),
        summary=f"Autodiagnostic « {diagnostic.title} » {label}",
    )
    return diagnostic


def install_template(ctx: ServiceContext, key: str) -> tuple[Diagnostic, bool]:
    """Install the template ``key`` among those the caller's space enabled (see ``install``)."""
    template = available_diagnostic_templates(ctx.tenant).get(key)
    if template is None:
        _fail("UNKNOWN_TEMPLATE", f"Aucun modèle d'autodiagnostic « {key} » dans cet espace.", "key")
    return install(ctx, template)


def _template_items(diagnostic: Diagnostic, dimension: Dimension, spec, default_scale, first_position: int):
    return [
        Item(
            diagnostic=diagnostic,
            dimension=dimension,
            position=first_position + offset,
            text=item.text,
            help_text=item.help_text,
            weight=item.weight,
            scale=[{"label": option.label, "score": option.score} for option in item.scale or default_scale],
        )
        for offset, item in enumerate(spec.items)
    ]


@transaction.atomic
def install(ctx: ServiceContext, template: DiagnosticTemplate, *, audit: bool = True) -> tuple[Diagnostic, bool]:
    """Install ``template`` in the current schema, published; return ``(diagnostic, created)``.

    An existing diagnostic with the template's key as slug is returned untouched (the local
    team may have edited it) and nothing is recorded. Dimensions link to the active cycle's
    phases by slug. ``audit=False`` when a wider entry already tells the story (provisioning).
    """
    existing = Diagnostic.objects.filter(slug=template.key).first()
    if existing is not None:
        return existing, False
    phases = {phase.slug: phase for phase in Phase.objects.filter(cycle__is_active=True)}
    diagnostic = Diagnostic.objects.create(
        slug=template.key,
        title=template.title,
        description=clean_html(template.description),
        scorer_key=template.scorer_key,
        template_key=template.key,
        status=PublicationStatus.PUBLISHED,
        published_at=timezone.now(),
    )
    items = []
    for index, spec in enumerate(template.dimensions):
        dimension = Dimension.objects.create(
            diagnostic=diagnostic,
            position=index,
            slug=spec.slug,
            title=spec.title,
            description=spec.description,
            phase=phases.get(spec.linked_phase),
        )
        items += _template_items(diagnostic, dimension, spec, template.scale, len(items))
    Item.objects.bulk_create(items)
    MaturityLevel.objects.bulk_create(
        MaturityLevel(
            diagnostic=diagnostic, min_score=level.min_score, label=level.label, description=level.description
        )
        for level in template.maturity_levels
    )
    changed(
        ctx,
        "diagnostic.installed",
        diagnostic,
        payload={**_diagnostic_payload(diagnostic), "template_key": template.key},
        summary=f"Autodiagnostic « {diagnostic.title} » installé depuis son modèle",
        audit=audit,
    )
    return diagnostic, True


# --- runs ----------------------------------------------------------------------------------


def _group(name: str) -> Group:
    slug = slugify(name)[:200] or "groupe"
    group = Group.objects.filter(slug=slug).first()
    return group or Group.objects.create(name=name, slug=slug)


@transaction.atomic
def open_run(
    ctx: ServiceContext,
    diagnostic: Diagnostic,
    *,
    group_name: str,
    title: str = "",
    held_on: date | None = None,
    allow_anonymous: bool = True,
) -> Run:
    """Open a session of a published diagnostic for a group (found or created by name); the
    caller is its facilitator."""
    errors = ErrorCollector()
    group_name = plain_text(group_name or "", multiline=False).strip()[:200]
    if not group_name:
        errors.add("groupName", "REQUIRED", "Donnez le nom du groupe.")
    if diagnostic.status != PublicationStatus.PUBLISHED:
        errors.add("diagnosticId", "NOT_PUBLISHED", "Publiez le diagnostic avant d'ouvrir une passation.")
    errors.raise_if_any()
    held_on = held_on or timezone.localdate()
    title = plain_text(title or "", multiline=False).strip()[:200] or f"{diagnostic.title} — {held_on:%d/%m/%Y}"
    code = new_code()
    while Run.objects.filter(code=code).exists():  # astronomically rare
        code = new_code()
    run = Run.objects.create(
        diagnostic=diagnostic,
        group=_group(group_name),
        title=title,
        held_on=held_on,
        code=code,
        allow_anonymous=allow_anonymous,
        facilitator_id=ctx.user_id,
        facilitator_label=person_label(ctx.actor) if ctx.actor is not None else "",
    )
    changed(
        ctx,
        "diagnostic_run.opened",
        run,
        payload=_run_payload(run, held_on=run.held_on.isoformat()),
        summary=f"Passation « {run.title} » ouverte pour « {run.group.name} »",
    )
    return run


@transaction.atomic
def close_run(ctx: ServiceContext, run: Run) -> Run:
    run = Run.objects.select_for_update().get(pk=run.pk)
    if run.status == RunStatus.CLOSED:
        _fail("ALREADY_CLOSED", "Cette passation est déjà clôturée.", "id")
    run.status = RunStatus.CLOSED
    run.closed_at = timezone.now()
    run.save(update_fields=["status", "closed_at", "updated_at"])
    participants = run.participants.count()
    changed(
        ctx,
        "diagnostic_run.closed",
        run,
        payload=_run_payload(run, held_on=run.held_on.isoformat(), participant_count=participants),
        summary=f"Passation « {run.title} » clôturée ({participants} participant·es)",
    )
    return run


@transaction.atomic
def conclude_run(ctx: ServiceContext, run: Run, *, conclusions=None, priorities=None) -> Run:
    """Record the group's shared conclusions and priorities (plain text), open or closed."""
    if conclusions is not None:
        run.conclusions = plain_text(conclusions, multiline=True).strip()[:10000]
    if priorities is not None:
        run.priorities = plain_text(priorities, multiline=True).strip()[:10000]
    run.save(update_fields=["conclusions", "priorities", "updated_at"])
    changed(
        ctx,
        "diagnostic_run.concluded",
        run,
        payload=_run_payload(run),
        summary=f"Conclusions de « {run.title} » enregistrées",
    )
    return run


def run_by_code(ctx: ServiceContext, code: str | None) -> Run | None:
    """The run with this code, or None. A caller that came through a network door (its context
    carries an address) is refused with RATE_LIMITED after too many misses (see ``throttle``)."""
    client = ctx.ip or None
    throttle.check(client)
    normalised = normalise_code(code)
    run = None
    if len(normalised) == CODE_LENGTH:
        run = Run.objects.select_related("diagnostic", "group").filter(code=normalised).first()
    if run is None:
        throttle.record_miss(client)
    return run


def participant_by_token(run: Run, participant_token: str | None) -> Participant | None:
    """The anonymous participant of ``run`` holding this token."""
    if not participant_token:
        return None
    return run.participants.filter(token_hash=hash_token(participant_token)).first()


def participant_of(ctx: ServiceContext, run: Run, participant_token: str | None = None) -> Participant | None:
    """The participant the caller is in ``run``: a signed-in person by account, else by token."""
    if ctx.user_id is not None:
        return run.participants.filter(user_id=ctx.user_id).first()
    return participant_by_token(run, participant_token)


# --- answers -------------------------------------------------------------------------------


def _run_to_answer(ctx: ServiceContext, code: str) -> Run:
    """The open run with this code, locked, if the caller may answer it."""
    run = run_by_code(ctx, code)
    if run is None:
        _fail("INVALID_CODE", "Ce code de passation n'existe pas dans cet espace.", "code")
    run = Run.objects.select_for_update().select_related("diagnostic").get(pk=run.pk)
    if run.status == RunStatus.CLOSED:
        _fail("RUN_CLOSED", "Cette passation est clôturée : elle n'accepte plus de réponses.", "code")
    if ctx.user_id is None and not run.allow_anonymous:
        _fail("SIGN_IN_REQUIRED", "Connectez-vous pour répondre à cette passation.", None)
    return run


def _checked_choices(items: dict[int, Item], answers: list[tuple[int, int]]) -> dict[int, int]:
    """``{item_pk: option_index}``: each item of the diagnostic at most once, on one of its options."""
    errors = ErrorCollector()
    chosen: dict[int, int] = {}
    for item_pk, choice in answers:
        item = items.get(item_pk)
        if item is None:
            errors.add("answers", "NOT_FOUND", "Une réponse vise un item qui n'appartient pas à ce diagnostic.")
            break
        if item_pk in chosen:
            errors.add("answers", "INVALID", f"L'item « {item.text} » a reçu deux réponses.")
            break
        if not 0 <= choice < len(item.scale):
            errors.add("answers", "INVALID", f"Option inconnue pour l'item « {item.text} ».")
            break
        chosen[item_pk] = choice
    if not chosen and not errors:
        errors.add("answers", "REQUIRED", "Répondez à au moins un item.")
    errors.raise_if_any()
    return chosen


def _new_participant(ctx: ServiceContext, run: Run, participant_token: str | None) -> tuple[Participant, str | None]:
    """A first answer: the signed-in caller joins by account; an anonymous one receives a token
    (returned once, stored hashed). A token that names nobody here is refused."""
    if ctx.user_id is None and participant_token:
        _fail(
            "INVALID_PARTICIPANT_TOKEN",
            "Ce jeton de participation ne correspond à personne dans cette passation.",
            "participantToken",
        )
    number = (run.participants.aggregate(n=Max("number"))["n"] or 0) + 1
    if ctx.user_id is not None:
        participant = Participant.objects.create(
            run=run, number=number, user_id=ctx.user_id, user_label=person_label(ctx.actor)
        )
        return participant, None
    token = PARTICIPANT_TOKEN_PREFIX + secrets.token_urlsafe(24)
    return Participant.objects.create(run=run, number=number, token_hash=hash_token(token)), token


def _forget_answers(participant: Participant) -> None:
    """A participant answering again replaces their whole answer set."""
    participant.answers.all().delete()
    participant.save(update_fields=["updated_at"])


@transaction.atomic
def submit_answers(
    ctx: ServiceContext,
    code: str,
    answers: list[tuple[int, int]],
    *,
    participant_token: str | None = None,
) -> tuple[Participant, str | None, list[Item]]:
    """Record the caller's answer set in the open run with this code, replacing any earlier
    one. ``answers`` are ``(item_pk, option_index)``. A signed-in person is found by account; an
    anonymous one by ``participant_token`` (a new token is issued on a first answer).

    The event says that the run was answered, never what nor by whom: answers are personal, and
    a participant's gesture is not administration (no audit line).

    Returns the participant, the new token (None unless issued now) and the unanswered items.
    """
    run = _run_to_answer(ctx, code)
    items = {item.pk: item for item in run.diagnostic.items.all()}
    chosen = _checked_choices(items, answers)
    participant, token = participant_of(ctx, run, participant_token), None
    if participant is None:
        participant, token = _new_participant(ctx, run, participant_token)
    else:
        _forget_answers(participant)
    Answer.objects.bulk_create(
        Answer(
            participant=participant, item_id=item_pk, choice=choice, score=float(items[item_pk].scale[choice]["score"])
        )
        for item_pk, choice in chosen.items()
    )
    changed(
        ctx,
        "diagnostic_run.answered",
        run,
        payload=_run_payload(run, participant_count=run.participants.count()),
        audit=False,
    )
    missing = [item for pk, item in items.items() if pk not in chosen]
    return participant, token, sorted(missing, key=lambda item: (item.position, item.pk))
