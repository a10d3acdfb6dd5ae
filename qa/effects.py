"""What a claim of cause says happened must be in its source too.

Asked why, a small model writes "X because Y [n]" and cites a unit that states Y, a figure or
finding that may be about something else entirely ("AI safety discussions are speeding up
because the share of new AI PhDs entering industry grew [6]"). Every word of Y is then the
source's, and the support check passes it. A source that gives Y as the reason for X speaks
of X as well; what the claim says happened is held to it like the rest of the claim."""

from __future__ import annotations

import re

from qa.crossing import can_read, said_among
from qa.passages import Passage, squeeze
from qa.terms import POINTING, is_korean, stem, terms

# Words that point at the reports rather than say anything of what happened: the support
# check's, and the kinds of report a cause is attributed to.
_POINTING = POINTING | {"review", "study", "analysis"}

# "X because Y": a source that gives Y as the reason for X speaks of X too. A figure about
# something else cited as the reason ("AI safety talks are speeding up because the share of
# PhDs entering industry grew [6]") holds every word of Y and none of X.
_BECAUSE = re.compile(r"\b(?:because|due to|owing to|as a result of|thanks to)\b", re.IGNORECASE)
# "The report also mentions that …", "According to the review, …": who says it, not what happened
_SAYS = re.compile(r"^\s*(?:according to [^,]{1,60},\s*|(?:the|this|that)\s+(?:report|review|study|survey|analysis|paper"
                   r"|evidence|data|source|authors?)\b[^,]{0,40}?\b(?:says?|said|states?|stated|mentions?|mentioned|notes?"
                   r"|noted|explains?|shows?|argues?|finds?|found|suggests?|indicates?)\s+(?:that\s+)?)", re.IGNORECASE)
# "This decline was …", "It happened …": what happened is the sentence before's, not said here
_POINTS_BACK = re.compile(r"^\s*(?:this|that|these|those|it|they)\b", re.IGNORECASE)
# Fewer words than this say too little of what happened to look for ("The decline was largely").
MIN_WORDS = 3


def unsaid_effect(claim: str, p: Passage) -> list[str]:
    """The words of what an English claim says happened, before its "because", when its source
    says none of them (in the other script, by their translation). Without a part-of-speech
    reader for English a verb counts as a word too, so one said is enough; an adverb ("-ly")
    and a word the reason repeats are left out."""
    m = _BECAUSE.search(claim)
    if not m or is_korean(claim):
        return []
    effect = _SAYS.sub("", claim[:m.start()])
    if _POINTS_BACK.match(effect):
        return []
    nouns, reason = terms(effect).nouns, terms(claim[m.end():]).nouns
    stems = {w: s for w in re.findall(r"[A-Za-z]{3,}", effect)
             if (s := stem(w.casefold())) in nouns and s not in reason and not w.endswith("ly")
             and w.casefold() not in _POINTING}
    words = list(stems)
    if len(words) < MIN_WORDS:
        return []
    # a word the source writes as the claim does (LLM, RAG in a Korean unit) is said
    written = p.terms.nouns | p.terms.names
    held = [stems[w] in written or squeeze(w) in p.squeezed for w in words]
    if p.terms.korean and not any(held):
        if not can_read():
            return []  # across scripts nothing can be told without the encoder
        held = said_among(words, [w for w in p.terms.nouns | p.terms.names if is_korean(w)])
    return [] if any(held) else words
