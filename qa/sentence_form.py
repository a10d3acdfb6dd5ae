"""Whether a draft's sentence is one: a question said back, or a claim cut short before what it
says of its subject comes (qa.grounding drops both, whatever their words' support)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa.citations import cited_numbers, strip_markers
from qa.types import Evidence

# Korean sentence endings of a question ("부르나요", "인가요", "입니까", "갔는가", "일까요")
_ASKING_ENDINGS = ("나요", "가요", "니까", "는가", "까요", "냐", "니")


def asks(part: str) -> bool:
    """A sentence in the form of a question: a small model says the question back with its
    own ending ("… 저자들은 X라고 부르나요 [3]"), which states nothing whatever it names."""
    body = strip_markers(part).strip().rstrip(".。!")
    if body.endswith(("?", "？")):
        return True
    if not re.search(r"[가-힣]$", body):
        return False
    from ingest.korean import _last_token

    tag, form = _last_token(body)
    return tag == "EF" and form.endswith(_ASKING_ENDINGS)


def cut_short(part: str, evidence: Sequence[Evidence]) -> bool:
    """A part copied word for word from a unit it cites that stops where the unit's sentence
    goes on, on a noun or a particle ("… 연구진은 주거 [2]", "… 평가에서 [2]"): a sentence cut
    short, its claim unfinished, though every word is the source's."""
    # the full stop the model put after its marker is not the source's
    body = " ".join(strip_markers(part).split()).rstrip(" ,.")
    if len(body) < 10:
        return False
    if _dangles(body):
        return True
    cited = set(cited_numbers(part))
    for e in evidence:
        if e.n not in cited:
            continue
        text = " ".join(e.text.split())
        at = text.find(body)
        after = text[at + len(body):] if at >= 0 else ""
        # cut between words, not inside one: "총 11개" of "총 11개로 조사됨" is the figure asked
        if after.startswith(" ") and after.lstrip()[:1] not in ",.;:)…·" and not _ends_a_clause(body) \
                and not _A_FIGURE_LAST.search(body):
            return True
        # the label the unit states something under ("양형의 이유 불리한 정상: 피고인은 …"),
        # without what it states
        if at >= 0 and after.startswith(":") and after[1:].strip() and not _A_FIGURE_LAST.search(body) \
                and not _ends_a_clause(body):
            return True
    return False


def _dangles(body: str) -> bool:
    """A Korean part that ends on a subject, object or genitive particle, or on 은/는/도 ("… 저자들은
    BERT, GPT를 블로그에서는 [3]"): what it says of them never comes, whatever unit it cites (a
    bare "2028년까지" or "서울에서" may answer when or where)."""
    if not re.search(r"[가-힣]$", body):
        return False
    from ingest.korean import _last_token

    tag, form = _last_token(body)
    return tag in ("JKS", "JKO", "JKG") or (tag == "JX" and form in ("은", "는", "도"))


def _ends_a_clause(text: str) -> bool:
    """Whether ``text`` ends as a clause or sentence may: punctuation, a Korean final,
    connective or nominalising ending (EF, EC, ETN: "늘었으며", "집계됨"), or, in English, a
    word after which a sentence may stop (not "the", "of", "in" …)."""
    if re.search(r"[.!?。)」』\"”]$", text):
        return True
    if re.search(r"[가-힣]", text):
        from ingest.korean import _last_token

        return _last_token(text)[0] in ("EF", "EC", "ETN")
    last = text.split()[-1].casefold() if text.split() else ""
    return bool(re.search(r"[^\w]$", text)) or last not in _EN_OPEN_ENDS and not text[-1].isdigit()


_A_FIGURE_LAST = re.compile(r"\d[\d,.]*\s*(?:%|[가-힣]{1,2}|[A-Za-z]{1,8})?$")
# English words a sentence does not stop on.
_EN_OPEN_ENDS = frozenset({"the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "or", "with", "by", "from",
                           "than", "as", "its", "their", "his", "her", "is", "are", "was", "were", "that", "which"})
