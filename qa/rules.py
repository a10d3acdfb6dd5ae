"""Every rule of selection, verification and refusal by name, so that each can be switched
off for the ablation table (`python -m bench.ablation`). A rule that does not earn its place
there is deleted, not left switched off (deleted after the 2026-12-05 ablation: the score floor,
the best-unit override of a first refusal, the whole-index year scan and the settled comparison;
after the second: verification's misplaced-subject and number checks, and the retry's widened passage;
after the fifth round's: a retry written from the retrieved passages; in the tenth round the
held-elsewhere override became the quote search every set-aside draft goes through)."""

from __future__ import annotations

import os

RULES = (
    "gate",  # the answerability gate: no passage carries the question's key terms -> refuse
    "support",  # each sentence kept only where a shown unit supports it, cited by that unit
    "quote-check",  # a quote after the model failed is shown only when it holds what was asked
    "subject-mismatch",  # verification: the cited units are about another year, country or proper noun
    "counted-thing",  # verification and quote: the figure counts another thing than the one asked
    "other-names",  # verification: a figure that is part of another model's name, or another version's
    "table-cells",  # verification's asked-cell and cell-period checks
    "long-form-passages",  # a list, comparison, explanation or summary is written from whole passages
    "report-summary",  # a summary of one whole report is written from key sentences of all its parts
    "topic-held",  # support: the cited source holds most of the question's nouns the claim repeats
    "pair-support",  # a sentence no one unit supports kept when two units of one report do
    "figure-focus",  # verification: the unit giving the asked figure speaks of what was asked ("점수", "rate")
    "identifier-scope",  # a question naming a case or file number one report holds is searched within it
    "report-scope",  # a question naming one or two reports by a name in their titles is searched within them
    "other-name-cells",  # verification: a figure from a cell headed by another name than the answer gives
    "named-row",  # selection: a table row whose own label the question names scores above its siblings
    "cross-script-nouns",  # support: a claim with no name or figure read across scripts by its words' translations
    "choice-direction",  # verification: a choice by size ("which used more, A or B?") agrees with both sides' figures
    "choice-said-back",  # verification: a choice said back ("A와 B 중 … B입니다") picks the side named outside it
    "side-period",  # selection: a side of a comparison asked for one year is shown by a unit naming that year
    "whether-quote",  # quote check: asked whether ("피고가 상고했어?"), a quote must say every noun of the question
    "figure-owner",  # verification: a country is not given the figure its cited line gives another ("각각", "respectively", "갑국(12건), 을국(7건)")
    "figure-year",  # verification: the year asked is not given the figure its cited line gives another year ("2022년 처음 출시(4개)되었으며, 2023년 … (23개)")
    "change-order",  # verification: of two years, the earlier gets the figure a cited change ("81.0%에서 76.5%로") starts from
    "reason-focus",  # quote check: asked the reason of something ("유예한 이유는"), a quote must speak of that something, not of a reason
    "country-rendering",  # retrieval: a country a rendering left in the other script is named as CLDR names it in the rendering's language
    "country-recall",  # retrieval: a country the question names and no pooled passage does is searched for alone
    "bare-count",  # verification: a bare figure its cited unit gives only as a count answers no question of money or share
    "table-extreme",  # verification: the row asked for by size is the one the shown rows of its table make largest (smallest)
    "row-label",  # verification: a figure from a table row is given only where the question or the answer names that row
    "figure-direction",  # support: a figure the cited unit gives only as a fall is no rise, and the reverse
    "reasons",  # an explanation gets the reasons its passage gives beside the sentence saying what was asked ("… 때문이다")
    "enumeration",  # a list or explanation that gave the first items of a cited passage's "첫째, 둘째 …" gets the rest
    "named-field",  # verification: a figure for a field the question names ("X 분야", "the X segment") comes from a unit that says X
    "asked-cell",  # repair: a figure read from the column beside the one the question names is given as the named cell's
    "gloss",  # asked what a name stands for or is called, the words a shown unit writes beside it in brackets
    "trailing-marker",  # support: the markers after a draft's last full stop ("… reason. [1]") cite that sentence
    "continuation",  # a quote of a unit goes on to the same-passage sentence that leans on it (그리고, 이에, This), or starts at the one it leans on
    "on-topic",  # support: an answer whose cited reports' shown units hold none of the question's terms, while another shown report's hold some, answers another question
    "opener-word",  # support: the capital opening an English claim is a common word when the question writes it in lower case
    "cause-held",  # support: an English "X because Y" is supported only by a source that speaks of X too
    "short-lines",  # selection: a passage gives a third unit and more while its shown units together stay short (slide lines, list items)
    "focus-across",  # quote check: the thing asked, in the user's own words, may be said by a unit of the other script in translation ("founder" by 창업자), not only in the rendering's word
    "reference-quote",  # quote: an entry of a reference list ("[6] OpenAI, \"Language models are …\", 2020.5.") is never the quote
    "address-number",  # support: a figure its source writes only as a road address's number ("중앙대로 214") is no quantity the claim can take
    "asked-compound",  # gate: what a Korean question asks about, written as one compound ("핵심감사사항은 무엇"), is named by a retrieved passage
    "title-lines",  # selection: a line that only says its report's title or publisher is furniture, like a running header
    "focus-modifier",  # verification: the unit giving the asked figure says how the question narrows it ("여성 창업 … 스타트업")
)


def enabled(rule: str) -> bool:
    """False when RAGQA_ABLATE names the rule (comma-separated)."""
    assert rule in RULES, rule
    return rule not in {r.strip() for r in os.environ.get("RAGQA_ABLATE", "").split(",")}
