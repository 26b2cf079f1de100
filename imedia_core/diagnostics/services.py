"""Business rules of self-diagnostics: every write goes through here (GraphQL, admin, demo).

Each function runs in one transaction, validates first and raises ``DiagnosticError`` (a
``ServiceError`` with French messages and API field names) before writing anything.
"""

from __future__ import annotations

import hashlib
import math
import secrets
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from imedia_core.audit.log import record
from imedia_core.content.models import PublicationStatus
from imedia_core.content.sanitize import clean_html, plain_text
from imedia_core.errors import ServiceError
from imedia_core.events import emit

from . import throttle
from .models import Answer, Diagnostic, Dimension, Group, Item, MaturityLevel, Participant, Run, RunStatus
from .scoring import available_scorers

# No 0/O, 1/I/L: codes are read aloud and copied from a board. 31^8 ≈ 8.5e11 possibilities.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
PARTICIPANT_TOKEN_PREFIX = "imp_"

DEFAULT_SCALE = [
    {"label": "Pas du tout", "score": 0.0},
    {"label": "Un peu", "score": 1.0},
    {"label": "Plutôt", "score": 2.0},
    {"label": "Tout à fait", "score": 3.0},
]
DEFAULT_LEVELS = [
    {"min_score": 0.0, "label": "À construire", "description": ""},
    {"min_score": 40.0, "label": "En cours", "description": ""},
    {"min_score": 70.0, "label": "Acquis", "description": ""},
]
TEXT_LIMITS = {"title": 200, "slug": 120}


class DiagnosticError(ServiceError):
    """A refused change to diagnostics, runs or answers."""


class _Errors:
    def __init__(self):
        self.items: list[dict] = []

    def add(self, field, code, message):
        self.items.append({"field": field, "code": code, "message": message})

    def raise_if_any(self):
        if self.items:
            raise DiagnosticError(self.items)


def _fail(code: str, message: str, field: str | None = None):
    raise DiagnosticError.single(code, message, field)


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


def _number(errors, field, value, label, *, minimum=None, exclusive=False, maximum=None):
    try:
        number = float(value)
    except (TypeError, ValueError):
        errors.add(field, "INVALID", f"{label} doit être un nombre.")
        return None
    if not math.isfinite(number):
        errors.add(field, "INVALID", f"{label} doit être un nombre.")
        return None
    if minimum is not None and (number <= minimum if exclusive else number < minimum):
        errors.add(field, "INVALID", f"{label} doit être {'supérieur à' if exclusive else 'au moins'} {minimum:g}.")
        return None
    if maximum is not None and number > maximum:
        errors.add(field, "INVALID", f"{label} ne doit pas dépasser {maximum:g}.")
        return None
    return number


def _clean_scale(errors, field, scale) -> list[dict] | None:
    options = []
    for option in scale or []:
        label = plain_text(option.get("label") or "", multiline=False).strip()[:100]
        score = _number(errors, field, option.get("score"), "Le score d'une option")
        if not label:
            errors.add(field, "REQUIRED", "Chaque option de l'échelle a besoin d'un libellé.")
            return None
        if score is None:
            return None
        options.append({"label": label, "score": score})
    if len(options) < 2:
        errors.add(field, "INVALID", "Une échelle de réponse a besoin d'au moins deux options.")
        return None
    if len({o["score"] for o in options}) != len(options):
        errors.add(field, "INVALID", "Deux options de l'échelle ont le même score.")
        return None
    return options


def _clean_levels(errors, levels) -> list[dict] | None:
    cleaned = []
    for level in levels:
        label = plain_text(level.get("label") or "", multiline=False).strip()[:100]
        minimum = _number(
            errors, "maturityLevels", level.get("min_score"), "Le seuil d'un niveau", minimum=0, maximum=100
        )
        if not label:
            errors.add("maturityLevels", "REQUIRED", "Chaque niveau de maturité a besoin d'un libellé.")
            return None
        if minimum is None:
            return None
        description = plain_text(level.get("description") or "", multiline=True).strip()[:300]
        cleaned.append({"min_score": minimum, "label": label, "description": description})
    cleaned.sort(key=lambda level: level["min_score"])
    minimums = [level["min_score"] for level in cleaned]
    if not cleaned or minimums[0] != 0 or len(set(minimums)) != len(minimums):
        errors.add(
            "maturityLevels",
            "INVALID",
            "Les niveaux de maturité doivent commencer à 0 et avoir des seuils différents.",
        )
        return None
    return cleaned


