"""Follow-up questions ("그럼 중국은?", "what about 2022?") made standalone, by rule.

Retrieval sees one question at a time, so a follow-up that leans on the previous turn
must carry that turn's content. Only questions that do lean on it are rewritten: a
leading cue (그럼, what about, and ...), a back-reference (그것, it, they ...) in a short
question, or a bare fragment with no predicate ("중국은?", "In 2022?").
"""

from __future__ import annotations

import re

_KO_CUES = ("그렇다면", "그러면", "그럼", "그리고", "그건", "그것은", "근데", "또")
_EN_CUES = re.compile(r"^(?:and\s+)?(?:what about|how about|what of)\b|^(?:and|then|also)\b", re.IGNORECASE)
_KO_REFS = re.compile(r"(?:^|\s)(?:그것|그건|그게|이것|이건|이게|거기|그곳|그들|이들|해당|그|이)(?:\s|$|의|은|는|이|가|을|를|도)")
_EN_REFS = re.compile(r"\b(?:it|its|they|them|their|this|that|these|those)\b", re.IGNORECASE)
_KO_PRONOUN = re.compile(r"^(그것|이것|그건|이건|그게|이게)(?P<p>은|는|이|가|의|을|를)?(?=\s)")
_KO_SUBJECT = re.compile(r"^(?P<s>\S.*?)(?:은|는|이|가)(?=\s)")
_KO_PARTICLE = re.compile(r"^(?P<noun>.+?)(?P<p>에서는|에서|에는|으로는|로는|은|는|이|가|의|도|에)?$")
_KO_PREDICATE = re.compile(r"(?:까|나|냐|니|요|다|어|야|지|가|죠|래|봐)$")
_EN_QWORDS = {"what", "how", "who", "when", "where", "which", "why", "is", "are", "was", "were", "do",
              "does", "did", "can", "could", "will", "would", "should", "has", "have", "had", "list", "give"}
_YEAR_KO = re.compile(r"\d{4}년")
_YEAR_EN = re.compile(r"\b(?:19|20)\d{2}\b")
_EN_RANGE = re.compile(r"\b(?:between|from)\s+(?:19|20)\d{2}\s+(?:and|to|-)\s+(?:19|20)\d{2}\b", re.IGNORECASE)
_KO_PLACES = ("전 세계", "우리나라", "국내", "해외", "국외", "세계", "글로벌", "한국", "미국", "중국", "일본", "영국",
              "독일", "프랑스", "유럽", "인도", "캐나다", "대만", "이스라엘", "싱가포르", "호주", "러시아", "베트남",
              "브라질", "이탈리아", "스페인", "네덜란드", "스웨덴", "핀란드", "스위스", "아시아", "북미", "중동", "EU")
_KO_FRAGMENT_END = re.compile(r"(?:은|는|도|의 경우는|은요|는요)$")
_EN_PLACES = re.compile(
    r"\b(?:South Korea|Korea|the United States|the US|the USA|America|China|Japan|the UK|Britain|Germany|France|"
    r"Europe|the EU|India|Canada|Taiwan|Israel|Singapore|Australia|Russia)\b")
_EN_GLOBAL = re.compile(r"\b(?:worldwide|globally|in the world)\b", re.IGNORECASE)


def standalone_question(question: str, previous: str | None) -> str:
    """The question to retrieve with: ``question`` itself unless it refers to ``previous``."""
    question = " ".join(question.split())
    if not previous or not is_followup(question):
        return question
    previous = " ".join(previous.split())
    if _is_korean(question):
        pronoun, subject = _KO_PRONOUN.match(question), _KO_SUBJECT.match(previous)
        if pronoun and subject:  # 그건 언제 발표됐어? -> <previous subject>은 언제 발표됐어?
            particle = pronoun.group("p") or ("은" if pronoun.group(1).endswith("건") else "이")
            noun = subject.group("s")
            return _fix_particle(noun + particle + question[pronoun.end():], len(noun))
        return _rewrite_ko(_strip_ko_cue(question), question, previous)
    return _rewrite_en(_EN_CUES.sub("", question).strip(" ,"), question, previous)


