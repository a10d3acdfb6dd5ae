"""Embedders, dense and lexical stores, fusion and the persisted index."""
