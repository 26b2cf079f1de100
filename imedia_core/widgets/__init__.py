"""Embeddable widgets: a door that serves the widgets' iframe pages (the web components
themselves are a static script, ``imedia_core/static/widgets/imedia-widgets.js``, that talks to
the space's GraphQL endpoint). See docs/widgets.md."""
