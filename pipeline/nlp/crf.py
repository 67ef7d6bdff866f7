"""Fast tagging with the NER CRF: the crfsuite model read exactly, decoded with a batched numpy Viterbi."""

from __future__ import annotations

import struct
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path

import numpy as np

from pipeline.nlp.entities import DATA_DIR
from pipeline.nlp.ner_features import (
    _OFFSETS,
    _gaz_span_hits,
    _norm_and_stem,
    _token_features,
)

MODEL_PATH = DATA_DIR / "anercorp_crf.model"


def stacked_path_for(model_path: str | Path) -> Path:
    """Where the second pass of the two-pass (stacked) tagger lives: beside its first-pass model."""
    path = Path(model_path)
    return path.with_name(f"{path.stem}_stacked{path.suffix}")


STACKED_MODEL_PATH = stacked_path_for(MODEL_PATH)
_MAX_CACHED_WORDS = 100_000  # x 5 x 9 float64: at most ~36 MB of cached word scores
_MAX_POSITION_SETS = 4096  # distinct lists of position features seen (a few dozen occur)

_OFFSET_COLUMN = np.array(_OFFSETS)[:, None]  # (offsets, 1): window offsets -2, -1, +1, +2
_CONTEXT_SLOTS = np.arange(1, len(_OFFSETS) + 1)[:, None]  # their slots in a word's cached (5, L) sums
Extra = Sequence[Sequence[Sequence[str]]]  # per sentence, per token: attribute strings beyond sentence_features
Pairs = Sequence[Sequence[tuple[str, str]]]  # per sentence, per token: ``_norm_and_stem`` (the caller's, to share)

# ------------------------------------------------------------------------------------ fast CRF decoding
#
# Tagging with pycrfsuite means building ~50 feature strings per token and letting crfsuite look each
# one up in its attribute database, for every token of every article. But almost every feature of a
# token depends on the word alone (``_token_features``), so the *sum of its weights* per label can be
# cached per word; only bigrams, gazetteer spans and sentence edges depend on the position. The same
# model weights (read exactly from the crfsuite file) and the same Viterbi recursion (first maximum wins
# ties, as in crfsuite) give the same tags, without the per-token string work.


@dataclass(frozen=True)
class CrfWeights:
    """A linear-chain CRF read from a crfsuite model file: labels, state weights per attribute, transitions."""

    labels: tuple[str, ...]
    state: dict[str, np.ndarray]  # attribute -> weight per label (float64, shape (L,))
    trans: np.ndarray  # (L, L): from label -> to label


def _cqdb_strings(data: bytes, offset: int) -> list[str]:
    """Id -> string table of a crfsuite CQDB chunk (labels or attributes), from its backward array."""
    magic, _size, _flag, _order, bwd_size, bwd_offset = struct.unpack_from("<4sIIIII", data, offset)
    if magic != b"CQDB":
        raise ValueError("not a crfsuite model: bad CQDB chunk")
    out: list[str] = []
    for rec in struct.unpack_from(f"<{bwd_size}I", data, offset + bwd_offset):
        _id, ksize = struct.unpack_from("<iI", data, offset + rec)
        start = offset + rec + 8
        out.append(data[start:start + ksize - 1].decode("utf-8"))
    return out


def read_crf_model(path: str | Path) -> CrfWeights:
    """Parse a crfsuite CRF1d model file (format of crf1dm.c) with full float64 weights.

    ``Tagger.info()`` would give the same tables, but its text dump rounds weights to 6 decimals.
    """
    data = Path(path).read_bytes()
    header = struct.unpack_from("<4sI4s9I", data, 0)
    if header[0] != b"lCRF" or header[2] != b"FOMC":
        raise ValueError(f"{path}: not a crfsuite CRF1d model")
    off_features, off_labels, off_attrs = header[7], header[8], header[9]
    labels = _cqdb_strings(data, off_labels)
    attrs = _cqdb_strings(data, off_attrs)
    magic, _size, num = struct.unpack_from("<4sII", data, off_features)
    if magic != b"FEAT":
        raise ValueError(f"{path}: bad feature chunk")
    feats = np.frombuffer(data, dtype=np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("w", "<f8")]),
                          count=num, offset=off_features + 12)
    n_labels = len(labels)
    trans = np.zeros((n_labels, n_labels))
    state: dict[str, np.ndarray] = {}
    for typ, src, dst, w in feats.tolist():
        if typ == 0:
            vec = state.get(attrs[src])
            if vec is None:
                vec = state[attrs[src]] = np.zeros(n_labels)
            vec[dst] += w
        elif typ == 1:
            trans[src, dst] += w
    return CrfWeights(labels=tuple(labels), state=state, trans=trans)


