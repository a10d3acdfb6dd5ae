"""The form an answer should take, read from the question: a fact (one or two sentences), a
list, a comparison, an explanation or a summary. Every form is cited sentence by sentence
and passes the same support check; only the length and the shape asked of the model differ."""

from __future__ import annotations

import re

# Asked to summarise, not a table that summarises ("손익 요약 표에서", "the summary table"), nor
# a document named for what it is ("the AI overview slides", "the summary section"): a word
# that qualifies the noun after it names that thing.
_SUMMARY = re.compile(r"요약(?!\s*(?:표|재무))|개요를|핵심\s*내용|주요\s*내용|summari[sz]e"
                      r"|\b(?:summary|overview)\b(?!\s+(?:slides?|deck|section|table|report|page|chapter|document)s?\b)"
                      r"|main points|key points", re.IGNORECASE)
# Asked to compare, not a table that compares ("AI 역량 비교 표에서", "in the comparison table"):
# the verb, a difference, or "how do X and Y differ".
_COMPARE = re.compile(r"비교해|비교하(?:면|라|시오|세요|여)|차이[가점는]?|다른\s*점|어떻게\s*다르|\bcompare(?:s|d)?\b(?!\s+table)"
                      r"|\bdiffer|\bversus\b", re.IGNORECASE)
_EXPLAIN = re.compile(r"왜|이유|까닭|원인|설명해|\bwhy\b|\bexplain|\breasons?\b|\bcauses?\b", re.IGNORECASE)
# ... or asked for things in the plural ("What recommendations does the report make?", "어떤
# 기관들이"): one of them is half the answer.
_LIST = re.compile(r"나열|목록|모두\s*(?:무엇|알려|꼽)|어떤\s*(?:것|\S+)들[이을은]|무엇무엇|종류(?:는|를|에는)|\blist\b|what are the\b"
                   r"|name the\b|\b(?:what|which)\s+(?:[a-z-]+\s+){0,2}?[a-z]+(?:ies|[^siu\s'’]s)\s+"
                   r"(?:do|does|did|are|were|have|has|had|will)\b", re.IGNORECASE)

FORMS = ("fact", "list", "comparison", "explanation", "summary")
# Tokens the model may write for each form: a fact stays short, the rest need room.
MAX_TOKENS = {"fact": 160, "list": 280, "comparison": 280, "explanation": 280, "summary": 400}


def answer_form(question: str) -> str:
    for form, pattern in (("summary", _SUMMARY), ("comparison", _COMPARE), ("explanation", _EXPLAIN),
                          ("list", _LIST)):
        if pattern.search(question):
            return form
    return "fact"


_ASK = {
    "ko": {
        "list": "항목마다 한 줄씩 목록으로 답하고, 줄마다 끝에 근거 번호 [n]을 붙이세요.",
        "comparison": "비교하는 대상마다 한 문장씩, 근거의 수치나 특징을 들어 답하세요. 문장마다 [n]을 붙이세요.",
        "explanation": "근거에 적힌 이유를 두세 문장으로 설명하세요. 문장마다 [n]을 붙이세요.",
        "summary": "근거의 핵심 내용을 세 문장에서 다섯 문장으로 요약하세요. 문장마다 [n]을 붙이세요.",
    },
    "en": {
        "list": "Answer as a list, one item per line, each line ending with its [n].",
        "comparison": "Give one sentence per thing compared, with the evidence's figures or traits; end each with [n].",
        "explanation": "Explain the reasons the evidence gives in two or three sentences, each ending with [n].",
        "summary": "Summarise the evidence's key points in three to five sentences, each ending with [n].",
    },
}


def form_instruction(form: str, lang: str) -> str:
    """What the prompt asks for this form; empty for a fact (the system prompt's default)."""
    return _ASK.get(lang, _ASK["en"]).get(form, "")
