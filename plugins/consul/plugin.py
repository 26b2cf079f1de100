"""consul connector (work in progress)."""

NAME = "consul"
