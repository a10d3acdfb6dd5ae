"""The live session (index, models, uploads) and the folder watch."""
