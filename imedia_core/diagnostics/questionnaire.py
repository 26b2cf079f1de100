"""A questionnaire's input, checked: texts, dimensions, items, answer scales and maturity levels
as the services write them, or refusals in an ``ErrorCollector`` (French messages, API field
names). Each check adds its refusal and returns None, so the caller stops at the first one of a
list; the services raise them all together before writing anything.
"""

from __future__ import annotations

import math

from django.utils.text import slugify

from imedia_core.content.sanitize import clean_html, plain_text
from imedia_core.cycle.models import Phase

from .models import Diagnostic
from .scoring import available_scorers

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


def clean_levels(errors, levels) -> list[dict] | None:
    """Maturity levels ordered by threshold: the lowest at 0, no two at the same threshold."""
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
    phases = list(Phase.objects.filter(cycle__is_active=True).order_by("position", "id"))
    if not phases:
        errors.add(
            "dimensions",
            "NO_CYCLE",
            "Aucun cycle actif : donnez les dimensions du diagnostic, ou installez d'abord un cycle.",
        )
        return None
    return [{"slug": p.slug, "title": p.title, "description": p.summary, "phase": p} for p in phases]


def _clean_dimension(errors, raw: dict, phases: dict) -> dict | None:
    """One dimension from input: its phase (by pk, among ``phases``) lends it a title and a slug."""
    phase_id = raw.get("phase_id")
    phase = phases.get(phase_id) if phase_id else None
    if phase_id and phase is None:
        errors.add("dimensions", "NOT_FOUND", "Une des phases liées n'existe pas dans cet espace.")
        return None
    title = plain_text(raw.get("title") or "", multiline=False).strip()[:200] or (phase.title if phase else "")
    if not title:
        errors.add("dimensions", "REQUIRED", "Chaque dimension a besoin d'un titre.")
        return None
    slug = slugify(raw.get("slug") or (phase.slug if phase else title))[:120] or "dimension"
    description = plain_text(raw.get("description") or "", multiline=True).strip()
    return {"slug": slug, "title": title, "description": description, "phase": phase}


def _clean_dimensions(errors, raw_dimensions: list[dict] | None) -> list[dict] | None:
    """The given dimensions, or (None given) one per phase of the active cycle; slugs unique."""
    if raw_dimensions is None:
        dimensions = _dimensions_from_cycle(errors)
    else:
        phases = Phase.objects.in_bulk([raw.get("phase_id") for raw in raw_dimensions if raw.get("phase_id")])
        dimensions = []
        for raw in raw_dimensions:
            dimension = _clean_dimension(errors, raw, phases)
            if dimension is None:
                return None
            dimensions.append(dimension)
        if not dimensions:
            errors.add("dimensions", "REQUIRED", "Un diagnostic a besoin d'au moins une dimension.")
            return None
    if dimensions is None:
        return None
    slugs = [dimension["slug"] for dimension in dimensions]
    if len(set(slugs)) != len(slugs):
        errors.add("dimensions", "UNIQUE", "Deux dimensions ont le même identifiant.")
        return None
    return dimensions


def _clean_item(errors, raw: dict, slugs: list[str], default_scale: list[dict]) -> dict | None:
    """One item from input: on a known dimension, a positive weight, its scale or the default."""
    text = plain_text(raw.get("text") or "", multiline=False).strip()[:500]
    if not text:
        errors.add("items", "REQUIRED", "Chaque item a besoin d'un énoncé.")
        return None
    if raw.get("dimension") not in slugs:
        errors.add("items", "NOT_FOUND", f"L'item « {text} » vise une dimension inconnue : « {raw.get('dimension')} ».")
        return None
    weight = _number(errors, "items", raw.get("weight", 1.0), "Le poids d'un item", minimum=0, exclusive=True)
    if weight is None:
        return None
    scale = _clean_scale(errors, "items", raw["scale"]) if raw.get("scale") is not None else default_scale
    if scale is None:
        return None
    help_text = plain_text(raw.get("help_text") or "", multiline=False).strip()[:500]
    return {"dimension": raw["dimension"], "text": text, "help_text": help_text, "weight": weight, "scale": scale}


def clean_structure(errors, data) -> tuple[list[dict], list[dict]] | None:
    """Dimensions and items from input: dimensions default to the active cycle's phases; items
    name their dimension by slug and take the default scale when they give none."""
    dimensions = _clean_dimensions(errors, data.get("dimensions"))
    if dimensions is None:
        return None
    default_scale = _clean_scale(errors, "scale", data["scale"]) if data.get("scale") is not None else DEFAULT_SCALE
    if default_scale is None:
        return None
    slugs = [dimension["slug"] for dimension in dimensions]
    items = []
    for raw in data.get("items") or []:
        item = _clean_item(errors, raw, slugs, default_scale)
        if item is None:
            return None
        items.append(item)
    return dimensions, items


def clean_texts(errors, data, *, creating: bool, exclude_pk=None) -> dict:
    """Title, slug (made free from the title when not given), description and scorer, as given."""
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
