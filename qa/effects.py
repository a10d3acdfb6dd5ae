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
from qa.terms import is_korean, stem, terms


# Words that point at the reports rather than say anything of what happened.
POINTING = frozenset({"explanation", "explained", "evidence", "following", "above", "below", "report", "mentioned",
                      "review", "study", "analysis"})

# "X because Y": a source that gives Y as the reason for X speaks of X too. A figure about
# something else cited as the reason ("AI safety talks are speeding up because the share of
# PhDs entering industry grew [6]") holds every word of Y and none of X.
_BECAUSE = re.compile(r"\b(?:because|due to|owing to|as a result of|thanks to)\b", re.IGNORECASE)
# "The report also mentions that …": who says it, not what happened
_SAYS = re.compile(r"^.*?\b(?:says?|said|states?|stated|mentions?|mentioned|notes?|noted|explains?|shows?|argues?)"
                   r"\s+(?:that\s+)?", re.IGNORECASE)


def unsaid_effect(claim: str, p: Passage) -> list[str]:
    """The words of what an English claim says happened, before its "because", when its source
    says none of them (in the other script, by their translation): without a part-of-speech
    reader for English, a verb counts as a word too, so one said is enough."""
    m = _BECAUSE.search(claim)
    if not m or is_korean(claim):
        return []
    effect = _SAYS.sub("", claim[:m.start()])
    nouns = terms(effect).nouns
    words = list(dict.fromkeys(w for w in re.findall(r"[A-Za-z]{3,}", effect)
                               if stem(w.casefold()) in nouns and w.casefold() not in POINTING))
    if len(words) < 2:
        return []
    if p.terms.korean:
        if not can_read():
            return []  # across scripts nothing can be told without the encoder
        vocabulary = [w for w in p.terms.nouns | p.terms.names if is_korean(w)]
        held = said_among(words, vocabulary)
    else:
        held = [stem(w.casefold()) in p.terms.nouns or squeeze(w) in p.squeezed for w in words]
    return [] if any(held) else words
