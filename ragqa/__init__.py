"""보고서 QA: document-grounded question answering over Korean and English reports."""

__version__ = "0.1.0"
