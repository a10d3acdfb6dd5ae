"""The passages an answer is picked from: the hits of each phrasing fused (RRF) for showing,
and the wider pool the evidence is selected from."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from index.fusion import reciprocal_rank_fusion
from index.types import Hit, Retriever
from ingest.language import detect_language
from qa.countries import countries_in, country_name, country_names
from qa.generators.base import Generator
from qa.prompts import translation_messages
from qa.rules import enabled
from qa.terms import is_korean

if TYPE_CHECKING:
    from qa.passages import Passage


def fused_pool(retriever: Retriever, queries: list[str], k: int, known: Mapping[str, list[Hit]] | None = None
               ) -> tuple[list[Hit], list[Hit]]:
    """The hits to show (fused over the queries), and the wider pool the evidence is
    picked from: each query's hits plus what single retrievers found and fusion left out.
    ``known`` holds candidates already fetched for a query (at depth 2k)."""
    depth = k if len(queries) == 1 else k * 2
    ranked, extras = [], []
    for q in queries:
        found = (known or {}).get(q) or retriever.candidates(q, depth)
        ranked.append(found[:depth])
        extras.extend(found[depth:])
    if len(ranked) == 1:
        hits = ranked[0]
    else:
        by_id = {h.chunk.chunk_id: h for found in ranked for h in found}
        fused = reciprocal_rank_fusion({str(i): [h.chunk.chunk_id for h in found] for i, found in enumerate(ranked)})
        hits = [replace(by_id[cid], score=score) for cid, score in fused[:k]]
    pool, seen = list(hits), {h.chunk.chunk_id for h in hits}
    for hit in [h for found in ranked for h in found[:k]] + extras:
        if hit.chunk.chunk_id not in seen:
            seen.add(hit.chunk.chunk_id)
            pool.append(hit)
    return hits, pool


# How deep the search for an identifier alone looks for the reports that hold it.
IDENTIFIER_DEPTH = 10


def identified_pool(retriever: Retriever, queries: list[str], k: int,
                    known: Mapping[str, list[Hit]] | None = None) -> tuple[list[Hit], list[Hit], tuple[str, ...]]:
    """``fused_pool``, searched within one report when the question names a case, file or
    document number (2024가합51234) that only that report holds, and the numbers it was
    scoped by (none when it was not). The number matches the report's title lines best,
    never what the question asks of it, so the rest of the question is what ranks the
    report's passages (and picks its units); the passage naming it is shown last."""
    from qa.numbers import codes
    from qa.passages import squeeze
    from qa.rules import enabled

    asked = tuple(sorted(set().union(*(codes(q) for q in queries))))
    scoped = getattr(retriever, "scoped", None)
    if scoped is not None and not asked and enabled("report-scope") and (docs := named_reports(retriever, queries)):
        # the question names its report: ranked within it, the report's own passages are not
        # outranked by another report's that read like the question ("Why did X's profit fall?")
        return (*fused_pool(scoped(docs), queries, k), ())
    if not asked or scoped is None or not enabled("identifier-scope"):
        hits, pool = fused_pool(retriever, queries, k, known)
        return hits, with_countries(retriever, queries, pool) if enabled("country-recall") else pool, ()
    naming = [h for code in asked for h in retriever.candidates(code, IDENTIFIER_DEPTH)
              if squeeze(code) in squeeze(f"{h.chunk.text} {h.title}")]
    docs = {h.chunk.doc_id for h in naming}
    if len(docs) != 1:
        return (*fused_pool(retriever, queries, k, known), ())
    hits, pool = fused_pool(scoped(docs), [without(q, asked) for q in queries], k)
    shown = {h.chunk.chunk_id for h in hits}
    return hits + [h for h in naming[:1] if h.chunk.chunk_id not in shown], pool, asked


# How many passages naming a country the pool lacks are read, and how many of them join it.
COUNTRY_SEARCH, COUNTRY_KEPT = 5, 2


