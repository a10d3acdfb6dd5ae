"""Question variants a real user produces: spacing slips, typos, other phrasings, other word
orders, polite or plain speech, extra words. Rules, never per-item text; each kind draws from
its own ``random.Random`` seeded by (seed, kind, question), so a variant does not change when
another kind is added. Numbers are never touched: a variant asks the same question."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from eval.typos import JUNG, join_syllable, split_syllable, typo


@dataclass(frozen=True)
class Variant:
    kind: str
    question: str


# --- generators ------------------------------------------------------------------------

_END = re.compile(r"\s*[?？.!]*\s*$")


def _body(question: str) -> tuple[str, str]:
    match = _END.search(question)
    assert match is not None
    return question[: match.start()], match.group().strip() or "?"


def spacing(question: str, language: str, rng: random.Random) -> str | None:
    """Korean spacing slips: a third of the spaces next to Hangul dropped, one word split."""
    if language != "ko":
        return None
    hangul = re.compile(r"[\uac00-\ud7a3]")
    spaces = [i for i, ch in enumerate(question) if ch == " " and 0 < i < len(question) - 1
              and (hangul.match(question[i - 1]) or hangul.match(question[i + 1]))
              and not (question[i - 1].isdigit() and question[i + 1].isdigit())]
    drop = set(rng.sample(spaces, max(1, len(spaces) // 3))) if spaces else set()
    chars = ["" if i in drop else ch for i, ch in enumerate(question)]
    words = [m for m in re.finditer(r"[\uac00-\ud7a3]{3,}", question)]
    if words:
        m = rng.choice(words)
        cut = rng.randrange(m.start() + 1, m.end())
        chars[cut] = " " + chars[cut]
    out = "".join(chars)
    return out if out != question else None


# Longest suffix first. Polite -> plain, and plain -> polite; "" for a dropped 요.
_TO_PLAIN = (("인가요", ("야", "인가")), ("입니까", ("야", "인가")), ("이에요", ("이야",)), ("예요", ("야",)),
             ("습니까", ("나",)), ("을까요", ("을까",)), ("주세요", ("줘",)), ("요", ("",)))
_TO_POLITE = (("뭐야", ("무엇인가요", "뭔가요")), ("거야", ("건가요", "겁니까")), ("이야", ("인가요", "입니까")),
              ("인가", ("인가요", "입니까")), ("야", ("인가요", "입니까")), ("니", ("나요",)), ("줘", ("주세요",)),
              ("나", ("나요",)), ("까", ("까요",)), ("가", ("가요",)), ("지", ("지요",)), ("은", ("은요",)),
              ("는", ("는요",)))
_JONG_B = 17  # ㅂ among the finals
_OPEN_VOWELS = {JUNG.index(v) for v in "ㅏㅐㅓㅔㅕㅘㅝㅙㅞ"}


def politeness(question: str, language: str, rng: random.Random) -> str | None:
    """존댓말 <-> 반말 at the end of a Korean question (…인가요?/…입니까? <-> …야?/…인가?)."""
    if language != "ko":
        return None
    body, end = _body(question)
    for suffix, options in _TO_PLAIN:
        if body.endswith(suffix) and len(body) > len(suffix):
            stem, ending = body[: -len(suffix)], rng.choice(options)
            final = split_syllable(stem[-1])
            if ending == "야" and final is not None and final[2]:  # 무엇 -> 무엇이야, 개 -> 개야
                ending = "이야"
            return stem + ending + end
    parts = split_syllable(body[-3]) if len(body) >= 4 and body.endswith("니까") else None
    if parts is not None and parts[2] == _JONG_B:  # 됩니까 -> 되나: the ㅂ of ㅂ니까 goes
        return body[:-3] + join_syllable(parts[0], parts[1], 0) + "나" + end
    for suffix, options in _TO_POLITE:
        if body.endswith(suffix) and len(body) > len(suffix):
            return body[: -len(suffix)] + rng.choice(options) + end
    last = split_syllable(body[-1]) if body else None
    if last is not None and last[2] == 0 and last[1] in _OPEN_VOWELS:  # 있어, 돼, 달라 -> +요
        return body + "요" + end
    return None


_KO_ADVERBIAL = re.compile(r"(부터|까지|에서|에서는|에는|에|동안|중에서)$")
_KO_BARE_DATE = re.compile(r"^[\d~.,-]+(년|월|분기)?$")
_KO_QUESTION_WORD = re.compile(r"^(몇|무엇|무슨|어느|어떤|누구|언제|어디|얼마|왜|뭐)")
# A phrase before these is bound to them ("2024년에 대해"): it cannot move alone.
_KO_BOUND = re.compile(r"^(대해|대한|관해|관한|따르면|따라|비해|의해|걸쳐)")
_JONG_N = 4  # ㄴ: "개발된", "내놓은" modify the next noun, so what precedes them stays
_EN_PREPOSITIONS = {"in", "from", "between", "during", "since", "among", "across", "within", "according", "per"}
_EN_FUNCTION = {"how", "what", "which", "who", "whom", "whose", "when", "where", "why", "is", "are", "was",
                "were", "does", "do", "did", "can", "could", "should", "would", "will", "has", "have", "had",
                "tell", "name", "list", "give", "according", "in", "per", "for", "on", "at", "as", "from",
                "between", "during", "by", "the", "a", "an", "roughly", "approximately", "about", "overall"}


def _lower_first(text: str) -> str:
    first, _, rest = text.partition(" ")
    return (first.lower() if first.lower() in _EN_FUNCTION else first) + (" " + rest if rest else "")


def _modifies_next(word: str) -> bool:
    parts = split_syllable(word[-1]) if word else None
    return parts is not None and parts[2] == _JONG_N


def _ko_adverbial_runs(words: list[str]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for i in range(len(words) - 1):
        j = i
        while j < len(words) - 1 and (_KO_ADVERBIAL.search(words[j]) or _KO_BARE_DATE.match(words[j])):
            j += 1
        if j == i or not _KO_ADVERBIAL.search(words[j - 1]) or (runs and runs[-1][1] >= j):
            continue
        bound = _KO_BOUND.match(words[j]) or _modifies_next(words[j])
        if not bound and (i == 0 or re.search(r"(은|는|이|가)$", words[i - 1])):
            runs.append((i, j))
    return runs


def _move_run(words: list[str], start: int, stop: int) -> list[str] | None:
    """A time/place run to the front, or, when it is first, after the topic."""
    run, rest = words[start:stop], words[:start] + words[stop:]
    if start > 0:
        return run + rest
    asked = next((k for k, w in enumerate(rest) if _KO_QUESTION_WORD.match(w)), len(rest) - 1)
    # The last 은/는 before it is the topic; earlier ones are modifiers ("투자받은 금액은").
    topic = [k + 1 for k, w in enumerate(rest[:asked]) if re.search(r"(은|는)$", w)]
    at = topic[-1] if topic else asked
    return rest[:at] + run + rest[at:] if at > 0 else None


def _ko_word_order(words: list[str], rng: random.Random) -> list[str] | None:
    """A run of time/place phrases (2020년부터 2023년까지, 영국에서) moves, never out of a
    relative clause; or the topic goes after the question, as said aloud ("몇 개야, X는?")."""
    moves = [_move_run(words, start, stop) for start, stop in _ko_adverbial_runs(words)]
    asked = next((k for k, w in enumerate(words) if k and _KO_QUESTION_WORD.match(w)), None)
    topic = [k for k, w in enumerate(words[:asked]) if re.search(r"(은|는)$", w)] if asked else []
    if topic:
        t = topic[-1]
        moves.append([*words[t + 1:-1], words[-1] + ",", *words[: t + 1]])
    moves = [m for m in moves if m]
    return rng.choice(moves) if moves else None


def _en_word_order(words: list[str]) -> list[str] | None:
    """A trailing time or source phrase moves to the front ("…, from 2020 to 2023?" ->
    "From 2020 to 2023, …?"); one after a participle ("mentioned by", "cited in") stays."""
    starts = []
    for k, w in enumerate(words):
        phrase = " ".join(words[k:])
        if w.lower() not in _EN_PREPOSITIONS or k < 3 or len(words) - k > 7 or "," in phrase:
            continue
        timely = re.search(r"\b(19|20)\d\d\b", phrase) is not None
        sourced = re.search(r"\b(report|reports|table|slides|count|blog|analysis|study|survey)\b", phrase)
        # "appearing in 2021", "mentioned by NIA": the phrase belongs to the participle.
        if re.search(r"(ing|,)$", words[k - 1]) is None and (timely or (sourced and not words[k - 1].endswith("ed"))):
            starts.append(k)
    if not starts:
        return None
    # The last phrase is the shortest: "in OpenAI in January 2023" would take the object along.
    k = starts[-1]
    phrase = " ".join(words[k:])
    return [phrase[0].upper() + phrase[1:] + ",", _lower_first(" ".join(words[:k]).rstrip(","))]


def word_order(question: str, language: str, rng: random.Random) -> str | None:
    """Time and source phrases moved within the question, as users order them freely."""
    body, end = _body(question)
    words = body.split()
    moved = _ko_word_order(words, rng) if language == "ko" else _en_word_order(words)
    return " ".join(moved) + end if moved else None


_EN_TEMPLATES = ("Tell me {q}.", "According to the report, {q}?", "I want to know {q}?", "Can you tell me {q}?",
                 "Please tell me {q}.")


def paraphrase(question: str, language: str, rng: random.Random) -> str | None:
    """English templates a user wraps a question in ("Tell me …", "I want to know …?")."""
    if language != "en":
        return None
    body, _ = _body(question)
    return rng.choice(_EN_TEMPLATES).format(q=_lower_first(body))


_KO_EXTRA = ("보고서에 따르면 {q}", "혹시 {q}", "자료를 보면 {q}", "보고서 기준으로 {q}")
_EN_EXTRA = ("{q} in the report", "{q} according to the reports", "Quick question: {q}", "{q}, based on the reports")


def extra_words(question: str, language: str, rng: random.Random) -> str | None:
    """Words that add nothing: "in the report", "보고서에 따르면", "혹시"."""
    body, end = _body(question)
    template = rng.choice(_KO_EXTRA if language == "ko" else _EN_EXTRA)
    return template.format(q=body) + end


Generator = Callable[[str, str, random.Random], str | None]
GENERATORS: dict[str, Generator] = {"spacing": spacing, "typo": typo, "politeness": politeness,
                                    "paraphrase": paraphrase, "word-order": word_order, "extra-words": extra_words}
KINDS = {"ko": ("spacing", "typo", "politeness", "word-order", "extra-words"),
         "en": ("typo", "paraphrase", "word-order", "extra-words")}


def digit_runs(text: str) -> Counter[str]:
    return Counter(re.findall(r"\d+(?:[.,]\d+)*", text))


def make_variants(question: str, language: str, seed: int) -> list[Variant]:
    """One variant per kind that applies to the question, in a fixed order; a rule that
    leaves the text as it was, or touches a number, gives none."""
    if language not in KINDS:
        raise ValueError(f"unknown language '{language}'; variants exist for ko and en")
    question = question.strip()
    out: list[Variant] = []
    seen = {question}
    for kind in KINDS[language]:
        text = GENERATORS[kind](question, language, random.Random(f"{seed}:{kind}:{question}"))
        if text and text not in seen and digit_runs(text) == digit_runs(question):
            seen.add(text)
            out.append(Variant(kind, text))
    return out
