"""Quotation marks around a name: «جبهة النصرة» in "أن «جبهة النصرة» سحبت عناصرها" marks a name (Arabic news
puts bodies, outlets and places in guillemets), not a quotation. A short span with no introducer inside, that
opens the clause after "أن"/"إن" and after which the clause goes on with a word that reports nothing, is the
clause's subject: the statement's content is the clause it opens, not the name alone (kept out of
:mod:`pipeline.nlp.statements`, which stays under its line budget)."""

from __future__ import annotations

import re
from collections.abc import Collection

from pipeline.nlp.quotes import INTRO_WORD, quote_close
from pipeline.text.normalise import ARABIC_LETTERS

MAX_NAME_WORDS = 4  # "«الجبهة الشامية»", "«حركة أحرار الشام»", "«مكتب أخبار سوريا»"
_GOES_ON = re.compile(rf"[ \t]*(?=[{ARABIC_LETTERS}])")
_NOT_A_NAME = re.compile(r"[.!?؟:،,؛]")


def quoted_name_end(text: str, pos: int, reporting: Collection[int] = ()) -> int | None:
    """Where a quotation mark at ``pos`` that marks a name closes (after the closing mark), or None when it
    opens a quotation: one not right after an introducer ("قال: «لا»"), of more than ``MAX_NAME_WORDS`` words,
    with punctuation or an introducer inside, one that ends its clause ("«...»، مضيفا" / "«...».") or one
    followed by a reporting verb (``reporting``: the starts of the verbs after it: "إن "الوضع خطير" مضيفا")."""
    lead = text[max(0, pos - 12) : pos].rstrip()
    intro = INTRO_WORD.search(lead)
    if intro is None or intro.end() != len(lead):
        return None
    close = quote_close(text, pos, 60)
    if close is None:
        return None
    inside = text[pos + 1 : close - 1]
    words = inside.split()
    if not words or len(words) > MAX_NAME_WORDS or _NOT_A_NAME.search(inside) or INTRO_WORD.search(inside):
        return None
    goes_on = _GOES_ON.match(text, close)
    return close if goes_on and goes_on.end() not in reporting else None
