"""Typing slips: jamo slips on the 2-set (두벌식) Korean keyboard, key slips on QWERTY.
Letters only; digits are never touched."""

from __future__ import annotations

import random
import re

# --- Hangul syllables and the 2-set (두벌식) keyboard ----------------------------------

JUNG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_CHO = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
# Shift slips (ㄱ/ㄲ, ㅐ/ㅒ), vowels under neighbouring keys (ㅓ j / ㅏ k), and ㅐ/ㅔ, which
# Koreans confuse when they spell by ear.
_CHO_SLIPS = {"ㄱ": "ㄲㄷㅅ", "ㄲ": "ㄱ", "ㄷ": "ㄸㅈㄱ", "ㄸ": "ㄷ", "ㅂ": "ㅃㅈ", "ㅃ": "ㅂ", "ㅅ": "ㅆㄱ",
              "ㅆ": "ㅅ", "ㅈ": "ㅉㅂㄷ", "ㅉ": "ㅈ", "ㅁ": "ㄴ", "ㄴ": "ㅁㅇ", "ㅇ": "ㄴㄹ", "ㄹ": "ㅇㅎ",
              "ㅎ": "ㄹ", "ㅋ": "ㅌ", "ㅌ": "ㅋㅊ", "ㅊ": "ㅌㅍ", "ㅍ": "ㅊ"}
_JUNG_SLIPS = {"ㅐ": "ㅔㅒ", "ㅔ": "ㅐㅖ", "ㅒ": "ㅐ", "ㅖ": "ㅔ", "ㅓ": "ㅏㅗ", "ㅏ": "ㅓㅣ", "ㅗ": "ㅓ",
               "ㅜ": "ㅡ", "ㅡ": "ㅜ", "ㅕ": "ㅑ", "ㅑ": "ㅕ", "ㅣ": "ㅏ", "ㅛ": "ㅕ", "ㅠ": "ㅜ"}


def split_syllable(ch: str) -> tuple[int, int, int] | None:
    code = ord(ch) - 0xAC00
    return (code // 588, code % 588 // 28, code % 28) if 0 <= code < 11172 else None


def join_syllable(cho: int, jung: int, jong: int) -> str:
    return chr(0xAC00 + cho * 588 + jung * 28 + jong)


def _jamo_slips(ch: str) -> list[str]:
    parts = split_syllable(ch)
    if parts is None:
        return []
    cho, jung, jong = parts
    out = [join_syllable(_CHO.index(c), jung, jong) for c in _CHO_SLIPS.get(_CHO[cho], "")]
    out += [join_syllable(cho, JUNG.index(v), jong) for v in _JUNG_SLIPS.get(JUNG[jung], "")]
    if jong:
        out.append(join_syllable(cho, jung, 0))  # a dropped 받침
    return out


# --- Latin keyboard --------------------------------------------------------------------

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _neighbours(letter: str) -> str:
    for r, row in enumerate(_ROWS):
        i = row.find(letter)
        if i < 0:
            continue
        near = [row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)]
        # Rows are staggered: a key touches i and i+1 above, i-1 and i below.
        if r > 0:
            near += [_ROWS[r - 1][j] for j in (i, i + 1) if j < len(_ROWS[r - 1])]
        if r < 2:
            near += [_ROWS[r + 1][j] for j in (i - 1, i) if 0 <= j < len(_ROWS[r + 1])]
        return "".join(near)
    return ""


def _latin_typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice(("adjacent", "swap", "drop", "double"))
    if op == "swap" and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if op == "drop":
        return word[:i] + word[i + 1:]
    if op == "double":
        return word[:i] + word[i] + word[i:]
    near = _neighbours(word[i].lower()) or word[i]
    key = rng.choice(near)
    return word[:i] + (key.upper() if word[i].isupper() else key) + word[i + 1:]


def typo(question: str, language: str, rng: random.Random) -> str | None:
    """One slip per ~15 letters (at most two): a jamo slip in Korean, a key slip in English."""
    chars = list(question)
    if language == "ko":
        spots = [i for i, ch in enumerate(chars) if _jamo_slips(ch)]
        count = min(2, max(1, len(spots) // 15))
        for i in rng.sample(spots, min(count, len(spots))):
            chars[i] = rng.choice(_jamo_slips(chars[i]))
        return "".join(chars)
    words = [m for m in re.finditer(r"[A-Za-z]{4,}", question)]
    if not words:
        return None
    count = min(2, max(1, len(words) // 5))
    out = question
    for m in sorted(rng.sample(words, min(count, len(words))), key=lambda m: -m.start()):
        out = out[: m.start()] + _latin_typo(m.group(), rng) + out[m.end():]
    return out
