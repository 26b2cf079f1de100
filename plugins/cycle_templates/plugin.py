"""Registers the bundled French cycle templates and instantiates the matching one when a
programme space is provisioned from a tenant template.

Template content lives in one data module per cycle beside this file. This module is the entry
point, imported while settings are read: the data modules and the core's template functions are
imported inside the hooks, once the apps are ready.
"""

from imedia_core.plugin_api import Channel, ServiceContext, hookimpl

# Tenant template key (tenant_presets) -> cycle template key. ``vierge`` and no template: none.
CYCLE_FOR_TENANT_TEMPLATE = {
    "formation_professionnelle": "amelioration_continue_formation",
    "rsa": "participation_rsa",
    "conseils_citoyens": "conseils_citoyens",
    "equipement_social": "generique",
}


@hookimpl
def imedia_cycle_templates():
    from . import conseils_citoyens, formation, generique, imediatisation, rsa  # not while settings are read

    return [
        generique.TEMPLATE,
        imediatisation.TEMPLATE,
        conseils_citoyens.TEMPLATE,
        formation.TEMPLATE,
        rsa.TEMPLATE,
    ]


@hookimpl
def imedia_guidance_question_sets():
    from .questions import QUESTION_SETS  # not while settings are read

    return QUESTION_SETS


@hookimpl
def imedia_diagnostic_templates():
    from .diagnostics import DIAGNOSTIC_TEMPLATES  # not while settings are read

    return DIAGNOSTIC_TEMPLATES


@hookimpl
def imedia_tenant_created(tenant, template):
    key = CYCLE_FOR_TENANT_TEMPLATE.get(template.key) if template is not None else None
    if key is None:
        return
    from imedia_core.plugin_api import (  # the template modules load models: not while settings are read
        available_cycle_templates,
        install_diagnostics,
        install_question_set,
        instantiate_cycle,
    )

    cycle_template = available_cycle_templates(tenant).get(key)
    if cycle_template is not None:
        # The hook is not told who provisions: the journal entry tenant.created records it, and the
        # cycle adds no audit line of its own.
        ctx = ServiceContext.system(Channel.JOB, tenant=tenant)
        instantiate_cycle(ctx, cycle_template, audit=False)
        # The starter guided-path questions and self-diagnostics that go with this cycle.
        install_question_set(ctx, key)
        install_diagnostics(ctx, key)
