"""Seed a demo programme's guided path in the current tenant schema (call it inside the tenant,
after its content): the starter questions of its cycle template when missing, and a few searches
people made that the catalogue does not answer yet (realistic French, anonymous by construction).
Running it again creates nothing and counts nothing twice."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from imedia_core.context import Channel, ServiceContext
from imedia_core.guidance.matching import normalise_for_log, terms_of
from imedia_core.guidance.models import Question, UnansweredSearch
from imedia_core.guidance.templates import available_question_sets, install

CYCLE_TEMPLATE = {
    "formation_sud": "amelioration_continue_formation",
    "rsa94": "participation_rsa",
    "cc_villeneuve": "conseils_citoyens",
}

# (what people typed, how many times, days since first seen, days since last seen)
UNANSWERED = {
    "formation_sud": (
        ("Réorientation vers un autre métier en cours de route", 9, 40, 2),
        ("Rémunération des stagiaires en retard, qui contacter", 7, 35, 5),
        ("Stage en entreprise introuvable", 4, 20, 8),
        ("Un hébergement quand le centre est loin de chez moi", 2, 12, 12),
    ),
    "rsa94": (
        ("Prime d'activité et RSA en même temps ?", 11, 50, 1),
        ("Mon référent ne répond jamais au téléphone", 6, 30, 4),
        ("Aide au permis de conduire", 5, 28, 9),
        ("Déménagement hors du Val-de-Marne, que devient mon suivi", 2, 15, 15),
    ),
    "cc_villeneuve": (
        ("Les ascenseurs de la tour sont en panne depuis des semaines", 8, 45, 3),
        ("Rodéos de motos le soir dans le quartier", 6, 33, 6),
        ("Un local pour les jeunes du quartier", 4, 25, 10),
        ("Subvention pour une fête des voisins", 3, 18, 18),
    ),
}


def seed(key: str) -> str:
    """Seed the guided path of demo programme ``key``; return a one-line French summary."""
    created = 0
    logged = 0
    with transaction.atomic():
        question_set = available_question_sets().get(CYCLE_TEMPLATE[key])
        if question_set is not None:
            created = len(install(ServiceContext.system(Channel.DEMO), question_set, audit=False).created)
        today = timezone.localdate()
        for text, count, first_days, last_days in UNANSWERED[key]:
            terms = terms_of(text)
            _, made = UnansweredSearch.objects.get_or_create(
                key=terms.key,
                defaults={
                    "text": normalise_for_log(text),
                    "count": count,
                    "first_seen_on": today - timedelta(days=first_days),
                    "last_seen_on": today - timedelta(days=last_days),
                },
            )
            logged += made
    return (
        f"{Question.objects.count()} questions du parcours guidé ({created} créée(s)), "
        f"{UnansweredSearch.objects.count()} recherches sans réponse ({logged} ajoutée(s))"
    )
