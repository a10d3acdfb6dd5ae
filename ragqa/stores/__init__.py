"""What the app keeps beside the index: feedback and conversations in SQLite."""
