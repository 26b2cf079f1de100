"""The period indicators are computed over: two calendar dates, both included, in the platform's
time zone (``settings.TIME_ZONE``, Europe/Paris by default).

A contribution made on 31 March at 23:30 in Paris belongs to March, even though it is already
1 April in UTC: people read their programme's figures in local time, so the bounds and the
monthly buckets are local too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from imedia_core.errors import ServiceError

#: The longest period one request may cover (a monthly chart of 60 bars at most).
MAX_YEARS = 5
#: The default period covers the current month and the 11 before it.
DEFAULT_MONTHS = 12


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local_today() -> dt.date:
    return timezone.now().astimezone(local_zone()).date()


def _add_months(day: dt.date, months: int) -> dt.date:
    """First day of the month ``months`` away from ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Period:
    """``start`` and ``end`` are dates, both included."""

    start: dt.date
    end: dt.date

    @property
    def start_at(self) -> dt.datetime:
        """First instant of the period (local midnight of ``start``), time-zone aware."""
        return dt.datetime.combine(self.start, dt.time.min, tzinfo=local_zone())

    @property
    def end_before(self) -> dt.datetime:
        """First instant *after* the period (local midnight of the day after ``end``)."""
        return dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=local_zone())

    def months(self) -> list[dt.date]:
        """First day of every calendar month the period touches, in order."""
        months, month = [], self.start.replace(day=1)
        while month <= self.end:
            months.append(month)
            month = _add_months(month, 1)
        return months

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def default_period(today: dt.date | None = None) -> Period:
    today = today or local_today()
    return Period(_add_months(today, -(DEFAULT_MONTHS - 1)), today)


def make_period(start: dt.date | None = None, end: dt.date | None = None) -> Period:
    """Validate and complete a requested period.

    Missing ``end``: today. Missing ``start``: the first day of the month eleven months before
    ``end``'s month (12 calendar months). Raises ``ServiceError`` (codes ``PERIOD_REVERSED``,
    ``PERIOD_TOO_LONG``) with the offending argument as ``field`` (``from`` or ``to``).
    """
    end = end or local_today()
    start = start or _add_months(end, -(DEFAULT_MONTHS - 1))
    if start > end:
        raise ServiceError.single(
            "PERIOD_REVERSED", "La date de début doit précéder ou égaler la date de fin.", field="from"
        )
    if end >= _add_years(start, MAX_YEARS):
        raise ServiceError.single("PERIOD_TOO_LONG", f"La période ne peut pas dépasser {MAX_YEARS} ans.", field="to")
    return Period(start, end)


def parse_date(value: str | None, field: str) -> dt.date | None:
    """A query-string date (``YYYY-MM-DD``); empty means absent."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ServiceError.single(
            "INVALID_DATE", f"« {value} » n'est pas une date au format AAAA-MM-JJ.", field=field
        ) from None
