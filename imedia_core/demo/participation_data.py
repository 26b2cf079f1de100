"""Demo contributions of each programme, as data (French). Titles are stable: the feedback demo
finds the contributions it answers by words of their titles.

``author``: "person" (a demo participant's display name in ``name``), "pseudonym", "anonymous",
"group" (an expression group named ``name``), or "facilitator" (entered by the programme's
facilitator for ``name``, a person, or for the group ``group``).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DemoComment:
    body: str
    name: str = ""  # empty: anonymous


@dataclass(frozen=True)
class DemoContribution:
    kind: str
    title: str
    body: str
    author: str = "person"
    name: str = ""
    group: str = ""
    themes: tuple[str, ...] = ()
    phase: int | None = 0  # index of the phase in the active cycle, None for none
    status: str = "published"
    supports: int = 0
    comments: tuple[DemoComment, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class DemoParticipation:
    facilitator: str
    groups: tuple[str, ...]
    contributions: tuple[DemoContribution, ...]


C, K = DemoContribution, DemoComment

PARTICIPATION: dict[str, DemoParticipation] = {
    "formation_sud": DemoParticipation(
        facilitator="Nadia Benali",
        groups=("Groupe des stagiaires de Nîmes",),
        contributions=(
            C(
                "proposal",
                "Rembourser les frais de transport dès le premier mois",
                "Beaucoup d'entre nous font plus d'une heure de trajet. L'aide arrive au bout de deux mois : "
                "certains abandonnent avant.",
                name="Yanis R.",
                themes=("remuneration-et-aides", "accessibilite"),
                supports=4,
                comments=(K("Pareil pour moi, je paie l'essence avec mon RSA.", "Sabrina L."),),
            ),
            C(
                "observation",
                "Les horaires changent sans prévenir",
                "Le planning de la semaine est affiché le lundi matin. Avec les enfants, impossible de s'organiser.",
                author="group",
                name="Groupe des stagiaires de Nîmes",
                themes=("pedagogie-et-accompagnement",),
                supports=3,
            ),
            C(
                "question",
                "Quand est versée la rémunération de stage ?",
                "Je n'ai rien reçu depuis mon entrée en formation il y a cinq semaines. À qui dois-je m'adresser ?",
                author="pseudonym",
                name="Stagiaire_Alès",
                themes=("remuneration-et-aides",),
            ),
            C(
                "proposal",
                "Un carnet d'adresses d'entreprises pour trouver un stage",
                "Chercher seul une entreprise d'accueil, c'est décourageant. Les anciens stagiaires pourraient partager "
                "leurs contacts.",
                author="facilitator",
                name="M. Ferreira",
                themes=("alternance-et-stages",),
                supports=2,
            ),
            C(
                "observation",
                "Pas assez d'ordinateurs en salle informatique",
                "Nous sommes quinze pour huit postes ; on perd la moitié des séances à attendre.",
                author="anonymous",
                themes=("accessibilite",),
                phase=1,
            ),
            C(
                "testimony",
                "Ce que la formation a changé pour moi",
                "Après trois ans sans travail, j'ai repris confiance. Le plus utile : les simulations d'entretien.",
                name="Fatou D.",
                themes=("insertion-et-emploi",),
                phase=None,
                comments=(K("Merci pour ce témoignage, ça donne du courage."),),
            ),
            C(
                "proposal",
                "Un référent identifié pour chaque stagiaire dès la première semaine",
                "Quand on a un souci, on ne sait pas à qui parler : le formateur change selon les modules. "
                "Un référent nommé dès le début, ce serait plus simple.",
                name="Inès T.",
                themes=("pedagogie-et-accompagnement",),
                supports=5,
            ),
            C(
                "question",
                "Peut-on venir avec un enfant malade ?",
                "Quand la crèche refuse un enfant malade, que faire pour ne pas perdre sa place en formation ?",
                author="anonymous",
                status="pending",
            ),
        ),
    ),
    "rsa94": DemoParticipation(
        facilitator="Julien Morel",
        groups=("Groupe ressource RSA de Créteil",),
        contributions=(
            C(
                "testimony",
                "Un accompagnement qui m'a vraiment aidée",
                "Ma référente m'a écoutée sans me juger. On a fait le point sur ma santé avant de parler d'emploi.",
                name="Mireille P.",
                themes=("accompagnement-et-referent",),
                supports=2,
            ),
            C(
                "observation",
                "Des rendez-vous fixés par courrier trop tard",
                "La convocation arrive souvent la veille, voire après la date. Ensuite on nous reproche d'être absent.",
                author="group",
                name="Groupe ressource RSA de Créteil",
                themes=("droits-et-demarches",),
                supports=5,
                comments=(K("C'est arrivé deux fois à ma voisine.", "Karim B."),),
            ),
            C(
                "proposal",
                "Une solution de garde d'enfants pendant les rendez-vous",
                "Sans garde, beaucoup de mères ne peuvent pas venir aux ateliers collectifs.",
                author="facilitator",
                group="Groupe ressource RSA de Créteil",
                themes=("sante-et-logement",),
                supports=3,
            ),
            C(
                "question",
                "Que risque-t-on en cas de sanction ou de suspension du RSA ?",
                "On entend tout et son contraire. Qui décide, et comment peut-on se défendre ?",
                author="pseudonym",
                name="Allocataire94",
                themes=("droits-et-demarches",),
            ),
            C(
                "proposal",
                "Un forfait Navigo pour les déplacements vers les ateliers",
                "Le transport coûte cher : un pass gratuit pendant l'accompagnement éviterait les absences.",
                name="Karim B.",
                themes=("mobilite",),
                supports=4,
            ),
            C(
                "observation",
                "Les démarches en ligne de la CAF sont impossibles sans aide",
                "Pas d'ordinateur, pas d'internet à la maison : le numérique nous coupe de nos droits.",
                author="anonymous",
                themes=("numerique-et-acces-aux-droits",),
                phase=1,
            ),
            C(
                "proposal",
                "Associer les allocataires à la révision du règlement intérieur du RSA",
                "Les règles sont écrites sans nous. Le groupe ressource pourrait relire le règlement et dire ce "
                "qui n'est pas clair ou pas juste.",
                author="group",
                name="Groupe ressource RSA de Créteil",
                themes=("droits-et-demarches",),
                supports=4,
            ),
            C(
                "question",
                "Peut-on changer de référent ?",
                "Je ne m'entends pas avec mon référent actuel. Est-ce possible d'en demander un autre ?",
                author="anonymous",
                status="pending",
            ),
        ),
    ),
    "cc_villeneuve": DemoParticipation(
        facilitator="Élodie Martin",
        groups=("Atelier cadre de vie des Tilleuls",),
        contributions=(
            C(
                "observation",
                "Éclairage en panne rue des Tilleuls",
                "Trois lampadaires sont éteints depuis octobre ; les habitantes évitent de rentrer à pied le soir.",
                author="group",
                name="Atelier cadre de vie des Tilleuls",
                themes=("cadre-de-vie", "tranquillite-publique"),
                supports=6,
                comments=(K("Même chose au bout de l'allée des Peupliers.", "Hélène G."),),
            ),
            C(
                "proposal",
                "Rénover l'aire de jeux pour enfants du square Jean-Moulin",
                "Les jeux sont cassés depuis deux ans. Les parents proposent d'aider à choisir les nouveaux jeux.",
                name="Hélène G.",
                themes=("cadre-de-vie", "jeunesse"),
                supports=5,
            ),
            C(
                "proposal",
                "Créer des places de stationnement devant le centre de santé",
                "Les personnes âgées ne trouvent pas de place ; on pourrait réserver trois places au dépose-minute.",
                author="facilitator",
                name="M. Ouedraogo",
                themes=("acces-aux-services-publics",),
            ),
            C(
                "observation",
                "Dépôts d'encombrants et problème de propreté au pied des immeubles",
                "Les encombrants restent des semaines. Le ramassage pourrait passer plus souvent.",
                author="anonymous",
                themes=("cadre-de-vie",),
                supports=2,
            ),
            C(
                "proposal",
                "Ouvrir une salle pour les associations à la maison de quartier",
                "Les associations de jeunes n'ont aucun local pour se réunir le soir.",
                author="pseudonym",
                name="Voisin_du_13",
                themes=("vie-associative-et-initiatives", "jeunesse"),
                phase=1,
            ),
            C(
                "question",
                "Comment sécuriser le passage piéton devant l'école ?",
                "Les voitures roulent vite à la sortie de l'école Jules-Ferry. Un ralentisseur est-il prévu ?",
                name="Samir K.",
                themes=("tranquillite-publique",),
                supports=3,
            ),
            C(
                "testimony",
                "Ce que le groupe de parole du conseil citoyen m'a apporté",
                "Je n'osais pas parler en réunion publique. Ici, on m'écoute et mes idées avancent.",
                name="Aïcha M.",
                themes=("politique-de-la-ville",),
                phase=None,
            ),
            C(
                "question",
                "Qui entretient les espaces verts de la résidence ?",
                "Le bailleur et la ville se renvoient la balle.",
                author="anonymous",
                status="pending",
            ),
        ),
    ),
}
