"""Generated articles for soak tests: a steady, bounded stream of varied Arabic articles built from the seeds.

``generated_article(n, ...)`` is a pure function of the article number, so the site never stores the
stream: a page is rebuilt when it is asked for and only the feed window (the newest few) is rendered.
Content varies enough that duplicate detection does not merge everything: each article gets its own
generated lead (person, place, number, event drawn from pools) and a random selection of seed
paragraphs with their numbers changed. Every ``NEAR_DUPLICATE_EVERY``-th article is a genuine near
duplicate of the one before it (same body, a new closing sentence, another headline), so stories and
``duplicate_of`` are exercised too.
"""

from __future__ import annotations

import random
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from connectors.sample_site.seeds import Article, load_seed_articles

NEAR_DUPLICATE_EVERY = 10
PARAGRAPHS_FROM_SEEDS = 4
PATH_RE = re.compile(r"^/news/(\d{4})/(\d{2})/(\d{2})/g(\d+)-([a-z0-9]+)\.html$")

PEOPLE = ("يحيى رسول", "سعد معن", "ناظم الوائلي", "كريم الحسيني", "عبد الأمير الشمري", "حسن المالكي",
          "محمد العبيدي", "علي الجبوري", "عمر الدليمي", "صباح النعمان", "فلاح الراوي", "هادي العامري",
          "ليلى الزبيدي", "نور الهدى الكعبي", "أحمد الساعدي", "جاسم التميمي", "رائد العزاوي", "سلمى الربيعي")
ROLES = ("المتحدث باسم قيادة العمليات المشتركة", "وزير الخارجية", "محافظ", "عضو لجنة الأمن والدفاع النيابية",
         "مستشار رئيس الوزراء", "قائد الشرطة", "رئيس اللجنة المالية", "مدير الدفاع المدني", "نائب رئيس البرلمان")
PLACES = ("بغداد", "البصرة", "الموصل", "أربيل", "كركوك", "النجف", "كربلاء", "الأنبار", "ديالى", "صلاح الدين",
          "السليمانية", "واسط", "ميسان", "ذي قار", "بابل", "دهوك", "المثنى", "القادسية")
EVENTS = ("افتتاح مشروع لتأهيل الطرق", "انطلاق حملة لإعادة الإعمار", "توقيع اتفاق لتوريد الطاقة الكهربائية",
          "عقد مؤتمر للاستثمار", "إطلاق خطة أمنية جديدة", "تسليم دفعة من المساكن للنازحين",
          "بدء موسم الحصاد", "تخصيص موازنة للمستشفيات", "إنجاز جسر على نهر دجلة", "تنظيم معرض للكتاب",
          "إجراء مناورات عسكرية مشتركة", "تأهيل محطات تحلية المياه", "فتح منفذ حدودي للتجارة")
