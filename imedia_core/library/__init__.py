"""The resource centre: methods, tools, guides and testimonies a programme gathers in one place."""