def _dimensions_from_cycle(errors) -> list[dict] | None:
    from imedia_core.cycle.models import Phase

    phases = list(Phase.objects.filter(cycle__is_active=True).order_by("position", "id"))
    if not phases:
        errors.add(
            "dimensions",
            "NO_CYCLE",
            "Aucun cycle actif : donnez les dimensions du diagnostic, ou installez d'abord un cycle.",
        )
        return None
    return [{"slug": p.slug, "title": p.title, "description": p.summary, "phase": p} for p in phases]


def _clean_structure(errors, data) -> tuple[list[dict], list[dict]] | None:
    """Dimensions and items from input: dimensions default to the active cycle's phases; items
    name their dimension by slug and take the default scale when they give none."""
    from imedia_core.cycle.models import Phase

    raw_dimensions = data.get("dimensions")
    if raw_dimensions is None:
        dimensions = _dimensions_from_cycle(errors)
        if dimensions is None:
            return None
    else:
        dimensions = []
        phase_ids = [d.get("phase_id") for d in raw_dimensions if d.get("phase_id")]
        phases = Phase.objects.in_bulk(phase_ids)
        for raw in raw_dimensions:
            title = plain_text(raw.get("title") or "", multiline=False).strip()[:200]
            phase = phases.get(raw.get("phase_id")) if raw.get("phase_id") else None
            if raw.get("phase_id") and phase is None:
                errors.add("dimensions", "NOT_FOUND", "Une des phases liées n'existe pas dans cet espace.")
                return None
            if not title and phase is not None:
                title = phase.title
            if not title:
                errors.add("dimensions", "REQUIRED", "Chaque dimension a besoin d'un titre.")
                return None
            slug = slugify(raw.get("slug") or (phase.slug if phase else title))[:120] or "dimension"
            description = plain_text(raw.get("description") or "", multiline=True).strip()
            dimensions.append({"slug": slug, "title": title, "description": description, "phase": phase})
        if not dimensions:
            errors.add("dimensions", "REQUIRED", "Un diagnostic a besoin d'au moins une dimension.")
            return None
    slugs = [d["slug"] for d in dimensions]
    if len(set(slugs)) != len(slugs):
        errors.add("dimensions", "UNIQUE", "Deux dimensions ont le même identifiant.")
        return None
    default_scale = _clean_scale(errors, "scale", data["scale"]) if data.get("scale") is not None else DEFAULT_SCALE
    if default_scale is None:
        return None
    items = []
    for raw in data.get("items") or []:
        text = plain_text(raw.get("text") or "", multiline=False).strip()[:500]
        if not text:
            errors.add("items", "REQUIRED", "Chaque item a besoin d'un énoncé.")
            return None
        if raw.get("dimension") not in slugs:
            errors.add(
                "items", "NOT_FOUND", f"L'item « {text} » vise une dimension inconnue : « {raw.get('dimension')} »."
            )
            return None
        weight = _number(errors, "items", raw.get("weight", 1.0), "Le poids d'un item", minimum=0, exclusive=True)
        if weight is None:
            return None
        scale = _clean_scale(errors, "items", raw["scale"]) if raw.get("scale") is not None else default_scale
        if scale is None:
            return None
        help_text = plain_text(raw.get("help_text") or "", multiline=False).strip()[:500]
        items.append(
            {"dimension": raw["dimension"], "text": text, "help_text": help_text, "weight": weight, "scale": scale}
        )
    return dimensions, items


def _check_text(errors, data, *, creating: bool, exclude_pk=None) -> dict:
    out = {}
    if "title" in data or creating:
        title = plain_text(data.get("title") or "", multiline=False).strip()
        if not title:
            errors.add("title", "REQUIRED", "Donnez un titre au diagnostic.")
        elif len(title) > 200:
            errors.add("title", "INVALID", "Le titre ne doit pas dépasser 200 caractères.")
        else:
            out["title"] = title
    if data.get("slug") is not None or (creating and "title" in out):
        base = data.get("slug") or out.get("title") or ""
        slug = slugify(base)[:120].strip("-")
        if not slug:
            errors.add("slug", "INVALID", "L'identifiant ne peut contenir que des lettres, chiffres et tirets.")
        elif Diagnostic.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
            if data.get("slug"):
                errors.add("slug", "UNIQUE", f"L'identifiant « {slug} » est déjà utilisé.")
            else:
                out["slug"] = _free_slug(slug)
        else:
            out["slug"] = slug
    if data.get("description") is not None:
        out["description"] = clean_html(data["description"])
    if data.get("scorer_key") is not None:
        if data["scorer_key"] not in available_scorers():
            errors.add("scorerKey", "UNKNOWN_SCORER", f"Méthode de calcul inconnue : « {data['scorer_key']} ».")
        else:
            out["scorer_key"] = data["scorer_key"]
    return out


