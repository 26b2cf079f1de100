"""The tenant's audit log: who changed what, kept in the tenant's own schema."""
