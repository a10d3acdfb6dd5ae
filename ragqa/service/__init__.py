"""The HTTP service (`ragqa serve`)."""
