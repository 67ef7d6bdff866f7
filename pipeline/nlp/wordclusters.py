"""Distributional word classes for the NER CRF: Brown-style bit-string paths learned from unlabelled news.

Words that occur in the same contexts ("في ___ ,", "___ المتحده") get paths sharing a long prefix, so a
name the labelled corpus never saw still shares CRF features with names it did see. Training is
deterministic (fixed seeds, one thread, sorted output): same corpus, same bytes. How it works:

1. count left- and right-neighbour words (±1) and a ±2 window for the most frequent words;
2. positive PMI (context distribution smoothed), truncated SVD to dense vectors, L2-normalised;
3. k-means into ``n_leaves`` classes, then Ward agglomeration of the class centroids into a binary tree:
   a word's path is its class's root-to-leaf bits, like a Brown cluster path.

``python bench/train_ner.py`` writes the table (``pipeline/data/ner/word_clusters.tsv``) from ANT corpus v1
(Apache-2.0) and the build part of the ANERcorp train file (CC BY-SA 4.0; never its dev block), words keyed
by ``ner_features.cluster_key``, and trains the CRF with it (see ``pipeline/data/ner/NOTICE.md``); the
features read it once per process. Without the table the CRF has no cluster features.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from pipeline.nlp.entities import DATA_DIR

CLUSTERS_PATH = DATA_DIR / "word_clusters.tsv"
PREFIXES = (5, 8, 11, 14)


def _cooccurrence(sentences: Iterable[Sequence[str]], vocab: dict[str, int], contexts: dict[str, int]):  # noqa: ANN202
    """Sparse counts (vocab x 4 * contexts): left word, right word, second-left, second-right.

    Vectorised: all sentences in one id array, two ``-1`` pads between sentences so no window crosses one.
    Counts are whole numbers, so the summation order cannot change a byte of the result.
    """
    from scipy import sparse

    n_ctx = len(contexts)
    ctx_of_vocab = np.full(len(vocab) + 1, -1, dtype=np.int64)  # vocab id -> context id (last slot: unknown)
    for w, cid in contexts.items():
        ctx_of_vocab[vocab[w]] = cid
    chunks: list[np.ndarray] = [np.full(2, -1, dtype=np.int64)]
    pad = chunks[0]
    for sent in sentences:
        chunks.append(np.fromiter((vocab.get(w, -1) for w in sent), dtype=np.int64, count=len(sent)))
        chunks.append(pad)
    ids = np.concatenate(chunks)
    cids = ctx_of_vocab[ids]  # -1 ids index the last slot: -1
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    for block, off in enumerate((-1, 1, -2, 2)):
        w = ids[2:-2]
        c = cids[2 + off:len(cids) - 2 + off]
        keep = (w >= 0) & (c >= 0)
        rows.append(w[keep])
        cols.append(block * n_ctx + c[keep])
    row = np.concatenate(rows)
    data = np.ones(len(row), dtype=np.float64)
    mat = sparse.coo_matrix((data, (row, np.concatenate(cols))), shape=(len(vocab), 4 * n_ctx)).tocsr()
    mat.sum_duplicates()
    return mat


def _ppmi(mat):  # noqa: ANN001, ANN202
    """Positive PMI of a sparse count matrix, context counts raised to 0.75 (Levy et al. 2015)."""
    from scipy import sparse

    total = mat.sum()
    row = np.asarray(mat.sum(axis=1)).ravel()
    col = np.asarray(mat.sum(axis=0)).ravel() ** 0.75
    col_p = col / col.sum()
    coo = mat.tocoo()
    pmi = np.log((coo.data / total) / ((row[coo.row] / total) * col_p[coo.col]))
    keep = pmi > 0
    return sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=mat.shape)


def _tree_paths(centroids: np.ndarray) -> list[str]:
    """Root-to-leaf bit strings of a Ward tree over the centroids (one per centroid)."""
    from scipy.cluster.hierarchy import linkage

    n = len(centroids)
    links = linkage(centroids, method="ward")
    children = {n + k: (int(a), int(b)) for k, (a, b, _d, _c) in enumerate(links)}
    paths = [""] * n
    stack = [(2 * n - 2, "")]
    while stack:
        node, path = stack.pop()
        if node < n:
            paths[node] = path or "0"
            continue
        left, right = children[node]
        stack.append((left, path + "0"))
        stack.append((right, path + "1"))
    return paths


def train_clusters(
    sentences: Sequence[Sequence[str]],
    *,
    max_vocab: int = 50_000,
    min_count: int = 3,
    n_contexts: int = 5_000,
    dims: int = 100,
    n_leaves: int = 512,
    seed: int = 0,
) -> dict[str, str]:
    """Word -> bit-string path for the ``max_vocab`` most frequent words (``min_count`` or more)."""
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from threadpoolctl import threadpool_limits

    counts = Counter(w for sent in sentences for w in sent)
    ranked = sorted((c, w) for w, c in counts.items() if c >= min_count)
    ranked = sorted(ranked, key=lambda cw: (-cw[0], cw[1]))[:max_vocab]  # ties by word: deterministic
    vocab = {w: i for i, (_, w) in enumerate(ranked)}
    contexts = {w: i for i, (_, w) in enumerate(ranked[:n_contexts])}
    with threadpool_limits(limits=1):  # one thread: float sums in one order, same bytes on every machine run
        ppmi = _ppmi(_cooccurrence(sentences, vocab, contexts))
        svd = TruncatedSVD(n_components=dims, algorithm="randomized", n_iter=7, random_state=seed)
        vecs = svd.fit_transform(ppmi)
        vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
        leaves = min(n_leaves, len(vocab))
        km = KMeans(n_clusters=leaves, n_init=1, max_iter=100, random_state=seed, algorithm="lloyd")
        labels = km.fit_predict(vecs)
        paths = _tree_paths(km.cluster_centers_)
    return {w: paths[int(labels[i])] for w, i in vocab.items()}


def write_clusters(clusters: dict[str, str], path: Path) -> None:
    """``word<TAB>path`` lines sorted by word: byte-for-byte reproducible."""
    path.write_text("".join(f"{w}\t{clusters[w]}\n" for w in sorted(clusters)), encoding="utf-8")


@lru_cache(maxsize=2)
def load_clusters(path: Path = CLUSTERS_PATH) -> dict[str, str]:
    """The shipped word -> path table, read once per process (empty when the file is absent)."""
    if not path.exists():
        return {}
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, bits = line.partition("\t")
        if bits:
            out[word] = bits
    return out


def cluster_features(*forms: str) -> tuple[str, ...]:
    """Path prefixes (``c5=…`` … ``c14=…``) and full path (``cf=…``) of the first of ``forms`` in the table.

    ``c=NONE`` when no form is known: unknown words are a class of their own. No features at all when no
    table is there (a model trained without clusters).
    """
    table = load_clusters()
    if not table:
        return ()
    for form in forms:
        bits = table.get(form)
        if bits is not None:
            return (*(f"c{k}={bits[:k]}" for k in PREFIXES if len(bits) > k), "cf=" + bits)
    return ("c=NONE",)
