"""Names across scripts: a loanword and its source keep the same consonants (네이버 / Naver,
스탠퍼드 / Stanford, 마이크로소프트 / Microsoft); with only two to go by, the first vowel must
agree too. A general rule of Korean loanword spelling, not a table of names."""

from __future__ import annotations

import functools
import re

from anyascii import anyascii

_HANGUL = re.compile(r"[가-힣]")

# Each Hangul consonant as the Latin letter class a loanword writes it with.
_INITIAL = ["K", "K", "N", "T", "T", "L", "M", "P", "P", "S", "S", "_", "J", "J", "J", "K", "T", "P", "H"]
_FINAL = ["", "K", "K", "KS", "N", "NJ", "NH", "T", "L", "LK", "LM", "LP", "LS", "LT", "LP", "LH", "M", "P", "PS",
          "T", "T", "N", "J", "J", "K", "T", "P", "H"]
_LATIN_CLASSES = [("ph", "P"), ("th", "T"), ("sh", "S"), ("ch", "J"), ("ck", "K"), ("ng", "N"), ("qu", "K"),
                  ("x", "KS"), ("c", "K"), ("g", "K"), ("k", "K"), ("q", "K"), ("d", "T"), ("t", "T"), ("b", "P"),
                  ("p", "P"), ("f", "P"), ("v", "P"), ("z", "J"), ("j", "J"), ("s", "S"), ("l", "L"), ("r", "L"),
                  ("m", "M"), ("n", "N"), ("h", "H")]