def is_followup(question: str) -> bool:
    text = question.strip()
    if _is_korean(text):
        rest = _strip_ko_cue(text)
        if rest != text:
            return True
        words = text.rstrip("?？ ").split()
        return bool(_KO_REFS.search(text) and len(words) <= 6) or (
            1 <= len(words) <= 2 and bool(_KO_FRAGMENT_END.search(words[-1])))
    if _EN_CUES.match(text):
        return True
    words = re.findall(r"[\w']+", text)
    if not words:
        return False
    proper = any(w[0].isupper() for w in words[1:]) or bool(re.search(r"\d", text))
    if _EN_REFS.search(text) and len(words) <= 8 and not proper:
        return True
    if words[0].lower() in _EN_QWORDS:
        return False
    return (len(words) <= 2 and text.endswith("?")) or (
        len(words) <= 4 and words[0].lower() in ("in", "for", "of", "at"))


def _rewrite_ko(rest: str, original: str, previous: str) -> str:
    words = rest.rstrip("?？ ").split()
    if 1 <= len(words) <= 3 and (len(words) == 1 or _KO_PREDICATE.search(words[-1])):
        m = _KO_PARTICLE.match(words[0])
        noun = words[0] if words[0] in _KO_PLACES or not m else m.group("noun")  # 인도 is not 인 + 도
        if re.fullmatch(r"\d{4}년?", noun):
            year = noun if noun.endswith("년") else f"{noun}년"
            return _YEAR_KO.sub(year, previous, count=1) if _YEAR_KO.search(previous) else f"{year} {previous}"
        if noun in _KO_PLACES:
            place = next((p for p in _KO_PLACES if p in previous), None)
            return _swap(previous, place, noun) if place else f"{noun} {previous}"
        topic = re.search(r"(\S+?)(은|는)(?=\s)", previous)
        if topic and len(words) == 1:
            return _fix_particle(previous[:topic.start()] + noun + "은" + previous[topic.end():],
                                 topic.start() + len(noun))
    return f"{original} ({previous})"


def _rewrite_en(rest: str, original: str, previous: str) -> str:
    fragment = re.sub(r"^(?:in|for|of|at)\s+", "", rest.rstrip("?？. "), flags=re.IGNORECASE)
    if re.fullmatch(r"(?:19|20)\d{2}", fragment):
        if _EN_RANGE.search(previous):
            return _EN_RANGE.sub(f"in {fragment}", previous, count=1)
        if _YEAR_EN.search(previous):
            return _YEAR_EN.sub(fragment, previous, count=1)
        return _before_mark(previous, f" in {fragment}")
    if re.fullmatch(r"(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}", fragment):
        if _EN_PLACES.search(previous):
            return _EN_PLACES.sub(fragment, previous, count=1)
        if _EN_GLOBAL.search(previous):
            return _EN_GLOBAL.sub(f"in {fragment}", previous, count=1)
        if _EN_PLACES.fullmatch(fragment):
            return _before_mark(previous, f" in {fragment}")
    return f"{original} ({previous})"


def _swap(text: str, old: str, new: str) -> str:
    """Replace ``old`` by ``new`` once, fixing the particle right after it (한국은 -> 캐나다는)."""
    at = text.index(old)
    return _fix_particle(text[:at] + new + text[at + len(old):], at + len(new))


_PARTICLE_PAIRS = {"은": "는", "는": "은", "이": "가", "가": "이", "을": "를", "를": "을", "과": "와", "와": "과"}


def _fix_particle(text: str, end: int) -> str:
    """Make the particle at ``end`` agree with the syllable before it (은/는, 이/가, 을/를, 과/와)."""
    particle = text[end:end + 1]
    if particle not in _PARTICLE_PAIRS or text[end + 1:end + 2] not in ("", " ", "?", "요"):
        return text
    if (particle in "은이을과") != has_final_consonant(text[end - 1]):
        particle = _PARTICLE_PAIRS[particle]
    return text[:end] + particle + text[end + 1:]


def _strip_ko_cue(text: str) -> str:
    for cue in _KO_CUES:
        if text.startswith(cue) and (len(text) == len(cue) or text[len(cue)] in " ,，"):
            return text[len(cue):].lstrip(" ,，")
    return text


def has_final_consonant(ch: str) -> bool:
    """Whether ``ch`` is read with a final consonant: a Hangul syllable's, or a letter or digit
    spelt out ("IGM" ends in 엠), which picks a particle (은/는, 이라고/라고)."""
    if "가" <= ch <= "힣":
        return (ord(ch) - 0xAC00) % 28 != 0
    return ch in "013678LMNR"  # 영 일 삼 육 칠 팔; el em en ar


def _before_mark(question: str, addition: str) -> str:
    stripped = question.rstrip("?？. ")
    return stripped + addition + question[len(stripped):]


def _is_korean(text: str) -> bool:
    return bool(re.search(r"[가-힣]", text))
