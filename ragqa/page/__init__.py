"""The chat page's view models, texts, sources and page images (ui.py wires them into Gradio)."""
