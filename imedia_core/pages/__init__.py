"""Editorial pages and news: how a programme makes known what was done."""
