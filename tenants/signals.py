"""Keep the routing cache honest: any change to a tenant or a domain forgets its routes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Domain, Tenant
from .routing import forget_tenant


@receiver([post_save, post_delete], sender=Tenant)
def tenant_changed(sender, instance, **kwargs):
    hosts = list(instance.domains.values_list("domain", flat=True)) if instance.pk else []
    forget_tenant(instance, hosts)


@receiver([post_save, post_delete], sender=Domain)
def domain_changed(sender, instance, **kwargs):
    forget_tenant(instance.tenant, [instance.domain])
