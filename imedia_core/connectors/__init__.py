"""Links between a programme space and a space on an external participatory platform."""
