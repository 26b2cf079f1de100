"""Business rules of the guided path: every write goes through here (GraphQL, admin, demo).

Staff functions take the caller's ``ServiceContext`` first, validate, sanitise (``clean_html``
for the answer, plain text elsewhere), save in one transaction, record a revision of the question
and write the audit entry and the domain event together (``changed``); they raise
``ServiceError`` (``{field, code, message}``, French messages, fields named as in the API) before
writing anything. ``match`` is the public side: it reads the catalogue and, when nothing answers,
counts the search in the anonymous log.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from imedia_core import ratelimit
from imedia_core.changes import changed
from imedia_core.content.models import PublicationStatus
from imedia_core.content.revisions import record_revision, revisions_of
from imedia_core.content.sanitize import clean_html, plain_text
from imedia_core.context import ServiceContext
from imedia_core.cycle.models import Phase, PhaseItem, PhaseItemKind
from imedia_core.errors import ErrorCollector, ServiceError
from imedia_core.library.models import Resource
from imedia_core.participation.models import ContributionKind

from . import matching
from .models import (
    Question,
    QuestionFollowUp,
    QuestionMethod,
    QuestionPhase,
    QuestionResource,
    UnansweredSearch,
    UnansweredStatus,
)
from .templates import available_question_sets, install

MAX_KEYWORDS = 30
MAX_KEYWORD_LENGTH = 100
MAX_MATCHES = 20
# The log keeps at most this many open rows: past it, the open rows seen least recently (then
# least counted) are evicted to make room, so new searches are still logged.
MAX_OPEN_UNANSWERED = 5000
# One client (address, per tenant) has at most this many searches logged per window: past it, the
# search is still answered but not logged, so nobody can fill the log or inflate a count alone.
MAX_RECORDED_PER_CLIENT = 30
RECORD_WINDOW_SECONDS = 3600
# Field names as the API spells them (camelCase), for errors.
API_NAMES = {
    "contribute_kind": "contributeKind",
    "contribute_prompt": "contributePrompt",
    "publish_at": "publishAt",
    "follow_ups": "followUps",
}


def _errors() -> ErrorCollector:
    return ErrorCollector(field_names=API_NAMES)


# --- questions: one step per input field --------------------------------------------------------

# What ``save_question`` and ``question_errors`` read back from an instance.
EDITABLE_FIELDS = ("text", "answer", "position", "contribute_kind", "contribute_prompt", "status", "publish_at")


def _unique_slug(base: str, *, exclude_pk=None) -> str:
    base = (slugify(base) or "question")[:120].strip("-") or "question"
    taken = set(Question.objects.filter(slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True))
    candidate, n = base, 2
    while candidate in taken:
        suffix = f"-{n}"
        candidate = f"{base[: 120 - len(suffix)].rstrip('-')}{suffix}"
        n += 1
    return candidate


def _apply_text(question: Question, value, errors: ErrorCollector) -> None:
    text = plain_text(value, multiline=False)
    if not text:
        errors.add("text", "REQUIRED", "Écrivez la question telle que les gens la posent.")
    elif len(text) > 300:
        errors.add("text", "INVALID", "La question ne doit pas dépasser 300 caractères.")
    question.text = text


def _apply_answer(question: Question, value, errors: ErrorCollector) -> None:
    question.answer = clean_html(value or "")


def _apply_keywords(question: Question, values, errors: ErrorCollector) -> None:
    keywords: list[str] = []
    for value in values or []:
        keyword = plain_text(value, multiline=False)
        if not keyword or keyword.lower() in {k.lower() for k in keywords}:
            continue
        if len(keyword) > MAX_KEYWORD_LENGTH:
            errors.add("keywords", "INVALID", f"Un mot-clé ne doit pas dépasser {MAX_KEYWORD_LENGTH} caractères.")
        keywords.append(keyword)
    if len(keywords) > MAX_KEYWORDS:
        errors.add("keywords", "INVALID", f"Pas plus de {MAX_KEYWORDS} mots-clés par question.")
    question.keywords = "\n".join(keywords)


def _apply_position(question: Question, value, errors: ErrorCollector) -> None:
    if value is None:
        return
    if value < 0:
        errors.add("position", "INVALID", "La position ne peut pas être négative.")
    else:
        question.position = value


def _apply_slug(question: Question, value, errors: ErrorCollector) -> None:
    if not value:  # a blank slug is made from the text when saving
        return
    slug = value.strip()
    try:
        validate_slug(slug)
        if len(slug) > 120:
            raise ValidationError("too long")
    except ValidationError:
        errors.add("slug", "INVALID", "L'identifiant : lettres, chiffres, tirets et soulignés, 120 caractères au plus.")
        return
    if Question.objects.filter(slug=slug).exclude(pk=question.pk).exists():
        errors.add("slug", "UNIQUE", f"L'identifiant « {slug} » est déjà utilisé par une autre question.")
    question.slug = slug


def _apply_contribute_kind(question: Question, value, errors: ErrorCollector) -> None:
    kind = getattr(value, "value", value) or ""
    if kind and kind not in ContributionKind.values:
        errors.add("contribute_kind", "INVALID", f"Type de contribution inconnu : « {kind} ».")
    question.contribute_kind = kind


def _apply_contribute_prompt(question: Question, value, errors: ErrorCollector) -> None:
    prompt = plain_text(value, multiline=False)
    if len(prompt) > 300:
        errors.add("contribute_prompt", "INVALID", "L'invitation à contribuer ne doit pas dépasser 300 caractères.")
    question.contribute_prompt = prompt


def _check_invitation(question: Question, errors: ErrorCollector) -> None:
    """An invitation to contribute names a kind of contribution and its call, or neither."""
    if question.contribute_kind and not question.contribute_prompt:
        errors.add("contribute_prompt", "REQUIRED", "Écrivez l'invitation à contribuer qui accompagne ce type.")
    if question.contribute_prompt and not question.contribute_kind:
        errors.add("contribute_kind", "REQUIRED", "Choisissez le type de contribution auquel l'invitation mène.")


def _apply_status(question: Question, value, errors: ErrorCollector) -> None:
    if value is None:
        return
    status = getattr(value, "value", value)
    if status not in PublicationStatus.values:
        errors.add("status", "INVALID", f"État de publication inconnu : « {status} ».")
    else:
        question.status = status


def _apply_publish_at(question: Question, value, errors: ErrorCollector) -> None:
    if value is not None and timezone.is_naive(value):
        errors.add("publish_at", "INVALID", "Précisez le fuseau horaire de la date.")
    else:
        question.publish_at = value


# A step validates and sanitises one input value onto the (unsaved) question.
FieldStep = Callable[[Question, object, ErrorCollector], None]
CONTENT_STEPS: tuple[tuple[str, FieldStep], ...] = (
    ("text", _apply_text),
    ("answer", _apply_answer),
    ("keywords", _apply_keywords),
    ("position", _apply_position),
    ("slug", _apply_slug),
    ("contribute_kind", _apply_contribute_kind),
    ("contribute_prompt", _apply_contribute_prompt),
)
PUBLICATION_STEPS: tuple[tuple[str, FieldStep], ...] = (
    ("status", _apply_status),
    ("publish_at", _apply_publish_at),
)


def _apply_steps(question: Question, data: dict, errors: ErrorCollector, steps) -> None:
    for name, step in steps:
        if name in data:
            step(question, data[name], errors)


def _apply(question: Question, data: dict, errors: ErrorCollector) -> None:
    """Validate and sanitise ``data`` onto ``question`` (unsaved); absent keys stay as they are."""
    _apply_steps(question, data, errors, CONTENT_STEPS)
    _check_invitation(question, errors)
    _apply_steps(question, data, errors, PUBLICATION_STEPS)


def _link_sources() -> dict:
    """Where each link list's objects come from, and the refusal when one is not there."""
    return {
        "phases": (Phase.objects.all(), "Une des phases n'existe pas dans cet espace."),
        "resources": (Resource.objects.all(), "Une des ressources n'existe pas dans cet espace."),
        "methods": (
            PhaseItem.objects.filter(kind=PhaseItemKind.METHOD),
            "Un des éléments n'est pas une méthode d'une phase de cet espace.",
        ),
        "follow_ups": (Question.objects.all(), "Une des questions de suite n'existe pas dans cet espace."),
    }


