"""Checks on request input that the GraphQL type system cannot express.

PostgreSQL text cannot hold NUL bytes (U+0000): a string carrying one, anywhere in the
request — an argument literal, a nested input object or list, a variable's default or a
variable value — is refused once, here, before execution, rather than failing deep in a
query as an internal error. The check and its message are the ones every door uses
(``imedia_core.input_checks``).
"""

from graphql import DocumentNode, StringValueNode, Visitor, visit

from imedia_core.input_checks import NUL, NUL_MESSAGE, has_nul

__all__ = ["NUL", "NUL_MESSAGE", "nul_in_request"]


class _NulFinder(Visitor):
    found = False

    def enter_string_value(self, node: StringValueNode, *_args):
        if NUL in node.value:
            self.found = True
            return self.BREAK
        return None


def nul_in_request(document: DocumentNode, variables: dict | None) -> bool:
    """Whether a string literal of ``document`` or a string inside ``variables`` holds a NUL byte."""
    if variables and has_nul(variables):
        return True
    finder = _NulFinder()
    visit(document, finder)
    return finder.found
