"""Every GraphQL document the Decidim adapter sends is valid against the committed SDL fixture."""

from __future__ import annotations

import pytest
from graphql import build_schema, parse, validate

from plugins.decidim import queries
from plugins.decidim.plugin import PLATFORM


@pytest.fixture(scope="module")
def schema():
    return build_schema(queries.SDL_PATH.read_text())


@pytest.mark.parametrize("name", sorted(queries.ALL))
def test_every_document_is_valid_against_the_decidim_sdl(schema, name):
    assert validate(schema, parse(queries.ALL[name])) == []


def test_validation_catches_a_field_decidim_does_not_have(schema):
    # The fixture is a real constraint: a guessed field name is refused.
    wrong = queries.PROPOSALS_PAGE.replace("voteCount", "votesCount")
    errors = validate(schema, parse(wrong))
    assert len(errors) == 1
    assert errors[0].message.startswith("Cannot query field 'votesCount' on type 'Proposal'.")


def test_the_fixture_names_its_source_and_the_platform_its_version():
    header = queries.SDL_PATH.read_text().split("\n\n", 1)[0]
    assert "github.com/decidim/decidim" in header and "0.31" in header
    assert "decidim-proposals/lib/decidim/api/mutations/answer_proposal_attributes.rb" in header
    assert PLATFORM.source_version == queries.SDL_VERSION == "0.31"


def test_the_answer_mutation_has_decidim_s_shape(schema):
    attributes = schema.get_type("AnswerProposalAttributes")
    assert set(attributes.fields) == {"answerContent", "cost", "costReport", "executionPeriod", "state"}
    answer = schema.get_type("ProposalMutation").fields["answer"]
    assert str(answer.args["input"].type) == "AnswerInput!"
    assert str(schema.get_type("AnswerInput").fields["attributes"].type) == "AnswerProposalAttributes!"
