"""Personal data: erasing one's account ends each membership (``member.removed``) and records the
erasure (``person.erased``) in every space the person reached."""

from tests.conftest import PASSWORD

from . import Case

CASES = [
    Case(
        mutation="accountErase",
        document=f'mutation {{ accountErase(password: "{PASSWORD}") {{ erased errors {{ code }} }} }}',
        events=("member.removed", "person.erased"),
        role="participant",
    ),
]
