"""adhocracy+ connector (see plugin.py and docs/connectors-adhocracy.md)."""
