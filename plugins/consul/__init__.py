"""Consul Democracy connector (see plugin.py and docs/connectors-consul.md)."""