def _free_slug(base: str) -> str:
    taken = set(Diagnostic.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


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
def create_diagnostic(data: dict, *, actor=None, via: str = "") -> Diagnostic:
    """A draft diagnostic. Without ``dimensions``, one dimension per phase of the active cycle;
    without ``maturity_levels``, « À construire » (0), « En cours » (40), « Acquis » (70)."""
    errors = _Errors()
    fields = _check_text(errors, data, creating=True)
    structure = _clean_structure(errors, data)
    levels = (
        _clean_levels(errors, data["maturity_levels"]) if data.get("maturity_levels") is not None else DEFAULT_LEVELS
    )
    errors.raise_if_any()
    diagnostic = Diagnostic.objects.create(**fields)
    _write_structure(diagnostic, *structure)
    _write_levels(diagnostic, levels)
    record(
        "diagnostic.created",
        summary=f"Autodiagnostic « {diagnostic.title} » créé",
        target=diagnostic,
        actor=actor,
        via=via,
    )
    return diagnostic


@transaction.atomic
def update_diagnostic(diagnostic: Diagnostic, data: dict, *, actor=None, via: str = "") -> Diagnostic:
    """Change texts, scorer and maturity levels at any time; dimensions and items (given
    together, replacing the current ones) only while nobody has answered."""
    errors = _Errors()
    fields = _check_text(errors, data, creating=False, exclude_pk=diagnostic.pk)
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
            structure = _clean_structure(errors, data)
    levels = _clean_levels(errors, data["maturity_levels"]) if data.get("maturity_levels") is not None else None
    errors.raise_if_any()
    for name, value in fields.items():
        setattr(diagnostic, name, value)
    diagnostic.save()
    if structure is not None:
        _write_structure(diagnostic, *structure)
    if levels is not None:
        _write_levels(diagnostic, levels)
    record(
        "diagnostic.updated",
        summary=f"Autodiagnostic « {diagnostic.title} » modifié",
        target=diagnostic,
        actor=actor,
        via=via,
    )
    return diagnostic


@transaction.atomic
def set_diagnostic_status(diagnostic: Diagnostic, status: str, *, actor=None, via: str = "") -> Diagnostic:
    """Publish (runs may then be opened), back to draft, or archive (no new run)."""
    if status == PublicationStatus.PUBLISHED and not diagnostic.items.exists():
        _fail("INVALID", "Un diagnostic sans item ne peut pas être publié.", "id")
    diagnostic.status = status
    if status == PublicationStatus.PUBLISHED:
        diagnostic.publish_at = None
        diagnostic.published_at = diagnostic.published_at or timezone.now()
    diagnostic.save()
    label = dict(PublicationStatus.choices)[status].lower()
    record(
        f"diagnostic.{status}",
        summary=f"Autodiagnostic « {diagnostic.title} » {label}",
        target=diagnostic,
        actor=actor,
        via=via,
    )
    return diagnostic


def install_template(key: str, *, tenant=None, actor=None, via: str = "") -> tuple[Diagnostic, bool]:
    from .templates import available_diagnostic_templates, install

    template = available_diagnostic_templates(tenant).get(key)
    if template is None:
        _fail("UNKNOWN_TEMPLATE", f"Aucun modèle d'autodiagnostic « {key} » dans cet espace.", "key")
    return install(template, actor=actor, via=via)


# --- runs ----------------------------------------------------------------------------------


def _group(name: str) -> Group:
    slug = slugify(name)[:200] or "groupe"
    group = Group.objects.filter(slug=slug).first()
    return group or Group.objects.create(name=name, slug=slug)


@transaction.atomic
def open_run(
    diagnostic: Diagnostic,
    *,
    group_name: str,
    title: str = "",
    held_on: date | None = None,
    allow_anonymous: bool = True,
    actor=None,
    via: str = "",
) -> Run:
    """Open a session of a published diagnostic for a group (found or created by name)."""
    errors = _Errors()
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
        facilitator_id=getattr(actor, "pk", None),
        facilitator_label=str(actor)[:200] if actor is not None else "",
    )
    record(
        "diagnostic_run.opened",
        summary=f"Passation « {run.title} » ouverte pour « {run.group.name} »",
        target=run,
        actor=actor,
        via=via,
    )
    return run


