"""The programme's participation rules (``ParticipationSettings``, one row per space): when
moderation happens, which signatures are allowed, the edit window and the anti-abuse thresholds.
Space admins change them; every door goes through ``update_settings``."""

from __future__ import annotations

from django.db import transaction

from imedia_core.changes import changed
from imedia_core.context import ServiceContext
from imedia_core.errors import ErrorCollector, ServiceError

from .inputs import choice_value
from .models import ModerationMode, ParticipationSettings

# Allowed ranges of the numeric rules (inclusive).
LIMITS = {
    "edit_window_minutes": (0, 7 * 24 * 60),
    "anonymous_rate_limit": (1, 1000),
    "report_threshold": (1, 100),
}
SWITCHES = ("allow_pseudonymous", "allow_anonymous")
# What the audit log and the event carry of the rules once changed.
FIELDS = ("moderation_mode", *SWITCHES, *LIMITS)


def check_settings(data: dict) -> None:
    """Refuse every value out of its range at once (None values are left as they are)."""
    errors = ErrorCollector(field_names={"moderation_mode": "moderationMode"})
    mode = choice_value(data.get("moderation_mode"))
    if mode is not None and mode not in ModerationMode.values:
        errors.add("moderation_mode", "INVALID", "Mode de modération inconnu.")
    for name, (low, high) in LIMITS.items():
        value = data.get(name)
        if value is not None and not low <= value <= high:
            errors.add(name, "INVALID", f"La valeur doit être comprise entre {low} et {high}.")
    errors.raise_if_any()


@transaction.atomic
def update_settings(ctx: ServiceContext, data: dict) -> ParticipationSettings:
    """Change the programme's participation rules (space admins); omitted or None values stay."""
    if not ctx.can_manage:
        raise ServiceError.single(
            "PERMISSION_DENIED", "Seul·es les administrateur·rices de l'espace peuvent changer ces réglages."
        )
    check_settings(data)
    settings = ParticipationSettings.objects.select_for_update().filter(pk=1).first() or ParticipationSettings.load()
    mode = choice_value(data.get("moderation_mode"))
    if mode is not None:
        settings.moderation_mode = mode
    for name in SWITCHES:
        if data.get(name) is not None:
            setattr(settings, name, bool(data[name]))
    for name in LIMITS:
        if data.get(name) is not None:
            setattr(settings, name, data[name])
    settings.save()
    changed(
        ctx,
        "participation.settings_updated",
        settings,
        payload={name: getattr(settings, name) for name in FIELDS},
        summary=f"Modération {settings.get_moderation_mode_display().lower()}, "
        f"anonymat {'autorisé' if settings.allow_anonymous else 'refusé'}",
    )
    return settings
