"""Source cards: numbered like the answer's [n] markers, the quote highlighted inside its
passage, tables as tables, and for a PDF the cited page with the quote marked.

Report text is untrusted: every piece of it goes through ``html.escape`` before any markup
of ours is put around it."""

from __future__ import annotations

import hashlib
import html
import logging
import re
from collections.abc import Callable
from pathlib import Path

from index.types import Hit
from qa.types import Answer, Citation, location
from ragqa.page.text import t

log = logging.getLogger("ragqa.ui")

PageImage = Callable[[Hit, str], str | None]  # (hit, quote) -> the URL of its page image, or None
_SPACE = re.compile(r"\s+")
IMAGE_SCALE = 1.4  # 100 dpi: the page stays readable in a narrow column and the PNG small


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def card_id(turn: int, n: int | str) -> str:
    return f"src-{turn}-{n}"


def _span(text: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` sits in ``text``, allowing for different runs of whitespace."""
    quote = quote.strip().strip("“”\"")
    if not quote:
        return None
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    pattern = r"\s+".join(re.escape(word) for word in quote.split())
    found = re.search(pattern, text)
    return found.span() if found else None


def highlight(text: str, quote: str) -> str:
    """The passage as HTML with ``quote`` wrapped in <mark>; both escaped."""
    span = _span(text, quote)
    if span is None:
        return _lines(esc(text))
    a, b = span
    return _lines(f"{esc(text[:a])}<mark>{esc(text[a:b])}</mark>{esc(text[b:])}")


def _lines(markup: str) -> str:
    # No blank lines: the chat renders a message as Markdown, and a blank line would end our HTML block.
    return "<br>".join(line for line in markup.split("\n") if line.strip())


def table_html(text: str, quote: str) -> str:
    """A table chunk (tab-separated rows under a caption) as an HTML table; the row the quote
    spells out ("caption label → column: value, ...") is marked."""
    lines = [line for line in text.split("\n") if line.strip()]
    caption = " ".join(line.strip() for line in lines if "\t" not in line)
    rows = [[cell.strip() for cell in line.split("\t")] for line in lines if "\t" in line]
    if len(rows) < 2:
        return highlight(text, quote)
    label = quote.split("→")[0].strip() if "→" in quote else ""
    head = "".join(f"<th>{esc(c)}</th>" for c in rows[0])
    body = []
    for row in rows[1:]:
        hit = bool(row[0]) and label.endswith(row[0])
        cells = "".join(f"<td>{esc(c)}</td>" for c in row)
        body.append(f'<tr class="hit">{cells}</tr>' if hit else f"<tr>{cells}</tr>")
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return f'<table class="src-table">{cap}<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def passage_html(hit: Hit, quote: str) -> str:
    chunk = hit.chunk
    if chunk.kind == "table":
        return table_html(chunk.text, quote)
    return highlight(chunk.text, quote)


def _cited_hits(answer: Answer) -> dict[str, Hit]:
    """Every hit a citation may point at: the top hits and the wider pool the evidence came from."""
    found = {h.chunk.chunk_id: h for h in answer.hits}
    for ev in answer.evidence:
        found.setdefault(ev.hit.chunk.chunk_id, ev.hit)
    return found


def _card(cid: str, mark: str, hit: Hit | None, c: Citation | None, quote: str, lang: str,
          image: str | None, opened: bool = False) -> str:
    title = (c.title or c.source) if c else (hit.title or hit.source if hit else "")
    place = location(c.page, c.section) if c else (location(hit.chunk.page, hit.chunk.section) if hit else "")
    body = passage_html(hit, quote) if hit else f"<mark>{esc(quote)}</mark>"
    figure = ""
    if image:
        page = c.page if c else hit.chunk.page if hit else ""
        figure = (f'<figure class="page-image"><img src="{esc(image)}" alt="{esc(t(lang, "page_image", page=page))}">'
                  f'<figcaption>{esc(t(lang, "page_image", page=page))}</figcaption></figure>')
    where = f' <span class="where">· {esc(place)}</span>' if place else ""
    return (f'<details class="src" id="{cid}"{" open" if opened else ""}><summary><b class="src-n">{esc(mark)}</b> '
            f'<span class="src-title">{esc(title)}</span>{where}</summary>'
            f'<div class="passage">{body}</div>{figure}</details>')


def source_cards(answer: Answer, turn: int, lang: str, page_image: PageImage | None = None,
                 others: int = 2) -> str:
    """The cited sources as cards (closed until a marker opens one), then a few other hits."""
    if not answer.citations and not answer.hits:
        return ""
    pool = _cited_hits(answer)
    cards = []
    for c in answer.citations:
        hit = pool.get(c.chunk_id)
        image = page_image(hit, c.quote) if page_image and hit and hit.chunk.page else None
        cards.append(_card(card_id(turn, c.n), f"[{c.n}]", hit, c, c.quote, lang, image))
    cited = {c.chunk_id for c in answer.citations}
    best = {}
    for ev in answer.evidence:
        best.setdefault(ev.hit.chunk.chunk_id, ev.text)
    rest = [h for h in answer.hits if h.chunk.chunk_id not in cited][:others]
    extra = "".join(_card(card_id(turn, f"o{i}"), "·", h, None, best.get(h.chunk.chunk_id, ""), lang, None)
                    for i, h in enumerate(rest))
    head = f'<p class="sources-head">{esc(t(lang, "sources"))}</p>' if cards else ""
    more = f'<p class="sources-head">{esc(t(lang, "other_passages"))}</p>{extra}' if extra else ""
    return f'<div class="sources">{head}{"".join(cards)}{more}</div>'


def render_page_image(pdf: Path, page: int, quote: str, cache: Path) -> Path | None:
    """The PDF page (1-based) as a PNG with the quote's text boxes highlighted, cached by
    file content, page and quote; None when the page cannot be rendered."""
    try:
        data = pdf.read_bytes()
    except OSError:
        return None
    key = hashlib.sha256(data + f"\0{page}\0{quote}".encode()).hexdigest()[:24]
    target = cache / f"{key}.png"
    if target.is_file():
        return target
    try:
        import pypdfium2 as pdfium
        from PIL import ImageDraw
    except ImportError:
        log.warning("page images need pypdfium2 and Pillow: pip install pypdfium2")
        return None
    try:
        doc = pdfium.PdfDocument(data)
        try:
            if not 1 <= page <= len(doc):
                return None
            pdf_page = doc[page - 1]
            image = pdf_page.render(scale=IMAGE_SCALE).to_pil().convert("RGB")
            boxes = _quote_boxes(pdf_page, quote)
            height = pdf_page.get_height()
        finally:
            doc.close()
    except Exception as exc:  # noqa: BLE001 -- a page we cannot draw must not break the answer
        log.warning("cannot render page %s of %s: %s", page, pdf, exc)
        return None
    if boxes:
        overlay = image.copy()
        draw = ImageDraw.Draw(overlay)
        for left, bottom, right, top in boxes:
            draw.rectangle([left * IMAGE_SCALE - 2, (height - top) * IMAGE_SCALE - 2,
                            right * IMAGE_SCALE + 2, (height - bottom) * IMAGE_SCALE + 2], fill=(255, 214, 0))
        from PIL import Image

        image = Image.blend(image, overlay, 0.35)
    image = _trim(image)
    cache.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".tmp")
    image.save(partial, format="PNG", optimize=True)
    partial.replace(target)
    return target


def _trim(image: object, margin: int = 16) -> object:
    """The page without its empty margins: a short page is mostly white paper."""
    from PIL import ImageOps

    box = ImageOps.invert(image.convert("L")).point(lambda v: 255 if v > 24 else 0).getbbox()
    if box is None:
        return image
    left, top, right, bottom = box
    return image.crop((max(0, left - margin), max(0, top - margin), min(image.width, right + margin),
                       min(image.height, bottom + margin)))


def _quote_boxes(pdf_page: object, quote: str) -> list[tuple[float, float, float, float]]:
    """Boxes (PDF points) of the quote's text on the page; the longest prefix that is found,
    since the cleaner may have joined lines the PDF breaks differently."""
    text_page = pdf_page.get_textpage()
    try:
        words = _SPACE.sub(" ", quote.strip().strip("“”\"")).split(" ")
        for size in (len(words), max(1, len(words) // 2), min(len(words), 4)):
            needle = " ".join(words[:size]).strip()
            if not needle:
                continue
            searcher = text_page.search(needle, match_case=False)
            found = searcher.get_next()
            searcher.close()
            if found:
                start, count = found
                n = text_page.count_rects(start, count)
                return [text_page.get_rect(i) for i in range(n)]
        return []
    finally:
        text_page.close()
