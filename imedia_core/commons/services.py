"""Business rules of the good-practice commons: sharing, withdrawing and adapting practices.

Every function takes the caller's ``ServiceContext`` first and runs on the connection of the
*calling* programme (``ctx.tenant``, the routed tenant):

- ``share_practice`` reads the source object in the caller's schema and writes a snapshot to
  the public schema; its audit entry and ``practice.shared`` event go to the caller's schema
  (the outbox is per tenant).
- ``unpublish_practice`` only for the programme that shared it.
- ``adapt_practice`` writes a draft resource into the caller's (adopting) schema, and an
  ``Adaptation`` row to the public schema; the source programme only ever sees a count.

Refusals raise ``ServiceError`` with codes of ``CommonsErrorCode``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from imedia_core.changes import changed
from imedia_core.content.sanitize import clean_html, plain_text
from imedia_core.context import ServiceContext, person_label
from imedia_core.cycle.models import Phase
from imedia_core.errors import ErrorCollector, ServiceError
from imedia_core.library import services as library
from imedia_core.library.models import Resource

from .models import Adaptation, Practice, PracticeLicence, PracticeSourceKind, PracticeStatus
from .scrub import scrub

MAX_LABELS = 12
LABEL_LENGTH = 80
TEXT_LIMITS = {"title": 200, "summary": 2000, "what_worked": 5000, "conditions": 5000}


@dataclass
class ShareResult:
    practice: Practice
    scrubbed: int


# --- sharing ---------------------------------------------------------------------------------


def _labels(values, field: str, errors: ErrorCollector) -> list[str]:
    out, keys = [], set()
    for value in values or []:
        label = plain_text(value, multiline=False)
        if not label:
            continue
        if len(label) > LABEL_LENGTH:
            errors.add(field, "INVALID", f"Un libellé ne doit pas dépasser {LABEL_LENGTH} caractères.")
            continue
        key = slugify(label)
        if key and key not in keys:
            keys.add(key)
            out.append(label)
    if len(out) > MAX_LABELS:
        errors.add(field, "INVALID", f"Au plus {MAX_LABELS} libellés.")
    return out[:MAX_LABELS]


def label_keys(labels) -> list[str]:
    """Normalised form of labels, as stored for filters (case and accents ignored)."""
    return [key for key in (slugify(label) for label in labels or []) if key]


def _source_snapshot(kind: str, source) -> dict:
    """What a practice starts from: the source's own text, themes and phases (labels)."""
    if kind == PracticeSourceKind.RESOURCE:
        phases = Phase.objects.filter(resource_links__resource=source, cycle__is_active=True).order_by("position")
        return {
            "title": source.title,
            "summary": source.summary,
            "body": source.body,
            "themes": list(source.themes.order_by("name").values_list("name", flat=True)),
            "phases": list(phases.values_list("title", flat=True)),
            "resource_kind": source.kind,
            "licence": source.licence if source.licence in PracticeLicence.values else None,
        }
    if kind == PracticeSourceKind.COMMITMENT:
        # The owner (a service or a person) is not copied: it may name someone.
        return {
            "title": source.title,
            "summary": "",
            "body": source.description,
            "what_worked": source.outcome,
            "themes": [],
            "phases": [source.phase.title] if source.phase_id else [],
            "resource_kind": "method",
        }
    return {"resource_kind": "method"}


def _check_source(kind: str, source, errors: ErrorCollector) -> None:
    if kind == PracticeSourceKind.INITIATIVE:
        return
    if source is None:
        errors.add("sourceId", "REQUIRED", "Indiquez la ressource ou l'engagement à partager.")
    elif kind == PracticeSourceKind.RESOURCE and not source.is_visible:
        errors.add(
            "sourceId", "SOURCE_NOT_PUBLISHED", "Seule une ressource publiée peut être partagée dans les communs."
        )
    elif kind == PracticeSourceKind.COMMITMENT and source.status != "done":
        errors.add(
            "sourceId", "COMMITMENT_NOT_DONE", "Seul un engagement tenu (« fait ») peut être partagé comme pratique."
        )


def _check_consent(consent: bool, personal_data_removed: bool, errors: ErrorCollector) -> None:
    if not consent:
        errors.add(
            "consent", "CONSENT_REQUIRED", "Le partage dans les communs demande le consentement explicite du programme."
        )
    if not personal_data_removed:
        errors.add(
            "personalDataRemoved",
            "PERSONAL_DATA_NOT_CONFIRMED",
            "Confirmez que la pratique ne contient plus de données personnelles (noms, coordonnées…).",
        )