def _resolve(errors: ErrorCollector, data: dict, question: Question) -> dict:
    """Objects for the link lists present in ``data`` (objects or primary keys), in order."""
    resolved = {}
    for name, (queryset, message) in _link_sources().items():
        if data.get(name) is None:
            continue
        pks = []
        for value in data[name]:
            pk = getattr(value, "pk", value)
            if pk not in pks:
                pks.append(pk)
        rows = {row.pk: row for row in queryset.filter(pk__in=[pk for pk in pks if pk is not None])}
        if len(rows) != len(pks):
            errors.add(name, "NOT_FOUND", message)
            continue
        if name == "follow_ups" and question.pk is not None and question.pk in rows:
            errors.add(name, "SELF_FOLLOW_UP", "Une question ne peut pas être sa propre suite.")
            continue
        resolved[name] = [rows[pk] for pk in pks]
    return resolved


_THROUGH = {
    "phases": (QuestionPhase, "phase"),
    "resources": (QuestionResource, "resource"),
    "methods": (QuestionMethod, "item"),
    "follow_ups": (QuestionFollowUp, "follow_up"),
}


def _set_links(question: Question, name: str, objects: list) -> None:
    """Make ``objects`` exactly the question's ``name`` links, in this order."""
    model, attr = _THROUGH[name]
    model.objects.filter(question=question).delete()
    model.objects.bulk_create(model(question=question, position=i, **{attr: obj}) for i, obj in enumerate(objects))


