"""Remove the personal data a machine can recognise from text about to leave a programme.

E-mail addresses and phone numbers (French and international formats) are replaced by a
French placeholder; ``mailto:`` and ``tel:`` links lose their target. Names and other personal
details cannot be found reliably this way: that is why sharing also requires the person to
confirm explicitly that personal data were removed.
"""

from __future__ import annotations

import re

EMAIL_PLACEHOLDER = "[adresse électronique retirée]"
PHONE_PLACEHOLDER = "[numéro retiré]"

EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
# 0X XX XX XX XX, +33 X XX XX XX XX, 0033…, with spaces, dots or dashes, or none; and other
# international numbers of 8 digits or more written with a leading "+".
PHONE_RE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)33[\s.\-]?(?:\(0\)[\s.\-]?)?[1-9]|0[1-9])(?:[\s.\-]?\d{2}){4}(?!\d)"
    r"|(?<![\w+])\+\d{1,3}(?:[\s.\-]?\d){7,12}(?!\d)"
)
LINK_RE = re.compile(r"""\s+href\s*=\s*(["'])\s*(?:mailto|tel):.*?\1""", re.IGNORECASE)


def scrub(text: str) -> tuple[str, int]:
    """``text`` with e-mail addresses and phone numbers replaced, and how many were found."""
    if not text:
        return text or "", 0
    text, links = LINK_RE.subn("", text)
    text, emails = EMAIL_RE.subn(EMAIL_PLACEHOLDER, text)
    text, phones = PHONE_RE.subn(PHONE_PLACEHOLDER, text)
    return text, emails + phones + links
