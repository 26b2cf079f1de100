"""Invitations to join a programme space, which the invited person accepts.

A space admin invites an e-mail address with a role; the person receives a single-use link (a
token only its SHA-256 hash of which is stored), valid ``IMEDIA_INVITATION_TTL_DAYS`` days, and
accepts it signed in with that address, or by creating their account (name and password) when
none exists. Until then nobody is added to the space.

Inviting answers the same whatever the address: whether it has an account on the platform is
never looked up (no name, no hint, the same queries and the same e-mail), so the members API can
no longer be used to test which addresses exist. Only the space's own members are recognised
(``ALREADY_MEMBER``), which its admins can list anyway.

GraphQL (``memberInvite``, ``invitationResend``, ``invitationRevoke``, ``invitationAccept``,
``invitations``), the space's members page and the platform console's « Inviter par e-mail »
call these functions.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django_tenants.utils import tenant_context

from imedia_core import ratelimit
from imedia_core.changes import changed
from imedia_core.context import ServiceContext
from imedia_core.errors import ErrorCollector, ServiceError
from imedia_core.permissions import Role

from .members import grant_role, require_manager, tenant_role
from .models import Invitation, Membership, User, hash_secret, normalise_email

TOKEN_PREFIX = "imi"
RATE_WINDOW_SECONDS = 3600
DISPLAY_NAME_MAX = 150

NOT_FOUND_MESSAGE = "Cette invitation n'existe pas dans cet espace."
TOKEN_UNKNOWN_MESSAGE = "Ce lien d'invitation n'est pas valable dans cet espace. Vérifiez qu'il est complet."
REFUSALS = {
    "revoked": ("INVITATION_REVOKED", "Cette invitation a été annulée par l'espace."),
    "accepted": ("INVITATION_USED", "Cette invitation a déjà servi : elle ne s'utilise qu'une fois."),
    "expired": (
        "INVITATION_EXPIRED",
        "Cette invitation a expiré. Demandez à l'équipe de l'espace de vous l'envoyer à nouveau.",
    ),
}


def role_label(value: str) -> str:
    return str(dict(Role.tenant_choices()).get(value, value))


# --- reads ------------------------------------------------------------------------------------


def open_invitations(tenant):
    """The space's invitations still waiting for an answer (expired ones included, to resend)."""
    return Invitation.objects.open().filter(tenant=tenant).select_related("invited_by").order_by("-sent_at", "-pk")


def invitation_of(tenant, pk, field: str = "id") -> Invitation:
    """The space's invitation ``pk``; another space's is not found."""
    invitation = Invitation.objects.filter(tenant=tenant, pk=pk).first() if pk else None
    if invitation is None:
        raise ServiceError.single("NOT_FOUND", NOT_FOUND_MESSAGE, field)
    return invitation


# --- writes by the space's admins -------------------------------------------------------------


def _address(email) -> str:
    address = normalise_email(email)
    try:
        validate_email(address)
    except ValidationError:
        raise ServiceError.single("INVALID", "Cette adresse e-mail n'est pas valide.", "email") from None
    return address


def _rate_key(ctx: ServiceContext) -> str:
    return f"invitations:{ctx.tenant.schema_name}:{ctx.user_id}"


def _check_rate(ctx: ServiceContext) -> None:
    """At most ``IMEDIA_INVITATIONS_PER_HOUR`` sendings per person and space (new invitations and
    resendings alike); the system (CLI, jobs) is not limited."""
    if ctx.actor is None:
        return
    if ratelimit.count(cache, _rate_key(ctx)) >= settings.IMEDIA_INVITATIONS_PER_HOUR:
        raise ServiceError.single(
            "RATE_LIMITED",
            "Vous avez envoyé beaucoup d'invitations en peu de temps. Réessayez dans une heure.",
        )
    ratelimit.hit(cache, _rate_key(ctx), RATE_WINDOW_SECONDS)


def _new_token() -> tuple[str, str]:
    raw = f"{TOKEN_PREFIX}_{secrets.token_urlsafe(32)}"
    return raw, hash_secret(raw)