def _sync_publication_dates(question: Question) -> None:
    if question.status == PublicationStatus.PUBLISHED and question.published_at is None:
        now = timezone.now()
        question.published_at = question.publish_at if question.publish_at and question.publish_at > now else now


def _question_payload(question: Question) -> dict:
    """Ids and non-personal fields of a question, for its events."""
    return {"slug": question.slug, "text": question.text, "status": str(question.status)}


def _save(ctx: ServiceContext, question: Question, links: dict, *, note: str) -> Question:
    created = question.pk is None
    if not question.slug:
        question.slug = _unique_slug(question.text)
    if created:
        question.position = (
            question.position
            if question.position
            else (Question.objects.order_by("-position").values_list("position", flat=True).first() or -1) + 1
        )
    _sync_publication_dates(question)
    with transaction.atomic():
        try:
            with transaction.atomic():
                question.save()
        except IntegrityError as exc:  # the slug was taken since it was checked
            raise ServiceError.single("UNIQUE", f"L'identifiant « {question.slug} » est déjà utilisé.", "slug") from exc
        for name, objects in links.items():
            _set_links(question, name, objects)
        record_revision(question, actor=ctx.actor, summary=note or ("Création" if created else "Modification"))
        action = "guidance.question_created" if created else "guidance.question_updated"
        changed(ctx, action, question, payload=_question_payload(question))
    return question


def create_question(ctx: ServiceContext, data: dict) -> Question:
    """Create a question (a draft unless ``status`` says otherwise). ``data`` uses model names;
    ``phases``, ``resources``, ``methods`` (phase items of kind method) and ``follow_ups`` are lists
    of objects or primary keys, in order."""
    errors = _errors()
    data = {"text": "", **data}  # a missing text is reported by _apply, like a blank one
    question = Question(status=PublicationStatus.DRAFT)
    _apply(question, data, errors)
    links = _resolve(errors, data, question)
    errors.raise_if_any()
    return _save(ctx, question, links, note=data.get("note", ""))


def update_question(ctx: ServiceContext, question: Question, data: dict) -> Question:
    """Change the given fields; a link list given replaces the current one (its order included)."""
    errors = _errors()
    _apply(question, data, errors)
    links = _resolve(errors, data, question)
    errors.raise_if_any()
    return _save(ctx, question, links, note=data.get("note", ""))


def _data_of(question: Question) -> dict:
    """An instance's current input values, as ``_apply`` takes them."""
    data = {name: getattr(question, name) for name in EDITABLE_FIELDS}
    data["keywords"] = question.keyword_list
    if question.slug:
        data["slug"] = question.slug
    return data


def save_question(ctx: ServiceContext, question: Question, links: dict | None = None) -> Question:
    """Save an instance already carrying its new values (the admin's path), with the same rules;
    ``links``: link lists as ``update_question`` takes them (each one given replaces the current
    one), saved with the question under one revision, audit entry and event."""
    errors = _errors()
    _apply(question, _data_of(question), errors)
    resolved = _resolve(errors, links or {}, question)
    errors.raise_if_any()
    return _save(ctx, question, resolved, note="")


def question_errors(question: Question) -> list[dict]:
    """What ``save_question`` would refuse, without saving (for forms)."""
    probe, errors = copy.copy(question), _errors()
    _apply(probe, _data_of(probe), errors)
    return errors.errors


