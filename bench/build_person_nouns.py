"""Learn the person nouns ("الفنان"، "المخرج"، "الممثل") from names in apposition, and write the shipped table.

A definite noun that stands right before a person's name ("الفنان X"، "المخرج X"، "السيد X", a relative adjective
between allowed: "المخرج الإيراني X") often, and rarely before a body's or a place's name, names a person: so a bare
"الفنانة" later in an article can stand for the one artist it named (``title_holders.role_holder``). Counted on the
gold entity tags of the *build part* of the ANERcorp CAMeL Lab train file (never its dev block; CC BY-SA 4.0), words
folded and keyed as the word-cluster table is (``ner_features.cluster_key``), the feminine ة folded onto its
masculine (gender is the word's own morphology, not a second entry), and a noun kept only when both its masculine
and its feminine are seen (a noun of persons, not a name with the article such as "المنجي", a dual or a thing). A
noun right after a title ("وزير الخارجية X") is that title's genitive, not an apposition, and is not counted. ANT
corpus v1 (Apache-2.0) adds the arts and sports nouns the 2007 newswire lacks ("المخرج"، "الممثل"), its names tagged
by the shipped CRF: rebuild the table after the NER model is retrained. Deterministic: the same files and model give
the same bytes.

    PYTHONPATH=. python bench/build_person_nouns.py   # writes pipeline/data/ner/person_nouns.tsv
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from pipeline.nlp import ner
from pipeline.nlp import speakers as sp
from pipeline.nlp.ner_features import cluster_key
from pipeline.text.normalise import fold_match, fold_name

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
OUT = Path(__file__).resolve().parents[1] / "pipeline" / "data" / "ner" / "person_nouns.tsv"
MIN_BEFORE_PERSON = 3  # seen before a name at least three times
MIN_SHARE = 0.08  # of all its occurrences outside names
MAX_OTHER = 0.2  # of its appositions, at most this share before a body or a place
MIN_FORMS = 2  # seen as a masculine and as a feminine ("المخرج"، "المخرجة"): a noun of persons of either gender,
#               not a name with the article ("المنجي"), a dual or plural ("الرئيسين"), a noun of a thing ("الإرادة")


def masculine(word: str) -> str:
    """The key a noun is counted under: its masculine ("الفنانه" → "الفنان")."""
    return word[:-1] if word.endswith("ه") else word


def _title(token: str, titles: set[str]) -> bool:
    """A title of the lexicon, a conjunction before it or its feminine ة aside ("ووزيرة")."""
    w = fold_match(token)
    return any(masculine(x) in titles or x in titles for x in (w, w[1:] if w[:1] in "وف" else w))


def count(sentences: list[list[tuple[str, str]]]) -> tuple[Counter, Counter, Counter, Counter]:
    """Per definite noun (masculine key): before a person's name, before a body's or place's name, in all; and
    per word form, its occurrences."""
    titles = {fold_match(t) for t in sp.TITLES}
    person: Counter = Counter()
    other: Counter = Counter()
    total: Counter = Counter()
    forms: Counter = Counter()
    for sent in sentences:
        words = [cluster_key(fold_name(t)) for t, _ in sent]
        tags = [g for _, g in sent]
        for i, w in enumerate(words):
            forms[w] += 1
            if tags[i] != "O" or not w.startswith("ال"):
                continue
            key = masculine(w)
            total[key] += 1
            if i and (words[i - 1].startswith("ال") or _title(sent[i - 1][0], titles)):
                continue  # an adjective ("الشؤون الخارجية X") or a title's genitive ("وزير الخارجية X")
            j = i + 1
            if j < len(words) and tags[j] == "O" and words[j].startswith("ال") and words[j].endswith(("ي", "يه")):
                j += 1  # a relative adjective between: "المخرج الايراني X"
            if j < len(words) and tags[j] == "B-PERS":
                person[key] += 1
            elif j < len(words) and tags[j] in ("B-ORG", "B-LOC"):
                other[key] += 1
    return person, other, total, forms


def person_nouns(sentences: list[list[tuple[str, str]]]) -> list[tuple[str, int, int, int]]:
    """The learned class, sorted: (noun, before a person, before a body or place, occurrences, feminine ones)."""
    person, other, total, forms = count(sentences)
    return sorted(
        (w, n, other[w], total[w], forms[w + "ه"]) for w, n in person.items()
        if len(w) >= 5 and n >= MIN_BEFORE_PERSON and n >= MIN_SHARE * total[w] and other[w] <= MAX_OTHER * n
        and forms[w] >= MIN_FORMS and forms[w + "ه"] >= MIN_FORMS)


def ant_v1_tagged(shared: Path = SHARED) -> list[list[tuple[str, str]]]:
    """ANT corpus v1 (Apache-2.0) sentences with the shipped CRF's tags, article by article as the pipeline tags
    them: the same model and text give the same tags."""
    from pipeline.text.tokenize import tokenized_sentences

    out: list[list[tuple[str, str]]] = []
    with (shared / "topics" / "ant_v1_jawharafm.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            sents = [[t for t, _, _ in toks] for _, _, toks in tokenized_sentences(rec.get("text") or "")]
            sents = [x for x in sents if x]
            out.extend(list(zip(x, tags, strict=True)) for x, tags in zip(sents, ner.tag_article(sents), strict=True))
    return out


def main() -> None:
    argparse.ArgumentParser(description="Rebuild pipeline/data/ner/person_nouns.tsv from ../shared/data "
                            "(ANERcorp build part, ANT v1); same bytes on every run.").parse_args()
    if not (SHARED / "ner" / "ANERCorp_CamelLab_train.txt").exists() or not (SHARED / "topics").is_dir():
        sys.exit("needs ../shared/data beside the repository (ANERcorp train, ANT v1): build-time only")
    build, _dev = ner.split_dev_tail(ner.read_conll(SHARED / "ner" / "ANERCorp_CamelLab_train.txt"), 0.1)
    rows = person_nouns([*build, *ant_v1_tagged()])
    OUT.write_text("".join("\t".join(map(str, row)) + "\n" for row in rows), encoding="utf-8")
    print(f"{len(rows)} person nouns -> {OUT}")


if __name__ == "__main__":
    main()
