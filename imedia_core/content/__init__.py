"""What every kind of editorial content shares: publication states and scheduling, revisions
kept on every save and restorable, and rich text sanitised on the way in."""
