"""Near-duplicate detection and story grouping with MinHash + LSH band keys.

Signatures are plain ``list[int]`` so a Faust table can store them as JSON, and ``lsh_keys`` turns a
signature into deterministic band keys (``"b03:9f2c..."``) that the streaming layer can use as table
keys: two articles are candidates when they share a key, whatever partition or order they came in.

``StoryIndex`` is the pure in-memory reference of that design. Decisions are pairwise and symmetric
(shared band key, then a threshold on the estimated Jaccard), so the final grouping is a function of
the *set* of articles, not their order:

* duplicate groups (same content hash, or Jaccard >= ``dup_threshold`` on 5-word shingles):
  ``duplicate_of`` = the smallest (published_at, article_id) member other than the article itself;
* stories: connected components (union-find) of the "same event" relation, which is either a
  near-duplicate, or Jaccard >= ``story_threshold`` on the *word sets* of the lead, or a shared
  story key ("speaker|subject" from the statements, see ``story_keys``) between articles published
  within ``key_days`` of each other. ``story_id`` = smallest article id in the component.

Measured on the seeds: three outlets' reports of Tahseen al-Khafaji's statement on the end of the
coalition's combat presence share almost no wording (lead word-set Jaccard 0.01-0.12, 5-shingle
Jaccard 0.0, while an unrelated seed scores up to 0.14), so text similarity alone cannot group them;
the shared "speaker|subject" key does, and the text threshold only catches rewrites.

Limits: the value returned by ``add`` is the answer *at that moment*; a later article can bridge two
components (union-find merge), after which ``story_id()``/``duplicate_of()`` answer differently for
earlier articles (the streaming layer should re-emit or accept the drift). Components are transitive,
so a chain of loosely related articles can grow into one broad story; LSH is probabilistic, so a pair
near the threshold may be missed.

Memory is bounded: past ``max_articles`` the oldest-indexed articles are evicted (signatures and
bucket entries dropped, union-find compacted so the story ids of the articles kept do not change);
an evicted article can no longer be matched by a newer one, which is the point of a window.
"""

from __future__ import annotations

import hashlib
import operator
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from functools import lru_cache

import numpy as np
from datasketch import MinHash

from pipeline.models import Statement, content_hash
from pipeline.nlp.speaker_words import is_named
from pipeline.nlp.subjects import tokens

NUM_PERM = 128
SEED = 1
# 16 bands x 8 rows: a pair at Jaccard 0.8 shares a band with p ~ 0.9997, at 0.3 with p ~ 0.001.
DUP_BANDS, DUP_ROWS = 16, 8
# 64 bands x 2 rows on lead word sets: a pair at Jaccard 0.2 shares a band with p ~ 0.93.
STORY_BANDS, STORY_ROWS = 64, 2
LEAD_WORDS = 80
BUCKET_CAP = 64

_STOP = frozenset(
    "في من على الى إلى عن ان أن إن او أو و ثم كما التي الذي الذين هذا هذه ذلك تلك مع بين بعد قبل عند حتى "
    "كان كانت قد لا لم لن ما هو هي هم نحن انه أنه اليوم امس أمس خلال وفي وقال قال وأضاف واضاف".split()
)


_EMPTY_TEXT_KEY = f"h:{content_hash('')}"  # articles without words share it: no exact duplicates of each other


def _words(text: str) -> list[str]:
    return tokens(text)


def shingles(text: str, k: int = 5) -> set[str]:
    """Set of k-word shingles over folded words; short texts give one shingle of all their words."""
    return _shingles_of(_words(text), k)


def _shingles_of(words: list[str], k: int) -> set[str]:
    if not words:
        return set()
    if len(words) <= k:
        return {" ".join(words)}
    windows = zip(*(words[j:] for j in range(k)), strict=False)  # the k-word windows as tuples: no slice per word
    return set(map(" ".join, windows))


# MinHash, computed like datasketch's ``MinHash(num_perm, seed=SEED).update_batch`` (default "affine32"
# scheme: SHA-1 32-bit item hash, MurmurHash3 fmix32, then a*h+b mod 2**32 per permutation) so stored
# signatures stay valid, but with the permutations drawn once per process instead of once per call and
# the items hashed in one vectorised pass. ``tests/test_dedup.py`` checks equality with datasketch.
_U32_MAX = np.uint32(0xFFFFFFFF)


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    a, b = MinHash(num_perm=num_perm, seed=SEED).permutations
    return np.asarray(a, dtype=np.uint32), np.asarray(b, dtype=np.uint32)


