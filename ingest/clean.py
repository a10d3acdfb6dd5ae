"""Remove the extraction noise the source reports carry, without losing facts."""

from __future__ import annotations

import html
import re
import unicodedata

_FRONT_MATTER = re.compile(r"\A\s*---\n(.*?)\n---\n", re.DOTALL)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:https?://|/)[^)]*\)")
# A superscript right after a digit is an exponent ("10<sup>23</sup>" is 10^23);
# anywhere else it is a footnote marker that would glue a number onto a word.
_SUP_EXPONENT = re.compile(r"(?<=\d)<sup>\s*([0-9.\-]+)\s*</sup>", re.IGNORECASE)
_SUP_OTHER = re.compile(r"<sup>.*?</sup>", re.IGNORECASE | re.DOTALL)
_BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|br|div|tr|h\d)\b[^>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[a-zA-Z][^>\n]{0,200}>")
_INLINE_SPACES = re.compile(r"[ \u00a0\u3000]+")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split a YAML-ish front matter block (blog exports) from the body."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip().lower()] = value.strip().strip("'\"")
    return meta, text[match.end():]


def clean_text(text: str) -> str:
    """NFC-normalise and strip markup noise; tabs survive because they delimit table cells."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\ufeff", "").replace("\u200b", "")
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _SUP_EXPONENT.sub(r"^\1", text)
    text = _SUP_OTHER.sub("", text)
    text = _BLOCK_TAG.sub("\n", text)
    text = _ANY_TAG.sub("", text)
    text = html.unescape(text)
    text = _EMPHASIS.sub(r"\2", text)
    text = text.replace("\\*", "*")
    lines = [_INLINE_SPACES.sub(" ", line).rstrip() for line in text.split("\n")]
    return _drop_repeated_paragraphs("\n".join(lines))


def _drop_repeated_paragraphs(text: str) -> str:
    """Slides repeat captions and source lines; a long line seen before adds nothing."""
    seen: set[str] = set()
    out: list[str] = []
    for line in text.split("\n"):
        key = re.sub(r"\s+", " ", line).strip()
        if len(key) >= 25 and key in seen:
            continue
        if len(key) >= 25:
            seen.add(key)
        out.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()


# A numbered table's or figure's caption: "<표 2> 주요 노선별 …", "[표 3-1] …", "Table 4. …".
_CAPTION = re.compile(r"^\s*(<\s*(?:표|그림)\s*[\d.\-]+\s*>|\[\s*(?:표|그림)\s*[\d.\-]+\s*\]|(?:표|그림)\s*[\d.\-]*\d"
                      r"|(?:Table|Figure|Exhibit)\s+[\d.\-]*\d)(?:[.:]\s*|\s+|$)(.*)$", re.IGNORECASE)
_CONTINUED = re.compile(r"^[(\[]?\s*(?:계속|이어서|continued|cont(?:'d|\.)?)\s*[)\]]?\s*$", re.IGNORECASE)
# "<표 1> 모델별 시험 결과 (계속)": the title said again, the marker after it
_CONTINUED_TAIL = re.compile(r"\s*[(\[]\s*(?:계속|이어서|continued|cont(?:'d|\.)?)\s*[)\]]\s*$", re.IGNORECASE)


def continued_captions(texts: list[str]) -> list[str]:
    """A table continued on another page is captioned "<표 2> 계속" (or its title again, "… (계속)")
    there: it takes the caption its first page gave, so each of its rows is read under what the
    table is about and in the units that caption gives ("(출고가 만 원)")."""
    first: dict[str, str] = {}
    out = []
    for text in texts:
        lines = text.split("\n")
        for i, line in enumerate(lines):
            if not (m := _CAPTION.match(line)):
                continue
            key = re.sub(r"\s+", "", m.group(1)).casefold()
            rest = m.group(2).strip()
            tail = _CONTINUED_TAIL.search(rest)
            if _CONTINUED.match(rest):
                if key in first:
                    lines[i] = f"{m.group(1)} {first[key]} ({rest.strip('()[] ')})"
            elif tail and key in first and first[key].startswith(rest[:tail.start()].strip()):
                lines[i] = f"{m.group(1)} {first[key]} ({tail.group(0).strip().strip('()[] ')})"
            elif rest and len(rest) <= 80 and not rest.endswith((".", "다")):  # a caption, not a sentence about it
                first.setdefault(key, rest)
        out.append("\n".join(lines))
    return out