@transaction.atomic
def close_run(run: Run, *, actor=None, via: str = "") -> Run:
    run = Run.objects.select_for_update().get(pk=run.pk)
    if run.status == RunStatus.CLOSED:
        _fail("ALREADY_CLOSED", "Cette passation est déjà clôturée.", "id")
    run.status = RunStatus.CLOSED
    run.closed_at = timezone.now()
    run.save(update_fields=["status", "closed_at", "updated_at"])
    participants = run.participants.count()
    emit(
        "diagnostic_run.closed",
        {
            "diagnostic_id": run.diagnostic_id,
            "group_id": run.group_id,
            "held_on": run.held_on.isoformat(),
            "participant_count": participants,
        },
        subject=run,
        actor=actor,
    )
    record(
        "diagnostic_run.closed",
        summary=f"Passation « {run.title} » clôturée ({participants} participant·es)",
        target=run,
        actor=actor,
        via=via,
    )
    return run


@transaction.atomic
def conclude_run(run: Run, *, conclusions=None, priorities=None, actor=None, via: str = "") -> Run:
    """Record the group's shared conclusions and priorities (plain text), open or closed."""
    if conclusions is not None:
        run.conclusions = plain_text(conclusions, multiline=True).strip()[:10000]
    if priorities is not None:
        run.priorities = plain_text(priorities, multiline=True).strip()[:10000]
    run.save(update_fields=["conclusions", "priorities", "updated_at"])
    record(
        "diagnostic_run.concluded",
        summary=f"Conclusions de « {run.title} » enregistrées",
        target=run,
        actor=actor,
        via=via,
    )
    return run


def run_by_code(code: str | None, *, client: str | None = None) -> Run | None:
    """The run with this code, or None. With ``client`` (the caller's address), too many misses
    from it raise RATE_LIMITED (see ``throttle``)."""
    throttle.check(client)
    normalised = normalise_code(code)
    run = None
    if len(normalised) == CODE_LENGTH:
        run = Run.objects.select_related("diagnostic", "group").filter(code=normalised).first()
    if run is None:
        throttle.record_miss(client)
    return run


def participant_of(run: Run, *, user=None, participant_token: str | None = None) -> Participant | None:
    """The participant the caller is in ``run``: a signed-in person by id, else by token."""
    if user is not None and getattr(user, "pk", None) is not None:
        return run.participants.filter(user_id=user.pk).first()
    if participant_token:
        return run.participants.filter(token_hash=hash_token(participant_token)).first()
    return None


@transaction.atomic
def submit_answers(
    code: str,
    answers: list[tuple[int, int]],
    *,
    user=None,
    participant_token: str | None = None,
    client: str | None = None,
) -> tuple[Participant, str | None, list[Item]]:
    """Record a participant's answer set in the open run with this code, replacing any earlier
    one. ``answers`` are ``(item_pk, option_index)``. A signed-in person is found by id; an
    anonymous one by ``participant_token`` (a new token is issued on a first answer).

    Returns the participant, the new token (None unless issued now) and the unanswered items.
    """
    run = run_by_code(code, client=client)
    if run is None:
        _fail("INVALID_CODE", "Ce code de passation n'existe pas dans cet espace.", "code")
    run = Run.objects.select_for_update().select_related("diagnostic").get(pk=run.pk)
    if run.status == RunStatus.CLOSED:
        _fail("RUN_CLOSED", "Cette passation est clôturée : elle n'accepte plus de réponses.", "code")
    signed_in = user is not None and getattr(user, "pk", None) is not None
    if not signed_in and not run.allow_anonymous:
        _fail("SIGN_IN_REQUIRED", "Connectez-vous pour répondre à cette passation.", None)
    items = {item.pk: item for item in run.diagnostic.items.all()}
    errors = _Errors()
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
    if not chosen and not errors.items:
        errors.add("answers", "REQUIRED", "Répondez à au moins un item.")
    errors.raise_if_any()

    token = None
    participant = participant_of(run, user=user if signed_in else None, participant_token=participant_token)
    if participant is None and not signed_in and participant_token:
        _fail(
            "INVALID_PARTICIPANT_TOKEN",
            "Ce jeton de participation ne correspond à personne dans cette passation.",
            "participantToken",
        )
    if participant is None:
        number = (run.participants.aggregate(n=Max("number"))["n"] or 0) + 1
        if signed_in:
            participant = Participant.objects.create(
                run=run, number=number, user_id=user.pk, user_label=str(user)[:200]
            )
        else:
            token = PARTICIPANT_TOKEN_PREFIX + secrets.token_urlsafe(24)
            participant = Participant.objects.create(run=run, number=number, token_hash=hash_token(token))
    else:
        participant.answers.all().delete()
        participant.save(update_fields=["updated_at"])
    Answer.objects.bulk_create(
        Answer(
            participant=participant, item_id=item_pk, choice=choice, score=float(items[item_pk].scale[choice]["score"])
        )
        for item_pk, choice in chosen.items()
    )
    missing = [item for pk, item in items.items() if pk not in chosen]
    return participant, token, sorted(missing, key=lambda item: (item.position, item.pk))