def skeleton(word: str) -> str:
    """The consonants of a name as a loanword keeps them: 마이크로소프트 and Microsoft both
    give MKLSPT. Vowels, silent letters and a Latin r before a consonant are dropped, as
    Korean drops them (Naver / 네이버, Stanford / 스탠퍼드)."""
    out: list[str] = []
    if _HANGUL.search(word):
        for ch in word:
            code = ord(ch) - 0xAC00
            if 0 <= code < 11172:
                out.append(_INITIAL[code // 588].replace("_", ""))
                out.append(_FINAL[code % 28])
    else:
        low = re.sub(r"[^a-z]", "", word.casefold())
        low = re.sub(r"r(?![aeiouy])", "", low)  # non-rhotic, as Korean loanwords are
        low = re.sub(r"(?<=[aeiou])h", "", low)
        i = 0
        while i < len(low):
            for latin, cls in _LATIN_CLASSES:
                if low.startswith(latin, i):
                    out.append(cls)
                    i += len(latin)
                    break
            else:
                i += 1  # a vowel, w or y
    joined = "".join(out).replace("H", "")  # h is as often silent as not, both ways
    return re.sub(r"(.)\1+", r"\1", joined)


def skeletons(word: str) -> frozenset[str]:
    """``skeleton`` and, for a Latin "th", the other way Korean writes it: ㅅ as often as ㅌ
    (Northgate / 노스게이트, Smith / 스미스; Thomas / 토마스)."""
    out = {skeleton(word)}
    if not _HANGUL.search(word) and "th" in word.casefold():
        out.add(skeleton(re.sub("th", "s", word, flags=re.IGNORECASE)))
    return frozenset(out)


# A Latin vowel and the Hangul vowels a loanword writes it with (Naver / 네이버: a / ㅔ), and
# the pairs written as one (Claude / 클로드: au / ㅗ; Europe / 유럽: eu / ㅠ).
_VOWELS = {"a": "ㅏㅐㅔㅓㅑㅒ", "e": "ㅔㅐㅣㅓㅖ", "i": "ㅣㅏㅐㅘㅟ", "o": "ㅗㅓㅜㅛㅏ", "u": "ㅜㅓㅠㅏㅡ", "y": "ㅏㅣㅘㅑ"}
_DIPHTHONGS = {"au": "ㅗ", "aw": "ㅗ", "eu": "ㅠㅜ", "ew": "ㅠㅜ"}
_JUNG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"


def first_vowels_agree(a: str, b: str) -> bool:
    """With only two consonants to go by (Naver / 네이버, but not Review / 로버), the first
    vowels must agree too. True when both names are in the same script."""
    latin, hangul = (a, b) if not _HANGUL.search(a) else (b, a)
    if _HANGUL.search(latin) or not _HANGUL.search(hangul):
        return True
    return _vowels_agree(latin, hangul)


def _vowels_agree(latin: str, hangul: str, skip: str = "") -> bool:
    """The Latin word's first vowel and the Hangul word's first (past those in ``skip``) are
    one a loanword writes for the other."""
    low = latin.casefold()
    at = next((i for i, c in enumerate(low) if c in _VOWELS), -1)
    vowel = low[at] if at >= 0 else ""
    allowed = _VOWELS.get(vowel, "") + _DIPHTHONGS.get(low[at:at + 2], "")
    first = next((j for j in map(_jung, hangul) if j and j not in skip), "")
    return bool(vowel and first) and first in allowed


def _jung(syllable: str) -> str:
    """A Hangul syllable's vowel; "" for any other character."""
    code = ord(syllable) - 0xAC00
    return _JUNG[code % 588 // 28] if 0 <= code < 11172 else ""


def _silent_opening(hangul: str) -> bool:
    """Whether a Hangul word opens with the silent ㅇ (a vowel sound)."""
    return 0 <= ord(hangul[0]) - 0xAC00 < 11172 and (ord(hangul[0]) - 0xAC00) // 588 == 11


def opens_alike(hangul: str, latin: str) -> bool:
    """Whether a Hangul word can be a loanword of a Latin one by how both open: a silent ㅇ
    for a vowel and a consonant for a consonant (임진왜란 is not "machine learning", though
    their consonants agree), and the first vowel one a loanword writes for the Latin one,
    past the ㅡ Korean puts inside a consonant cluster (클라우드 / cloud)."""
    syllables = [c for c in hangul if _jung(c)]
    low = re.sub(r"[^a-z]", "", latin.casefold())
    if not syllables or not low:
        return False
    if _silent_opening(syllables[0]) != (low[0] in "aeiou"):
        return False
    return _vowels_agree(low, hangul, skip="ㅡ")


def loanword_opens(name: str, word: str) -> bool:
    """Across scripts three consonants are no proof alone: "Berlin" and 불안 share PLN. A
    loanword also opens as its source does (a vowel for a vowel, its first vowel one Korean
    writes for the source's), as the two-consonant match already asks. Within one script a
    spelling variant keeps its opening letter and first vowel too (Hangyeol / Hangyul,
    스탠퍼드 / 스탠포드), which "Berlin" and "brain" do not."""
    if bool(_HANGUL.search(name)) == bool(_HANGUL.search(word)):
        if _HANGUL.search(name):
            return name[:1] == word[:1]
        a, b = name.casefold(), word.casefold()
        return a[:1] == b[:1] and re.findall("[aeiou]", a)[:1] == re.findall("[aeiou]", b)[:1]
    hangul, latin = (name, word) if _HANGUL.search(name) else (word, name)
    low = re.sub(r"[^a-z]", "", latin.casefold())
    # a glide is written with a silent ㅇ (워싱턴 / Washington, 유튜브 / YouTube), and so is a
    # consonant spelled by its letter name before another consonant (엔비디아 / Nvidia)
    if hangul and _silent_opening(hangul) and len(low) > 1 and (
            low[0] in "wy" or low[1] not in "aeiouy" and low[0] not in "aeiou"):
        return True
    # an opening cluster is written with ㅡ after its first consonant (브레인 / brain, 스탠퍼드 /
    # Stanford): 베를린 is not "brain". Digraphs are one sound; a word of no vowel is an acronym.
    if (len(low) > 3 and re.search("[aeiou]", low) and not re.match("ch|sh|th|ph|gh|kh|wh|[aeiouy]", low)
            and low[1] not in "aeiouy" and _jung(hangul[0]) != "ㅡ"):
        return False
    return opens_alike(hangul, latin)


# Romanised Korean as people write it drifts from the standard in the consonants Korean
# does not tell apart at the start and end of a syllable (Kim / Gim, Hwahak / Hwahag) and in
# ㄹ (Nuri / Nuli): those are read as one letter on both sides.
_LOOSE = str.maketrans("rkp", "lgb")


@functools.lru_cache(maxsize=65536)
def _romanised(hangul: str) -> str:
    """A Hangul word in Revised Romanization, syllable by syllable (anyascii: 한결 -> hangyeol)."""
    return re.sub(r"[^a-z]", "", anyascii(hangul).casefold()).translate(_LOOSE)


def romanised_prefix(latin: str, hangul: str) -> bool:
    """Whether a Hangul word opens with a Korean name written in Latin letters: "Hangyeol
    Institute" for 한결연구원, "Nuri-gu" for 누리구청장, "Saeron Bank" for 새론은행. Two
    syllables at least, so a single syllable ("Han") never stands for a word."""
    key = re.sub(r"[^a-z]", "", latin.casefold()).translate(_LOOSE)
    if len(key) < 4:
        return False
    for end in range(2, len(hangul) + 1):
        written = _romanised(hangul[:end])
        if written == key:
            return True
        if len(written) >= len(key):
            return False
    return False


def after_name(latin: str, hangul: str) -> str:
    """What follows a Latin name at the start of a Hangul word, the name romanised (해온시 for
    "Haeon": 시) or written as a loanword (노스필드시 for "Northfield": 시); "" when the word does
    not open with it. The rest is often the kind of body the name is ("Haeon City")."""
    key = re.sub(r"[^a-z]", "", latin.casefold())
    if len(key) < 3:
        return ""
    marks = skeletons(latin)
    for end in range(1, len(hangul)):
        head = hangul[:end]
        if _romanised(head) == key.translate(_LOOSE) or (skeleton(head) in marks and opens_alike(head, latin)):
            return hangul[end:]
    return ""

