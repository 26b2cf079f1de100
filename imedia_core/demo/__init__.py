"""Demo content for the three demonstration programmes (``imedia demo``): resources, pages and
news items written as data, one module per programme, seeded by ``seed.seed_content``."""
