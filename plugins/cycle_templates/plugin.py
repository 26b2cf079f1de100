"""Registers the bundled French cycle templates and instantiates the matching one when a
programme space is provisioned from a tenant template.

Template content lives in one data module per cycle beside this file; modules are imported
inside the hooks (a plugin module must not import Django models when settings are read).
"""

from imedia_core.pluginhost import hookimpl

# Tenant template key (tenant_presets) -> cycle template key. ``vierge`` and no template: none.
CYCLE_FOR_TENANT_TEMPLATE = {
    "formation_professionnelle": "amelioration_continue_formation",
    "rsa": "participation_rsa",
    "conseils_citoyens": "conseils_citoyens",
    "equipement_social": "generique",
}


@hookimpl
def imedia_cycle_templates():
    from . import conseils_citoyens, formation, generique, imediatisation, rsa

    return [
        generique.TEMPLATE,
        imediatisation.TEMPLATE,
        conseils_citoyens.TEMPLATE,
        formation.TEMPLATE,
        rsa.TEMPLATE,
    ]


@hookimpl
def imedia_guidance_question_sets():
    from .questions import QUESTION_SETS

    return QUESTION_SETS


@hookimpl
def imedia_diagnostic_templates():
    from .diagnostics import DIAGNOSTIC_TEMPLATES

    return DIAGNOSTIC_TEMPLATES


@hookimpl
def imedia_tenant_created(tenant, template):
    key = CYCLE_FOR_TENANT_TEMPLATE.get(template.key) if template is not None else None
    if key is None:
        return
    from imedia_core.cycle.templates import available_cycle_templates, instantiate

    cycle_template = available_cycle_templates(tenant).get(key)
    if cycle_template is not None:
        # The provisioning journal entry (tenant.created) already records the creation.
        instantiate(cycle_template, audit=False)
        # The starter guided-path questions and self-diagnostics that go with this cycle.
        from imedia_core.diagnostics.templates import install_diagnostics
        from imedia_core.guidance.templates import install_question_set

        install_question_set(key)
        install_diagnostics(key)