class FastCrf:
    """Viterbi tagging with the features of ``sentence_features`` scored from per-word cached sums."""

    def __init__(self, weights: CrfWeights) -> None:
        self.weights = weights
        self.labels = weights.labels
        self._zero = np.zeros(len(weights.labels))
        self._bias = self._vec("bias")
        self._bos, self._eos = self._vec("BOS"), self._vec("EOS")
        self._pad = np.stack([self._vec(f"{off}:PAD") for off in _OFFSETS])
        # The state weights as one matrix (row 0 all zeros) so that a batch of new words is scored by one
        # gather and one sum; a context feature maps to its row at each window offset (0 where absent).
        self._attr_rows = {attr: row for row, attr in enumerate(weights.state, start=1)}
        self._matrix = np.vstack([self._zero, *weights.state.values()]) if weights.state else self._zero[None]
        self._context_rows: dict[str, list[int]] = {}
        offsets = {str(off): k for k, off in enumerate(_OFFSETS)}
        for attr, row in self._attr_rows.items():
            head, sep, rest = attr.partition(":")
            if sep and head in offsets:
                self._context_rows.setdefault(rest, [0] * len(_OFFSETS))[offsets[head]] = row
        # Word -> row of a growing (words, 5, L) table of cached sums; reset when full to bound memory.
        self._ids: dict[str, int] = {}
        self._table = np.zeros((1024, 5, len(self.labels)))
        self._position_sums: dict[tuple[str, ...], np.ndarray] = {}
        self._lock = threading.Lock()  # the worker enriches in an executor thread: keep id and row in step
        # Bigram features keyed by the token pair. An attribute "bg+=X|Y" is entered under every split
        # at a "|" so that a norm containing "|" still finds it: same matches as the joined string.
        self._bigrams: dict[tuple[str, str], tuple[np.ndarray | None, np.ndarray | None]] = {}
        for attr, vec in weights.state.items():
            if attr.startswith(("bg+=", "bg-=")):
                body = attr[4:]
                for cut in (i for i, ch in enumerate(body) if ch == "|"):
                    pair = (body[:cut], body[cut + 1:])
                    plus, minus = self._bigrams.get(pair, (None, None))
                    self._bigrams[pair] = (vec, minus) if attr[2] == "+" else (plus, vec)

    def _position_scores(self, features: list[str]) -> np.ndarray:
        """(5, L): the sums of a token's position features (gazetteer spans, institution chains) at the token,
        then seen from offsets -2, -1, +1, +2. Cached by the feature list: a handful of lists recur."""
        key = tuple(features)
        sums = self._position_sums.get(key)
        if sums is None:
            if len(self._position_sums) >= _MAX_POSITION_SETS:
                self._position_sums = {}  # replaced, not cleared: a thread reading the old one sees it whole
            sums = self._position_sums[key] = np.stack(
                [self._sum(features), *(self._sum(f"{off}:{f}" for f in features) for off in _OFFSETS)])
        return sums

    def _vec(self, feature: str) -> np.ndarray:
        return self.weights.state.get(feature, self._zero)

    def _sum(self, features: Iterable[str]) -> np.ndarray:
        state = self.weights.state
        out = self._zero.copy()
        for f in features:
            vec = state.get(f)
            if vec is not None:
                out += vec
        return out

    def _word_rows(self, words: Sequence[str]) -> np.ndarray:
        """Rows of the word table for ``words``, computing (and storing) the ones not seen before."""
        with self._lock:
            rows = self._word_ids_locked(words)  # first: it may grow (replace) the table
            return self._table[rows]

    def _own_and_context(self, words: Sequence[str], neighbour: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(n, L) each word's own sums and (offsets, n, L) the context sums each offset's slot holds for the word
        at ``neighbour``: read from the table directly (no copy of every word's (5, L) rows first)."""
        with self._lock:
            rows = self._word_ids_locked(words)  # first: it may grow (replace) the table
            return self._table[rows, 0], self._table[rows[neighbour], _CONTEXT_SLOTS]

    def _word_ids_locked(self, words: Sequence[str]) -> np.ndarray:
        """The words' rows of the table (computed and stored for the words not seen before)."""
        ids = self._ids
        if len(ids) + len(words) > _MAX_CACHED_WORDS:
            ids.clear()
        rows = [ids.get(w) for w in words]
        if None in rows:
            new = list(dict.fromkeys(w for w, row in zip(words, rows, strict=True) if row is None))
            first = len(ids)
            size = len(self._table)
            while size < first + len(new):
                size *= 2
            if size > len(self._table):
                grown = np.zeros((size, *self._table.shape[1:]))
                grown[:len(self._table)] = self._table
                self._table = grown
            self._table[first:first + len(new)] = self._word_scores(new)
            ids.update(zip(new, range(first, first + len(new)), strict=True))
            rows = [ids[w] for w in words]
        return np.array(rows, dtype=np.intp)

    def _word_scores(self, words: Sequence[str]) -> np.ndarray:
        """(words, 5, L): each word's own features, then its context features seen from offsets -2, -1, +1, +2.

        One gather of weight rows, padded with the zero row, summed along the feature axis: numpy adds the rows
        of a middle axis one after another, in feature order, so each sum is exactly ``_sum`` of the features.
        """
        attr_row, context_row = self._attr_rows.get, self._context_rows.get  # rows start at 1: None/0 = absent
        no_context = [[0] for _ in _OFFSETS]
        groups: list[list[int]] = []
        for word in words:
            own, ctx = _token_features(word)
            groups.append([0, *filter(None, map(attr_row, own))])
            hits = [*filter(None, map(context_row, ctx))]
            groups.extend([[0, *filter(None, rows)] for rows in zip(*hits, strict=True)] if hits else no_context)
        lens = np.fromiter(map(len, groups), dtype=np.intp, count=len(groups))
        index = np.zeros((len(groups), int(lens.max())), dtype=np.intp)
        index[np.arange(index.shape[1]) < lens[:, None]] = list(chain.from_iterable(groups))
        return self._matrix[index].sum(axis=1).reshape(len(words), len(_OFFSETS) + 1, len(self.labels))

    def emissions(self, sentences: Sequence[Sequence[str]], extra: Extra | None = None,
                  pairs: Pairs | None = None) -> np.ndarray:
        """State scores (tokens of all sentences, L): exactly the weights of ``sentence_features``' features.

        Sentences must be non-empty. Word-level sums come from the cache; context features are shifted
        rows of the same matrix, masked at sentence edges (where the ``PAD`` features apply instead).
        ``extra`` (per sentence, per token: attribute strings, e.g. the stacked pass's ``dt=B-PERS``) adds
        its weights to that token only, after the cached sums: it depends on the story, not on the word.
        ``pairs``: each token's ``_norm_and_stem``, when the caller has them (made here otherwise).
        """
        words = [t for toks in sentences for t in toks]
        lens = np.fromiter((len(toks) for toks in sentences), dtype=np.intp, count=len(sentences))
        starts = np.cumsum(lens) - lens
        n = len(words)
        # Each offset's neighbour in one gather: (offsets, n, L), the PAD weights where it is outside the
        # sentence; added offset by offset, in the order of the features (the same float sums).
        at = (np.arange(n) - np.repeat(starts, lens)) + _OFFSET_COLUMN  # the neighbour's position in its sentence
        inside = (at >= 0) & (at < np.repeat(lens, lens))
        own, context = self._own_and_context(words, np.where(inside, np.arange(n) + _OFFSET_COLUMN, 0))
        e = own + self._bias
        e[starts] += self._bos
        e[starts + lens - 1] += self._eos
        seen = np.where(inside[..., None], context, self._pad[:, None])
        for k in range(len(_OFFSETS)):
            e += seen[k]
        bigrams = self._bigrams
        i0 = 0
        if pairs is None:
            pairs = [[_norm_and_stem(t) for t in toks] for toks in sentences]
        for toks, sentence_pairs in zip(sentences, pairs, strict=True):
            norms = [p[0] for p in sentence_pairs]
            for i, hit in enumerate([bigrams.get(pair) for pair in zip(norms, norms[1:], strict=False)]):
                if hit is not None:
                    if hit[0] is not None:
                        e[i0 + i] += hit[0]
                    if hit[1] is not None:
                        e[i0 + i + 1] += hit[1]
            no_conj = [p[1] for p in sentence_pairs]
            m = len(toks)
            for j, fs in _gaz_span_hits(norms, no_conj).items():
                sums = self._position_scores(fs)
                e[i0 + j] += sums[0]
                for k, off in enumerate(_OFFSETS, start=1):
                    if 0 <= j - off < m:
                        e[i0 + j - off] += sums[k]
            i0 += len(toks)
        if extra is not None:
            self._add_extra(e, extra, lens)
        return e

    def _add_extra(self, e: np.ndarray, extra: Extra, lens: np.ndarray) -> None:
        """Add each token's extra attributes' weights to its row of ``e`` (in place); unknown ones weigh 0."""
        if [len(x) for x in extra] != lens.tolist():
            raise ValueError("extra features: one list per token of each sentence")
        state = self.weights.state
        i = 0
        for per_token in extra:
            for attrs in per_token:
                for attr in attrs:
                    vec = state.get(attr)
                    if vec is not None:
                        e[i] += vec
                i += 1

    def tag(self, sentences: Sequence[Sequence[str]], extra: Extra | None = None,
            pairs: Pairs | None = None) -> list[list[str]]:
        """Best label sequence per sentence; all sentences decoded together (one Viterbi, padded).

        ``extra``: per-token attributes beyond ``sentence_features`` (see ``emissions``), one list per sentence;
        ``pairs``: the tokens' ``_norm_and_stem``, one list per sentence, when the caller has them.
        """
        if extra is not None and len(extra) != len(sentences):
            raise ValueError("extra features: one list per sentence")
        sents = [s for s in sentences if s]
        if not sents:
            return [[] for _ in sentences]
        e = self.emissions(sents, None if extra is None else [x for s, x in zip(sentences, extra, strict=True) if s],
                           None if pairs is None else [x for s, x in zip(sentences, pairs, strict=True) if s])
        lens = np.array([len(s) for s in sents])
        # Longest first, so the sentences still running at step t are always a prefix.
        order = np.argsort(-lens, kind="stable")
        lens_sorted = lens[order]
        n_sent, n_max, n_lab = len(sents), int(lens_sorted[0]), len(self.labels)
        # Time-major arrays: what step t reads and writes (its first k sentences) is one contiguous block.
        em = np.zeros((n_max, n_sent, n_lab))
        starts = np.cumsum(lens) - lens
        rank = np.empty(n_sent, dtype=np.intp)
        rank[order] = np.arange(n_sent)
        em[np.arange(len(e)) - np.repeat(starts, lens), np.repeat(rank, lens)] = e
        active = np.searchsorted(-lens_sorted, -np.arange(n_max), side="left").tolist()  # sentences with len > t
        trans_t = np.ascontiguousarray(self.weights.trans.T)  # (to, from): the maximum runs along a row
        score = em[0].copy()
        # back[t]: each (sentence, to) row's best "from" at step t, flat; a sentence past its end keeps the identity
        back = np.empty((n_max, n_sent * n_lab), dtype=np.intp)
        back[:] = np.tile(np.arange(n_lab), n_sent)
        row = (np.arange(n_sent)[:, None] * n_lab + np.arange(n_lab)[None, :]) * n_lab  # (sentence, to) row starts
        cand_buf = np.empty((n_sent, n_lab, n_lab))
        for t in range(1, n_max):
            k = active[t]
            cand = np.add(score[:k, None, :], trans_t, out=cand_buf[:k])  # (k, to, from), the sums of (k, from, to)
            best = cand.argmax(axis=2, out=back[t, : k * n_lab].reshape(k, n_lab))  # first maximum wins, as crfsuite
            np.add(cand.ravel().take(row[:k] + best), em[t, :k], out=score[:k])  # the maximum, read at its index
        path = np.empty((n_max, n_sent), dtype=np.intp)
        last = score.argmax(axis=1)
        flat = np.arange(n_sent) * n_lab
        for t in range(n_max - 1, 0, -1):
            path[t] = last
            last = back[t].take(flat + last)
        path[0] = last
        by_rank = path.T.tolist()
        labels = self.labels
        decoded = iter([[labels[k] for k in by_rank[r][:n]] for r, n in zip(rank.tolist(), lens.tolist(), strict=True)])
        return [next(decoded) if s else [] for s in sentences]


@lru_cache(maxsize=4)
def load_fast_crf(model_path: str | Path = MODEL_PATH) -> FastCrf:
    """Read the CRF model once per process (raises FileNotFoundError like ``load_tagger``)."""
    path = Path(model_path)
    if not path.exists():
        raise FileNotFoundError(f"NER model not found at {path}; run `raqib ner train`")
    return FastCrf(read_crf_model(path))
