"""Contributes a tenant template per policy area the method has served for twenty years.

Content (cycles, starter resources) is added by the plugins that own it, on
``imedia_tenant_created``, keyed on ``template.key``.
"""

from imedia_core.plugin_api import TenantTemplate, hookimpl


@hookimpl
def imedia_tenant_templates():
    return [
        TenantTemplate(
            key="formation_professionnelle",
            label="Formation professionnelle",
            description=(
                "Amélioration continue d'un service public régional de formation avec les "
                "stagiaires et apprentis : leurs constats et propositions remontent aux "
                "organismes et à la Région, qui font savoir ce qui a changé."
            ),
            policy_area="vocational_training",
        ),
        TenantTemplate(
            key="rsa",
            label="Participation des allocataires du RSA",
            description=(
                "Participation des personnes allocataires du RSA à la politique d'insertion "
                "d'un département : groupes d'expression, propositions, réponses des services."
            ),
            policy_area="social_inclusion",
        ),
        TenantTemplate(
            key="conseils_citoyens",
            label="Conseils citoyens",
            description=(
                "Accompagnement et structuration des conseils citoyens d'une ville : questions "
                "des habitants, initiatives de quartier, suivi des engagements."
            ),
            policy_area="citizen_councils",
        ),
        TenantTemplate(
            key="equipement_social",
            label="Équipement social",
            description=(
                "Instance participative d'un centre social ou d'un équipement de proximité : "
                "les usagers co-construisent le projet avec l'équipe."
            ),
            policy_area="social_facilities",
        ),
    ]
