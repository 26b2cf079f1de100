"""Text going into files people open elsewhere: SVG charts and spreadsheets (CSV, XLSX).

One place for the two rules every export follows:

- ``xml_text``: text inside an SVG (or any XML) element or a double-quoted attribute is escaped
  and stripped of the control characters XML forbids, so no title typed by a person can break
  the document or inject markup.
- ``spreadsheet_safe``: a text cell that starts like a formula (``=``, ``+``, ``-``, ``@``, tab,
  carriage return) is prefixed with ``'`` so spreadsheet programs show it instead of running it
  (CSV/formula injection). Numbers, and text that is just a number (``-3,5``), are left alone.

``csv_bytes`` writes CSV for French spreadsheets by default: ``;`` between fields, CRLF, UTF-8
with a byte-order mark so Excel reads the accents; every text cell goes through
``spreadsheet_safe``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from xml.sax.saxutils import escape

_INVALID_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?(?:[eE][-+]?\d+)?")


def xml_text(value) -> str:
    return escape(_INVALID_XML.sub("", str(value)), {'"': "&quot;"})


def spreadsheet_safe(value):
    # A formatted number ("-3,5") stays a number: only text that is not one is neutralised.
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_bytes(header: list[str], lines: Iterable[list], *, delimiter: str = ";", bom: bool = True) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for line in lines:
        writer.writerow(["" if value is None else spreadsheet_safe(value) for value in line])
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")
