#!/usr/bin/env python
"""Benchmark: the connector engine importing a platform's items. Not a test: it prints measured figures.

    python bench/connectors.py [--source decidim|fake] [--proposals 5000] [--comments 20000]
                               [--page-size 100] [--rounds 3] [--database-url URL] [--keep]

It creates a throw-away database (the name must contain ``bench``), migrates it, provisions one
tenant (template ``vierge``) and links it to a platform serving ``--proposals`` proposals and
``--comments`` comments (spread over the proposals; every other comment answers the previous one):

- ``--source decidim`` (default): the real Decidim adapter (``plugins/decidim``) over real HTTP
  against ``plugins.decidim.testing.FakeDecidim`` (graphql-core over the committed SDL fixture,
  served by pytest-httpserver's werkzeug server in a thread of this process), with an API user
  (sign-in, JWT). Pages are the adapter's (25 proposals with their comment threads per request).
  The engine paces requests to Decidim's published limit (100/min, 90 used): the bench gives the
  pacing a virtual clock, so the waits are counted (« paced wait ») but not slept;
- ``--source fake``: an in-process fake platform (no HTTP, pages of ``--page-size`` items): what
  is measured is the engine and the database alone.

Then, in that tenant's schema, through ``imedia_core.connectors.engine.sync_link``:

1. a first pass (full): every item created (measured once);
2. ``--rounds`` rounds of a no-change full pass (every item found unchanged, marked as seen) and a
   no-change incremental pass (``since`` = the start of the last pass), alternately within each
   round; min and median are printed. Decidim's API cannot filter by update time, so an
   incremental pass reads every page too: the adapter drops what did not change.

Every SQL statement is counted with ``connection.execute_wrapper``; the report gives items per
second, SQL statements per item and requests per pass, with a breakdown by statement for the first
import. With ``--source decidim`` the fake server shares this process (and the GIL): the time spent
waiting on HTTP (« fetch ») is given apart. It drops the database unless ``--keep``.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from _common import _check_name, _split_database_url, create_database, drop_database, migrate_and_provision

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/imedia_bench_connectors"
TENANT = "bench_connectors"
PLUGIN = "bench_platform"


def setup_django(args) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["DEBUG"] = "true"
    os.environ["IMEDIA_HTTPS"] = "false"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "imedia_core.settings"
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("CELERY_BROKER_URL", None)
    os.environ["IMEDIA_EVENTS_ENGINE"] = "worker"
    import django

    django.setup()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # the fake server's access log


_TABLE = re.compile(r'(?:FROM|INTO|UPDATE)\s+"?([a-z_][a-z0-9_]*)"?', re.IGNORECASE)


def classify(sql: str) -> str:
    words = sql.lstrip().split(None, 2)
    verb = words[0].upper() if words else "?"
    if verb in ("SAVEPOINT", "RELEASE", "ROLLBACK", "SET"):
        return verb
    match = _TABLE.search(sql)
    return f"{verb} {match.group(1) if match else '?'}"


class Meter:
    def __init__(self):
        self.queries: Counter = Counter()

    def __call__(self, execute, sql, params, many, context):
        self.queries[classify(sql)] += 1
        return execute(sql, params, many, context)


def make_items(proposals: int, comments: int, page_size: int):
    """Pages of items, each proposal followed by its comments (as a platform lists them)."""
    from datetime import UTC, datetime, timedelta

    from imedia_core.plugin_api import ExternalAuthor, ExternalItem

    t0 = datetime(2026, 10, 1, tzinfo=UTC)
    items = []
    per = comments // max(1, proposals)
    extra = comments - per * proposals
    n_comment = 0
    for n in range(proposals):
        items.append(
            ExternalItem(
                external_id=f"proposal:{n}",
                kind="proposal",
                title=f"Proposition {n} : des horaires d'ouverture adaptés",
                body=f"<p>Texte de la proposition {n}. Les personnes qui travaillent ne peuvent pas venir.</p>",
                url=f"https://decidim.example.org/processes/budget/f/7/proposals/{n}",
                author=ExternalAuthor(name=f"Participant·e {n % 500}"),
                created_at=t0 + timedelta(seconds=n),
                updated_at=t0 + timedelta(seconds=n),
                supports=n % 40,
            )
        )
        for _ in range(per + (1 if n < extra else 0)):
            items.append(
                ExternalItem(
                    external_id=f"comment:{n_comment}",
                    kind="comment",
                    title="",
                    body=f"Commentaire {n_comment} : d'accord, surtout le samedi.",
                    url=f"https://decidim.example.org/comments/{n_comment}",
                    author=ExternalAuthor(name=f"Voisin·e {n_comment % 700}"),
                    created_at=t0 + timedelta(seconds=n),
                    updated_at=t0 + timedelta(seconds=n),
                    parent_id=f"proposal:{n}",
                )
            )
            n_comment += 1
    return items


def install_platform(items, page_size):
    from imedia_core.plugin_api import Page, Platform, hookimpl
    from imedia_core.pluginhost import manager

    class Client:
        def __init__(self, config, http):
            self.since = config.since

        def fetch(self, cursor):
            selected = items if self.since is None else [i for i in items if i.updated_at >= self.since]
            offset = int(cursor or 0)
            chunk = selected[offset : offset + page_size]
            end = offset + len(chunk)
            return Page(items=chunk, cursor=str(end), done=end >= len(selected))

        def answer(self, answer):  # pragma: no cover - not measured here
            raise NotImplementedError

    platform = Platform(
        key="banc",
        label="Banc d'essai",
        kinds=("proposal",),
        requests_per_minute=100_000,
        can_answer=False,
        answer_note="",
        space_fields=(),
        credential_fields=(),
        source_version="bench",
        open_client=Client,
    )

    class Plugin:
        @hookimpl
        def imedia_connector_platforms(self):
            return [platform]

    manager.register(Plugin(), name=PLUGIN)


def make_decidim(proposals: int, comments: int):
    """A FakeDecidim process « budget » with one proposals component holding the data set."""
    from plugins.decidim.testing import FakeDecidim

    fake = FakeDecidim()
    process = fake.add_process("budget")
    component = fake.add_component(process, "Proposals", "Propositions")
    per = comments // max(1, proposals)
    extra = comments - per * proposals
    n_comment = 0
    for n in range(proposals):
        record = fake.add_proposal(
            component,
            f"Proposition {n} : des horaires d'ouverture adaptés",
            f"<p>Texte de la proposition {n}. Les personnes qui travaillent ne peuvent pas venir.</p>",
            author=f"Participant·e {n % 500}",
            votes=n % 40,
        )
        previous = None
        for k in range(per + (1 if n < extra else 0)):
            target = previous if (previous is not None and k % 2 == 1) else record
            previous = fake.add_comment(
                target, f"Commentaire {n_comment} : d'accord, surtout le samedi.", author=f"Voisin·e {n_comment % 700}"
            )
            n_comment += 1
    return fake


class VirtualClock:
    """The pacing's clock and sleep: a wait moves the clock instead of sleeping."""

    def __init__(self, start: float = 0.0):
        self.start = self.offset = start

    def clock(self) -> float:
        return time.time() + self.offset

    def sleep(self, seconds: float) -> None:
        self.offset += seconds


