"""The guided-path examples of graphql/examples/ run over HTTP with their documented variables."""

import json
from pathlib import Path

from graphql import parse, validate

from imedia_core.graphql.api import get_schema

EXAMPLES = Path(__file__).resolve().parents[2] / "graphql" / "examples"
NAMES = ("guidance-match.graphql", "guidance-path.graphql", "guidance-unanswered.graphql")


def read(name):
    return (EXAMPLES / name).read_text(encoding="utf-8")


def documented_variables(name):
    lines = read(name).splitlines()
    start = lines.index("# Variables, e.g.:") + 1
    return json.loads(" ".join(line[1:].strip() for line in lines[start:] if line.startswith("#   ")))


def test_examples_are_valid():
    schema = get_schema().graphql_schema
    for name in NAMES:
        assert validate(schema, parse(read(name))) == [], name


def test_examples_run(api, tenant_a, generic_alpha, callers):
    found = api.gql(read("guidance-match.graphql"), documented_variables("guidance-match.graphql"), tenant=tenant_a)
    assert found["guidanceMatch"]["status"] == "MATCHED"
    slug = found["guidanceMatch"]["matches"][0]["question"]["slug"]
    assert slug == documented_variables("guidance-path.graphql")["slug"]
    path = api.gql(read("guidance-path.graphql"), {"slug": slug}, tenant=tenant_a)["guidanceQuestion"]["path"]
    assert path["steps"][-1]["contribute"]["kind"] == "TESTIMONY"
    api.gql(read("guidance-match.graphql"), {"text": "un local à vélos"}, tenant=tenant_a)
    listed = api.gql(
        read("guidance-unanswered.graphql"),
        documented_variables("guidance-unanswered.graphql"),
        tenant=tenant_a,
        token=callers["facilitator"],
    )["guidanceUnansweredSearches"]
    assert [e["node"]["text"] for e in listed["edges"]] == ["un local à vélos"]
