"""Evaluation of the report QA assistant: hand-written facts (facts.jsonl) and pure scoring."""
