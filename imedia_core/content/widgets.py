"""The rich-text editor of the admin: django-prose-editor (ProseMirror), served from the
project's own static files (no CDN), limited to what ``sanitize.clean_html`` keeps.

The editor is a convenience, never a guarantee: whatever it posts is still cleaned by nh3 in
the domain services (``clean_html``). Without JavaScript it degrades to the plain textarea.
"""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import AdminProseEditorWidget

# The editor's extensions, chosen to match ``sanitize.ALLOWED_TAGS``: headings start at h2
# (the page's title is the h1), links are limited to the schemes nh3 keeps.
RICH_TEXT_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"protocols": ["http", "https", "mailto", "tel"], "enableTarget": False},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
    "HTML": True,
}


class RichTextWidget(AdminProseEditorWidget):
    """A textarea the admin turns into a rich-text editor; ``aria-label`` names it for
    assistive technologies (the editor's editable area has no ``<label>`` of its own)."""

    def __init__(self, attrs=None, *, label=None):
        attrs = {"rows": 8, **(attrs or {})}
        super().__init__(attrs=attrs, config={"extensions": RICH_TEXT_EXTENSIONS}, preset="configurable")
        self.label = label

    @property
    def media(self):
        # Names the editable area (and select2 boxes) after their field, once scripts have made them.
        return super().media + forms.Media(js=["imedia_content/admin_labels.js"])

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.label and "aria-label" not in context["widget"]["attrs"]:
            context["widget"]["attrs"]["aria-label"] = str(self.label)
        return context


def rich_text(label=None) -> RichTextWidget:
    """The widget for a sanitised-HTML field, e.g. ``widgets = {"body": rich_text(_("Texte"))}``."""
    return RichTextWidget(label=label)


RICH_TEXT_HELP = _("Mise en forme simple (titres, listes, liens, tableaux) ; le texte est nettoyé à l'enregistrement.")


def label_subwidgets(form) -> None:
    """Give each part of a split input (the admin's date + time) an accessible name: the admin
    renders one ``<label>`` for the first part only."""
    for field in form.fields.values():
        widgets = getattr(field.widget, "widgets", None)
        if not widgets or field.widget.is_hidden:
            continue
        parts = (gettext("date"), gettext("heure")) if len(widgets) == 2 else range(1, len(widgets) + 1)
        for widget, part in zip(widgets, parts, strict=False):
            widget.attrs.setdefault("aria-label", f"{field.label} — {part}")