OBJECTS = ("مليار دينار", "ألف برميل يومياً", "كيلومتر", "مدرسة", "ميغاواط", "وحدة سكنية", "منتسب", "طن")
DAYS = ("السبت", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة")
CLOSINGS = ("وأكد أن العمل سيستمر حتى إنجاز المشروع بالكامل.", "ودعا المواطنين إلى التعاون مع الجهات المختصة.",
            "وأشار إلى أن اللجان المختصة ستتابع التنفيذ أسبوعياً.", "ولفت إلى أن التمويل مؤمن من موازنة العام الحالي.",
            "وبين أن المرحلة الثانية ستبدأ الشهر المقبل.")
DIGITS = re.compile(r"\d+")


@lru_cache(maxsize=1)
def seed_paragraphs() -> tuple[str, ...]:
    """Every body paragraph of the seeds long enough to carry content (the pool the generator draws from)."""
    return tuple(p for a in load_seed_articles() for p in a.paragraphs if len(p.split()) >= 12)


def _renumber(paragraph: str, rng: random.Random) -> str:
    """Replace the numbers of a seed paragraph so copies of it differ (dates, counts, years)."""
    return DIGITS.sub(lambda m: str(rng.randint(2, 9999)) if len(m.group()) > 1 else str(rng.randint(2, 9)),
                      paragraph)


def _lead(rng: random.Random, n: int) -> tuple[str, str]:
    """(headline, lead paragraph), unique per article through the drawn values and the article number."""
    person, role, place = rng.choice(PEOPLE), rng.choice(ROLES), rng.choice(PLACES)
    event, obj, day = rng.choice(EVENTS), rng.choice(OBJECTS), rng.choice(DAYS)
    amount = rng.randint(12, 98_000)
    headline = f"{place}: {event} بقيمة {amount} {obj} (تقرير رقم {n})"
    lead = (f"أعلن {person} {role} في {place} يوم {day} {event} بقيمة {amount} {obj}، "
            f"في خطوة قال إنها الأولى من نوعها منذ {rng.randint(2, 30)} عاماً، وذلك ضمن التقرير رقم {n}.")
    return headline, lead


def _slug(n: int) -> str:
    return format(n * 2654435761 % 2**32, "x")


def article_path(n: int, published: datetime) -> str:
    """URL path of generated article ``n`` (cheap: the bench lists thousands without building them)."""
    return f"/news/{published:%Y/%m/%d}/g{n}-{_slug(n)}.html"


def generated_article(n: int, *, seed: int, outlet: str, published: datetime) -> Article:
    """Article number ``n`` of the stream ``seed`` (deterministic: the same inputs give the same article)."""
    if n < 0:
        raise ValueError(f"article number must be >= 0, got {n}")
    base = n - 1 if n % NEAR_DUPLICATE_EVERY == NEAR_DUPLICATE_EVERY - 1 else n
    rng = random.Random(f"{seed}:{base}")
    headline, lead = _lead(rng, base)
    pool = seed_paragraphs()
    body = [_renumber(p, rng) for p in rng.sample(pool, PARAGRAPHS_FROM_SEEDS)]
    closing = rng.choice(CLOSINGS)
    paragraphs = [lead, *body, closing]
    if base != n:  # near duplicate of the previous article: one more sentence, another headline
        headline = f"محدث: {headline}"
        paragraphs.append(f"وفي تحديث لاحق أضاف المصدر أن التفاصيل الكاملة ستعلن يوم {DAYS[n % len(DAYS)]}.")
    return Article(path=article_path(n, published), title=headline, paragraphs=paragraphs, outlet=outlet,
                   published=published, author="قسم الأخبار", section="محليات")


def article_number(path: str) -> int | None:
    """The article number in a generated article's path, or None when ``path`` is not one."""
    match = PATH_RE.match(path)
    return int(match.group(4)) if match and match.group(5) == _slug(int(match.group(4))) else None


@dataclass
class ArticleStream:
    """A bounded stream publishing ``rate`` articles per second, up to ``total``, once ``start``-ed.

    Nothing is stored per article: what is published is a count derived from the clock, so memory
    stays flat however long the stream runs. ``stop`` freezes the count (no more publication).
    """

    rate: float
    total: int
    seed: int = 0
    outlet: str = "شبكة الأخبار المحلية"
    window: int = 50
    _started: float | None = None
    _origin: datetime | None = None
    _frozen: int | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        if self.rate <= 0 or self.total < 0 or self.window < 1:
            raise ValueError(f"need rate > 0, total >= 0, window >= 1 (got {self.rate}, {self.total}, "
                             f"{self.window})")
        self._article = lru_cache(maxsize=4 * self.window)(self._build)

    def start(self, now: float | None = None) -> ArticleStream:
        with self._lock:
            self._started = time.monotonic() if now is None else now
            self._origin = datetime.now(UTC).replace(microsecond=0)
            self._frozen = None
        return self

    def stop(self) -> int:
        """Stop publishing; returns how many articles were published."""
        with self._lock:
            self._frozen = self.published()
            return self._frozen

    def published(self, now: float | None = None) -> int:
        """How many articles are out by now (0 before ``start``)."""
        if self._frozen is not None:
            return self._frozen
        if self._started is None:
            return 0
        elapsed = (time.monotonic() if now is None else now) - self._started
        return min(self.total, int(elapsed * self.rate) + 1)

    @property
    def done(self) -> bool:
        return self.published() >= self.total

    def _when(self, n: int) -> datetime:
        assert self._origin is not None
        return self._origin + timedelta(seconds=n / self.rate)

    def _build(self, n: int) -> Article:
        return generated_article(n, seed=self.seed, outlet=self.outlet, published=self._when(n))

    def article(self, n: int) -> Article | None:
        """Article ``n`` if it is published, else None."""
        if self._origin is None or not 0 <= n < self.published():
            return None
        return self._article(n)

    def latest(self) -> list[Article]:
        """The feed window: the newest ``window`` published articles, newest first."""
        count = self.published()
        return [self._article(n) for n in range(count - 1, max(count - self.window, 0) - 1, -1)]

    def paths(self) -> Iterator[str]:
        """Paths of every published article (rebuilt, not stored)."""
        for n in range(self.published()):
            yield article_path(n, self._when(n))
