"""The participation cycle: a programme's ordered phases, each with its stakes (enjeux),
objectives, vigilance points (points de vigilance), methods, and the resources that serve it."""