def _new_practice(ctx: ServiceContext, source_kind: str, source) -> Practice:
    """A practice of the caller's programme, with its provenance and the consent just given."""
    tenant, actor = ctx.tenant, ctx.actor
    return Practice(
        source_tenant=tenant,
        source_programme=tenant.name,
        source_territory=tenant.territory,
        policy_area=tenant.policy_area,
        source_kind=source_kind,
        source_id=getattr(source, "pk", None),
        consent_given=True,
        personal_data_removed=True,
        shared_by=actor if ctx.user_id else None,
        shared_by_label=person_label(actor) if actor is not None else "",
        shared_at=timezone.now(),
        status=PracticeStatus.PUBLISHED,
    )


def _apply_snapshot(practice: Practice, snapshot: dict, errors: ErrorCollector) -> None:
    """Text, labels, kind and licence from ``snapshot``, sanitised, scrubbed and checked."""
    practice.resource_kind = snapshot.get("resource_kind") or "method"
    practice.scrubbed_count = _apply_text(practice, snapshot, errors)
    practice.themes = _labels(snapshot.get("themes"), "themes", errors)
    practice.phases = _labels(snapshot.get("phases"), "phases", errors)
    practice.theme_keys, practice.phase_keys = label_keys(practice.themes), label_keys(practice.phases)
    licence = getattr(snapshot.get("licence"), "value", snapshot.get("licence")) or PracticeLicence.CC_BY_SA_4
    if licence not in PracticeLicence.values:
        errors.add("licence", "INVALID", f"Licence inconnue : « {licence} ».")
    practice.licence = licence


def share_practice(
    ctx: ServiceContext,
    *,
    source_kind: str,
    source=None,
    data: dict | None = None,
    consent: bool = False,
    personal_data_removed: bool = False,
) -> ShareResult:
    """Publish a practice of the caller's programme (``ctx.tenant``) in the commons.

    ``source`` is the Resource or feedback Commitment of the caller's schema (None for an
    initiative). ``data`` (title, summary, body, what_worked, conditions, themes, phases,
    licence) overrides what is taken from the source. ``consent`` and ``personal_data_removed``
    must both be explicitly true. Text is sanitised and scrubbed of e-mail addresses and phone
    numbers; the number removed is returned."""
    if source_kind not in PracticeSourceKind.values:
        raise ServiceError.single("INVALID", f"Origine inconnue : « {source_kind} ».", "sourceKind")
    errors = ErrorCollector()
    _check_source(source_kind, source, errors)
    _check_consent(consent, personal_data_removed, errors)
    errors.raise_if_any()

    snapshot = _source_snapshot(source_kind, source)
    snapshot.update({key: value for key, value in (data or {}).items() if value is not None})
    practice = _new_practice(ctx, source_kind, source)
    _apply_snapshot(practice, snapshot, errors)
    errors.raise_if_any()
    with transaction.atomic():
        try:
            with transaction.atomic():
                practice.save()
        except IntegrityError as exc:
            raise ServiceError.single(
                "ALREADY_SHARED", "Cet élément est déjà partagé dans les communs.", "sourceId"
            ) from exc
        changed(
            ctx,
            "practice.shared",
            practice,
            payload={
                "id": practice.pk,
                "title": practice.title,
                "sourceKind": practice.source_kind,
                "sourceId": practice.source_id,
                "licence": practice.licence,
            },
        )
    return ShareResult(practice, practice.scrubbed_count)


def _apply_text(practice: Practice, snapshot: dict, errors: ErrorCollector) -> int:
    """Sanitise and scrub the snapshot's text onto ``practice``; the number of items removed."""
    removed = 0
    for name in ("title", "summary", "what_worked", "conditions"):
        text, count = scrub(plain_text(snapshot.get(name) or "", multiline=name != "title"))
        removed += count
        if len(text) > TEXT_LIMITS[name]:
            errors.add(name, "INVALID", f"Ce champ ne doit pas dépasser {TEXT_LIMITS[name]} caractères.")
        setattr(practice, name, text)
    body, count = scrub(clean_html(snapshot.get("body") or ""))
    practice.body = clean_html(body)
    removed += count
    if not practice.title:
        errors.add("title", "REQUIRED", "Donnez un titre à la pratique.")
    if not (practice.summary or plain_text(practice.body, multiline=True) or practice.what_worked):
        errors.add("summary", "REQUIRED", "Décrivez la pratique (résumé, contenu ou ce qui a fonctionné).")
    return removed


