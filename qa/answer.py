"""Answer orchestration: retrieve, select evidence, show it at once, then let the model
write, verify what it wrote, retry once stricter, else quote the evidence or refuse."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace

from index.types import Hit, Retriever
from ingest.language import detect_language
from qa.citations import build_citations, strip_markers, to_citation
from qa.enumeration import finished as finished_enumeration
from qa.events import AnswerEvent, EvidenceReady, Final, Reset, written
from qa.fallback import (
    as_passages,
    only_mis_cited,
    report_shown,
    to_quote,
    within_passages,
)
from qa.form import MAX_TOKENS
from qa.generators.base import Generator
from qa.generators.extractive import extractive_answer
from qa.glosses import gloss, gloss_answer
from qa.grounding import ground, passage_of, source_of
from qa.pool import identified_pool, rendered, report_languages, without
from qa.prompts import answer_messages, closed_book_messages
from qa.question import Question
from qa.reasons import with_reasons
from qa.refusal import REFUSAL, is_refusal, not_found, tidy, uncovered_refusal
from qa.rules import enabled
from qa.selection import Selection, Selector
from qa.stopwatch import Stopwatch
from qa.summary import report_asked, summarize
from qa.summary_text import finished
from qa.types import Answer, AnswerPath, Evidence, Problem, ProblemKind, Tokens
from qa.verify import recite, verify_answer


@dataclass(frozen=True)
class _Draft:
    text: str
    usage: Tokens
    cut: bool = False  # the model stopped at its token budget, not by itself


class Assistant:
    """Immutable once built: a new index or generator means a new Assistant."""

    def __init__(
        self,
        retriever: Retriever | None,
        generator: Generator | None,
        selector: Selector | None,
        *,
        k: int = 5,
        models: Mapping[str, str] | None = None,
        translate: bool = True,
        max_tokens: int = 160,
        temperature: float = 0.1,
    ) -> None:
        if k < 1:
            raise ValueError("k must be at least 1")
        self.retriever = retriever
        self.generator = generator
        self.selector = selector
        self.k = k
        self.models = dict(models or {})
        self.translate = translate
        self.max_tokens = max_tokens
        self.temperature = temperature

    def ask(self, question: str, *, k: int | None = None, closed_book: bool = False) -> Answer:
        return [e for e in self.stream(question, k=k, closed_book=closed_book) if isinstance(e, Final)][-1].answer

    def stream(self, question: str, *, k: int | None = None, closed_book: bool = False) -> Iterator[AnswerEvent]:
        question = question.strip()
        if not question:
            raise ValueError("the question is empty")
        lang = detect_language(question)
        clock = Stopwatch()
        if closed_book:
            yield from self._closed_book(question, lang, clock)
            return
        if self.retriever is None or self.selector is None:
            raise ValueError("open-book answering needs a retriever and an evidence selector")
        if (report := report_asked(question, self.retriever)) is not None:
            # the passages closest to "summarise it" are no summary of it: its parts are read in turn
            yield from summarize(question, lang, report, self.generator, models=self.models, clock=clock)
            return
        k = k or self.k
        early: tuple[list[Hit], Selection] | None = None
        shown_early: Answer | None = None
        found: dict[str, list[Hit]] = {}
        rephrase = self._will_rephrase(lang)
        if rephrase:
            # The Korean rendering takes the model a second or more: what the question alone
            # finds is shown meanwhile, and replaced by the evidence of both phrasings.
            found[question] = self.retriever.candidates(question, 2 * k)
            alone, pool, scoped = self._retrieve([question], k, found)
            early = (alone, self.selector.select(without(question, scoped), pool))
            shown_early = self._quote(question, lang, *early)
            if shown_early is not None:
                clock.mark("first_evidence")
                yield EvidenceReady(shown_early)
        rephrasings = rendered(self.generator, question, lang) if rephrase else []
        if rephrasings:
            clock.mark("translate")
        if early is not None and not rephrasings:
            hits, selection = early  # the question alone is all there is to search with
            clock.mark("retrieve")
        else:
            hits, pool, scoped = self._retrieve([question, *rephrasings], k, found)
            clock.mark("retrieve")
            # within the report a number picked out, its units are picked by what is asked of it
            selection = self.selector.select(without(question, scoped), pool, [without(r, scoped) for r in rephrasings])
        clock.mark("select")
        evidence = list(selection.evidence)
        base = self._base(question, lang, hits, selection)
        if not self._shows_evidence(selection):
            yield self._final(base, clock, text=uncovered_refusal(lang, selection.uncovered, selection.coverage_note), abstained=True)
            return
        asked = Question.parse(question, lang, rephrasings)
        if enabled("gate") and not (cover := asked.coverage([*map(source_of, evidence), *map(passage_of, hits)])).covered:
            # Nothing retrieved carries the question's names or what it asks about: the
            # model would answer from what it knows, cited to whatever is closest.
            yield self._final(base, clock, text=not_found(lang, cover.missing), abstained=True)
            return
        quoted = _quoted(base)
        if shown_early is None or _shown(shown_early) != _shown(quoted):
            yield EvidenceReady(quoted)
        if enabled("gloss") and (glossed := gloss(question, evidence)) and (said := ground(
                gloss_answer(lang, glossed), evidence, asked.phrasings, topic=True)[0]):
            # asked what a name stands for, the report's bracket is its definition; a small
            # model paraphrases what the name does, or gives the question back
            yield self._final(replace(base, text=said, path=AnswerPath.EXTRACTIVE, citations=build_citations(said, evidence)), clock)
            return
        if self.generator is None:
            best = evidence[0]
            if enabled("quote-check") and not asked.answered_by(source_of(best), best.text, report_shown(best, evidence, hits),
                                                                   best.hit.chunk.text):
                yield self._final(base, clock, text=REFUSAL[lang], abstained=True)
            else:
                yield self._final(quoted, clock)
            return
        yield from self._write(asked, evidence, base, quoted, clock)

    def _write(self, asked: Question, evidence: list[Evidence], base: Answer, quoted: Answer,
               clock: Stopwatch) -> Iterator[AnswerEvent]:
        """The model's answer, verified; a second, stricter try; then the evidence or a refusal."""
        question, lang = asked.text, asked.language
        problems: list[Problem] = []
        rejected: list[Problem] = []  # every rejected draft's problems, for the answer's record
        grounded = ""  # a first draft whose facts stood but whose form did not (citation, language)
        usage = Tokens()
        clock.start("generate")
        long_form = asked.form != "fact" and enabled("long-form-passages")
        # an answer longer than a sentence is written from passages, some no unit was picked from
        shown = as_passages(evidence, hits=base.hits) if long_form else evidence
        numbers = {e.n for e in evidence}
        evidence = [*evidence, *(e for e in shown if e.n not in numbers)]
        base = replace(base, evidence=tuple(evidence))  # what the answer may cite is what it carries
        for path in (AnswerPath.LLM, AnswerPath.LLM_RETRY):
            texts = {e.n: e.text for e in shown}
            wide = frozenset(e.n for e in evidence if texts.get(e.n, e.text) != e.text)
            messages = answer_messages(question, shown, lang, "; ".join(map(str, problems)), asked.form)
            temperature = self.temperature if path is AnswerPath.LLM else 0.0
            draft = yield from self._generate(messages, temperature, clock, asked.form)
            usage = Tokens(usage.prompt + draft.usage.prompt, usage.generated + draft.usage.generated)
            text = tidy(draft.text)
            if draft.cut and (done := finished(text)):
                # the budget ran out mid-sentence: its words are the source's, its claim unfinished
                # ("가람시의 경우, 2024년 기준 공공 주택")
                text = done
            retold = text != draft.text.strip()  # what streamed is not what is checked
            if path is AnswerPath.LLM_RETRY and not strip_markers(text).strip():
                text = REFUSAL[lang]  # a second try that writes nothing has given up
            if is_refusal(text) and path is AnswerPath.LLM:
                clock.stop("generate")
                yield self._final(base, clock, text=REFUSAL[lang], abstained=True, path=path, tokens=usage,
                                  problems=tuple(rejected))
                return
            # A second try that gives up is the stricter prompt talking as often as the reports:
            # a shown unit that holds what was asked is quoted instead (qa.fallback.to_quote),
            # judged by the first draft's problems.
            if is_refusal(text):
                break
            supported, dropped = ground(text, evidence, asked.phrasings, wide, topic=True) if enabled("support") else (text, [])
            rejected.extend(dropped)
            regrounded = supported != text
            if not supported:
                # a draft of markers alone ("[1]") says nothing: never an answer
                problems = dropped or [Problem(ProblemKind.EMPTY, "empty answer")]
            else:
                text = supported
                problems = verify_answer(text, within_passages(shown, evidence), lang, asked,
                                         [h.chunk.text for h in base.hits])
            if path is AnswerPath.LLM and only_mis_cited(problems):
                grounded = text
            fixed = recite(text, problems, evidence, lang, asked)
            if fixed and enabled("support") and ground(fixed, evidence, asked.phrasings, wide, topic=True)[0] != fixed:
                fixed = ""  # a repaired answer passes the same support check as any other
            if fixed:
                rejected.extend(problems)
                text, problems = fixed, []
            if not problems:
                clock.stop("generate")
                if long_form and enabled("enumeration"):
                    whole = finished_enumeration(text, shown)  # the passages the model read
                    retold, text = retold or whole != text, whole
                if long_form and asked.form == "explanation" and enabled("reasons"):
                    whole = with_reasons(text, question, lang, shown)
                    retold, text = retold or whole != text, whole
                # a re-cited answer is not the text that streamed: it replaces it
                yield self._final(replace(base, text=text, path=path, citations=build_citations(text, evidence)),
                                  clock, tokens=usage, replaces_stream=bool(fixed) or regrounded or retold,
                                  problems=tuple(rejected))
                return
            rejected.extend(problems)
            if path is AnswerPath.LLM:
                yield Reset(tuple(problems), AnswerPath.LLM_RETRY)
        clock.stop("generate")
        # Quoted, a unit of another year or subject, or one that lacks what was asked, would
        # answer another question: then the reports do not cover what was asked.
        best = to_quote(asked, problems, grounded, evidence, base.hits)
        if best is None:
            yield Reset(tuple(problems), AnswerPath.ABSTAIN)
            yield self._final(base, clock, text=REFUSAL[lang], abstained=True, path=AnswerPath.LLM_RETRY,
                              problems=tuple(rejected), tokens=usage)
            return
        fallback = replace(quoted, text=extractive_answer([best], lang), citations=(to_citation(best),),
                           path=AnswerPath.EXTRACTIVE_FALLBACK)
        yield Reset(tuple(problems), AnswerPath.EXTRACTIVE_FALLBACK)
        yield self._final(fallback, clock, problems=tuple(rejected), tokens=usage)

    def _generate(self, messages: list[dict[str, str]], temperature: float, clock: Stopwatch, form: str = "fact"
                  ) -> Iterator[AnswerEvent]:
        assert self.generator is not None
        budget = max(self.max_tokens, MAX_TOKENS.get(form, 0))
        text, usage = yield from written(self.generator, messages, budget, temperature, clock)
        return _Draft(text, usage, usage.generated >= budget)

    def _final(self, answer: Answer, clock: Stopwatch, *, replaces_stream: bool = True, **changes: object) -> Final:
        clock.mark("total")
        timings = {"generate": 0.0, **clock.snapshot()}
        return Final(replace(answer, timings_ms=timings, **changes), replaces_stream)

    def _will_rephrase(self, lang: str) -> bool:
        """An English question is always rendered in Korean (the reports are mostly Korean);
        a Korean one in English when reports in English are among those searched."""
        if not self.translate or self.generator is None:
            return False
        return lang == "en" or "en" in report_languages(self.retriever)

    def _base(self, question: str, lang: str, hits: list[Hit], selection: Selection) -> Answer:
        return Answer(question, lang, "", False, AnswerPath.ABSTAIN, hits=tuple(hits),
                      evidence=selection.evidence, models=self.models)

    def _shows_evidence(self, selection: Selection) -> bool:
        """Whether the selection covers the question well enough to be shown (else: a refusal)."""
        return not selection.uncovered and bool(selection.evidence)

    def _quote(self, question: str, lang: str, hits: list[Hit], selection: Selection) -> Answer | None:
        """The best evidence quoted, before any model has written; None when nothing would be shown."""
        return _quoted(self._base(question, lang, hits, selection)) if self._shows_evidence(selection) else None

    def _retrieve(self, queries: list[str], k: int, known: Mapping[str, list[Hit]] | None = None
                  ) -> tuple[list[Hit], list[Hit], tuple[str, ...]]:
        return identified_pool(self.retriever, queries, k, known)

    def _closed_book(self, question: str, lang: str, clock: Stopwatch) -> Iterator[AnswerEvent]:
        base = Answer(question, lang, "", False, AnswerPath.CLOSED_BOOK, models=self.models)
        clock.mark("retrieve")
        if self.generator is None:
            yield self._final(base, clock, text=REFUSAL[lang], abstained=True)
            return
        clock.start("generate")
        draft = yield from self._generate(closed_book_messages(question, lang), 0.1, clock)
        clock.stop("generate")
        text = draft.text.strip()
        refused = is_refusal(text) or not text
        yield self._final(base, clock, text=REFUSAL[lang] if refused else text, abstained=refused,
                          tokens=draft.usage, replaces_stream=refused)


def _shown(answer: Answer) -> list[tuple[int, str]]:
    return [(e.n, e.text) for e in answer.evidence]


def _quoted(base: Answer) -> Answer:
    """``base`` answered by quoting its best evidence."""
    return replace(base, text=extractive_answer(list(base.evidence), base.language), path=AnswerPath.EXTRACTIVE,
                   citations=(to_citation(base.evidence[0]),))
