"""The automatic removal of e-mail addresses and phone numbers."""

import pytest

from imedia_core.commons.scrub import EMAIL_PLACEHOLDER, PHONE_PLACEHOLDER, scrub


@pytest.mark.parametrize(
    "text, expected, count",
    [
        ("Écrire à marie.curie+rsa@dept94.gouv.fr.", f"Écrire à {EMAIL_PLACEHOLDER}.", 1),
        ("Tél. 06 12 34 56 78", f"Tél. {PHONE_PLACEHOLDER}", 1),
        ("Tél. 0612345678 ou 01.45.67.89.10", f"Tél. {PHONE_PLACEHOLDER} ou {PHONE_PLACEHOLDER}", 2),
        ("+33 6 12 34 56 78 / 0033612345678", f"{PHONE_PLACEHOLDER} / {PHONE_PLACEHOLDER}", 2),
        ("+33 (0)1 45 67 89 10", PHONE_PLACEHOLDER, 1),
        ("Appel au +44 20 7946 0958", f"Appel au {PHONE_PLACEHOLDER}", 1),
        ('<a href="tel:0612345678">appeler</a>', "<a>appeler</a>", 1),
        ("<a href='mailto:x@y.fr'>écrire</a>", "<a>écrire</a>", 1),
        # Not personal data: years, amounts, codes, dates, counts.
        ("En 2024, 1 250 € pour 94000 Créteil, le 12/03/2025, 45 personnes.", None, 0),
        ("Réf. 2024-06-12-34", None, 0),
        ("", "", 0),
    ],
)
def test_scrub(text, expected, count):
    result, found = scrub(text)
    assert result == (text if expected is None else expected)
    assert found == count
