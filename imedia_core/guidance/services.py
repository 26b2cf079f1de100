"""Business rules of the guided path: every write goes through here (GraphQL, admin, demo).

Staff functions validate, sanitise (``clean_html`` for the answer, plain text elsewhere), save in
one transaction, record a revision of the question and an audit entry, and raise
``GuidanceError`` (``{field, code, message}``, French messages) before writing anything.
``match`` is the public side: it reads the catalogue and, when nothing answers, counts the search
in the anonymous log.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from imedia_core.audit.log import record
from imedia_core.content.models import PublicationStatus
from imedia_core.content.revisions import record_revision, revisions_of
from imedia_core.content.sanitize import clean_html, plain_text
from imedia_core.errors import ServiceError
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

MAX_KEYWORDS = 30
MAX_KEYWORD_LENGTH = 100
MAX_MATCHES = 20
# Past this many open rows, new unanswered searches are not logged (existing ones still count):
# an anonymous write path must not let anyone fill the table.
MAX_OPEN_UNANSWERED = 5000


class GuidanceError(ServiceError):
    """A refused change to the guided path (codes from ``GuidanceErrorCode``)."""


class _Errors:
    def __init__(self):
        self.items: list[dict] = []

    def add(self, field: str | None, code: str, message: str):
        self.items.append({"field": field, "code": code, "message": message})

    def raise_if_any(self):
        if self.items:
            raise GuidanceError(self.items)


# --- questions ---------------------------------------------------------------------------------

LINK_FIELDS = ("phases", "resources", "methods", "follow_ups")


def _unique_slug(base: str, *, exclude_pk=None) -> str:
    base = (slugify(base) or "question")[:120].strip("-") or "question"
    taken = set(Question.objects.filter(slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True))
    candidate, n = base, 2
    while candidate in taken:
        suffix = f"-{n}"
        candidate = f"{base[: 120 - len(suffix)].rstrip('-')}{suffix}"
        n += 1
    return candidate


def _clean_keywords(errors: _Errors, values) -> str:
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
    return "\n".join(keywords)


def _apply(question: Question, data: dict, errors: _Errors) -> None:
    """Validate and sanitise ``data`` onto ``question`` (unsaved); absent keys stay as they are."""
    if "text" in data:
        text = plain_text(data["text"], multiline=False)
        if not text:
            errors.add("text", "REQUIRED", "Écrivez la question telle que les gens la posent.")
        elif len(text) > 300:
            errors.add("text", "INVALID", "La question ne doit pas dépasser 300 caractères.")
        question.text = text
    if "answer" in data:
        question.answer = clean_html(data["answer"] or "")
    if "keywords" in data:
        question.keywords = _clean_keywords(errors, data["keywords"])
    if "position" in data and data["position"] is not None:
        if data["position"] < 0:
            errors.add("position", "INVALID", "La position ne peut pas être négative.")
        else:
            question.position = data["position"]
    if data.get("slug"):
        slug = data["slug"].strip()
        try:
            validate_slug(slug)
            if len(slug) > 120:
                raise ValidationError("too long")
        except ValidationError:
            errors.add(
                "slug", "INVALID", "L'identifiant : lettres, chiffres, tirets et soulignés, 120 caractères au plus."
            )
        else:
            if Question.objects.filter(slug=slug).exclude(pk=question.pk).exists():
                errors.add("slug", "UNIQUE", f"L'identifiant « {slug} » est déjà utilisé par une autre question.")
            question.slug = slug
    if "contribute_kind" in data:
        kind = getattr(data["contribute_kind"], "value", data["contribute_kind"]) or ""
        if kind and kind not in ContributionKind.values:
            errors.add("contributeKind", "INVALID", f"Type de contribution inconnu : « {kind} ».")
        question.contribute_kind = kind
    if "contribute_prompt" in data:
        prompt = plain_text(data["contribute_prompt"], multiline=False)
        if len(prompt) > 300:
            errors.add("contributePrompt", "INVALID", "L'invitation à contribuer ne doit pas dépasser 300 caractères.")
        question.contribute_prompt = prompt
    if question.contribute_kind and not question.contribute_prompt:
        errors.add("contributePrompt", "REQUIRED", "Écrivez l'invitation à contribuer qui accompagne ce type.")
    if question.contribute_prompt and not question.contribute_kind:
        errors.add("contributeKind", "REQUIRED", "Choisissez le type de contribution auquel l'invitation mène.")
    if "status" in data and data["status"] is not None:
        status = getattr(data["status"], "value", data["status"])
        if status not in PublicationStatus.values:
            errors.add("status", "INVALID", f"État de publication inconnu : « {status} ».")
        else:
            question.status = status
    if "publish_at" in data:
        publish_at = data["publish_at"]
        if publish_at is not None and timezone.is_naive(publish_at):
            errors.add("publishAt", "INVALID", "Précisez le fuseau horaire de la date.")
        else:
            question.publish_at = publish_at


def _resolve(errors: _Errors, data: dict, question: Question) -> dict:
    """Objects for the link lists present in ``data`` (objects or primary keys), in order."""
    from imedia_core.cycle.models import Phase, PhaseItem, PhaseItemKind
    from imedia_core.library.models import Resource

    sources = {
        "phases": (Phase.objects.all(), "Une des phases n'existe pas dans cet espace."),
        "resources": (Resource.objects.all(), "Une des ressources n'existe pas dans cet espace."),
        "methods": (
            PhaseItem.objects.filter(kind=PhaseItemKind.METHOD),
            "Un des éléments n'est pas une méthode d'une phase de cet espace.",
        ),
        "follow_ups": (Question.objects.all(), "Une des questions de suite n'existe pas dans cet espace."),
    }
    resolved = {}
    for name, (queryset, message) in sources.items():
        if data.get(name) is None:
            continue
        api_name = "followUps" if name == "follow_ups" else name
        pks = []
        for value in data[name]:
            pk = getattr(value, "pk", value)
            if pk not in pks:
                pks.append(pk)
        rows = {row.pk: row for row in queryset.filter(pk__in=[pk for pk in pks if pk is not None])}
        if len(rows) != len(pks):
            errors.add(api_name, "NOT_FOUND", message)
            continue
        if name == "follow_ups" and question.pk is not None and question.pk in rows:
            errors.add(api_name, "SELF_FOLLOW_UP", "Une question ne peut pas être sa propre suite.")
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


def _save(question: Question, links: dict, *, actor, via: str, note: str) -> Question:
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
            raise GuidanceError.single(
                "UNIQUE", f"L'identifiant « {question.slug} » est déjà utilisé.", "slug"
            ) from exc
        for name, objects in links.items():
            _set_links(question, name, objects)
        record_revision(question, actor=actor, summary=note or ("Création" if created else "Modification"))
        record(
            "guidance.question_created" if created else "guidance.question_updated",
            summary=question.text,
            target=question,
            actor=actor,
            via=via,
        )
    return question


def create_question(data: dict, *, actor=None, via: str = "") -> Question:
    """Create a question (a draft unless ``status`` says otherwise). ``data`` uses model names;
    ``phases``, ``resources``, ``methods`` (phase items of kind method) and ``follow_ups`` are lists
    of objects or primary keys, in order."""
    errors = _Errors()
    data = {"text": "", **data}  # a missing text is reported by _apply, like a blank one
    question = Question(status=PublicationStatus.DRAFT)
    _apply(question, data, errors)
    links = _resolve(errors, data, question)
    errors.raise_if_any()
    return _save(question, links, actor=actor, via=via, note=data.get("note", ""))


def update_question(question: Question, data: dict, *, actor=None, via: str = "") -> Question:
    """Change the given fields; a link list given replaces the current one (its order included)."""
    errors = _Errors()
    _apply(question, data, errors)
    links = _resolve(errors, data, question)
    errors.raise_if_any()
    return _save(question, links, actor=actor, via=via, note=data.get("note", ""))


def save_question(question: Question, *, actor=None, via: str = "") -> Question:
    """Save an instance already carrying its new values (the admin's path), with the same rules."""
    errors = _Errors()
    data = {
        name: getattr(question, name)
        for name in ("text", "answer", "position", "contribute_kind", "contribute_prompt", "status", "publish_at")
    }
    data["keywords"] = question.keyword_list
    if question.slug:
        data["slug"] = question.slug
    _apply(question, data, errors)
    errors.raise_if_any()
    return _save(question, {}, actor=actor, via=via, note="")


def question_errors(question: Question) -> list[dict]:
    """What ``save_question`` would refuse, without saving (for forms)."""
    import copy

    probe, errors = copy.copy(question), _Errors()
    data = {
        name: getattr(probe, name)
        for name in ("text", "answer", "position", "contribute_kind", "contribute_prompt", "status", "publish_at")
    }
    data["keywords"] = probe.keyword_list
    if probe.slug:
        data["slug"] = probe.slug
    _apply(probe, data, errors)
    return errors.items


def link_question(question: Question, data: dict, *, actor=None, via: str = "") -> Question:
    """Append links (``phases``, ``resources``, ``methods``, ``follow_ups``) at the end of each list;
    links already there stay where they are."""
    errors = _Errors()
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
        record_revision(question, actor=actor, summary="Liens ajoutés")
        record("guidance.question_linked", summary=question.text, target=question, actor=actor, via=via)
    return question


def unlink_question(question: Question, data: dict, *, actor=None, via: str = "") -> Question:
    """Remove the given links (those absent are ignored); the others keep their order."""
    errors = _Errors()
    links = _resolve(errors, data, question)
    errors.raise_if_any()
    with transaction.atomic():
        for name, objects in links.items():
            model, attr = _THROUGH[name]
            model.objects.filter(question=question, **{f"{attr}__in": objects}).delete()
        record_revision(question, actor=actor, summary="Liens retirés")
        record("guidance.question_unlinked", summary=question.text, target=question, actor=actor, via=via)
    return question


def delete_question(question: Question, *, actor=None, via: str = "") -> None:
    """Delete a question, its links and revisions; searches it answered go back to open."""
    with transaction.atomic():
        record("guidance.question_deleted", summary=question.text, target=question, actor=actor, via=via)
        question.answered_searches.filter(status=UnansweredStatus.ANSWERED).update(
            status=UnansweredStatus.OPEN, handled_on=None
        )
        revisions_of(question).delete()
        question.delete()


def reorder_questions(ordered: list[Question], *, actor=None, via: str = "") -> list[Question]:
    """Give the catalogue this order; ``ordered`` must name every question exactly once."""
    with transaction.atomic():
        all_ids = set(Question.objects.select_for_update().values_list("pk", flat=True))
        ids = [question.pk for question in ordered]
        if len(ids) != len(set(ids)) or set(ids) != all_ids:
            raise GuidanceError.single(
                "INVALID_ORDER", "Nommez chaque question du catalogue une fois et une seule.", "ids"
            )
        for position, question in enumerate(ordered):
            question.position = position
        Question.objects.bulk_update(ordered, ["position"])
        record("guidance.questions_reordered", summary=f"{len(ordered)} questions", actor=actor, via=via)
    return ordered


def install_starter_questions(template_key: str, *, tenant=None, actor=None, via: str = ""):
    """Install the starter questions of a cycle template (idempotent, see ``templates.install``)."""
    from .templates import available_question_sets, install

    question_set = available_question_sets(tenant).get(template_key)
    if question_set is None:
        raise GuidanceError.single(
            "UNKNOWN_TEMPLATE", f"Aucune question de départ pour le modèle « {template_key} ».", "templateKey"
        )
    return install(question_set, actor=actor, via=via, audit=True)


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


def match(text: str, *, limit: int = 5, record_unanswered: bool = True, queryset=None) -> MatchResult:
    """The published questions closest to ``text``, best first (at most ``limit``). Blank input is
    refused (``EMPTY``); input made only of stop words is ``TOO_VAGUE`` (nothing recorded). When no
    question is a close match, the search is counted in the anonymous log (``recorded``)."""
    text = text or ""
    if len(text) > matching.MAX_INPUT:
        raise GuidanceError.single(
            "TOO_LONG", f"Écrivez votre question en {matching.MAX_INPUT} caractères au plus.", "text"
        )
    terms = matching.terms_of(text)
    if not terms.had_words:
        raise GuidanceError.single("EMPTY", "Écrivez votre question avec vos mots.", "text")
    if not terms.lexemes:
        return MatchResult(status=MatchStatus.TOO_VAGUE)
    queryset = Question.objects.visible() if queryset is None else queryset
    rows = list(matching.match_questions(queryset, terms)[: max(1, min(limit, MAX_MATCHES))])
    total = len(terms.lexemes)
    if any(matching.is_close(row.matched_terms, total) for row in rows):
        return MatchResult(status=MatchStatus.MATCHED, matches=rows, term_count=total)
    recorded = record_unanswered and _count_unanswered(text, terms)
    return MatchResult(status=MatchStatus.NO_MATCH, matches=rows, term_count=total, recorded=recorded)


def _count_unanswered(text: str, terms: matching.Terms) -> bool:
    """Count the search in the log: one row per set of meaningful terms. Nothing about who searched
    is written (no person, no address, days only). Safe under concurrency (unique key)."""
    today, key = timezone.localdate(), terms.key[:400]
    existing = UnansweredSearch.objects.filter(key=key)
    if existing.update(count=F("count") + 1, last_seen_on=today):
        return True
    if UnansweredSearch.objects.filter(status=UnansweredStatus.OPEN).count() >= MAX_OPEN_UNANSWERED:
        return False
    try:
        with transaction.atomic():
            UnansweredSearch.objects.create(
                key=key, text=matching.normalise_for_log(text), first_seen_on=today, last_seen_on=today
            )
    except IntegrityError:  # the same search was logged concurrently: count it there
        existing.update(count=F("count") + 1, last_seen_on=today)
    return True


def handle_unanswered(
    search: UnansweredSearch, status: str, *, question: Question | None = None, actor=None, via: str = ""
) -> UnansweredSearch:
    """Mark a search answered (by ``question``, required), dismissed, or open again."""
    status = getattr(status, "value", status)
    if status not in UnansweredStatus.values:
        raise GuidanceError.single("INVALID", f"État inconnu : « {status} ».", "status")
    if status == UnansweredStatus.ANSWERED and question is None:
        raise GuidanceError.single("REQUIRED", "Indiquez la question qui répond à cette recherche.", "questionId")
    search.status = status
    search.question = question if status == UnansweredStatus.ANSWERED else None
    search.handled_on = None if status == UnansweredStatus.OPEN else timezone.localdate()
    with transaction.atomic():
        search.save()
        label = {"answered": "traitée", "dismissed": "écartée", "open": "rouverte"}[status]
        record(
            "guidance.unanswered_handled",
            summary=f"« {search.text} » {label}" + (f" → {question.text}" if search.question else ""),
            target=search,
            actor=actor,
            via=via,
        )
    return search


def delete_unanswered(search: UnansweredSearch, *, actor=None, via: str = "") -> None:
    """Forget a logged search (e.g. someone typed something personal)."""
    with transaction.atomic():
        record("guidance.unanswered_deleted", summary="Recherche sans réponse supprimée", actor=actor, via=via)
        search.delete()