class FetchTimer:
    """Time spent in the adapter's ``fetch`` (HTTP round trips and the fake server's work)."""

    def __init__(self):
        self.seconds = 0.0

    def install(self):
        from plugins.decidim.client import DecidimClient

        original = DecidimClient.fetch
        timer = self

        def fetch(client, cursor):
            start = time.perf_counter()
            try:
                return original(client, cursor)
            finally:
                timer.seconds += time.perf_counter() - start

        DecidimClient.fetch = fetch


def run(args) -> dict:
    from django.db import connection
    from django_tenants.utils import tenant_context

    from imedia_core.connectors import engine, services
    from imedia_core.connectors.models import Link
    from imedia_core.context import Channel, ServiceContext
    from imedia_core.participation.models import Comment, Contribution

    tenant = migrate_and_provision(TENANT, "Banc d'essai des connecteurs")
    server = None
    timer = FetchTimer()
    if args.source == "fake":
        items = make_items(args.proposals, args.comments, args.page_size)
        install_platform(items, args.page_size)
        source = "banc"
        values = {"platform": source, "name": "Banc", "base_url": "https://decidim.example.org", "space": {}}
        total = len(items)
    else:
        from pytest_httpserver import HTTPServer

        fake = make_decidim(args.proposals, args.comments)
        server = HTTPServer(host="127.0.0.1", port=0)
        server.start()
        fake.install(server)
        timer.install()
        source = "decidim"
        values = {
            "platform": source,
            "name": "Budget (Decidim)",
            "base_url": server.url_for("").rstrip("/"),
            "space": {"kind": "process", "slug": "budget"},
            "credentials": {"api_key": fake.api_key, "api_secret": fake.api_secret},
            "direction": "in",
        }
        total = args.proposals + args.comments
    results = {"items": total, "passes": {}}
    try:
        with tenant_context(tenant):
            ctx = ServiceContext.system(Channel.CLI, tenant=tenant)
            link = services.create_link(ctx, values)

            def one_pass(name: str, full: bool) -> None:
                meter = Meter()
                # each pass starts in a minute of its own: a full request budget, whatever ran before
                virtual = VirtualClock(start=3600.0 * (1 + sum(map(len, results["passes"].values()))))
                fetch_before = timer.seconds
                start = time.perf_counter()
                with connection.execute_wrapper(meter):
                    report = engine.sync_link(
                        Link.objects.get(pk=link.pk),
                        full=full,
                        ctx=ctx,
                        http_kwargs={"clock": virtual.clock, "sleep": virtual.sleep},
                    )
                seconds = time.perf_counter() - start
                assert report.done and not report.error_code, (report.error_code, report.error_message)
                results["passes"].setdefault(name, []).append(
                    {
                        "seconds": seconds,
                        "fetch": timer.seconds - fetch_before,
                        "items": report.items,
                        "pages": report.pages,
                        "requests": report.requests,
                        "paced": virtual.offset - virtual.start,
                        "statements": sum(meter.queries.values()),
                        "created": report.outcome.created,
                        "unchanged": report.outcome.unchanged,
                        "breakdown": meter.queries,
                    }
                )

            one_pass("first import", True)
            for _ in range(args.rounds):  # the two no-change passes alternate within each round
                one_pass("no-change full pass", True)
                one_pass("no-change incremental pass", False)
            results["rows"] = (
                Contribution.objects.filter(source=source).count(),
                Comment.objects.filter(source=source).count(),
            )
    finally:
        if server is not None:
            server.stop()
    return results


