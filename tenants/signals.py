"""Keep the routing cache honest: any change to a tenant or a domain forgets its routes."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from .models import Domain, Tenant
from .routing import forget_tenant


@receiver([post_save, post_delete], sender=Tenant)
def tenant_changed(sender, instance, **kwargs):
    hosts = list(instance.domains.values_list("domain", flat=True)) if instance.pk else []
    _forget_now_and_on_commit(instance, hosts)


@receiver(pre_save, sender=Domain)
def domain_renamed(sender, instance, **kwargs):
    if instance.pk:
        previous = Domain.objects.filter(pk=instance.pk).values_list("domain", flat=True).first()
        if previous and previous != instance.domain:
            _forget_now_and_on_commit(instance.tenant, [previous])


@receiver([post_save, post_delete], sender=Domain)
def domain_changed(sender, instance, **kwargs):
    _forget_now_and_on_commit(instance.tenant, [instance.domain])


def _forget_now_and_on_commit(tenant, hosts):
    # Now, so this process sees the change at once; again after commit, because a concurrent
    # request may have cached the old row between this change and its commit.
    forget_tenant(tenant, hosts)
    transaction.on_commit(lambda: forget_tenant(tenant, hosts))
