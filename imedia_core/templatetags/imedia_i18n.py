"""Counts said right in the active language: « 0 contribution » in French (plural from 2 on),
"0 contributions" in English. ``ngettext`` falls back to the English rule for a message the
catalogues lack (a model's name is one), so the plural form is asked of the language itself."""

from django import template
from django.conf import settings
from django.utils.translation import get_language, trans_real

register = template.Library()


def is_plural(count: int) -> bool:
    """Whether ``count`` takes the plural form in the active language."""
    return bool(trans_real.translation(get_language() or settings.LANGUAGE_CODE).plural(count))


@register.simple_tag
def count_of(count, opts) -> str:
    """``count`` followed by the model's name (``opts``: a model's ``_meta``), in the right form."""
    name = opts.verbose_name_plural if is_plural(count) else opts.verbose_name
    return f"{count} {name}"