def _issue(invitation: Invitation, ctx: ServiceContext) -> str:
    """A fresh token and expiry on ``invitation`` (saved); returns the raw token, for the e-mail."""
    raw, digest = _new_token()
    now = timezone.now()
    invitation.token_hash = digest
    invitation.sent_at = now
    invitation.expires_at = now + timedelta(days=settings.IMEDIA_INVITATION_TTL_DAYS)
    if ctx.actor is not None:
        invitation.invited_by = ctx.actor
    return raw


def invite(ctx: ServiceContext, email, role) -> Invitation:
    """Invite ``email`` to the context's space with ``role`` and send the e-mail (after commit).

    An open invitation to the same address is renewed (new link, new expiry, the new role): the
    former link stops working. Same answer, same work, whether or not the address has an account.
    """
    require_manager(ctx)
    tenant = ctx.tenant
    errors = ErrorCollector()
    address = role_value = None
    try:
        address = _address(email)
    except ServiceError as exc:
        errors.errors.extend(exc.errors)
    try:
        role_value = tenant_role(role)
    except ServiceError as exc:
        errors.errors.extend(exc.errors)
    errors.raise_if_any()
    with transaction.atomic():
        if Membership.objects.filter(tenant=tenant, user__email=address).exists():
            raise ServiceError.single(
                "ALREADY_MEMBER",
                "Cette personne est déjà membre de l'espace : changez son rôle dans la liste des membres.",
                "email",
            )
        _check_rate(ctx)
        invitation = Invitation.objects.select_for_update().open().filter(tenant=tenant, email=address).first()
        renewed = invitation is not None
        if invitation is None:
            invitation = Invitation(tenant=tenant, email=address, send_count=0)
        invitation.role = role_value
        invitation.send_count += 1
        raw = _issue(invitation, ctx)
        invitation.save()
        _record(ctx, "invitation.resent" if renewed else "invitation.created", invitation)
        _send(invitation, raw, ctx)
    return invitation


def resend(ctx: ServiceContext, invitation: Invitation) -> Invitation:
    """Send an open invitation again, with a new link and a new expiry (the former link dies)."""
    require_manager(ctx)
    with transaction.atomic():
        invitation = _locked(ctx, invitation)
        if invitation.revoked_at is not None or invitation.accepted_at is not None:
            code, message = REFUSALS[invitation.status]
            raise ServiceError.single(code, message, "id")
        _check_rate(ctx)
        invitation.send_count += 1
        raw = _issue(invitation, ctx)
        invitation.save()
        _record(ctx, "invitation.resent", invitation)
        _send(invitation, raw, ctx)
    return invitation


def revoke(ctx: ServiceContext, invitation: Invitation) -> Invitation:
    """Cancel an open invitation: its link stops working. Cancelling it again changes nothing."""
    require_manager(ctx)
    with transaction.atomic():
        invitation = _locked(ctx, invitation)
        if invitation.revoked_at is not None:
            return invitation
        if invitation.accepted_at is not None:
            code, message = REFUSALS["accepted"]
            raise ServiceError.single(code, message, "id")
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        _record(ctx, "invitation.revoked", invitation)
    return invitation


def _locked(ctx: ServiceContext, invitation: Invitation) -> Invitation:
    locked = Invitation.objects.select_for_update().filter(pk=invitation.pk, tenant=ctx.tenant).first()
    if locked is None:
        raise ServiceError.single("NOT_FOUND", NOT_FOUND_MESSAGE, "id")
    return locked


def _record(ctx: ServiceContext, action: str, invitation: Invitation, **payload) -> None:
    # The address stays out of the journal and the events: the invitation's id and role say enough.
    with tenant_context(invitation.tenant):
        changed(
            ctx,
            action,
            invitation,
            payload={"role": invitation.role, **payload},
            summary=f"Invitation ({role_label(invitation.role)})",
        )


# --- the e-mail ---------------------------------------------------------------------------------


