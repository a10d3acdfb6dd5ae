"""Evidence selection, generation, citation checking and the answer orchestration."""