def _fmix32(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


_SHA1_DIGEST = type(hashlib.sha1()).digest


def _minhash_of(items: Iterable[str], num_perm: int) -> list[int]:
    # Every item's whole SHA-1 digest (20 bytes) through C iterators, no Python loop; the first 4 bytes of each
    # (the item hash) are read below as every fifth 32-bit word.
    digests = b"".join(map(_SHA1_DIGEST, map(hashlib.sha1, map(str.encode, items))))
    if not digests:
        return [int(_U32_MAX)] * num_perm
    a, b = _permutations(num_perm)
    hv = _fmix32(np.frombuffer(digests, dtype="<u4")[::5].astype(np.uint32))
    permuted = hv[:, None] * a
    permuted += b  # in place: one (items, num_perm) array fewer per signature
    return permuted.min(axis=0).tolist()


def minhash(text: str, num_perm: int = NUM_PERM, k: int = 5) -> list[int]:
    """Compact MinHash signature (JSON-friendly list of ints) of the text's k-word shingles."""
    return _minhash_of(shingles(text, k), num_perm)


def lead_signature(text: str, num_perm: int = NUM_PERM, words: int = LEAD_WORDS) -> list[int]:
    """MinHash of the content-word *set* of the lead: reports of one event share words, not phrasing."""
    return _lead_signature_of(_words(text), num_perm, words)


def _lead_signature_of(all_words: list[str], num_perm: int, words: int = LEAD_WORDS) -> list[int]:
    lead = [w for w in all_words[:words] if w not in _STOP and len(w) > 2]
    return _minhash_of(set(lead), num_perm)


def similarity(sig_a: Sequence[int], sig_b: Sequence[int]) -> float:
    """Estimated Jaccard: share of equal positions of two signatures of the same length."""
    if not sig_a or len(sig_a) != len(sig_b):
        return 0.0
    if isinstance(sig_a, array) and isinstance(sig_b, array) and sig_a.typecode == sig_b.typecode == "Q":
        # the index's own signatures: one vectorised comparison (a loop over 128 values was most of a link)
        equal = np.frombuffer(sig_a, dtype=np.uint64) == np.frombuffer(sig_b, dtype=np.uint64)
        return int(np.count_nonzero(equal)) / len(sig_a)
    return sum(map(operator.eq, sig_a, sig_b)) / len(sig_a)


def similarities(sig: array, others: list[array]) -> list[float]:
    """``similarity(sig, o)`` for each of ``others`` (the index's own "Q" arrays), in one vectorised comparison:
    an add links with tens of candidates on a busy story, and one comparison per pair was most of its cost."""
    n = len(sig)
    if not n or sig.typecode != "Q" or any(len(o) != n or o.typecode != "Q" for o in others):
        return [similarity(sig, o) for o in others]
    rows = np.frombuffer(b"".join(others), dtype=np.uint64).reshape(len(others), n)
    equal = np.count_nonzero(rows == np.frombuffer(sig, dtype=np.uint64), axis=1)
    return [count / n for count in equal.tolist()]


def lsh_keys(
    signature: list[int], bands: int = DUP_BANDS, rows: int = DUP_ROWS, prefix: str = ""
) -> list[str]:
    """Deterministic band keys (``prefix`` + band index + hash of its rows) for partition routing."""
    if bands * rows > len(signature):
        raise ValueError(f"{bands} bands x {rows} rows need {bands * rows} values, got {len(signature)}")
    keys = []
    for b in range(bands):
        band = signature[b * rows : (b + 1) * rows]
        digest = hashlib.blake2b(",".join(map(str, band)).encode(), digest_size=8).hexdigest()
        keys.append(f"{prefix}b{b:02d}:{digest}")
    return keys


def story_keys(statements: Iterable[Statement]) -> list[str]:
    """ "speaker|subject" keys of flagged statements by a named speaker (generic titles would over-merge)."""
    return sorted(
        {
            f"{st.speaker.canonical}|{subj}"
            for st in statements
            if st.speaker and is_named(st.speaker)
            for subj in st.subjects
        }
    )


class StoryIndex:
    """In-memory duplicate and story index; see the module docstring for the order-independence rule."""

    def __init__(
        self,
        dup_threshold: float = 0.8,
        story_threshold: float = 0.3,
        key_days: float = 7.0,
        num_perm: int = NUM_PERM,
        max_articles: int | None = None,
    ) -> None:
        self.dup_threshold = dup_threshold
        self.story_threshold = story_threshold
        self.key_days = key_days
        self.num_perm = num_perm
        self.max_articles = max_articles
        # Signatures as machine-word arrays (1 KiB each instead of ~5 KiB of Python ints).
        self._sig: dict[str, array] = {}
        self._lead: dict[str, array] = {}
        self._keys: dict[str, list[str]] = {}
        self.recently_evicted: deque[str] = deque(maxlen=10_000)
        self.last_evicted: list[str] = []  # what the last add_record evicted (the stream deletes them from its table)
        self._order: dict[str, tuple[str, str]] = {}
        self._published: dict[str, datetime | None] = {}
        # Each bucket keeps its most recent BUCKET_CAP members: joining one member of a cluster is enough
        # (union-find is transitive), and a story reported thousands of times must not make adds O(n).
        self._buckets: dict[str, list[str]] = {}
        self._dup_parent: dict[str, str] = {}
        self._story_parent: dict[str, str] = {}

    @staticmethod
    def _find(parent: dict[str, str], x: str) -> str:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def _union(self, parent: dict[str, str], a: str, b: str, key: Callable[[str], object]) -> None:
        ra, rb = self._find(parent, a), self._find(parent, b)
        if ra != rb:
            lo, hi = sorted((ra, rb), key=key)
            parent[hi] = lo

    def _candidates(self, keys: list[str]) -> set[str]:
        out: set[str] = set()
        for k in keys:
            out.update(self._buckets.get(k, ()))
        return out

    @staticmethod
    def make_record(
        text: str, published_at: datetime | None = None, story_keys: Iterable[str] = (), num_perm: int = NUM_PERM
    ) -> dict:
        """The compact, JSON-safe record of an article (what a stream table stores instead of the text)."""
        words = _words(text)  # one folding/tokenising pass for the three parts
        return {
            "sig": _minhash_of(_shingles_of(words, 5), num_perm),
            "lead": _lead_signature_of(words, num_perm),
            "hash": content_hash(" ".join(words)),
            "published": published_at.isoformat() if published_at else None,
            "keys": sorted(set(story_keys)),
        }

    def add(
        self,
        article_id: str,
        text: str,
        published_at: datetime | None = None,
        story_keys: Iterable[str] = (),
    ) -> tuple[str | None, str]:
        """Index an article; return (duplicate_of, story_id) as known now."""
        if article_id in self._sig:
            return self.duplicate_of(article_id), self.story_id(article_id)
        return self.add_record(article_id, self.make_record(text, published_at, story_keys, self.num_perm))

    def add_record(self, article_id: str, record: dict) -> tuple[str | None, str]:
        """Index an article from its ``make_record`` record; return (duplicate_of, story_id) as known now."""
        if article_id in self._sig:
            return self.duplicate_of(article_id), self.story_id(article_id)
        sig, lead = array("Q", record["sig"]), array("Q", record["lead"])
        published_at = datetime.fromisoformat(record["published"]) if record.get("published") else None
        self._sig[article_id], self._lead[article_id] = sig, lead
        # Articles without a date sort after dated ones, then by id: a total, order-free ranking.
        self._order[article_id] = (published_at.isoformat() if published_at else "~", article_id)
        self._published[article_id] = published_at
        self._dup_parent[article_id] = article_id
        self._story_parent[article_id] = article_id
        keys = [f"h:{record['hash']}"]
        keys += lsh_keys(sig, DUP_BANDS, DUP_ROWS, prefix="d")
        keys += lsh_keys(lead, STORY_BANDS, STORY_ROWS, prefix="s")
        keys += [f"k:{k}" for k in record.get("keys", [])]
        story_bucket_keys = [k for k in keys if k.startswith("k:")]
        others = sorted(self._candidates(keys))
        # Both similarities of every candidate at once (pure functions of the signatures: the order of the links
        # below, which reads them, is unchanged).
        dup_sims = similarities(sig, [self._sig[o] for o in others]) if others else []
        lead_sims = similarities(lead, [self._lead[o] for o in others]) if others else []
        for other, dup_sim, lead_sim in zip(others, dup_sims, lead_sims, strict=True):
            # Already in the same duplicate group (hence the same story): linking again changes nothing,
            # and skipping keeps a large cluster of copies from making every add scan all of them.
            if self._find(self._dup_parent, other) == self._find(self._dup_parent, article_id):
                continue
            self._link(article_id, other, keys, story_bucket_keys, (dup_sim, lead_sim))
        for k in keys:
            bucket = self._buckets.setdefault(k, [])
            bucket.append(article_id)
            if len(bucket) > BUCKET_CAP:
                del bucket[0]
        self._keys[article_id] = keys
        answer = self.duplicate_of(article_id), self.story_id(article_id)
        self.last_evicted = []
        if self.max_articles is not None and len(self._sig) > self.max_articles:
            # Evict a tenth at once: compaction walks every kept article, so do it rarely.
            self.last_evicted = self.evict_oldest(len(self._sig) - int(self.max_articles * 0.9))
        return answer

    def evict_oldest(self, count: int) -> list[str]:
        """Drop the ``count`` earliest-indexed articles; story ids and duplicates of the rest are kept."""
        victims = list(self._sig)[:max(0, count)]
        if not victims:
            return []
        for parent in (self._dup_parent, self._story_parent):  # every kept article points at its root
            for article_id in self._sig:
                parent[article_id] = self._find(parent, article_id)
        for article_id in victims:
            for k in self._keys.pop(article_id, ()):
                bucket = self._buckets.get(k)
                if bucket is not None:
                    if article_id in bucket:
                        bucket.remove(article_id)
                    if not bucket:
                        del self._buckets[k]
            for table in (self._sig, self._lead, self._published):
                table.pop(article_id, None)
            self.recently_evicted.append(article_id)
        kept_roots: set[str] = set()
        for parent in (self._dup_parent, self._story_parent):
            roots = {parent[a] for a in self._sig}
            kept_roots |= roots
            for article_id in [a for a in parent if a not in self._sig and a not in roots]:
                del parent[article_id]
        for article_id in victims:  # an evicted root still ranks its group (duplicate_of)
            if article_id not in kept_roots:
                self._order.pop(article_id, None)
        return victims

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._sig

    def _link(self, a: str, b: str, keys: list[str], story_bucket_keys: list[str] | None = None,
              sims: tuple[float, float] | None = None) -> None:
        """Join ``a`` and ``b``'s duplicate groups and stories when they are the same; ``sims``: their signatures'
        and leads' similarities, when computed already."""
        dup_sim, lead_sim = sims if sims is not None else (None, None)
        exact = _EMPTY_TEXT_KEY != keys[0] and b in self._buckets.get(keys[0], ())
        near = exact or (similarity(self._sig[a], self._sig[b]) if dup_sim is None else dup_sim) >= self.dup_threshold
        if near:
            self._union(self._dup_parent, a, b, key=self._order.__getitem__)
        if self._find(self._story_parent, a) == self._find(self._story_parent, b):
            return  # one story already (through another member): its lead and keys would change nothing
        if near or self._shared_key(a, b, keys, story_bucket_keys) or \
                (similarity(self._lead[a], self._lead[b]) if lead_sim is None else lead_sim) >= self.story_threshold:
            self._union(self._story_parent, a, b, key=lambda x: x)

    def _shared_key(self, a: str, b: str, keys: list[str], story_bucket_keys: list[str] | None) -> bool:
        """``b`` has a story key of ``a`` and (when both are dated) was published within ``key_days`` of it."""
        if story_bucket_keys is None:
            story_bucket_keys = [k for k in keys if k.startswith("k:")]
        shared_key = any(b in self._buckets.get(k, ()) for k in story_bucket_keys)
        if shared_key:
            pa, pb = self._published[a], self._published[b]
            if pa is not None and pb is not None:
                try:
                    shared_key = abs((pa - pb).total_seconds()) <= self.key_days * 86400
                except TypeError:  # naive vs aware datetimes: do not guess, keep the key match
                    pass
        return shared_key

    def duplicate_of(self, article_id: str) -> str | None:
        """Earliest member of the article's duplicate group, or None when it is that member."""
        root = self._find(self._dup_parent, article_id)
        return None if root == article_id else root

    def story_id(self, article_id: str) -> str:
        """Smallest article id of the article's story component (independent of arrival order)."""
        return self._find(self._story_parent, article_id)

    def __len__(self) -> int:
        return len(self._sig)
