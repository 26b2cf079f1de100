"""adhocracy connector (work in progress)."""

NAME = "adhocracy"
