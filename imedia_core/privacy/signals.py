"""Receivers: record the spaces a person reaches, and erase a person's traces when their account
is deleted, whatever door deletes it (platform admin, shell, a script)."""

from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver

from imedia_core.context import Channel, ServiceContext
from tenants.models import Membership, PersonToken, User

from . import erasure
from .models import PersonSpace


def _seen(user_id, tenant_id) -> None:
    if user_id and tenant_id:
        PersonSpace.objects.bulk_create([PersonSpace(user_id=user_id, tenant_id=tenant_id)], ignore_conflicts=True)


@receiver(post_save, sender=Membership, dispatch_uid="privacy.membership_seen")
def membership_seen(sender, instance, created, **kwargs):
    if created:
        _seen(instance.user_id, instance.tenant_id)


@receiver(post_save, sender=PersonToken, dispatch_uid="privacy.token_seen")
def token_seen(sender, instance, created, **kwargs):
    if created:
        _seen(instance.user_id, instance.tenant_id)


@receiver(pre_delete, sender=User, dispatch_uid="privacy.erase_on_account_deletion")
def erase_on_account_deletion(sender, instance, **kwargs):
    """Deleting an account erases its traces first (the account's own deletion follows)."""
    ctx = getattr(instance, "privacy_context", None) or ServiceContext.system(Channel.CLI)
    erasure.erase_traces(ctx, instance)
