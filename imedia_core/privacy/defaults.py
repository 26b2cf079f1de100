"""Default retention periods, in days (read by ``imedia_core.settings``, documented in
docs/privacy.md and docs/configuration.md). This module imports nothing: settings load it."""

RETENTION_DEFAULTS: dict[str, int] = {
    # Unanswered searches of the guided path, counted from the last time the words were seen.
    "IMEDIA_RETENTION_UNANSWERED_SEARCH_DAYS": 365,
    # A space's journal (audit log), counted from the entry's date.
    "IMEDIA_RETENTION_AUDIT_DAYS": 365,
    # Person tokens and API keys, counted from their expiry or revocation.
    "IMEDIA_RETENTION_TOKENS_DAYS": 30,
    # Reports (signalements) on contributions, counted from the report.
    "IMEDIA_RETENTION_REPORTS_DAYS": 365,
    # Moderation history (status changes, who moderated), counted from the decision.
    "IMEDIA_RETENTION_MODERATION_DAYS": 730,
    # Delivered webhooks (deliveries and their attempt logs), counted from the delivery.
    "IMEDIA_RETENTION_WEBHOOK_DELIVERIES_DAYS": 7,
}
