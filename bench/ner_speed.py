"""NER decoder speed on real, varied news text (not replicated seeds): tokens per CPU second on one core.

    python bench/ner_speed.py --articles 1000

Tags the first N articles of ANT corpus v1 (../shared/data/topics/ant_v1_jawharafm.jsonl) with the
shipped model, twice: a cold pass (empty per-word caches, every word's features built and summed) and a
warm pass (the steady state of a long-running worker). Counts ``FastCrf`` tagging alone (``tag``) and the
whole ``extract_entities`` (tokenise, both passes, post-process, propagate, canonicalise, link); the stacked
second pass's decoder alone (``second_pass_decoder``: per article, its ``dt=`` features built beforehand from
the first pass). Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from pipeline.nlp import ner, ner_features
from pipeline.nlp.crf import load_fast_crf
from pipeline.nlp.ner import extract_entities
from pipeline.text.tokenize import tokenized_sentences

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "topics" / "ant_v1_jawharafm.jsonl"


def _articles(n: int) -> list[str]:
    out: list[str] = []
    with CORPUS.open(encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line).get("text") or ""
            if text.strip():
                out.append(text)
            if len(out) >= n:
                break
    return out


def _cold() -> None:
    """Forget every per-word cache so the next pass pays for feature building again."""
    load_fast_crf.cache_clear()
    ner._load_second_pass.cache_clear()
    ner_features._token_features.cache_clear()
    ner_features._context_features.cache_clear()
    ner_features._norm_and_stem.cache_clear()


def _second_pass_speed(texts: list[str], result: dict[str, object]) -> None:
    """Tokens per CPU second of the second pass's decoder (one batch per article, as ``tag_article``)."""
    articles = [[s for s in ([t for t, _, _ in toks] for _, _, toks in tokenized_sentences(text)) if s]
                for text in texts]
    articles = [a for a in articles if a]
    extras = [ner.story_tag_features(a, ner.tag_sentences(a)) for a in articles]
    n_tok = sum(len(s) for a in articles for s in a)
    for phase in ("cold", "warm"):
        if phase == "cold":
            _cold()
        second = ner._load_second_pass(ner.MODEL_PATH)
        if second is None:
            return
        t0 = time.process_time()
        for article, extra in zip(articles, extras, strict=True):
            second.tag(article, extra)
        result[f"second_pass_decoder_tokens_per_cpu_second_{phase}"] = round(n_tok / (time.process_time() - t0))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--two-pass", action="store_true", help="extract_entities with the stacked second pass too")
    args = parser.parse_args()
    texts = _articles(args.articles)
    sents = [[t for t, _, _ in toks] for text in texts for _, _, toks in tokenized_sentences(text)]
    sents = [s for s in sents if s]
    n_tok = sum(len(s) for s in sents)
    result: dict[str, object] = {"articles": len(texts), "tokens": n_tok}
    for phase in ("cold", "warm"):
        if phase == "cold":
            _cold()
        crf = load_fast_crf()
        t0 = time.process_time()
        for start in range(0, len(sents), 64):
            crf.tag(sents[start:start + 64])
        result[f"decoder_tokens_per_cpu_second_{phase}"] = round(n_tok / (time.process_time() - t0))
    _second_pass_speed(texts, result)
    two_pass = args.two_pass
    for phase in ("cold", "warm"):
        if phase == "cold":
            _cold()
        t0 = time.process_time()
        for text in texts:
            extract_entities(text, two_pass=two_pass)
        cpu = time.process_time() - t0
        result[f"extract_entities_tokens_per_cpu_second_{phase}"] = round(n_tok / cpu)
        result[f"extract_entities_articles_per_cpu_second_{phase}"] = round(len(texts) / cpu, 1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
