"""Every GraphQL document the Decidim adapter sends, in one place.

Each one is validated against the committed SDL fixture (``api/decidim-0.31.graphql``) by
tests/connectors/decidim/test_queries.py; the fake server executes over the same fixture.
"""

from __future__ import annotations

from pathlib import Path

SDL_VERSION = "0.31"
SDL_PATH = Path(__file__).with_name("api") / f"decidim-{SDL_VERSION}.graphql"

# Comments are nested: a reply to a reply is a comment of a comment. Decidim's own front end
# nests threads; COMMENT_DEPTH levels are read (deeper replies are rare and attach to the
# deepest level read, see client.py).
COMMENT_DEPTH = 4

_COMMENT_FIELDS = "id body createdAt upVotes author { name nickname deleted }"


def _comment_tree(depth: int) -> str:
    """``comments { fields comments { fields ... } }`` nested ``depth`` levels."""
    if depth == 0:
        return ""
    return f" comments {{ {_COMMENT_FIELDS}{_comment_tree(depth - 1)} }}"


VERSION = "query ImediaVersion { decidim { version } }"

PROCESS = """
query ImediaProcess($slug: String!) {
  participatoryProcess(slug: $slug) {
    id
    slug
    title { translation(locale: "fr") }
    steps { id active position startDate endDate title { translation(locale: "fr") } }
    components { id __typename name { translation(locale: "fr") } }
  }
}
"""

ASSEMBLIES = """
query ImediaAssemblies {
  assemblies {
    id
    slug
    title { translation(locale: "fr") }
    components { id __typename name { translation(locale: "fr") } }
  }
}
"""

PROPOSALS_PAGE = (
    """
query ImediaProposals($component: ID!, $first: Int!, $after: String) {
  component(id: $component) {
    id
    __typename
    ... on Proposals {
      proposals(first: $first, after: $after, order: { id: "asc" }) {
        pageInfo { endCursor hasNextPage }
        nodes {
          id
          title { translation(locale: "fr") }
          body { translation(locale: "fr") }
          author { name nickname deleted }
          authors { name nickname deleted }
          official
          state
          withdrawn
          withdrawnAt
          answeredAt
          publishedAt
          createdAt
          updatedAt
          voteCount
          likesCount
          totalCommentsCount
"""
    + _comment_tree(COMMENT_DEPTH)
    + """
        }
      }
    }
  }
}
"""
)

DEBATES_PAGE = (
    """
query ImediaDebates($component: ID!, $first: Int!, $after: String) {
  component(id: $component) {
    id
    __typename
    ... on Debates {
      debates(first: $first, after: $after) {
        pageInfo { endCursor hasNextPage }
        nodes {
          id
          title { translation(locale: "fr") }
          description { translation(locale: "fr") }
          author { name nickname deleted }
          createdAt
          updatedAt
          totalCommentsCount
"""
    + _comment_tree(COMMENT_DEPTH)
    + """
        }
      }
    }
  }
}
"""
)

# Which proposals component holds the proposal (answer() knows only "proposal:<id>"), and the
# answer it already shows (a retried delivery Decidim already took is not answered again).
FIND_PROPOSAL = """
query ImediaFindProposal($component: ID!, $id: ID!) {
  component(id: $component) {
    id
    ... on Proposals { proposal(id: $id) { id state answer { translation(locale: "fr") } comments { id body } } }
  }
}
"""

ANSWER = """
mutation ImediaAnswer($component: ID!, $proposal: ID!, $state: String!, $content: JSON!) {
  component(id: $component) {
    ... on ProposalsMutation {
      proposal(id: $proposal) {
        answer(input: { attributes: { state: $state, answerContent: $content } }) {
          id
          state
          answeredAt
        }
      }
    }
  }
}
"""

ADD_COMMENT = """
mutation ImediaComment($id: String!, $type: String!, $body: String!) {
  commentable(id: $id, type: $type, locale: "fr", toggleTranslations: false) {
    addComment(body: $body) { id }
  }
}
"""

DEBATE_COMMENTS = """
query ImediaDebateComments($component: ID!, $id: ID!) {
  component(id: $component) {
    id
    ... on Debates { debate(id: $id) { id comments { id body } } }
  }
}
"""

ALL = {
    "VERSION": VERSION,
    "PROCESS": PROCESS,
    "ASSEMBLIES": ASSEMBLIES,
    "PROPOSALS_PAGE": PROPOSALS_PAGE,
    "DEBATES_PAGE": DEBATES_PAGE,
    "FIND_PROPOSAL": FIND_PROPOSAL,
    "ANSWER": ANSWER,
    "ADD_COMMENT": ADD_COMMENT,
    "DEBATE_COMMENTS": DEBATE_COMMENTS,
}
