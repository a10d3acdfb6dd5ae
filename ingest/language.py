"""Tell Korean from English text by the share of Hangul among letters."""

from __future__ import annotations


def hangul_ratio(text: str) -> float:
    hangul = latin = 0
    for ch in text:
        if "\uac00" <= ch <= "\ud7a3" or "\u3131" <= ch <= "\u318e":
            hangul += 1
        elif ch.isascii() and ch.isalpha():
            latin += 1
    total = hangul + latin
    return hangul / total if total else 0.0


def detect_language(text: str) -> str:
    """"ko" or "en". A Korean question quoting English terms is still Korean,
    so a modest Hangul share is enough."""
    return "ko" if hangul_ratio(text) >= 0.2 else "en"
