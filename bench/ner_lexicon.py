"""Name lexicons induced from unlabelled news by trigger contexts (distant supervision), as NER CRF features.

A word that news often writes right after a person title or occupation ("اللاعب وسام ...", "المدرب فوزي
...") is probably a person name; one written after "نادي"/"فريق"/"شركة"/"حزب" is probably (part of) an
organisation name. Counting those contexts over unlabelled text, and dividing by the word's frequency,
tells the CRF about names its 2007 labelled stories never saw, where the test sentence itself has no
trigger ("سجل العلوي هدفين"). The lexicon gives features only, never tags.

Round sixteen of issue 18 measured it on the inner split of the build part (``bench/ner_inner.py --lexicon``):
inner dev micro F1 0.7065 and 0.7060 against 0.7049 without, i.e. noise. ANT v1 (Tunisian, 2010s) names few
of the 2007 newswire's people and firms (كلينتون 19 times, لحود, سولانا, موتورولا, توتال never). Not shipped;
this bench module keeps the experiment reproducible:

    PYTHONPATH=$PWD python bench/ner_lexicon.py /tmp/lex.tsv
    PYTHONPATH=$PWD python bench/ner_inner.py --lexicon /tmp/lex.tsv

Table: ``word<TAB>class<TAB>bucket`` (class ``P`` person, ``O`` organisation; bucket 1–3 by the share of the
word's occurrences in trigger contexts), sorted: same text, same bytes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

MIN_HITS = 2
# share of a word's occurrences in a trigger context -> bucket; below the last bound the word is left out
BUCKETS = ((0.5, "3"), (0.2, "2"), (0.05, "1"))
_MAX_NAME_WORDS = 3
# induction-only triggers beside the CRF's titles and club words (folded)
SPEECH = frozenset("قال اكد اضاف اوضح صرح اعلن افاد ذكر اشار قالت اكدت اضافت".split())
FEMININE = frozenset("""وزيره رئيسه مدربه لاعبه كاتبه الكاتبه الشاعره المخرجه الرئيسه الوزيره السفيره النائبه
    المغنيه الاعلاميه الصحفيه""".split())
ORG_WORDS = frozenset("شركه حزب منظمه جمعيه حركه".split())


def _arabic_word(w: str) -> bool:
    return len(w) > 1 and all("\u0621" <= c <= "\u064a" for c in w)


def _nisba(w: str) -> bool:
    """A definite relational adjective ("التونسي", "الدولي"): it sits between a title and the name."""
    return w.startswith("ال") and w.endswith("ي") and len(w) > 4


def _person_hits(sent: Sequence[str], i: int, triggers: frozenset[str]) -> list[str]:
    """The name words after the person trigger at ``i``: skip up to three further titles or definite words
    (nisbas, the office's complement: "وزير الخارجيه الامريكي جون كيري"), then up to three words; the first
    must not carry the article."""
    j = i + 1
    while j < len(sent) and j - i <= 3 and (sent[j] in triggers or sent[j].startswith("ال")):
        j += 1
    out: list[str] = []
    while j < len(sent) and len(out) < _MAX_NAME_WORDS and _arabic_word(sent[j]) and sent[j] not in triggers:
        if not out and sent[j].startswith("ال"):
            break
        out.append(sent[j])
        j += 1
    return out


def _org_hits(sent: Sequence[str], i: int) -> list[str]:
    """The word after an organisation trigger at ``i``, and the next one when it is a definite adjective of
    the name ("فريق النجم الساحلي")."""
    out: list[str] = []
    j = i + 1
    if j < len(sent) and _arabic_word(sent[j]):
        out.append(sent[j])
        if j + 1 < len(sent) and _arabic_word(sent[j + 1]) and sent[j + 1].startswith("ال"):
            out.append(sent[j + 1])
    return out


def induce_lexicon(
    sentences: Iterable[Sequence[str]], person_triggers: frozenset[str], org_triggers: frozenset[str]
) -> dict[tuple[str, str], str]:
    """(word, class) -> bucket for words seen ``MIN_HITS`` or more times in a trigger context, from sentences of
    folded words keyed like the cluster table (``ner_features.cluster_key``). Whole-number counts: deterministic."""
    total: Counter[str] = Counter()
    hits: dict[str, Counter[str]] = {"P": Counter(), "O": Counter()}
    for sent in sentences:
        total.update(sent)
        for i, w in enumerate(sent):
            if w in person_triggers:
                hits["P"].update(_person_hits(sent, i, person_triggers))
            elif w in org_triggers:
                hits["O"].update(_org_hits(sent, i))
    out: dict[tuple[str, str], str] = {}
    for cls, counter in hits.items():
        for w, n in counter.items():
            if n < MIN_HITS:
                continue
            share = n / total[w]
            bucket = next((b for bound, b in BUCKETS if share >= bound), None)
            if bucket:
                out[(w, cls)] = bucket
    return out


def write_lexicon(lexicon: dict[tuple[str, str], str], path: Path) -> None:
    """``word<TAB>class<TAB>bucket`` lines sorted by word and class: byte-for-byte reproducible."""
    path.write_text("".join(f"{w}\t{c}\t{lexicon[(w, c)]}\n" for w, c in sorted(lexicon)), encoding="utf-8")


def load_lexicon(path: Path) -> dict[str, tuple[str, ...]]:
    """word -> its features (``lxP=3``, ``lxO=1``)."""
    out: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, cls, bucket = line.split("\t")
        out.setdefault(word, []).append(f"lx{cls}={bucket}")
    return {w: tuple(fs) for w, fs in out.items()}


def add_lexicon_features(path: Path) -> None:
    """Give the NER features the lexicon's features of each word's first form found (norm, without conjunction,
    segmented, bare), on the token and in the ±2 context, by wrapping ``ner_features._token_features``."""
    from pipeline.nlp import crf, ner_features
    from pipeline.nlp.ner_features import _segment, _stems, load_clusters
    from pipeline.text.normalise import fold_name

    table = load_lexicon(path)
    plain = ner_features._token_features

    @lru_cache(maxsize=65_536)
    def with_lexicon(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        own, ctx = plain(word)
        norm = fold_name(word)
        no_conj, bare = _stems(norm)
        seg = _segment(norm, lambda w: w in ner_features._gaz_index()[0] or w in load_clusters())
        feats = next((table[f] for f in (norm, no_conj, seg, bare) if f in table), ())
        return (*own, *feats), (*ctx, *feats)

    ner_features._token_features = with_lexicon
    crf._token_features = with_lexicon


def main() -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from train_ner import ant_v1_sentences

    from pipeline.nlp.ner_features import CLUB_TRIGGERS, TITLE_TRIGGERS, cluster_key

    sents = [[cluster_key(w) for w in s] for s in ant_v1_sentences()]
    lex = induce_lexicon(sents, TITLE_TRIGGERS | SPEECH | FEMININE, CLUB_TRIGGERS | ORG_WORDS)
    write_lexicon(lex, Path(sys.argv[1]))
    print(f"{len(lex)} entries")


if __name__ == "__main__":
    main()