def report(args, results) -> None:
    where = "Decidim adapter over HTTP (FakeDecidim)" if args.source == "decidim" else "in-process fake platform"
    pages = "25 proposals + their comments" if args.source == "decidim" else f"{args.page_size} items"
    print(f"connector engine, {where}: {args.proposals} proposals + {args.comments} comments, pages of {pages}")
    print(
        f"{'pass':<28}{'n':>3}{'items':>7}{'pages':>6}{'s min':>8}{'s med':>8}{'items/s':>9}"
        f"{'fetch s':>9}{'SQL':>8}{'SQL/item':>9}{'requests':>9}{'paced min':>10}"
    )
    for name, runs in results["passes"].items():
        times = [r["seconds"] for r in runs]
        best = min(runs, key=lambda r: r["seconds"])
        median = statistics.median(times)
        # every pass goes over the whole data set (stored, found unchanged, or skipped by the adapter)
        rate = results["items"] / median if median else 0
        statements = statistics.median([r["statements"] for r in runs])
        per_item = statements / results["items"]
        print(
            f"{name:<28}{len(runs):>3}{best['items']:>7}{best['pages']:>6}{min(times):>8.2f}{median:>8.2f}"
            f"{rate:>9.0f}{statistics.median([r['fetch'] for r in runs]):>9.2f}{statements:>8.0f}{per_item:>9.3f}"
            f"{best['requests']:>9}{best['paced'] / 60:>10.1f}"
        )
    print("(« items »: handed to the engine; items/s and SQL/item: over the whole data set and the median time;")
    print(" « fetch »: time inside the adapter's fetch, HTTP and fake server included;")
    print(" « paced min »: minutes the engine would wait at the platform's published request limit)")
    print("first import, statements by kind:")
    for kind, count in results["passes"]["first import"][0]["breakdown"].most_common(12):
        print(f"  {kind:<40}{count:>8}")
    print(f"rows: {results['rows'][0]} contributions, {results['rows'][1]} comments")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--source", choices=("decidim", "fake"), default="decidim", help="what serves the items (default decidim)"
    )
    parser.add_argument("--proposals", type=int, default=5000, help="proposals served (default 5000)")
    parser.add_argument("--comments", type=int, default=20000, help="comments served (default 20000)")
    parser.add_argument("--page-size", type=int, default=100, help="items per page, --source fake (default 100)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of no-change passes (default 3)")
    parser.add_argument("--database-url", default=DEFAULT_URL, help=f"bench database (default {DEFAULT_URL})")
    parser.add_argument("--keep", action="store_true", help="keep the bench database afterwards")
    args = parser.parse_args(argv)
    if min(args.proposals, args.page_size, args.rounds) < 1 or args.comments < 0:
        parser.error("counts must be positive")
    name, admin_url = _split_database_url(args.database_url)
    _check_name(name)
    wall = time.perf_counter()
    create_database(admin_url, name)
    try:
        setup_django(args)
        results = run(args)
        report(args, results)
        assert results["rows"] == (args.proposals, args.comments), results["rows"]
        first = results["passes"]["first import"][0]
        assert first["created"] == results["items"], first["created"]
        assert all(r["unchanged"] == results["items"] for r in results["passes"]["no-change full pass"])
    finally:
        from django.db import connections

        connections.close_all()
        if args.keep:
            print(f"kept database {name!r} (--keep)")
        else:
            drop_database(admin_url, name)
        print(f"bench wall time: {time.perf_counter() - wall:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
