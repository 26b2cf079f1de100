"""Shared-schema models. Everything here lives in ``public`` and is visible to every request;
every query on a tenant-owned row (memberships, keys, tokens) filters by tenant explicitly."""

import hashlib
import secrets

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin

from imedia_core.permissions import Role

from .validators import normalize_domain, validate_domain, validate_slug


class Operator(models.Model):
    """An organisation hosting several programmes (a regional operator, an association...)."""

    slug = models.SlugField(max_length=64, unique=True, verbose_name=_("identifiant"))
    name = models.CharField(max_length=200, verbose_name=_("nom"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("créé le"))

    class Meta:
        verbose_name_plural = _("opérateurs")
        ordering = ["name"]
        verbose_name = _("opérateur")

    def __str__(self):
        return self.name


class PolicyArea(models.TextChoices):
    VOCATIONAL_TRAINING = "vocational_training", _("Formation professionnelle")
    SOCIAL_INCLUSION = "social_inclusion", _("RSA / insertion sociale")
    CITIZEN_COUNCILS = "citizen_councils", _("Conseils citoyens")
    SOCIAL_FACILITIES = "social_facilities", _("Équipements sociaux")
    OTHER = "other", _("Autre")


class TenantStatus(models.TextChoices):
    ACTIVE = "active", _("Actif")
    SUSPENDED = "suspended", _("Suspendu")
    ARCHIVED = "archived", _("Archivé")


class TenantQuerySet(models.QuerySet):
    def programmes(self):
        """Real programme spaces: everything but the template schema's row."""
        return self.filter(is_template=False)


class Tenant(TenantMixin):
    """A programme space: one PostgreSQL schema named after its slug."""

    name = models.CharField(max_length=200, verbose_name=_("nom"))
    policy_area = models.CharField(
        max_length=32, choices=PolicyArea.choices, default=PolicyArea.OTHER, verbose_name=_("politique publique")
    )
    territory = models.CharField(max_length=200, blank=True, verbose_name=_("territoire"))
    operator = models.ForeignKey(
        Operator, null=True, blank=True, on_delete=models.PROTECT, related_name="tenants", verbose_name=_("opérateur")
    )
    locale = models.CharField(max_length=10, default="fr", verbose_name=_("langue"))
    status = models.CharField(
        max_length=16, choices=TenantStatus.choices, default=TenantStatus.ACTIVE, verbose_name=_("état")
    )
    status_reason = models.CharField(max_length=500, blank=True, verbose_name=_("motif de l'état"))
    template_key = models.CharField(max_length=64, blank=True, verbose_name=_("modèle"))
    # The row of the template schema new tenants are cloned from. It exists so that
    # ``migrate_schemas`` migrates the template with everyone else (it skips row-less schemas).
    is_template = models.BooleanField(default=False, editable=False, verbose_name=_("modèle"))
    plugin_settings = models.JSONField(default=dict, blank=True, verbose_name=_("réglages des extensions"))
    cors_allowed_origins = models.JSONField(default=list, blank=True, verbose_name=_("origines autorisées (CORS)"))
    public_site_url = models.CharField(
        max_length=500,
        blank=True,
        verbose_name=_("adresse du site public"),
        help_text=_(
            "Modèle d'adresse des contenus sur le site public, par exemple "
            "https://participer.example.org/{type}/{slug}. Repères possibles : {type}, {slug}, {id}, {path}. "
            "Vide : « Voir sur le site » ouvre un aperçu dans l'administration."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("créé le"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("modifié le"))

    # Schemas are created by ``tenants.provisioning`` only (clone, one transaction).
    auto_create_schema = False
    auto_drop_schema = False

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        verbose_name = _("programme")

    def __str__(self):
        return self.name

    @property
    def slug(self) -> str:
        return self.schema_name

    @property
    def is_active(self) -> bool:
        return self.status == TenantStatus.ACTIVE and not self.is_template

    def clean(self):
        if not self.is_template:
            validate_slug(self.schema_name)


class Domain(DomainMixin):
    """A host name that routes to a tenant (``rsa94.example.org``)."""

    class Meta:
        verbose_name_plural = _("domaines")
        verbose_name = _("domaine")

    def clean(self):
        self.domain = normalize_domain(self.domain)
        validate_domain(self.domain)

    def save(self, *args, **kwargs):
        # Routing compares lower-cased hosts: whatever form created the row, store it that way.
        self.domain = normalize_domain(self.domain)
        super().save(*args, **kwargs)


def normalise_email(value) -> str:
    """The one form addresses are stored, looked up and rate-limited in. Exact comparisons on it
    only: PostgreSQL ``UPPER()`` folds ``ı`` and ``ſ`` onto ASCII letters where Python does not,
    so a case-insensitive lookup would reach an account through a spelling the limit counts apart."""
    return (value or "").strip().lower()


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("Une adresse e-mail est requise.")
        user = self.model(email=normalise_email(self.normalize_email(email)), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username):
        return self.get(email=normalise_email(username))

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Lives in the public schema; memberships say what they may do in each tenant."""

    email = models.EmailField(unique=True, verbose_name=_("adresse e-mail"))
    display_name = models.CharField(max_length=150, blank=True, verbose_name=_("nom affiché"))
    is_active = models.BooleanField(default=True, verbose_name=_("active"))
    # Platform staff (the hosting team): Django's flag for the platform admin site.
    is_staff = models.BooleanField(default=False, verbose_name=_("équipe"))
    date_joined = models.DateTimeField(default=timezone.now, verbose_name=_("inscrit le"))

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name_plural = _("personnes")
        verbose_name = _("personne")
        constraints = [
            models.UniqueConstraint(
                Lower("email"), name="user_email_ci_unique", violation_error_message="Cette adresse est déjà utilisée."
            )
        ]

    def __str__(self):
        return self.display_name or self.email

    def save(self, *args, **kwargs):
        # Logins compare normalised addresses exactly: store them that way, whatever form created them.
        self.email = normalise_email(self.email)
        # Django sets ``_password`` when the password changes (admin, CLI, set_password).
        password_changed = self._password is not None and self.pk is not None
        super().save(*args, **kwargs)
        if password_changed:
            # Whoever held a token may be the reason for the change: every session ends with it.
            PersonToken.objects.filter(user=self, revoked_at__isnull=True).update(revoked_at=timezone.now())


class Membership(models.Model):
    """A person's role in one tenant."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("personne"))
    tenant = models.ForeignKey(
        Tenant, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("programme")
    )
    role = models.CharField(max_length=32, choices=Role.tenant_choices(), verbose_name=_("rôle"))
    created_at = models.DateTimeField(
        auto_now_add=True, help_text=_("Depuis quand la personne a un rôle ici."), verbose_name=_("créé le")
    )

    class Meta:
        verbose_name_plural = _("appartenances")
        constraints = [models.UniqueConstraint(fields=["user", "tenant"], name="membership_unique")]
        verbose_name = _("appartenance")

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} @ {self.tenant.schema_name}"


class OperatorMembership(models.Model):
    """Makes a person an operator admin: they manage every tenant of that operator."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="operator_memberships", verbose_name=_("personne")
    )
    operator = models.ForeignKey(Operator, on_delete=models.CASCADE, related_name="admins", verbose_name=_("opérateur"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("créé le"))

    class Meta:
        verbose_name_plural = _("administrations d'opérateur")
        constraints = [models.UniqueConstraint(fields=["user", "operator"], name="operator_membership_unique")]
        verbose_name = _("administration d'opérateur")

    def __str__(self):
        return f"{self.user} — {self.operator}"


def hash_secret(raw: str) -> str:
    """Secrets are 256-bit random strings, so a fast hash is enough and keeps lookups O(1)."""
    return hashlib.sha256(raw.encode()).hexdigest()


class SecretQuerySet(models.QuerySet):
    def usable(self):
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class SecretBase(models.Model):
    """Shared shape of person tokens and API keys: stored hashed, shown once, revocable."""

    PREFIX = ""

    prefix = models.CharField(
        max_length=16,
        unique=True,
        editable=False,
        help_text=_("Premiers caractères du secret, pour le reconnaître."),
        verbose_name=_("préfixe"),
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False, verbose_name=_("empreinte de la clé"))
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("Date de création."), verbose_name=_("créé le"))
    expires_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("Date à laquelle il cesse de fonctionner, s'il expire."),
        verbose_name=_("expire le"),
    )
    last_used_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text=_("Dernière utilisation (notée au plus une fois par minute)."),
        verbose_name=_("dernière utilisation"),
    )
    revoked_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Date de révocation, le cas échéant."), verbose_name=_("révoqué le")
    )

    objects = SecretQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def new_secret(cls) -> tuple[str, str]:
        """Return ``(prefix, raw)``; the raw secret is what the client gets, once."""
        prefix = secrets.token_hex(4)
        return prefix, f"{cls.PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"

    def mark_used(self, min_interval_seconds: int = 60) -> None:
        """Record use, at most once a minute so a busy key does not write on every request."""
        now = timezone.now()
        if self.last_used_at and (now - self.last_used_at).total_seconds() < min_interval_seconds:
            return
        type(self).objects.filter(pk=self.pk).update(last_used_at=now)
        self.last_used_at = now

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class PersonToken(SecretBase):
    """A bearer token for a person, bound to the tenant it was obtained in (or to the platform)."""

    PREFIX = "imt"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="tokens", verbose_name=_("personne"))
    # NULL: a platform token (operator API); otherwise valid only in this tenant.
    tenant = models.ForeignKey(
        Tenant, null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("programme")
    )

    class Meta:
        verbose_name_plural = _("jetons personnels")
        verbose_name = _("jeton personnel")

    def __str__(self):
        return f"{self.user} ({self.prefix})"


class ApiKeyScope(models.TextChoices):
    READ = "read", _("Lecture")
    WRITE = "write", _("Écriture")
    # A service account (a platform, an integrator's server) submits contributions and comments on
    # behalf of a named external person, attributed as such (docs/auth.md#service-accounts).
    CONTRIBUTE = "contribute", _("Contribuer pour des personnes extérieures")
    RESPOND = "respond", _("Publier des réponses officielles")


class ApiKey(SecretBase):
    """A tenant-scoped key for an integrator's server or frontend."""

    PREFIX = "imk"

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="api_keys", verbose_name=_("programme"))
    name = models.CharField(max_length=120, help_text=_("Un nom qui dit qui utilise la clé."), verbose_name=_("nom"))
    scopes = models.JSONField(default=list, verbose_name=_("portées"))
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("créé par")
    )

    class Meta:
        verbose_name_plural = _("clés d'API")
        ordering = ["-created_at"]
        verbose_name = _("clé d'API")

    def __str__(self):
        return f"{self.name} ({self.prefix})"