def with_countries(retriever: Retriever, queries: list[str], pool: list[Hit]) -> list[Hit]:
    """``pool`` and the passages that name a country the question names and no pooled passage
    does: a table of thirty countries is no close match for a question about one of them, and
    without its row the reports seem to say nothing of that country."""
    wanted = set().union(*(countries_in(q) for q in queries))
    if not wanted:
        return pool  # most questions name no country: the pool's text is not read again
    missing = wanted - countries_in("\n".join(h.chunk.text for h in pool))
    seen = {h.chunk.chunk_id for h in pool}
    added: list[Hit] = []
    for code in sorted(missing):
        names = {country_name(code, "ko"), country_name(code, "en")}
        found = [h for name in sorted(names) for h in retriever.candidates(name, COUNTRY_SEARCH)
                 if code in countries_in(h.chunk.text) and h.chunk.chunk_id not in seen]
        for hit in found[:COUNTRY_KEPT]:
            seen.add(hit.chunk.chunk_id)
            added.append(hit)
    return pool + added


# A name held by more titles than this names a topic ("AI", "2024"), not a report.
NAMED_REPORTS = 2
# How many passages the search for a name alone reads to see whether other reports use it.
NAME_SEARCH = 10


def named_reports(retriever: Retriever, queries: list[str]) -> frozenset[str]:
    """The one or two reports (of those in scope, and not all of them) whose title, publisher
    or file name holds a name the question gives ("Kestrel Power", "가람시", "KRIVET"), a
    name no more than NAMED_REPORTS titles hold; empty when the question names none."""
    from qa.passages import passage

    reader = getattr(retriever, "reader", None)
    docs = getattr(reader, "docs", None)
    docs = docs() if callable(docs) else docs or {}
    scope = getattr(retriever, "doc_ids", None)
    within = {d: r for d, r in docs.items() if scope is None or d in scope}
    if len(within) <= NAMED_REPORTS:
        return frozenset()
    titles = {d: passage(f"{r.title}\n{r.publisher or ''}\n{re.sub(r'[-_.]+', ' ', r.source)}") for d, r in within.items()}
    held: dict[str, int] = {}
    for name in {n for q in queries for n in _whole_names(q) if len(n) >= 3}:
        holding = {d for d, p in titles.items() if _titled(p, name)}
        # a word other reports also use ("Future" of "Future Fund", a title's "Digital Future
        # Strategy") names a topic; a report's own name is rarely in another's text
        if holding and len(holding) <= NAMED_REPORTS and not any(
                h.chunk.doc_id not in holding and _titled(passage(h.chunk.text), name)
                for h in retriever.candidates(name, NAME_SEARCH)):
            for d in holding:
                held[d] = held.get(d, 0) + 1
    # the reports holding the most of its names: a generic word that happens to be a title's
    # loanword ("Retail" in 가람리테일) does not outvote the name and the word beside it
    best = [d for d, n in held.items() if n == max(held.values())] if held else []
    return frozenset(best) if 0 < len(best) <= NAMED_REPORTS else frozenset()


# A particle that may end a Korean word after a name ("노스게이트의", "가람시는").
_PARTICLE = re.compile(r"(?:의|은|는|이|가|을|를|에|에서|와|과|도|로|으로|부터|까지)$")


def _whole_names(question: str) -> set[str]:
    """The question's names, and each Korean one as its whole word writes it: Kiwi splits a
    transliterated name it does not know ("노스게이트" -> 노스 + 게이트), the title holds it whole."""
    from qa.terms import terms

    names = set(terms(question).names)
    words = [_PARTICLE.sub("", w) for w in re.findall(r"[가-힣]{3,}", question)]
    return names | {w for w in words for n in names if re.fullmatch(r"[가-힣]+", n) and n in w and w != n}


