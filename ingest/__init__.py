"""Loading, cleaning and chunking reports."""
