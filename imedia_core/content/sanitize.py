"""Rich text is sanitised on the way in (nh3, an allow-list), and never trusted on the way out;
plain-text fields (titles, summaries) keep no markup at all."""

import html
import re
import unicodedata

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "mark",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "hr",
    "a",
    "img",
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "abbr",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "*": {"lang"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_html(value: str | None) -> str:
    """Keep structure and links; drop scripts, styles, event handlers and javascript: URLs."""
    if not value:
        return ""
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# A "<" that a browser would read as the start of a tag, a comment or a declaration.
_TAG_START_RE = re.compile(r"<(?=[A-Za-z/!?])")
_MAX_DECODING_ROUNDS = 8


def _strip_markup(text: str) -> str:
    """Remove tags, then decode entities, until neither changes the text: ``&lt;script&gt;``
    (or ``&amp;lt;script&amp;gt;``) decodes to a tag that the next round removes. Text still
    holding a tag start after the last round (entities nested deeper) loses its ``<``."""
    for _ in range(_MAX_DECODING_ROUNDS):
        decoded = html.unescape(nh3.clean(text, tags=set()))
        if decoded == text:
            break
        text = decoded
    return _TAG_START_RE.sub("", text)


def plain_text(value: str | None, *, multiline: bool) -> str:
    """Text without markup (scripts and styles dropped with their content), entities decoded,
    control characters removed, NFC-normalised and trimmed. ``multiline`` keeps line breaks
    (at most one blank line in a row); otherwise everything is one line. The result never holds
    markup, whatever the order of decoding: a decoded ``&lt;script&gt;`` is removed too."""
    if not value:
        return ""
    text = _strip_markup(str(value))
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL_RE.sub("", text)
    if not multiline:
        return " ".join(text.split())
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