# --- withdrawing -----------------------------------------------------------------------------


def unpublish_practice(ctx: ServiceContext, practice: Practice) -> Practice:
    """Withdraw a practice from the commons (only the programme that shared it may). It is no
    longer listed nor adaptable; adapted copies keep their lineage."""
    if practice.source_tenant_id != ctx.tenant.pk:
        raise ServiceError.single(
            "NOT_SOURCE", "Seul le programme qui a partagé cette pratique peut la retirer des communs.", "id"
        )
    if practice.status == PracticeStatus.UNPUBLISHED:
        raise ServiceError.single("NOT_PUBLISHED", "Cette pratique est déjà retirée des communs.", "id")
    practice.status = PracticeStatus.UNPUBLISHED
    practice.unpublished_at = timezone.now()
    practice.unpublished_by_label = person_label(ctx.actor) if ctx.actor is not None else ""
    with transaction.atomic():
        practice.save(update_fields=["status", "unpublished_at", "unpublished_by_label", "updated_at"])
        changed(ctx, "practice.unpublished", practice, payload={"id": practice.pk, "title": practice.title})
    return practice


# --- adapting --------------------------------------------------------------------------------


@dataclass
class AdaptResult:
    resource: object
    adaptation: Adaptation
    created: bool


def lineage_label(practice: Practice) -> str:
    where = (
        f"{practice.source_programme}, {practice.source_territory}"
        if practice.source_territory
        else (practice.source_programme)
    )
    return f"Adaptée de la pratique « {practice.title} » ({where}), partagée dans les communs le {practice.shared_at:%d/%m/%Y}."


def _adapted_body(practice: Practice) -> str:
    parts = [practice.body or ""]
    if practice.what_worked:
        parts.append(f"<h2>Ce qui a fonctionné</h2><p>{escape(practice.what_worked)}</p>")
    if practice.conditions:
        parts.append(f"<h2>Conditions de réussite</h2><p>{escape(practice.conditions)}</p>")
    return "".join(parts)


def _adapted_resource(ctx: ServiceContext, practice: Practice) -> Resource:
    """A draft of the caller's resource centre, made from the practice, with its lineage."""
    return library.create_adapted_resource(
        ctx,
        {
            "kind": practice.resource_kind,
            "title": practice.title,
            "summary": practice.summary,
            "body": _adapted_body(practice),
            "licence": practice.licence,
            "author": practice.source_programme,
            "source": f"Communs de bonnes pratiques — {practice.source_programme}"[:300],
        },
        practice_id=practice.pk,
        programme=practice.source_programme,
        lineage_label=lineage_label(practice),
        theme_labels=practice.themes,
    )


def adapt_practice(ctx: ServiceContext, practice: Practice) -> AdaptResult:
    """Adapt a published practice into the caller's resource centre (``ctx.tenant``, the current
    schema): a draft resource with lineage, and an ``Adaptation`` row. One adaptation per
    practice and programme: adapting again returns the existing resource (or makes a new one if
    it was deleted, without counting a second adaptation)."""
    tenant = ctx.tenant
    if practice.status != PracticeStatus.PUBLISHED:
        raise ServiceError.single("NOT_PUBLISHED", "Cette pratique a été retirée des communs.", "id")
    if practice.source_tenant_id == tenant.pk:
        raise ServiceError.single(
            "OWN_PRACTICE",
            "Cette pratique vient de votre programme : elle est déjà dans votre centre de ressources.",
            "id",
        )
    with transaction.atomic():
        # Locks the practice row: two concurrent adaptations by one programme make one row.
        Practice.objects.select_for_update().filter(pk=practice.pk).first()
        adaptation = Adaptation.objects.filter(practice=practice, adopting_tenant=tenant).first()
        if adaptation is not None:
            existing = Resource.objects.filter(pk=adaptation.resource_id).first()
            if existing is not None:
                return AdaptResult(existing, adaptation, False)
        resource = _adapted_resource(ctx, practice)
        if adaptation is None:
            adaptation = Adaptation.objects.create(practice=practice, adopting_tenant=tenant, resource_id=resource.pk)
        else:
            adaptation.resource_id = resource.pk
            adaptation.save(update_fields=["resource_id"])
        changed(
            ctx,
            "practice.adapted",
            resource,
            payload={
                "id": resource.pk,
                "practiceId": practice.pk,
                "resourceId": resource.pk,
                "sourceProgramme": practice.source_programme,
            },
            summary=f"{practice.title} ({practice.source_programme})",
        )
    return AdaptResult(resource, adaptation, True)
