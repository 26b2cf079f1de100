"""Tenant presets for the programme families the i-médiatisation method serves."""