def accept_url(tenant, raw: str) -> str:
    pattern = settings.IMEDIA_INVITATION_ACCEPT_URL
    if not pattern:
        return ""
    return pattern.replace("{token}", raw).replace("{space}", tenant.schema_name)


def _send(invitation: Invitation, raw: str, ctx: ServiceContext) -> None:
    """Write the e-mail now (in the space's language) and send it once the transaction commits:
    a refused or rolled back invitation never leaves."""
    tenant = invitation.tenant
    inviter = (getattr(ctx.actor, "display_name", "") or "").strip()
    with translation.override(tenant.locale or settings.LANGUAGE_CODE):
        context = {
            "space": tenant.name,
            "inviter": inviter,
            "role": role_label(invitation.role),
            "token": raw,
            "url": accept_url(tenant, raw),
            "expires_at": timezone.localtime(invitation.expires_at),
        }
        subject = render_to_string("tenants/email/invitation_subject.txt", context).strip().replace("\n", " ")
        body = render_to_string("tenants/email/invitation.txt", context)
    message = EmailMessage(subject[:250], body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    # fail_silently: a mail server outage must not undo the (committed) invitation; it can be resent.
    transaction.on_commit(lambda: get_connection(fail_silently=True).send_messages([message]))


# --- the invited person ---------------------------------------------------------------------------


def _usable(tenant, token) -> Invitation:
    raw = (token or "").strip()
    invitation = (
        Invitation.objects.select_for_update().filter(tenant=tenant, token_hash=hash_secret(raw)).first()
        if raw
        else None
    )
    if invitation is None:
        raise ServiceError.single("NOT_FOUND", TOKEN_UNKNOWN_MESSAGE, "token")
    if invitation.status != "pending":
        code, message = REFUSALS[invitation.status]
        raise ServiceError.single(code, message, "token")
    return invitation


def _new_account(email: str, display_name, password) -> User:
    errors = ErrorCollector()
    name = " ".join(strip_tags(str(display_name or "")).split())
    if not name:
        errors.add("display_name", "REQUIRED", "Indiquez le nom que les autres verront.")
    elif len(name) > DISPLAY_NAME_MAX:
        errors.add("display_name", "INVALID", f"Le nom ne doit pas dépasser {DISPLAY_NAME_MAX} caractères.")
    user = User(email=email, display_name=name)
    if not password:
        errors.add("password", "REQUIRED", "Choisissez un mot de passe.")
    else:
        try:
            password_validation.validate_password(password, user=user)
        except ValidationError as exc:
            errors.add("password", "INVALID", " ".join(exc.messages))
    errors.raise_if_any()
    user.set_password(password)
    user.save()
    return user


def accept(ctx: ServiceContext, token, *, display_name=None, password=None) -> Membership:
    """Accept an invitation of the context's space: the signed-in person whose address it was sent
    to, or, when nobody is signed in and the address has no account, a new account with this name
    and password. Gives the invited role (the last-admin rule applies) and spends the link."""
    tenant = ctx.tenant
    with transaction.atomic():
        invitation = _usable(tenant, token)
        if ctx.actor is not None:
            person = ctx.actor
            if normalise_email(person.email) != invitation.email:
                raise ServiceError.single(
                    "EMAIL_MISMATCH",
                    "Cette invitation a été envoyée à une autre adresse que celle de votre compte.",
                    "token",
                )
        elif ctx.is_api_key:
            raise ServiceError.single(
                "PERMISSION_DENIED", "Une invitation s'accepte par la personne invitée, pas avec une clé d'API."
            )
        else:
            if User.objects.filter(email=invitation.email).exists():
                raise ServiceError.single(
                    "ACCOUNT_EXISTS",
                    "Un compte existe déjà pour cette adresse : connectez-vous, puis acceptez l'invitation.",
                    "token",
                )
            person = _new_account(invitation.email, display_name, password)
        person_ctx = ServiceContext.for_user(person, tenant, ctx.channel, ip=ctx.ip)
        membership = grant_role(person_ctx, person, invitation.role)
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = person
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        _record(person_ctx, "invitation.accepted", invitation, person=person.pk)
    return membership
