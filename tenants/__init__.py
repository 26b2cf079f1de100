"""The shared (public) schema: operators, tenants, domains, people, memberships, API keys,
provisioning and request routing."""
