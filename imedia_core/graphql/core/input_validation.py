"""Checks on request input that the GraphQL type system cannot express.

PostgreSQL text cannot hold NUL bytes (U+0000): a string carrying one, anywhere in the
request — an argument literal, a nested input object or list, a variable's default or a
variable value — is refused once, here, before execution, rather than failing deep in a
query as an internal error.
"""

from graphql import DocumentNode, StringValueNode, Visitor, visit

NUL = "\x00"
NUL_MESSAGE = "Les textes envoyés ne peuvent pas contenir de caractère nul (U+0000)."


class _NulFinder(Visitor):
    found = False

    def enter_string_value(self, node: StringValueNode, *_args):
        if NUL in node.value:
            self.found = True
            return self.BREAK
        return None


def _value_has_nul(value) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if NUL in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return False


def nul_in_request(document: DocumentNode, variables: dict | None) -> bool:
    """Whether a string literal of ``document`` or a string inside ``variables`` holds a NUL byte."""
    if variables and _value_has_nul(variables):
        return True
    finder = _NulFinder()
    visit(document, finder)
    return finder.found