def _titled(p: Passage, name: str) -> bool:
    """Whether a title holds ``name`` as a whole word, or romanised (Hanbit / 한빛소재), or
    transliterated whole (노스필드 / Northfield): stricter than a passage's loanword match,
    for a title has few words and a loose match names another report."""
    from qa.passages import squeeze
    from qa.transliteration import opens_alike, romanised_prefix, skeleton, skeletons

    key = squeeze(name)
    if key.isascii():
        return bool(re.search(rf"(?<![a-z0-9]){re.escape(key)}(?![a-z0-9])", p.text.casefold())) or any(
            romanised_prefix(name, w) for _, w in p.hangul)
    return key in p.squeezed or any(skeleton(name) in skeletons(w) and opens_alike(name, w)
                                    for w in re.findall(r"[A-Za-z]{3,}", p.text))


def without(text: str, names: tuple[str, ...]) -> str:
    """``text`` without ``names`` (a question without the number it was scoped by), also as a
    rendering in the other language writes one ("2024Gahap51234", "2024 Gahap 51234")."""
    out = text
    for name in names:
        out = out.replace(name, " ")
        groups = re.findall(r"\d+", name)
        if len(groups) >= 2:
            out = re.sub(rf"(?<!\d){groups[0]}\W*[^\W\d]+\W*{groups[-1]}(?!\d)|\S*(?<!\d){groups[-1]}(?!\d)\S*", " ", out)
    return " ".join(out.split()) or text


def report_languages(retriever: object) -> set[str]:
    """The languages of the reports ``retriever`` searches (empty when it cannot tell)."""
    reader = getattr(retriever, "reader", None)
    docs = getattr(reader, "docs", None) or {}
    scope = getattr(retriever, "doc_ids", None)
    return {getattr(d, "language", "") for doc_id, d in docs.items() if scope is None or doc_id in scope}


def rendered(generator: Generator, question: str, lang: str) -> list[str]:
    """The question in the other language, by the same model: a question about reports in
    the other language shares few words with them, and its rendering finds the passages BM25
    and e5 miss. Empty when the model fails or answers in the wrong language."""
    target = "ko" if lang == "en" else "en"
    try:
        # read fresh: the rendering picks the evidence, and must not depend on the question before
        pieces = generator.stream(translation_messages(question, target), max_tokens=60, temperature=0.0, fresh=True)
        text = "".join(p for p in pieces if isinstance(p, str)).strip()
    except Exception:  # noqa: BLE001 -- retrieval must not fail because a helper call did
        return []
    text = text.splitlines()[0].strip().strip('"“”') if text else ""
    # a replacement character is a token the model broke mid-syllable: such a rendering has
    # been seen to swap the question's names for others ("Berlin Wall" for 서울 and a broken word)
    if "\ufffd" in text:
        return []
    if enabled("country-rendering"):
        text = in_language(text, target)
    return [text] if text and detect_language(text) == target else []


_LONGER = re.compile(r"[A-Z][A-Za-z]+\s+$")


def in_language(text: str, target: str) -> str:
    """``text`` with the countries it left in the other script named as CLDR names them in
    ``target`` ("2023년 Russia에서" -> "2023년 러시아에서"): told to keep names, the model keeps
    a country's too, and no report in ``target`` spells it so."""
    for code in sorted(countries_in(text)):
        for name in country_names(code):
            if is_korean(name) == (target == "ko"):
                continue
            # a whole name, with its article, not the start of a firm's ("Korea Telecom") nor a
            # word's (한국어)
            pattern = (rf"(?:\bthe\s+)?(?<![A-Za-z0-9-]){re.escape(name)}(?![A-Za-z0-9-]|\s+[A-Z])" if target == "ko"
                       else rf"(?<![가-힣]){re.escape(name)}(?![가-힣])")
            named = country_name(code, target)
            # nor the end of a longer name ("North America", "Michael Jordan")
            text = re.sub(pattern, lambda m, t=text, to=named: m.group(0) if _LONGER.search(t, 0, m.start()) else to, text)
    return text