class InvitationQuerySet(models.QuerySet):
    def open(self):
        """Neither accepted nor revoked (expired ones included: an admin may resend them)."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)


class Invitation(models.Model):
    """An invitation to join a space with a role, sent by e-mail and accepted by the person.

    Only the SHA-256 hash of the token is stored; the raw token travels in the e-mail once. At
    most one open invitation per address and space: inviting again renews it."""

    tenant = models.ForeignKey(
        Tenant, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("programme")
    )
    email = models.EmailField(verbose_name=_("adresse e-mail"))
    role = models.CharField(max_length=32, choices=Role.tenant_choices(), verbose_name=_("rôle"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False, verbose_name=_("empreinte du jeton"))
    invited_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("invité par")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("créé le"))
    sent_at = models.DateTimeField(verbose_name=_("envoyée le"))
    send_count = models.PositiveIntegerField(default=1, verbose_name=_("nombre d'envois"))
    expires_at = models.DateTimeField(verbose_name=_("expire le"))
    accepted_at = models.DateTimeField(null=True, blank=True, verbose_name=_("acceptée le"))
    accepted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("acceptée par")
    )
    revoked_at = models.DateTimeField(null=True, blank=True, verbose_name=_("révoquée le"))

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name_plural = _("invitations")
        verbose_name = _("invitation")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "email"],
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_open_unique",
            )
        ]

    def __str__(self):
        return f"{self.email} — {self.get_role_display()} @ {self.tenant.schema_name}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return "revoked"
        if self.accepted_at is not None:
            return "accepted"
        return "expired" if self.is_expired else "pending"