def link_question(ctx: ServiceContext, question: Question, data: dict) -> Question:
    """Append links (``phases``, ``resources``, ``methods``, ``follow_ups``) at the end of each list;
    links already there stay where they are."""
    errors = _errors()
    links = _resolve(errors, data, question)
    errors.raise_if_any()
    with transaction.atomic():
        for name, objects in links.items():
            model, attr = _THROUGH[name]
            current = list(model.objects.filter(question=question).order_by("position", "id"))
            have = {getattr(link, f"{attr}_id") for link in current}
            start = (current[-1].position + 1) if current else 0
            new = [obj for obj in objects if obj.pk not in have]
            model.objects.bulk_create(
                model(question=question, position=start + i, **{attr: obj}) for i, obj in enumerate(new)
            )
        record_revision(question, actor=ctx.actor, summary="Liens ajoutés")
        changed(ctx, "guidance.question_linked", question, payload=_question_payload(question))
    return question


def unlink_question(ctx: ServiceContext, question: Question, data: dict) -> Question:
    """Remove the given links (those absent are ignored); the others keep their order."""
    errors = _errors()
    links = _resolve(errors, data, question)
    errors.raise_if_any()
    with transaction.atomic():
        for name, objects in links.items():
            model, attr = _THROUGH[name]
            model.objects.filter(question=question, **{f"{attr}__in": objects}).delete()
        record_revision(question, actor=ctx.actor, summary="Liens retirés")
        changed(ctx, "guidance.question_unlinked", question, payload=_question_payload(question))
    return question


def delete_question(ctx: ServiceContext, question: Question) -> None:
    """Delete a question, its links and revisions; searches it answered go back to open."""
    with transaction.atomic():
        changed(ctx, "guidance.question_deleted", question, payload=_question_payload(question))
        question.answered_searches.filter(status=UnansweredStatus.ANSWERED).update(
            status=UnansweredStatus.OPEN, handled_on=None
        )
        revisions_of(question).delete()
        question.delete()


def reorder_questions(ctx: ServiceContext, ordered: list[Question]) -> list[Question]:
    """Give the catalogue this order; ``ordered`` must name every question exactly once."""
    with transaction.atomic():
        all_ids = set(Question.objects.select_for_update().values_list("pk", flat=True))
        ids = [question.pk for question in ordered]
        if len(ids) != len(set(ids)) or set(ids) != all_ids:
            raise ServiceError.single(
                "INVALID_ORDER", "Nommez chaque question du catalogue une fois et une seule.", "ids"
            )
        for position, question in enumerate(ordered):
            question.position = position
        Question.objects.bulk_update(ordered, ["position"])
        changed(ctx, "guidance.questions_reordered", payload={"ids": ids}, summary=f"{len(ordered)} questions")
    return ordered


def install_starter_questions(ctx: ServiceContext, template_key: str):
    """Install the starter questions of a cycle template (idempotent, see ``templates.install``)."""
    question_set = available_question_sets(ctx.tenant).get(template_key)
    if question_set is None:
        raise ServiceError.single(
            "UNKNOWN_TEMPLATE", f"Aucune question de départ pour le modèle « {template_key} ».", "templateKey"
        )
    return install(ctx, question_set, audit=True)


# --- matching and the anonymous log ------------------------------------------------------------


class MatchStatus:
    MATCHED = "matched"
    NO_MATCH = "no_match"
    TOO_VAGUE = "too_vague"


@dataclass
class MatchResult:
    status: str
    matches: list = field(default_factory=list)  # Question rows annotated by matching.match_questions
    term_count: int = 0
    recorded: bool = False


