"""A fake platform for the engine's tests: in-memory items served page after page, registered as a
plugin for the duration of a test (``fake_platform`` fixture), never the real adapters."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from imedia_core.connectors.platform import (
    AnswerReceipt,
    CredentialField,
    ExternalAuthor,
    ExternalItem,
    ItemState,
    Page,
    Platform,
    PlatformError,
    SpaceField,
)
from imedia_core.pluginhost.hookspecs import hookimpl

KEY = "fakeplat"
PLUGIN_NAME = "fakeplat_plugin"
LABEL = "Fausse plateforme"
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def proposal(n: int, **extra) -> ExternalItem:
    values = {
        "external_id": f"proposal:{n}",
        "kind": "proposal",
        "title": f"Proposition n° {n} : ouvrir le centre le samedi",
        "body": f"<p>Texte de la proposition {n}, avec <b>du gras</b>.</p>",
        "url": f"https://plateforme.example.org/proposals/{n}",
        "author": ExternalAuthor(name=f"Habitante {n}", external_id=f"user:{n}"),
        "created_at": T0 + timedelta(minutes=n),
        "updated_at": T0 + timedelta(minutes=n),
        "supports": n,
    }
    values.update(extra)
    return ExternalItem(**values)


def comment(n: int, parent: str, **extra) -> ExternalItem:
    values = {
        "external_id": f"comment:{n}",
        "kind": "comment",
        "title": "",
        "body": f"Commentaire {n} : je suis d'accord.",
        "url": f"https://plateforme.example.org/comments/{n}",
        "author": ExternalAuthor(name=f"Voisin {n}"),
        "created_at": T0 + timedelta(minutes=n),
        "updated_at": T0 + timedelta(minutes=n),
        "parent_id": parent,
    }
    values.update(extra)
    return ExternalItem(**values)


@dataclass
class World:
    """What the fake platform holds and how it misbehaves."""

    items: list[ExternalItem] = field(default_factory=list)
    page_size: int = 10
    crash_on_fetch: int | None = None  # the Nth fetch raises RuntimeError (a worker dying)
    malformed_on_fetch: int | None = None  # the Nth fetch returns a page with a bad item
    error_on_fetch: PlatformError | None = None
    answer_error: PlatformError | None = None
    fetches: list = field(default_factory=list)  # (cursor, since) of every fetch
    answers: list = field(default_factory=list)
    configs: list = field(default_factory=list)

    def set(self, item: ExternalItem) -> None:
        self.items = [item if i.external_id == item.external_id else i for i in self.items]

    def change(self, external_id: str, **values) -> None:
        item = next(i for i in self.items if i.external_id == external_id)
        self.set(replace(item, **values))

    def remove(self, external_id: str) -> None:
        self.items = [i for i in self.items if i.external_id != external_id]


class FakeClient:
    def __init__(self, world: World, config, http):
        self.world, self.config, self.http = world, config, http
        world.configs.append(config)

    def fetch(self, cursor):
        world = self.world
        world.fetches.append((cursor, self.config.since))
        number = len(world.fetches)
        if world.crash_on_fetch == number:
            raise RuntimeError("le processus s'arrête")
        if world.error_on_fetch is not None:
            raise world.error_on_fetch
        items = world.items
        if self.config.since is not None:
            items = [i for i in items if (i.updated_at or T0) >= self.config.since]
        offset = int(cursor or 0)
        chunk = list(items[offset : offset + world.page_size])
        if world.malformed_on_fetch == number and chunk:
            chunk[-1] = replace(chunk[-1], state="inconnu")
        end = offset + len(chunk)
        return Page(items=chunk, cursor=str(end), done=end >= len(items))

    def answer(self, answer):
        if self.world.answer_error is not None:
            raise self.world.answer_error
        self.world.answers.append(answer)
        return AnswerReceipt(reference=f"answer:{len(self.world.answers)}")


def validate_space(space: dict) -> dict:
    process = str(space.get("process") or "").strip()
    if not process:
        raise PlatformError("INVALID", "Indiquez le processus participatif.")
    return {"process": process}


def make_platform(world: World, **overrides) -> Platform:
    values = {
        "key": KEY,
        "label": LABEL,
        "kinds": ("proposal", "debate"),
        "requests_per_minute": 6000,
        "can_answer": True,
        "answer_note": "Les réponses officielles sont publiées sur la plateforme.",
        "space_fields": (SpaceField("process", "Processus participatif"),),
        "credential_fields": (CredentialField("api_key", "Clé d'API"), CredentialField("api_secret", "Secret")),
        "source_version": "test 1.0",
        "open_client": lambda config, http: FakeClient(world, config, http),
        "validate_space": validate_space,
    }
    values.update(overrides)
    return Platform(**values)


class FakePlugin:
    def __init__(self, platform: Platform):
        self.platform = platform

    @hookimpl
    def imedia_connector_platforms(self):
        return [self.platform]


def install(world: World | None = None) -> World:
    """Register the fake platform (the caller unregisters ``PLUGIN_NAME``); returns its world."""
    from imedia_core.pluginhost import manager  # noqa: PLC0415 (kept out of the dataclasses' import)

    world = world or World()
    if manager.get_plugin_manager().get_plugin(PLUGIN_NAME) is None:
        manager.register(FakePlugin(make_platform(world)), name=PLUGIN_NAME)
    return world


__all__ = ["ItemState", "World", "comment", "make_platform", "proposal"]
