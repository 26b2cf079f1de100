"""Plugins that ship with imedia. Each is registered through the ``imedia.plugins`` entry point
in ``pyproject.toml``, exactly as a third-party plugin would be."""
