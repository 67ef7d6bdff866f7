"""Round thirty-four (helper "desc34b"): person nouns as a learned class, so a bare "الفنانة" finds its named
person (issue 13).

``bench/build_person_nouns.py`` learns the class from names in apposition (a definite noun right before a person's
name often, rarely before a body's or place's, seen as a masculine and a feminine); ``described_words.person_noun``
reads the shipped table and ``title_holders.role_holder`` takes it with the guards it had for titles. A name that
opens with a preposition ("على ترامب", an NER span glued to the addressee) is no name for the noun.

The artist's sentences come from the ANT v2 stream (BB-culture-121-20180421), shortened.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from pipeline.models import Entity, Speaker
from pipeline.nlp.described_words import person_noun
from pipeline.nlp.title_holders import role_holder
from tests.conftest import speakers_of as _speakers

ARTIST = ("أعلنت أسماء الفائزين بجوائز مسابقة سوني العالمية للتصوير حيث فازت الفنانة البريطانية أليس توملينسون بلقب "
          "مصور السنة عن سلسلتها الأخاذة عن الحجاج.\n"
          "وقالت الفنانة إن الحجاج كثيرا ما يتركون هداياهم بدون اسم، تعبيرا عن الأمل والامتنان.")

_spec = importlib.util.spec_from_file_location(
    "build_person_nouns", Path(__file__).resolve().parents[1] / "bench" / "build_person_nouns.py")
assert _spec and _spec.loader
builder = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(builder)


def test_a_bare_artist_for_the_artist_named_after_the_noun() -> None:
    assert _speakers(ARTIST)[-1][1] in ("أليس توملينسون", "توملينسون")


def test_the_learned_class_holds_nouns_of_the_arts_not_bodies_or_documents() -> None:
    assert all(person_noun(w) for w in ("الفنانة", "المخرج", "الممثلة", "المغني"))
    assert not any(person_noun(w) for w in ("الدعوى", "الرابطة", "الوزارة", "الدراسة"))


def test_a_name_opening_with_a_preposition_is_no_holder() -> None:
    text = "ورد القاضي على ترامب بالقول إن الحكم نهائي."
    at = text.index("على ترامب")
    ents = [Entity(text="على ترامب", canonical="علي ترامب", type="PERS", start=at, end=at + 9)]
    assert role_holder(text, Speaker(text="القاضي", canonical="القاضي"), text.index("الحكم"), ents) is None


def _sentence(*pairs: str) -> list[tuple[str, str]]:
    return [tuple(p.split("/")) for p in pairs]  # type: ignore[misc]


def test_the_builder_learns_appositions_of_both_genders_and_skips_genitives_and_names() -> None:
    rows = [
        *[_sentence("قال/O", "المخرج/O", "محمد/B-PERS", "خان/I-PERS") for _ in range(3)],
        _sentence("وقالت/O", "المخرجة/O", "منى/B-PERS"), _sentence("وقالت/O", "المخرجة/O", "ليلى/B-PERS"),
        # a genitive of a title ("وزير الخارجية X") and a name with the article ("المنجي X", no feminine form)
        *[_sentence("وزير/O", "الخارجية/O", "سامي/B-PERS") for _ in range(3)],
        *[_sentence("المنجي/O", "الورفلي/B-PERS") for _ in range(3)],
    ]
    learned = [row[0] for row in builder.person_nouns(rows)]
    assert learned == ["المخرج"]
