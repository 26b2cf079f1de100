"""The rules every export follows (imedia_core.formats): XML-safe text, formula-safe cells."""

import csv
import io
from xml.etree import ElementTree

from imedia_core.formats import csv_bytes, spreadsheet_safe, xml_text


def test_xml_text_escapes_markup_and_drops_forbidden_characters():
    hostile = 'Phase <script>alert("x")</script> & co\x00\x1f'
    svg = f'<svg xmlns="http://www.w3.org/2000/svg"><title attr="{xml_text(hostile)}">{xml_text(hostile)}</title></svg>'
    title = ElementTree.fromstring(svg)[0]
    assert title.text == 'Phase <script>alert("x")</script> & co'
    assert title.get("attr") == title.text


def test_formulas_are_neutralised_but_numbers_are_not():
    assert spreadsheet_safe('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert spreadsheet_safe("@SUM(A1)") == "'@SUM(A1)"
    assert spreadsheet_safe("-cmd|' /C calc'!A0") == "'-cmd|' /C calc'!A0"
    assert spreadsheet_safe("+33 1 23") == "'+33 1 23"
    assert [spreadsheet_safe(v) for v in ("-3,5", "-0.25", "+12", "1e-3", 7, -2.5, None)] == [
        "-3,5",
        "-0.25",
        "+12",
        "1e-3",
        7,
        -2.5,
        None,
    ]


def test_csv_is_for_french_spreadsheets_by_default():
    data = csv_bytes(["Nom", "Valeur"], [["=1+1", "-4,5"], ["Élodie", None]])
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    assert "\r\n" in text
    assert list(csv.reader(io.StringIO(text), delimiter=";")) == [
        ["Nom", "Valeur"],
        ["'=1+1", "-4,5"],
        ["Élodie", ""],
    ]
    plain = csv_bytes(["a"], [["b"]], delimiter=",", bom=False)
    assert plain == b"a\r\nb\r\n"
