"""The step-by-step route a question leads to, in the order a person walks it: the question
itself, the phase(s) of the cycle it belongs to, the resources and methods that answer it, the
questions that usually come next, and an invitation to contribute. Empty steps are left out.

Built from lists the caller already filtered for the viewer (readers: published only), so the
same function serves readers and staff previews.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class StepKind:
    QUESTION = "question"
    PHASE = "phase"
    RESOURCES = "resources"
    METHODS = "methods"
    FOLLOW_UPS = "follow_ups"
    CONTRIBUTE = "contribute"


@dataclass
class Contribute:
    """The invitation at the end of the path: which kind of contribution, and the French call."""

    kind: str
    prompt: str
    question: object = None


@dataclass
class Step:
    position: int
    kind: str
    title: str
    phase: object = None
    resources: list = field(default_factory=list)
    methods: list = field(default_factory=list)
    follow_ups: list = field(default_factory=list)
    contribute: Contribute | None = None


@dataclass
class Path:
    question: object
    phases: list
    resources: list
    methods: list
    follow_ups: list
    contribute: Contribute | None
    steps: list = field(default_factory=list)


def contribute_of(question) -> Contribute | None:
    if not question.contribute_kind:
        return None
    return Contribute(kind=question.contribute_kind, prompt=question.contribute_prompt, question=question)


def build_path(question, *, phases, resources, methods, follow_ups) -> Path:
    contribute = contribute_of(question)
    steps: list[Step] = [Step(0, StepKind.QUESTION, "Votre question")]
    for phase in phases:
        steps.append(Step(len(steps), StepKind.PHASE, f"Où cela se joue : {phase.title}", phase=phase))
    if resources:
        steps.append(Step(len(steps), StepKind.RESOURCES, "Des ressources pour y répondre", resources=resources))
    if methods:
        steps.append(Step(len(steps), StepKind.METHODS, "Des méthodes à essayer", methods=methods))
    if follow_ups:
        steps.append(Step(len(steps), StepKind.FOLLOW_UPS, "Pour aller plus loin", follow_ups=follow_ups))
    if contribute is not None:
        steps.append(Step(len(steps), StepKind.CONTRIBUTE, "À vous de contribuer", contribute=contribute))
    return Path(
        question=question,
        phases=phases,
        resources=resources,
        methods=methods,
        follow_ups=follow_ups,
        contribute=contribute,
        steps=steps,
    )
