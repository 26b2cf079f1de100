"""decidim connector (work in progress)."""

NAME = "decidim"
