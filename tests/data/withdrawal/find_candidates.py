#!/usr/bin/env python3
"""Find candidate sentences for the hand-labelled `military_withdrawal` evaluation set.

Deterministic: no randomness except hashes of fixed strings. Reads the shared data folder
(``<repo root>/../shared/data``) and writes unlabelled candidate lists as JSONL.

    python find_candidates.py stats                  # counts per family / corpus
    python find_candidates.py sample --out FILE      # the sentences that were labelled (labelled.jsonl)
    python find_candidates.py pool   --out FILE      # every ANT v2 sentence with a withdrawal word AND a forces word

The output rows carry the matched word families ("families"), whether a forces word occurs
("forces") and "other-sense" hints; labelled.jsonl / pool_ant_v2.jsonl hold the same sentences with
the hand labels. check_dataset.py validates both files against this script.

The regexes below are used ONLY to find candidates; every label was assigned by a person reading
the sentence (see README.md).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
DATA = REPO_ROOT.parent / "shared" / "data"
ANT_V2 = DATA / "topics" / "ant_v2_sample_train.jsonl"
ANT_V1 = DATA / "topics" / "ant_v1_jawharafm.jsonl"
NEWSFANE = DATA / "ner" / "newsfane" / "NewsFANE_Gold_2014_170K.txt"
SEEDS = DATA / "seeds"
# NOTE: corpus/saudinewsnet is deliberately never read (non-commercial licence).

NEWSFANE_BLOCK = 50  # NewsFANE has no article boundaries: 50 consecutive sentences = one pseudo-document

# --------------------------------------------------------------------------------------------
# Sentence splitting (the rule used for every corpus)
# --------------------------------------------------------------------------------------------
_END = re.compile(r"(?<=[.!؟?])\s+")
MIN_WORDS, MAX_WORDS = 6, 80


def split_sentences(text: str) -> list[str]:
    """Split on newlines, then on . ! ؟ ? followed by whitespace. Returns ALL non-empty pieces
    (stripped); the sentence index used in ids is the position in this list."""
    out: list[str] = []
    for line in text.split("\n"):
        for piece in _END.split(line):
            piece = piece.strip()
            if piece:
                out.append(piece)
    return out


def keep(sentence: str) -> bool:
    return MIN_WORDS <= len(sentence.split()) <= MAX_WORDS


# --------------------------------------------------------------------------------------------
# Normalisation for matching only (the stored sentence is the exact original text)
# --------------------------------------------------------------------------------------------
_DIAC = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200e\u200f]")


def norm(s: str) -> str:
    s = _DIAC.sub("", s)
    s = re.sub("[أإآٱ]", "ا", s)
    s = s.replace("ى", "ي").replace("ة", "ه").replace("ؤ", "و").replace("ئ", "ي")
    return s


# Token-initial clitics / verb prefixes (و ف ب ل ك ال س ي ت ن أ/ا), then the stem, then any suffix:
# nominal (ب ل ك ال, then the alef of a VII/VIII/IV masdar: الانسحاب، بالإخلاء) or verbal (ل س + ي ت ن ا) prefixes
P = r"(?<![\w])(?:[وف])?(?:[بلك]?(?:ال)?ا?|ل?س?[يتنا])"
W = r"\w*"  # suffixes
GAP = r"(?:\s+\S+){0,3}\s+"  # up to 3 intervening tokens

FAMILIES: dict[str, str] = {
    # انسحاب/انسحب/ينسحب/سينسحب/الانسحاب/انسحابها/منسحب
    "insihab": P + r"م?نسحا?ب" + W,
    # سحب/يسحب/سحبت/سُحبت/ستسحب/سحب القوات/مسحوب/سحوبات
    "sahb": P + r"(?:سحب|سحوب|مسحوب)" + W,
    # مغادرة/غادر/يغادر
    "mughadara": P + r"م?غادر" + W,
    # خروج/خرج/يخرج/إخراج
    "khuruj": P + r"(?:خرو?ج|خراج)" + W,
    # رحيل/يرحل/ترحيل (not رحلة trip)
    "rahil": P + r"(?:رحيل|رحل(?!ه|ات|تين|تان|ت(?:ه|ها|هم|هما|ي|ك|نا))|ترحيل)" + W,
    # إخلاء/أخلى/أُخليت/يخلي (not خلية cell)
    "ikhla": P + r"(?:خلاء\w*|خلي(?:ت|تها|ها|هم|نا)?|خلت|خلوا|خلوه|خلوها)(?!\w)",
    # إجلاء/جلاء/يجلي
    "ijla": P + r"(?:جلاء\w*|جلي(?:ت|ها|هم)?|جلت|جلوا)(?!\w)",
    # تسليم القواعد / المواقع / المقرات
    "taslim": P + r"(?:تسليم|سلم|تسلم|استلم|استلام)" + W + GAP
    + r"(?:ال)?(?:قواعد|قاعده|مواقع|موقع|مقرات|مقر|معسكر|معسكرات|ثكنات|ثكنه|مطار|مهام|مسؤوليه)" + W
    + r"|(?:ال)?(?:قواعد|قاعده|مواقع|مقرات|معسكرات|ثكنات)\w*(?:\s+\S+){0,2}\s+[وف]?(?:سلمت|تسلم|سلم|ستسلم)(?!\w)",
    # إنهاء المهمة / انتهاء المهمة القتالية / إنهاء الوجود
    "inha_mission": P + r"(?:انهاء|انتهاء|انهي|انهت|نهي|نتهي|انتهت|نهاء|تنهي)" + W + r"(?:\s+\S+){0,2}\s+"
    + r"(?:ال)?(?:مهم|مهام|وجود|تواجد|عمليات\s+القتاليه|دور\s+القتالي)" + W,
    # ... and the reverse order: وجود القوات ... سينتهي / المهمة ... انتهت
    "mission_ends": r"(?:وجود|تواجد|مهمه|مهام|مهمت)\w*(?:\s+\S+){0,5}\s+(?:[وف]?س?[يت]?نتهي|انتهت|انتهي)(?!\w)",
    # انتقال إلى دور غير قتالي / استشاري (end of a combat mission)
    "noncombat_role": r"دور\w*\s+(?:غير\s+(?:ال)?قتالي|(?:ال)?استشاري)",
    # عودة الجنود / إعادة القوات إلى بلادهم
    "return_troops": P + r"(?:عوده|اعاده|عود|عاد|عادت|يعيد|تعيد|اعاد)" + W + GAP
    + r"(?:ال)?(?:جنود|قوات|عسكريين|مقاتلين|جيش|عسكريه)" + W,
    "to_homeland": r"(?:(?:الي|إلى)\s+|(?<!\w)ل)(?:بلاد|بلده|بلدان|وطن|ديار|اوطان)" + W,
    # خفض/تقليص/تخفيض عدد القوات/عديد
    "reduce_troops": P + r"(?:خفض|تخفيض|تقليص|قلص|خفيض|قليص)" + W + GAP
    + r"(?:ال)?(?:عدد|عديد|قوات|جنود|وجود|تواجد|حجم)" + W,
    # إعادة انتشار / إعادة تموضع
    "redeploy": P + r"(?:اعاده|عيد|اعاد)" + W + r"(?:\s+\S+){0,1}\s+" + r"(?:ال)?(?:انتشار|نشر|تموضع|تمركز)" + W
    + r"|" + P + r"تموضع" + W,
    # ترحيل المسلحين / إجلاء المقاتلين / اتفاق التسوية (fighters leaving under a deal)
    "deal": r"(?:اتفاق|اتفاقيه)\w*(?:\s+\S+){0,2}\s+(?:ال)?(?:تسويه|مصالحه|اجلاء|خروج)\w*"
    + r"|الحافلات\s+الخضراء|الباصات\s+الخضراء",
    # تمديد بقاء القوات / بقاء القوات
    "extend_stay": P + r"(?:تمديد|مدد|تمدد|مديد)" + W + GAP + r"(?:ال)?(?:بقاء|وجود|تواجد|مهم|ولايه|انتشار)" + W
    + r"|" + P + r"بقاء" + W + r"(?:\s+\S+){0,1}\s+(?:ال)?(?:قوات|جنود|عسكريين|جيش)" + W,
    # فك الارتباط / فض الاشتباك
    "disengage": r"فك\s+الارتباط|فض\s+الاشتباك|فصل\s+القوات",
}
FAMILY_RE = {k: re.compile(v) for k, v in FAMILIES.items()}

# Used ONLY to add "قواعد" sentences (mostly "rules", sometimes "bases") to the labelled sample;
# not a withdrawal word, so it does not put a sentence into the recall pool.
SAMPLE_ONLY = {"qawaid": re.compile(P + r"قواعد" + W)}

# forces words (armed actors) -- for the pool and for stratifying the sample
FORCES = (
    r"قوات|قواته|جنود|جندي|جيش|عسكري|التحالف|تحالف|مسلح|مقاتل|ميليشي|مليشي|فصائل|فصيل|الحشد|"
    r"بيشمركه|البشمركه|حفظ\s+السلام|المارينز|القبعات\s+الزرق|مستشار\w*\s+عسكري|المرتزقه|"
    r"الحرس\s+الثوري|الناتو|حلف\s+(?:شمال\s+)?الاطلسي|كتائب|داعش|طالبان|حزب\s+الله|الحوثي|"
    r"الاحتلال|القاعده\s+العسكريه|قاعده\s+عسكريه|قواعد\s+عسكريه|الجهادي|جهاديين|ارهابي|فيلق|سرايا"
)
FORCES_RE = re.compile(FORCES)

# hints for the "other senses" (used only to make sure the sample contains them)
OTHER_SENSES = {
    "sport": r"بطول|مباراه|المباراه|الملعب|البطوله|الدوري|الفريق|منتخب|كاس|اللاعب|الاولمبي|سباق|النادي",
    "election": r"انتخاب|مرشح|الترشح|ترشح|قائمه|الاقتراع|الحزب|حزب",
    "banking": r"ودائع|الودائع|السحب\s+النقدي|نقدي|البنك|بنك|مصرف|الصراف|الحساب|السيوله|الدينار|الدولار|سندات",
    "licence": r"رخص|ترخيص|الترخيص|اعتماد|جنسيه|الثقه",
    "product": r"منتج|الاسواق|السوق|الادويه|دواء|الهواتف|سيارات",
    "diplomat": r"سفير|السفير|دبلوماس|سفراء|القنصل",
    "deal_treaty": r"الاتفاق\s+النووي|الاتفاق|معاهده|اتفاقيه|الاتحاد\s+الاوروبي|بريكست|منظمه|اليونسكو|مجلس\s+حقوق",
    "company": r"شرك|الشركه|مستثمر|استثمار",
    "protest": r"متظاهر|محتج|اعتصام|المعتصمين",
    "rules": r"قواعد\s+(?:اللعب|السلوك|اللعبه|جديده|القانون|المنافسه|الاشتباك)",
}
OTHER_RE = {k: re.compile(v) for k, v in OTHER_SENSES.items()}


def families(s: str, sample_only: bool = False) -> list[str]:
    n = norm(s)
    fams = [k for k, rx in FAMILY_RE.items() if rx.search(n)]
    if sample_only and not fams:
        fams = [k for k, rx in SAMPLE_ONLY.items() if rx.search(n)]
    return fams


def has_forces(s: str) -> bool:
    return bool(FORCES_RE.search(norm(s)))


def other_hints(s: str) -> list[str]:
    n = norm(s)
    return [k for k, rx in OTHER_RE.items() if rx.search(n)]


# --------------------------------------------------------------------------------------------
# Corpora -> documents
# --------------------------------------------------------------------------------------------
def iter_docs():
    """Yield dicts: corpus, doc_id, outlet, label(topic or None), sentences (all pieces)."""
    for corpus, path in (("ant_v2", ANT_V2), ("ant_v1", ANT_V1)):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                yield {"corpus": corpus, "doc_id": d["id"], "outlet": d["source"], "topic": d.get("label"),
                       "sentences": split_sentences(d.get("text") or "")}
    for path in sorted(SEEDS.glob("*.txt")):
        yield {"corpus": "seeds", "doc_id": path.stem, "outlet": "seeds", "topic": None,
               "sentences": split_sentences(path.read_text(encoding="utf-8"))}
    for block, sents in newsfane_blocks():
        yield {"corpus": "newsfane", "doc_id": block, "outlet": "NewsFANE", "topic": None, "sentences": sents}


def newsfane_sentences() -> list[str]:
    """Rebuild NewsFANE sentences: tokens (U+200E/U+200F stripped) joined by single spaces,
    one sentence per blank-line-separated block, exactly as tokenised in the corpus."""
    text = NEWSFANE.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    sents, cur = [], []
    for line in text.split("\n"):
        tok = line.split("\t")[0].replace("\u200e", "").replace("\u200f", "").strip()
        if not tok:
            if cur:
                sents.append(" ".join(cur))
                cur = []
            continue
        cur.append(tok)
    if cur:
        sents.append(" ".join(cur))
    return sents


def newsfane_blocks():
    sents = newsfane_sentences()
    for start in range(0, len(sents), NEWSFANE_BLOCK):
        chunk = sents[start:start + NEWSFANE_BLOCK]
        # sentence pieces are re-split with the common rule (blocks normally hold one sentence)
        pieces: list[str] = []
        for s in chunk:
            pieces.extend(split_sentences(s))
        yield f"s{start:05d}", pieces


def iter_candidates(require_forces: bool = False, corpora: set[str] | None = None, sample_only: bool = False):
    for doc in iter_docs():
        if corpora and doc["corpus"] not in corpora:
            continue
        for i, s in enumerate(doc["sentences"]):
            if not keep(s):
                continue
            fams = families(s, sample_only)
            if not fams:
                continue
            forces = has_forces(s)
            if require_forces and not forces:
                continue
            yield {"id": f"{doc['corpus']}:{doc['doc_id']}:{i}", "corpus": doc["corpus"], "doc_id": doc["doc_id"],
                   "outlet": doc["outlet"], "topic": doc["topic"], "sentence": s, "families": fams,
                   "forces": forces, "other_hints": other_hints(s)}


def h(*parts: str) -> int:
    return int(hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:12], 16)


def assign_splits(rows: list[dict]) -> dict[tuple[str, str], str]:
    """Document-level build/heldout split of the LABELLED rows (needs the `withdrawal` labels).

    Every sentence of one document goes to the same split. Seeds -> build. The other documents
    are stratified by whether they hold at least one withdrawal=true sentence and ordered by
    sha1("split|corpus|doc_id"): documents with a positive go to heldout when their rank is odd
    (1 in 2), documents without one when rank % 5 is 1 or 3 (2 in 5). This gives ~60/40 by
    sentences and >= 60 positives in each split.
    """
    has_pos: dict[tuple[str, str], bool] = defaultdict(bool)
    for r in rows:
        has_pos[(r["corpus"], r["doc_id"])] |= bool(r["withdrawal"])
    split: dict[tuple[str, str], str] = {}
    for d in has_pos:
        if d[0] == "seeds":
            split[d] = "build"
    pos = sorted((d for d in has_pos if d[0] != "seeds" and has_pos[d]), key=lambda d: h("split", *d))
    neg = sorted((d for d in has_pos if d[0] != "seeds" and not has_pos[d]), key=lambda d: h("split", *d))
    for i, d in enumerate(pos):
        split[d] = "heldout" if i % 2 == 1 else "build"
    for i, d in enumerate(neg):
        split[d] = "heldout" if i % 5 in (1, 3) else "build"
    return split


# --------------------------------------------------------------------------------------------
# The labelled sample and the recall pool
# --------------------------------------------------------------------------------------------
PER_DOC_CAP = 4          # at most 4 sentences from one article (seeds: no cap, 5 articles only)
SAMPLE_TOTAL = 480       # group A (forces-word candidates, capped) + a stratified sample B of the rest


def _sid(c: dict) -> int:
    return int(c["id"].rsplit(":", 1)[1])


def pool() -> list[dict]:
    """Every ANT v2 sentence with a withdrawal-family word AND a forces word."""
    out = [c for c in iter_candidates(require_forces=True, corpora={"ant_v2"})]
    out.sort(key=lambda c: (c["doc_id"], _sid(c)))
    return out


NEWS_TOPICS = {"middleEast", "internationalNews", "politic"}
WEAK_FORCES = re.compile(r"ارهابي\w*|جهادي\w*")  # "terrorist"/"jihadist" alone: mostly Tunisian crime news
B_NEWS_SHARE = 0.6
QAWAID_FIRST = 3
# families whose words most directly express a withdrawal (B's "news" group is drawn from these)
CORE_FAMILIES = {"insihab", "sahb", "inha_mission", "mission_ends", "noncombat_role", "reduce_troops", "redeploy",
                 "taslim", "deal", "extend_stay", "disengage", "return_troops", "ijla", "ikhla"}


def strong_forces(c: dict) -> bool:
    """A forces word other than ارهابي/جهادي alone."""
    return any(not WEAK_FORCES.fullmatch(m.group(0)) for m in FORCES_RE.finditer(norm(c["sentence"])))


def sample(total: int = SAMPLE_TOTAL) -> list[dict]:
    """Deterministic selection of the sentences to label.

    A = every seed candidate, and every candidate with a withdrawal-family word and a forces word
        (other than ارهابي/جهادي alone; for JawharaFM only in the topics internationalNews/politic),
        in sha1 order;
    B = all other candidates (incl. "قواعد" sentences): 60 % drawn round-robin over the "news"
        strata (a CORE_FAMILIES word in ANT topics middleEast/internationalNews/politic or in
        NewsFANE), 40 % over the other strata; a stratum is (group, corpus, family, first
        other-sense hint), each stratum in sha1 order.
    At most PER_DOC_CAP sentences per article (A first), until `total` sentences.
    """
    cands = list(iter_candidates(sample_only=True))
    per_doc: Counter = Counter()
    chosen: list[dict] = []

    def take(c: dict) -> bool:
        key = (c["corpus"], c["doc_id"])
        if c["corpus"] != "seeds" and per_doc[key] >= PER_DOC_CAP:
            return False
        per_doc[key] += 1
        chosen.append(c)
        return True

    def in_a(c: dict) -> bool:
        if c["corpus"] == "seeds":
            return True
        if c["corpus"] == "ant_v1" and c["topic"] not in NEWS_TOPICS:
            return False  # JawharaFM local/sport/society news: forces words are mostly police/terrorism
        return c["families"] != ["qawaid"] and c["forces"] and strong_forces(c)

    for c in sorted((c for c in cands if in_a(c)), key=lambda c: h("a", c["id"])):
        take(c)

    def stratum(c: dict) -> tuple:
        fams = [f for f in c["families"] if f in CORE_FAMILIES]
        news = (c["corpus"] == "newsfane" or c["topic"] in NEWS_TOPICS) and bool(fams)
        fam = fams[0] if news else c["families"][0]
        hint = "any" if fam == "qawaid" else (c["other_hints"] or ["none"])[0]
        return ("news" if news else "other", c["corpus"], fam, hint)

    strata: dict[tuple, list[dict]] = defaultdict(list)
    for c in cands:
        if not in_a(c):
            strata[stratum(c)].append(c)
    n_b = max(0, total - len(chosen))
    quotas = {"news": round(n_b * B_NEWS_SHARE), "other": n_b - round(n_b * B_NEWS_SHARE)}
    for group, quota in quotas.items():
        keys = sorted((k for k in strata if k[0] == group), key=lambda k: h("stratum", *k))
        queues = [sorted(strata[k], key=lambda c: h("b", c["id"])) for k in keys]
        got = 0
        # make sure some "قواعد" (rules / bases) sentences are in: 3 from each such stratum first
        for k, q in zip(keys, queues, strict=True):
            n = 0
            while k[2] == "qawaid" and q and n < QAWAID_FIRST and got < quota:
                if take(q.pop(0)):
                    got += 1
                    n += 1
        while got < quota and any(queues):
            for q in queues:
                while q:
                    if take(q.pop(0)):
                        got += 1
                        break
                if got >= quota:
                    break
    chosen.sort(key=lambda c: (c["corpus"], c["doc_id"], _sid(c)))
    return chosen


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["stats", "sample", "pool"])
    ap.add_argument("--out", type=Path, help="JSONL output (default: stdout)")
    args = ap.parse_args(argv)
    if args.mode == "stats":
        cands = list(iter_candidates())
        fam = Counter((c["corpus"], f) for c in cands for f in c["families"])
        for k in sorted(fam):
            print(*k, fam[k], sep="\t")
        print("candidates", len(cands), "with forces word", sum(c["forces"] for c in cands))
        print("pool (ant_v2, withdrawal word + forces word)", len(pool()))
        return 0
    rows = sample() if args.mode == "sample" else pool()
    fh = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout
    for r in rows:
        if args.mode == "pool":
            r = dict(r, split="pool")  # sample rows get build/heldout from assign_splits() after labelling
        fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    if args.out:
        fh.close()
    print(f"{args.mode}: {len(rows)} sentences", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
