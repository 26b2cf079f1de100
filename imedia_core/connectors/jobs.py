"""The connectors' background jobs, run per tenant by the events engine (polling worker or Celery).

``connectors.sync`` runs (or resumes) the due passes of the space's inbound links, at most
``IMEDIA_CONNECTORS_PAGES_PER_RUN`` pages per link and run, for the platforms whose plugin the
space enabled; ``connectors.deliver`` sends the answers that are due. Both are safe to run in
several workers at once (a lease per link, SKIP LOCKED per answer).
"""

import logging

from django.conf import settings

from imedia_core.context import Channel, ServiceContext

from .engine import LinkBusy, due_links, sync_link
from .outbound import deliver_due

logger = logging.getLogger("imedia.connectors")


def sync_due_links(tenant) -> int:
    ctx = ServiceContext.system(Channel.CONNECTOR, tenant=tenant)
    handled = 0
    for link in list(due_links(tenant)):
        try:
            report = sync_link(link, ctx=ctx, max_pages=settings.IMEDIA_CONNECTORS_PAGES_PER_RUN)
        except LinkBusy:
            continue
        except Exception:  # one link's bug must not stop the others; the lease was released
            logger.exception("connector link %s failed", link.pk)
            continue
        handled += report.items
    return handled


def deliver_answers(tenant) -> int:
    return deliver_due(tenant)
