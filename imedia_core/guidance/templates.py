"""Starter questions shipped per cycle template, and installing them in a programme.

Plugins contribute ``QuestionSet`` objects through ``imedia_guidance_question_sets()``; a set is
keyed by the cycle template it goes with. Installing one copies its questions into the current
tenant schema, published, linked to the active cycle's phases and methods and to resources by
slug; a question whose slug exists already is skipped (the local team may have edited it), so
installing twice changes nothing.

Plugins reach these names through ``imedia_core.plugin_api``, which loads this module only once
the apps are ready (plugin data modules are imported inside their hooks), so models are imported
here at module level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from imedia_core.changes import changed
from imedia_core.content.models import PublicationStatus
from imedia_core.content.revisions import record_revision
from imedia_core.content.sanitize import clean_html
from imedia_core.context import ServiceContext
from imedia_core.cycle.models import Phase, PhaseItem, PhaseItemKind
from imedia_core.cycle.templates import as_tuple
from imedia_core.library.models import Resource
from imedia_core.participation.models import ContributionKind
from imedia_core.pluginhost.manager import collect_keyed

from .models import Question, QuestionFollowUp, QuestionMethod, QuestionPhase, QuestionResource

SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+$")


@dataclass(frozen=True)
class MethodRef:
    """A method of a phase, named by the phase's slug and the method's title (as in the cycle template)."""

    phase: str
    title: str


@dataclass(frozen=True)
class QuestionTemplate:
    """A starter question: ``phases``/``resources`` are slugs (of the cycle template's phases and of
    resources), ``methods`` MethodRef objects or ``(phase_slug, title)`` pairs, ``follow_ups`` slugs of
    questions of the same set, ``answer`` HTML (sanitised on install), ``keywords`` other ways to say it."""

    slug: str
    text: str
    answer: str = ""
    keywords: tuple = ()
    phases: tuple = ()
    resources: tuple = ()
    methods: tuple = ()
    follow_ups: tuple = ()
    contribute_kind: str = ""
    contribute_prompt: str = ""

    def __post_init__(self):
        for name in ("keywords", "phases", "resources", "follow_ups"):
            object.__setattr__(self, name, as_tuple(getattr(self, name)))
        methods = []
        for method in as_tuple(self.methods) if not isinstance(self.methods, MethodRef) else (self.methods,):
            if isinstance(method, tuple) and len(method) == 2:
                method = MethodRef(*method)
            if not isinstance(method, MethodRef):
                raise TypeError(f"question {self.slug!r}: methods holds {method!r}, not a MethodRef")
            methods.append(method)
        object.__setattr__(self, "methods", tuple(methods))
        if not SLUG_RE.match(self.slug or "") or len(self.slug) > 120:
            raise ValueError(f"question {self.slug!r}: invalid slug")
        if not self.text.strip() or len(self.text) > 300:
            raise ValueError(f"question {self.slug!r}: text must be 1 to 300 characters")
        if self.contribute_kind and self.contribute_kind not in ContributionKind.values:
            raise ValueError(f"question {self.slug!r}: unknown contribute kind {self.contribute_kind!r}")
        if bool(self.contribute_kind) != bool(self.contribute_prompt.strip()):
            raise ValueError(f"question {self.slug!r}: a contribute kind goes with a prompt, and the reverse")
        if len(self.contribute_prompt) > 300:
            raise ValueError(f"question {self.slug!r}: contribute prompt longer than 300 characters")
        if self.slug in self.follow_ups:
            raise ValueError(f"question {self.slug!r}: a question cannot follow itself")
        for name in ("phases", "resources", "follow_ups"):
            values = getattr(self, name)
            if len(set(values)) != len(values):
                raise ValueError(f"question {self.slug!r}: {name} lists a slug twice")


@dataclass(frozen=True)
class QuestionSet:
    """The starter questions of one cycle template (``key`` is the cycle template's key)."""

    key: str
    questions: tuple = field(default_factory=tuple)

    def __post_init__(self):
        object.__setattr__(self, "questions", as_tuple(self.questions))
        slugs = [question.slug for question in self.questions]
        if len(set(slugs)) != len(slugs):
            raise ValueError(f"question set {self.key!r}: two questions share a slug")
        for question in self.questions:
            if not isinstance(question, QuestionTemplate):
                raise TypeError(f"question set {self.key!r}: {question!r} is not a QuestionTemplate")
            unknown = set(question.follow_ups) - set(slugs)
            if unknown:
                raise ValueError(f"question set {self.key!r}, {question.slug!r}: unknown follow-ups {sorted(unknown)}")


def available_question_sets(tenant=None) -> dict[str, QuestionSet]:
    """Sets contributed by the installed plugins (those ``tenant`` enabled, when given), by cycle
    template key; the first plugin to use a key wins."""
    return collect_keyed("imedia_guidance_question_sets", tenant)


def check_against_cycle(question_set: QuestionSet, cycle_template) -> list[str]:
    """What in ``question_set`` the cycle template does not provide (phase slugs, resource slugs of
    its starter resources, methods of its phases); empty when everything resolves."""
    phases = {phase.slug: phase for phase in cycle_template.phases}
    resources = {resource.slug for resource in cycle_template.starter_resources}
    problems = []
    for question in question_set.questions:
        problems += [f"{question.slug}: phase {slug!r}" for slug in question.phases if slug not in phases]
        problems += [f"{question.slug}: resource {slug!r}" for slug in question.resources if slug not in resources]
        for method in question.methods:
            phase = phases.get(method.phase)
            if phase is None or method.title not in {item.title for item in phase.methods}:
                problems.append(f"{question.slug}: method {method.phase!r}/{method.title!r}")
    return problems


@dataclass
class InstallReport:
    """What installing a set did: questions created, those skipped (slug already present), and
    links that could not be resolved in this programme (``"phase:<slug>"`` …)."""

    created: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    unresolved: list = field(default_factory=list)


@dataclass
class _LinkTargets:
    """What starter questions can link to in this programme, by the names templates use: phases
    of the active cycle and their methods, resources by slug."""

    phases: dict  # phase slug -> Phase
    resources: dict  # resource slug -> Resource
    methods: dict  # (phase slug, method title) -> PhaseItem

    @classmethod
    def for_questions(cls, specs: list[QuestionTemplate]) -> _LinkTargets:
        methods = PhaseItem.objects.filter(phase__cycle__is_active=True, kind=PhaseItemKind.METHOD)
        return cls(
            phases={p.slug: p for p in Phase.objects.filter(cycle__is_active=True)},
            resources={r.slug: r for r in Resource.objects.filter(slug__in={s for q in specs for s in q.resources})},
            methods={(item.phase.slug, item.title): item for item in methods.select_related("phase")},
        )


def _resolved(keys: list, lookup: dict, labels: list[str], report: InstallReport) -> list:
    """The objects ``keys`` name in ``lookup``, in order; the labels of the missing ones go to
    ``report.unresolved``."""
    report.unresolved += [label for key, label in zip(keys, labels, strict=True) if key not in lookup]
    return [lookup[key] for key in keys if key in lookup]


def _link(model, attr: str, question: Question, objects: list) -> None:
    model.objects.bulk_create(model(question=question, position=i, **{attr: obj}) for i, obj in enumerate(objects))


def _create_question(spec: QuestionTemplate, position: int, now) -> Question:
    return Question.objects.create(
        slug=spec.slug,
        text=spec.text,
        answer=clean_html(spec.answer),
        keywords="\n".join(spec.keywords),
        position=position,
        contribute_kind=spec.contribute_kind,
        contribute_prompt=spec.contribute_prompt,
        status=PublicationStatus.PUBLISHED,
        published_at=now,
    )


def _link_targets(question: Question, spec: QuestionTemplate, targets: _LinkTargets, report: InstallReport) -> None:
    """Link a new question to the phases, resources and methods its template names."""
    phases = _resolved(list(spec.phases), targets.phases, [f"phase:{s}" for s in spec.phases], report)
    _link(QuestionPhase, "phase", question, phases)
    resources = _resolved(list(spec.resources), targets.resources, [f"resource:{s}" for s in spec.resources], report)
    _link(QuestionResource, "resource", question, resources)
    method_keys = [(m.phase, m.title) for m in spec.methods]
    method_labels = [f"method:{m.phase}/{m.title}" for m in spec.methods]
    _link(QuestionMethod, "item", question, _resolved(method_keys, targets.methods, method_labels, report))


def _link_follow_ups(specs: list[QuestionTemplate], created: dict[str, Question]) -> None:
    """Follow-ups, once every question exists; existing questions are reused, never changed."""
    targets = {q.slug: q for q in Question.objects.filter(slug__in={s for q in specs for s in q.follow_ups})}
    for spec in specs:
        _link(QuestionFollowUp, "follow_up", created[spec.slug], [targets[s] for s in spec.follow_ups if s in targets])


def install(ctx: ServiceContext, question_set: QuestionSet, *, audit: bool = True) -> InstallReport:
    """Install ``question_set`` in the current schema (see the module docstring). ``audit=False``
    when something else journals the installation (provisioning, demo seeds): the event stays."""
    report = InstallReport()
    now = timezone.now()
    with transaction.atomic():
        slugs = [q.slug for q in question_set.questions]
        existing = set(Question.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        wanted = [q for q in question_set.questions if q.slug not in existing]
        report.skipped = [slug for slug in slugs if slug in existing]
        targets = _LinkTargets.for_questions(wanted)
        start = (Question.objects.order_by("-position").values_list("position", flat=True).first() or -1) + 1
        created: dict[str, Question] = {}
        for index, spec in enumerate(wanted):
            created[spec.slug] = _create_question(spec, start + index, now)
            _link_targets(created[spec.slug], spec, targets, report)
        _link_follow_ups(wanted, created)
        for question in created.values():
            summary = f"Installée depuis les questions de départ « {question_set.key} »"
            record_revision(question, actor=ctx.actor, summary=summary)
        report.created = list(created)
        if created:
            changed(
                ctx,
                "guidance.starter_installed",
                payload={"templateKey": question_set.key, "created": report.created},
                summary=f"{len(created)} question(s) de départ installée(s) (modèle « {question_set.key} »)",
                audit=audit,
            )
    return report


def install_question_set(ctx: ServiceContext, cycle_template_key: str, *, tenant=None, audit: bool = False) -> int:
    """Install the starter questions of ``cycle_template_key`` in the current schema; return how many
    were created (0 when no plugin ships a set for that key; ``tenant``: only sets of the plugins it
    enabled). Called when a programme is provisioned (the provisioning journal already records the
    creation, hence no audit entry by default)."""
    question_set = available_question_sets(tenant).get(cycle_template_key)
    if question_set is None:
        return 0
    return len(install(ctx, question_set, audit=audit).created)
