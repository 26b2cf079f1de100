"""The GraphQL API: one folder per domain (``schema.py``, ``types.py``, ``mutations.py``) and
``core/`` for the conventions every domain follows. ``api.py`` assembles the schema from the
plugin host, so the core and plugins contribute fields the same way."""
