"""imedia: a multi-tenant headless CMS for participatory programmes."""
