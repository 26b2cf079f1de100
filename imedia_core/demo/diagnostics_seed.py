"""Demo self-diagnostics: the programme's shipped diagnostic and a group with two past, closed
runs months apart — progress on some dimensions, disagreement on some items — and the group's
conclusions. Call inside the tenant's schema, after its cycle and content; running it again
creates nothing (the group is found by slug, its runs by title)."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from imedia_core.context import Channel, ServiceContext
from imedia_core.diagnostics import services
from imedia_core.diagnostics.models import Diagnostic, Group, Run, RunStatus
from imedia_core.diagnostics.templates import available_diagnostic_templates

CYCLE_OF = {
    "formation_sud": "amelioration_continue_formation",
    "rsa94": "participation_rsa",
    "cc_villeneuve": "conseils_citoyens",
}
GROUPS = {
    "formation_sud": "Comité des stagiaires — Marseille",
    "rsa94": "Groupe ressource des allocataires — Créteil",
    "cc_villeneuve": "Conseil citoyen des Hauts-de-Villeneuve",
}
# Per run: title, how many days before the seeding it was held (recent enough that the
# evaluation's default twelve-month period shows both runs and the progress between them), and
# one answer profile per participant (option index for each item, in questionnaire order; None =
# left unanswered). Profiles are built from these base levels.
RUNS = (
    ("Premier autodiagnostic", 240),
    ("Autodiagnostic de mi-parcours", 42),
)
CONCLUSIONS = {
    0: (
        "Le groupe se retrouve sur un constat : nous savons mobiliser au départ, mais nous ne rendons "
        "pas assez compte de ce que deviennent les propositions. Les avis divergent fortement sur la "
        "place réelle de notre parole dans les décisions.",
        "1. Obtenir une réponse écrite à chaque proposition.\n2. Présenter le tableau « Vous avez dit, "
        "nous avons fait » à chaque rencontre.",
    ),
    1: (
        "Nette progression sur le retour aux participants depuis le printemps : les réponses arrivent. "
        "Le désaccord persiste sur l'accueil des nouveaux membres, à retravailler ensemble.",
        "1. Organiser un accueil des nouveaux membres en binôme.\n2. Refaire le point dans six mois.",
    ),
}


def _profiles(run_index: int, dimension_count: int, items_per_dimension: list[int]) -> list[list[int | None]]:
    """Answer sets for one run, deterministic. Run 0: low on the last dimensions; run 1: those
    rise (progress); the first dimension's second item splits the group (disagreement)."""
    people = 6 if run_index == 0 else 7
    sets = []
    for person in range(people):
        answers: list[int | None] = []
        for d, count in enumerate(items_per_dimension):
            if d == 0:
                base = 2  # steady
            elif d >= dimension_count - 2:
                base = 0 if run_index == 0 else 2  # the priorities of the first run: clear progress
            else:
                base = 1 + run_index  # some progress
            for i in range(count):
                if d == 0 and i == 1:
                    value = 0 if person % 2 else 3  # half "pas du tout", half "tout à fait"
                elif d == dimension_count - 1 and i == count - 1:
                    value = (person + run_index) % 4  # spread across the whole scale
                else:
                    value = max(
                        0, min(3, base + (1 if (person + i) % 3 == 0 else 0) - (1 if (person + d) % 5 == 0 else 0))
                    )
                if (person, d, i) == (people - 1, 1, 0):
                    value = None  # one person skipped an item: missing answers are reported
                answers.append(value)
        sets.append(answers)
    return sets


@transaction.atomic
def seed(key: str) -> str:
    """Seed the demo diagnostic runs of programme ``key`` in the current schema."""
    cycle_key = CYCLE_OF[key]
    template = next(t for t in available_diagnostic_templates().values() if t.cycle_template_key == cycle_key)
    ctx = ServiceContext.system(Channel.DEMO)
    diagnostic, _ = services.install(ctx, template, audit=False)
    diagnostic = Diagnostic.objects.get(pk=diagnostic.pk)
    group_name = GROUPS[key]
    items = list(diagnostic.items.order_by("position", "id"))
    dimensions = list(diagnostic.dimensions.order_by("position", "id"))
    per_dimension = [sum(1 for item in items if item.dimension_id == d.pk) for d in dimensions]
    created = 0
    for index, (title, days_ago) in enumerate(RUNS):
        held_on = timezone.localdate() - timedelta(days=days_ago)
        group = Group.objects.filter(name=group_name).first()
        if group is not None and Run.objects.filter(group=group, diagnostic=diagnostic, title=title).exists():
            continue
        run = services.open_run(ctx, diagnostic, group_name=group_name, title=title, held_on=held_on)
        for answers in _profiles(index, len(dimensions), per_dimension):
            pairs = [(item.pk, value) for item, value in zip(items, answers, strict=True) if value is not None]
            services.submit_answers(ctx, run.code, pairs)
        conclusions, priorities = CONCLUSIONS[index]
        services.conclude_run(ctx, run, conclusions=conclusions, priorities=priorities)
        services.close_run(ctx, run)
        created += 1
    runs = Run.objects.filter(diagnostic=diagnostic, group__name=group_name, status=RunStatus.CLOSED).count()
    return f"Autodiagnostic « {diagnostic.title} » : {runs} passations clôturées pour « {group_name} » ({created} créée(s))"
