"""An answer's text as HTML blocks: paragraphs (split at blank lines), lists (lines that
begin with "-", "•" or "1."), and a comparison's table, each [n] a link to its source card.
The message stays one HTML block without blank lines (see ragqa.page.view)."""

from __future__ import annotations

import re
from collections.abc import Callable

from qa.comparison import Row
from ragqa.page.sources import esc

_ITEM = re.compile(r"^\s*(?:[-•*]|\d+[.)])\s+")

Link = Callable[[str], str]  # escaped text -> the same with its [n] as links


def blocks_html(text: str, link: Link) -> str:
    """Paragraphs and lists of ``text``; a paragraph's lines keep their breaks."""
    out = []
    for para in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in para.split("\n") if line.strip()]
        if lines and all(_ITEM.match(line) for line in lines):
            items = "".join(f"<li>{link(esc(_ITEM.sub('', line)))}</li>" for line in lines)
            out.append(f"<ul>{items}</ul>")
        elif lines:
            out.append(f"<p>{'<br>'.join(link(esc(line)) for line in lines)}</p>")
    return "".join(out)


def table_html(rows: list[Row], link: Link, lang: str) -> str:
    """A comparison's rows: the thing compared, and the answer's sentences about it with their [n]."""
    if not rows:
        return ""
    head = ("항목", "보고서 내용") if lang == "ko" else ("Item", "What the reports say")
    body = "".join(f"<tr><th>{esc(r.item)}</th><td>{link(esc(' '.join(r.cells)))}</td></tr>" for r in rows)
    return (f'<table class="comparison"><thead><tr><th>{esc(head[0])}</th><th>{esc(head[1])}</th></tr></thead>'
            f"<tbody>{body}</tbody></table>")
