"""Email the people following a contribution (author, supporters, people who asked to follow).

Followers are people of the public schema, referenced by id in ``participation.Follower``. Their
addresses are read when the notification is requested (inside the caller's transaction, so the
list matches the change), and the messages leave only once that transaction commits: a rolled
back change never sends mail. One message per person, so no address is disclosed to others.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction

from tenants.models import User

from .models import Follower


def follower_emails(contribution, *, exclude_user_id: int | None = None) -> list[str]:
    """Addresses of the active followers of ``contribution`` (two queries at most)."""
    ids = set(Follower.objects.filter(contribution=contribution).values_list("user_id", flat=True))
    ids.discard(exclude_user_id)
    if not ids:
        return []
    emails = User.objects.filter(pk__in=ids, is_active=True).exclude(email="").values_list("email", flat=True)
    return sorted(set(emails))


def _subject_prefix() -> str:
    tenant = getattr(connection, "tenant", None)
    name = getattr(tenant, "name", "")
    return f"[{name}] " if name else ""


def notify_followers(contribution, *, subject: str, message: str, exclude_user_id: int | None = None) -> None:
    """Send ``subject``/``message`` (plain text, French) to every follower with an email, after commit.

    ``exclude_user_id`` skips one person (typically whoever made the change being announced).
    Safe to call outside a transaction: the mail then leaves at once.
    """
    recipients = follower_emails(contribution, exclude_user_id=exclude_user_id)
    if not recipients:
        return
    full_subject = f"{_subject_prefix()}{subject}".replace("\n", " ")[:250]

    def send():
        messages = [
            EmailMessage(full_subject, message, settings.DEFAULT_FROM_EMAIL, [address]) for address in recipients
        ]
        # fail_silently: a mail server outage must not break the (already committed) change.
        get_connection(fail_silently=True).send_messages(messages)

    transaction.on_commit(send)