def match(
    text: str, *, limit: int = 5, record_unanswered: bool = True, queryset=None, client: str | None = None
) -> MatchResult:
    """The published questions closest to ``text``, best first (at most ``limit``). Blank input is
    refused (``EMPTY``); input made only of stop words is ``TOO_VAGUE`` (nothing recorded). When no
    question is a close match, the search is counted in the anonymous log (``recorded``). It takes no
    ``ServiceContext`` on purpose: who searched must not reach the log, and counting a search is
    neither an audited change nor an event (anyone may search, as often as they like). ``client``
    (the caller's address; None: not limited, e.g. the CLI) only counts, in the cache, how many
    searches that client had logged: past ``MAX_RECORDED_PER_CLIENT`` in the window, nothing more
    is logged for it."""
    text = text or ""
    if len(text) > matching.MAX_INPUT:
        raise ServiceError.single(
            "TOO_LONG", f"Écrivez votre question en {matching.MAX_INPUT} caractères au plus.", "text"
        )
    terms = matching.terms_of(text)
    if not terms.had_words:
        raise ServiceError.single("EMPTY", "Écrivez votre question avec vos mots.", "text")
    if not terms.lexemes:
        return MatchResult(status=MatchStatus.TOO_VAGUE)
    queryset = Question.objects.visible() if queryset is None else queryset
    rows = list(matching.match_questions(queryset, terms)[: max(1, min(limit, MAX_MATCHES))])
    total = len(terms.lexemes)
    if any(matching.is_close(row.matched_terms, total) for row in rows):
        return MatchResult(status=MatchStatus.MATCHED, matches=rows, term_count=total)
    recorded = record_unanswered and _client_may_record(client) and _count_unanswered(text, terms)
    return MatchResult(status=MatchStatus.NO_MATCH, matches=rows, term_count=total, recorded=recorded)


def _client_may_record(client: str | None) -> bool:
    """Count one logged search for ``client``; False once it reached its allowance (nothing counted)."""
    if client is None:
        return True
    key = f"guidance:unanswered:{connection.schema_name}:{client or 'unknown'}"
    if ratelimit.count(cache, key) >= MAX_RECORDED_PER_CLIENT:
        return False
    ratelimit.hit(cache, key, RECORD_WINDOW_SECONDS)
    return True


def _evict_oldest_open() -> None:
    """Make room for one new open row: drop the open rows seen least recently, then least counted."""
    extra = UnansweredSearch.objects.filter(status=UnansweredStatus.OPEN).count() - MAX_OPEN_UNANSWERED + 1
    if extra > 0:
        oldest = UnansweredSearch.objects.filter(status=UnansweredStatus.OPEN).order_by("last_seen_on", "count", "id")[
            :extra
        ]
        UnansweredSearch.objects.filter(pk__in=list(oldest.values_list("pk", flat=True))).delete()


def _count_unanswered(text: str, terms: matching.Terms) -> bool:
    """Count the search in the log: one row per set of meaningful terms. Nothing about who searched
    is written (no person, no address, days only). Safe under concurrency (unique key)."""
    today, key = timezone.localdate(), terms.key[:400]
    existing = UnansweredSearch.objects.filter(key=key)
    if existing.update(count=F("count") + 1, last_seen_on=today):
        return True
    try:
        with transaction.atomic():
            _evict_oldest_open()
            UnansweredSearch.objects.create(
                key=key, text=matching.normalise_for_log(text), first_seen_on=today, last_seen_on=today
            )
    except IntegrityError:  # the same search was logged concurrently: count it there
        existing.update(count=F("count") + 1, last_seen_on=today)
    return True


def handle_unanswered(
    ctx: ServiceContext, search: UnansweredSearch, status: str, *, question: Question | None = None
) -> UnansweredSearch:
    """Mark a search answered (by ``question``, required), dismissed, or open again."""
    status = getattr(status, "value", status)
    if status not in UnansweredStatus.values:
        raise ServiceError.single("INVALID", f"État inconnu : « {status} ».", "status")
    if status == UnansweredStatus.ANSWERED and question is None:
        raise ServiceError.single("REQUIRED", "Indiquez la question qui répond à cette recherche.", "questionId")
    search.status = status
    search.question = question if status == UnansweredStatus.ANSWERED else None
    search.handled_on = None if status == UnansweredStatus.OPEN else timezone.localdate()
    with transaction.atomic():
        search.save()
        label = {"answered": "traitée", "dismissed": "écartée", "open": "rouverte"}[status]
        # The payload leaves out what was typed: people sometimes type personal details.
        changed(
            ctx,
            "guidance.unanswered_handled",
            search,
            payload={"status": status, "questionId": search.question_id},
            summary=f"« {search.text} » {label}" + (f" → {question.text}" if search.question else ""),
        )
    return search


def delete_unanswered(ctx: ServiceContext, search: UnansweredSearch) -> None:
    """Forget a logged search (e.g. someone typed something personal): neither the journal nor
    the event keeps what was typed."""
    with transaction.atomic():
        changed(ctx, "guidance.unanswered_deleted", search, summary="Recherche sans réponse supprimée")
        search.delete()
