"""Seed the demo "you said, we did" ledger of a programme (call it inside the tenant's schema,
after its contributions are seeded): official responses (accepted, partly accepted, declined
with a reason, under study), and commitments done, in progress, overdue, and not done with the
reason, each with dated timeline steps.

Each story answers a published contribution found by words of its title (the participation
demo data), else by kind, else any published contribution not answered yet. Everything goes
through ``feedback.services`` (rules, events, journal), then dates are moved back so the ledger
reads like months of work. Stories already told (their commitment's title, or a response on
the chosen contribution) are skipped: running it again creates nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from imedia_core.context import Channel, ServiceContext
from imedia_core.feedback import services
from imedia_core.feedback.models import Commitment, CommitmentUpdate, Response
from imedia_core.participation.models import Contribution, ContributionStatus

# The programme's team answers: no one person (each story names its responder in ``Responder``).
DEMO = ServiceContext.system(Channel.DEMO)


@dataclass(frozen=True)
class Answer:
    decision: str
    text: str
    reason: str = ""
    day: int = 7  # days after the contribution's publication


@dataclass(frozen=True)
class Step:
    day: int  # days after the commitment was made
    text: str
    progress: int | None = None
    status: str | None = None
    outcome: str = ""


@dataclass(frozen=True)
class Story:
    # Found in the contribution's title, tried in order: the first is the start of the title of
    # the demo contribution it answers (participation_data), the others serve other data.
    words: tuple[str, ...]
    kind: str
    answers: tuple[Answer, ...] = ()
    commitment: str = ""
    owner: str = ""
    due_in: int = 90  # days after the commitment was made (negative offsets come from ``overdue``)
    overdue: bool = False  # due 3 weeks ago, still in progress
    day: int = 14  # days after the contribution's publication
    steps: tuple[Step, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Responder:
    label: str
    capacity: str


RESPONDERS = {
    "formation_sud": Responder("Claire Martinez", "Cheffe du service formation continue, Région Sud"),
    "rsa94": Responder("Nadia Benali", "Directrice de l'insertion, Conseil départemental du Val-de-Marne"),
    "cc_villeneuve": Responder("Jean-Marc Roussel", "Adjoint au maire délégué à la politique de la ville"),
}

STORIES: dict[str, tuple[Story, ...]] = {
    "formation_sud": (
        Story(
            ("transport", "trajet", "déplacement"),
            "proposal",
            (
                Answer(
                    "accepted",
                    "Les frais de trajet vers les lieux de stage seront remboursés sur justificatif, "
                    "dès la prochaine session.",
                ),
            ),
            "Rembourser les frais de trajet vers les lieux de stage",
            "Service formation continue, Région Sud",
            steps=(
                Step(10, "Procédure de remboursement validée avec les organismes de formation.", 40),
                Step(35, "Premiers remboursements versés aux stagiaires de la session de printemps.", 80),
                Step(50, "Remboursement généralisé à toutes les sessions.", status="done"),
            ),
        ),
        Story(
            ("horaire", "planning", "emploi du temps"),
            "observation",
            (
                Answer(
                    "partly_accepted",
                    "Les cours ne pourront pas finir plus tôt partout, mais les centres "
                    "proposeront un créneau de rattrapage le mercredi après-midi.",
                    "Les plateaux techniques sont partagés avec l'apprentissage le matin.",
                ),
            ),
            "Ouvrir un créneau de rattrapage le mercredi après-midi",
            "Organismes de formation du réseau Sud",
            overdue=True,
            steps=(Step(12, "Deux centres sur cinq ont ouvert le créneau.", 40),),
        ),
        Story(
            ("rémunération", "indemnité", "argent"),
            "question",
            (
                Answer(
                    "declined",
                    "La rémunération des stagiaires est fixée par la réglementation nationale : "
                    "la Région ne peut pas l'augmenter seule.",
                    "Compétence de l'État ; la demande est transmise à la DREETS.",
                ),
            ),
        ),
        Story(
            ("Un carnet d'adresses d'entreprises", "stage", "entreprise"),
            "proposal",
            (
                Answer(
                    "under_study",
                    "Nous étudions avec les branches professionnelles un annuaire d'entreprises "
                    "accueillant des stagiaires. Réponse à la prochaine réunion du comité.",
                ),
            ),
        ),
        Story(
            ("Pas assez d'ordinateurs", "ordinateur", "informatique"),
            "observation",
            (
                Answer("under_study", "Un recensement des besoins en matériel est lancé auprès des centres.", day=5),
                Answer(
                    "accepted", "Un prêt d'ordinateurs portables sera proposé aux stagiaires qui n'en ont pas.", day=30
                ),
            ),
            "Prêter un ordinateur portable aux stagiaires qui n'en ont pas",
            "Direction du numérique éducatif, Région Sud",
            day=32,
            steps=(
                Step(20, "Commande de 60 ordinateurs passée.", 30),
                Step(
                    60,
                    "Le marché public a été déclaré infructueux.",
                    status="not_done",
                    outcome="Aucun fournisseur n'a répondu au marché dans le budget voté ; un nouvel appel "
                    "d'offres est prévu l'an prochain.",
                ),
            ),
        ),
        Story(
            ("Un référent identifié pour chaque stagiaire", "référent", "suivi"),
            "proposal",
            (Answer("accepted", "Chaque stagiaire aura un référent identifié dès la première semaine."),),
            "Nommer un référent pour chaque stagiaire dès la première semaine",
            "Organismes de formation du réseau Sud",
            due_in=120,
            steps=(Step(15, "Liste des référents communiquée aux stagiaires de deux centres.", 25),),
        ),
    ),
    "rsa94": (
        Story(
            ("Des rendez-vous fixés par courrier", "convocation", "courrier"),
            "observation",
            (
                Answer(
                    "accepted",
                    "Les convocations seront envoyées au moins quinze jours avant le rendez-vous, "
                    "par courrier et par SMS.",
                ),
            ),
            "Envoyer les convocations quinze jours à l'avance, par courrier et SMS",
            "Direction de l'insertion, Département du Val-de-Marne",
            steps=(
                Step(8, "Modèle de courrier réécrit en langage clair avec le groupe ressource.", 50),
                Step(40, "Envoi par SMS activé dans tous les espaces insertion.", status="done"),
            ),
        ),
        Story(
            ("garde", "enfant", "crèche"),
            "proposal",
            (
                Answer(
                    "partly_accepted",
                    "Des places de crèche à vocation d'insertion seront réservées dans trois "
                    "communes pilotes, pas encore dans tout le département.",
                    "Le nombre de places disponibles ne permet pas une généralisation immédiate.",
                ),
            ),
            "Réserver des places de crèche AVIP dans trois communes pilotes",
            "Service petite enfance, Département du Val-de-Marne",
            overdue=True,
            steps=(Step(20, "Convention signée avec Ivry-sur-Seine ; Créteil et Vitry en discussion.", 35),),
        ),
        Story(
            ("sanction", "suspension", "radiation"),
            "question",
            (
                Answer(
                    "declined",
                    "La suspension du RSA après plusieurs absences reste prévue par la loi.",
                    "Le Département applique le cadre légal ; il s'engage en revanche à toujours proposer un "
                    "entretien avant toute sanction.",
                ),
            ),
        ),
        Story(
            ("Un forfait Navigo", "navigo", "déplacement"),
            "proposal",
            (
                Answer(
                    "under_study",
                    "La demande de gratuité des transports pour les rendez-vous d'insertion est "
                    "étudiée avec Île-de-France Mobilités.",
                ),
            ),
        ),
        Story(
            ("Les démarches en ligne de la CAF", "internet", "caf"),
            "observation",
            (
                Answer("under_study", "Nous regardons avec la CAF comment accompagner les démarches en ligne.", day=4),
                Answer(
                    "accepted",
                    "Des permanences d'aide aux démarches en ligne ouvriront dans les espaces insertion.",
                    day=25,
                ),
            ),
            "Ouvrir une permanence numérique hebdomadaire dans chaque espace insertion",
            "Direction de l'insertion, Département du Val-de-Marne",
            day=27,
            steps=(
                Step(14, "Permanences ouvertes à Champigny et Villejuif.", 40),
                Step(
                    70,
                    "Les postes de conseillers numériques n'ont pas été renouvelés.",
                    status="not_done",
                    outcome="Le financement national des conseillers numériques s'est arrêté ; les permanences "
                    "sont remplacées par un partenariat avec les médiathèques.",
                ),
            ),
        ),
        Story(
            ("Associer les allocataires à la révision du règlement intérieur", "règlement", "groupe ressource"),
            "proposal",
            (Answer("accepted", "Le groupe ressource sera associé à la révision du règlement intérieur du RSA."),),
            "Associer le groupe ressource à la révision du règlement intérieur",
            "Mission participation, Département du Val-de-Marne",
            due_in=150,
        ),
    ),
    "cc_villeneuve": (
        Story(
            ("éclairage", "lumière", "lampadaire"),
            "observation",
            (Answer("accepted", "L'éclairage du passage entre les tours et l'arrêt de bus sera refait."),),
            "Refaire l'éclairage du passage des Tilleuls",
            "Services techniques de la ville",
            steps=(
                Step(10, "Diagnostic réalisé avec les habitants lors d'une marche exploratoire.", 30),
                Step(45, "Six nouveaux lampadaires posés et allumés.", status="done"),
            ),
        ),
        Story(
            ("jeux", "aire", "enfants"),
            "proposal",
            (
                Answer(
                    "partly_accepted",
                    "L'aire de jeux sera rénovée ; le terrain multisport demandé n'est pas retenu cette année.",
                    "Le budget participatif 2026 ne couvre qu'un des deux projets.",
                ),
            ),
            "Rénover l'aire de jeux du square Jean-Moulin",
            "Service des espaces verts",
            overdue=True,
            steps=(Step(18, "Commande des nouveaux jeux passée, pose retardée.", 45),),
        ),
        Story(
            ("Créer des places de stationnement", "stationnement", "voiture"),
            "proposal",
            (
                Answer(
                    "declined",
                    "La transformation du parvis en parking n'est pas retenue.",
                    "Le parvis est un espace piéton du projet de renouvellement urbain ; des places seront "
                    "recherchées rue Pasteur.",
                ),
            ),
        ),
        Story(
            ("propreté", "déchets", "encombrants"),
            "observation",
            (
                Answer(
                    "under_study",
                    "Le bailleur et la ville étudient un nouveau calendrier de ramassage des "
                    "encombrants ; réponse au prochain conseil citoyen.",
                ),
            ),
        ),
        Story(
            ("Ouvrir une salle pour les associations", "salle", "maison de quartier"),
            "proposal",
            (
                Answer("under_study", "La ville cherche un local pour le conseil citoyen.", day=6),
                Answer("accepted", "Un local en pied d'immeuble sera mis à disposition du conseil citoyen.", day=35),
            ),
            "Mettre un local en pied d'immeuble à disposition du conseil citoyen",
            "Direction de la politique de la ville",
            day=37,
            steps=(
                Step(15, "Visite du local avec le bailleur.", 30),
                Step(
                    80,
                    "Le bailleur a finalement vendu le local.",
                    status="not_done",
                    outcome="Le bailleur a cédé le local à un commerce ; la ville propose à la place une salle "
                    "de la maison de quartier deux soirs par semaine.",
                ),
            ),
        ),
        Story(
            ("Comment sécuriser le passage piéton", "école", "passage piéton"),
            "question",
            (Answer("accepted", "Un passage piéton surélevé sera créé devant l'école Jules-Ferry."),),
            "Créer un passage piéton surélevé devant l'école Jules-Ferry",
            "Services techniques de la ville",
            due_in=100,
        ),
    ),
}


def _pick(story: Story, used: set[int]) -> Contribution | None:
    published = Contribution.objects.filter(status=ContributionStatus.PUBLISHED).exclude(pk__in=used)
    published = published.order_by("published_at", "id")
    for word in story.words:
        found = published.filter(Q(title__icontains=word) | Q(body__icontains=word)).first()
        if found is not None:
            return found
    return published.filter(kind=story.kind).first() or published.first()


def _at(base: dt.datetime, days: int) -> dt.datetime:
    return min(base + dt.timedelta(days=days), timezone.now())


def _tell(story: Story, contribution: Contribution, responder: Responder) -> int:
    """Tell one story; returns how many rows it created."""
    created = 0
    base = contribution.published_at or contribution.created_at
    for answer in story.answers:
        data = {
            "decision": answer.decision,
            "text": answer.text,
            "reason": answer.reason,
            "capacity": responder.capacity,
            "responder_label": responder.label,
        }
        response = services.create_response(DEMO, contribution, data, publish=True)
        when = _at(base, answer.day)
        Response.objects.filter(pk=response.pk).update(created_at=when, published_at=when)
        created += 1
    if not story.commitment:
        return created
    made = _at(base, story.day)
    today = timezone.localdate()
    due = timezone.localdate(made) + dt.timedelta(days=story.due_in)
    if story.overdue:
        due = today - dt.timedelta(days=21)
    elif not any(step.status for step in story.steps):
        due = max(due, today + dt.timedelta(days=30))  # still open: not overdue on the day of the demo
    commitment = services.create_commitment(
        DEMO, {"title": story.commitment, "owner_label": story.owner, "due_date": due, "contributions": [contribution]}
    )
    Commitment.objects.filter(pk=commitment.pk).update(created_at=made, created_by_label=responder.label)
    created += 1
    for step in story.steps:
        data = {"text": step.text, "date": min(timezone.localdate(made + dt.timedelta(days=step.day)), today)}
        if step.progress is not None:
            data["progress"] = step.progress
        if step.status:
            data["status"] = step.status
        if step.outcome:
            data["outcome"] = step.outcome
        update = services.add_update(DEMO, commitment, data)
        CommitmentUpdate.objects.filter(pk=update.pk).update(
            created_at=_at(made, step.day), author_label=responder.label
        )
        created += 1
    if story.overdue and story.steps:
        # Moved back so that it is overdue now, whatever day the demo is seeded.
        Commitment.objects.filter(pk=commitment.pk).update(due_date=due)
    return created


def seed(key: str) -> str:
    """Seed the ledger of demo programme ``key`` in the current schema; a French summary."""
    stories = STORIES[key]
    responder = RESPONDERS[key]
    created = 0
    with transaction.atomic():
        used = set(Response.objects.values_list("contribution_id", flat=True))
        used |= set(Commitment.contributions.through.objects.values_list("contribution_id", flat=True))
        titles = set(Commitment.objects.values_list("title", flat=True))
        for story in stories:
            if story.commitment and story.commitment in titles:
                continue
            if Response.objects.filter(text=services.rich_text(story.answers[0].text)).exists():
                continue
            contribution = _pick(story, used)
            if contribution is None:
                break
            used.add(contribution.pk)
            created += _tell(story, contribution, responder)
        responses = Response.objects.published().count()
        commitments = Commitment.objects.count()
        overdue = Commitment.objects.overdue().count()
    return (
        f"{responses} réponses publiées, {commitments} engagements dont {overdue} en retard "
        f"({created} élément(s) créé(s))"
    )
