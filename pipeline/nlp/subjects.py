"""Watch subjects defined as data (``pipeline/data/subjects.yaml``) and matched on Arabic text as frames.

A subject is a list of *frames* (``rules``): a predicate group (the anchor: withdraw, leave, end a mission,
hand over bases, draw down ...) and argument groups (armed forces, a mission, bases ...) that must occur
within ``window`` tokens of the anchor, inside one sentence. A group holds

* ``lemmas``: matched through the Arabic stemmer (``pipeline.text.morphology``), so one lemma matches
  every person, tense, voice and clitic of the word (انسحب: سينسحب، ينسحبون، انسحبت، وبانسحابها);
* ``terms``: folded token prefixes after optional clitics (nouns and multi-word names: قوات، حفظ السلام);
* ``exact``: folded whole words after clitics (short function words such as لن).

Word-sense checks drop a frame whose anchor has another sense here: ``exclude.contexts`` anywhere within
``exclude.window`` tokens (sport, elections, banking ...), ``exclude.objects`` right next to the anchor
(withdrawing *from a treaty*, civilians leaving). Each hit carries a ``stance`` (announce, deny, postpone,
complete) read from cue groups before the anchor and from the anchor's own tense. Adding a subject is a
YAML edit, no code; the old form (a group as a plain list of terms) still works.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from pipeline.errors import ConfigurationError
from pipeline.nlp import frame_memo, frame_syntax, left_places, narrative_time, sense_checks, wordgroups
from pipeline.nlp.carried_forces import CarriedSpec, bound_leaver, parse_carried
from pipeline.nlp.frame_memo import Candidate, SentenceMemo, candidate_frames, hits_of, memo_hits_of, sentence_words
from pipeline.nlp.frame_syntax import coordinated_with, distance, own_object, with_conjunct_heads, with_relative_spans
from pipeline.nlp.narrative_time import Background, background_mention, parse_background
from pipeline.nlp.sense_checks import Forced, first_from, forced_out, parse_forced
from pipeline.nlp.stance import STANCES, judge_stance
from pipeline.nlp.wordgroups import Group, Matches, SentenceMatches, group_hits, merge_groups, parse_group
from pipeline.nlp.wordgroups import tokens as tokens  # re-exported: dedup and novelty shingle with it
from pipeline.nlp.wordgroups import words as words  # re-exported: the tests and the trainer read sentences with it
from pipeline.resources import shipped
from pipeline.text.morphology import nominal_forms, past_forms, word_keys

DEFAULT_PATH = shipped("pipeline", "data", "subjects.yaml")
SELF_CONTAINED = 8  # words: a longer quote is judged on its own words (see flag_statements)
SUSPECT_REACH = 4  # words from a word of suspicion to the fighters it accuses ("المشتبه في أنهم إرهابيون")

#: no mark right after "(", "[" or "." starts a run ("(...)" leaves words out of a quote; a line break always ends): the
#: look-behind follows the first mark, so the engine scans for the marks' set (in front it cost ~7 % of enrich)
SENTENCE_END = re.compile(r"[.!?؟؛\n](?<![(\[.][.!?؟؛])[.!?؟؛\n]*")


@dataclass(frozen=True)
class Rule:
    groups: tuple[Group, ...]
    window: int = 8
    after: tuple[bool, ...] = ()  # per group: must it follow the anchor (the place left follows the verb)
    state_leaves: tuple[int, int] | None = None  # (state, place) group indices: frame_syntax.state_leaves
    governed: tuple[tuple[int, Group], ...] = ()  # (group index, preposition group): matches right after a preposition
    excluding: tuple[tuple[int, Group], ...] = ()  # (group index, group): its matches that the other group matches too
    trusted: bool = False  # its words bind the force to the predicate: a hit whatever the scorer says


@dataclass(frozen=True)
class Stance:
    """Cue groups for each stance (looked for within ``window`` tokens before the anchor) and the past
    tense of the predicates (an anchor in the past tense reports a completed withdrawal)."""

    cues: dict[str, tuple[tuple[Group, int | None], ...]] = field(default_factory=dict)  # (group, its reach) each
    past: frozenset[str] = frozenset()
    window: int = 8
    negated_intent: Group = field(default_factory=Group)  # negated just before the anchor: deny
    future: Group = field(default_factory=Group)  # a time to come after the anchor: announce, whatever its tense
    fixed: Group = field(default_factory=Group)  # two-word expressions whose words are no cue (من أجل: for)
    governs: Group = field(default_factory=Group)  # right before the predicate: it is their verbal noun (قررت سحب)
    demand: Group = field(default_factory=Group)  # the predicate as their ب complement is to come (المطالبة بانسحاب)
    sequence: Group = field(default_factory=Group)  # right before the verbal noun: a done event (قبل انسحابها)
    to_come: Group = field(default_factory=Group)  # near it: a time to come or a duty, the sequence is not done yet
    result: Group = field(default_factory=Group)  # after ما before it: what a past event led to is done (ما دفع)
    call: Group = field(default_factory=Group)  # its complement with ل or إلى is to come (دعوته للانسحاب)
    conditional: Group = field(default_factory=Group)  # before a past verb: a condition, not a done event
    exceptive: Group = field(default_factory=Group)  # after a negation: "لن يتم إلا بانسحاب" is a condition
    dated: int | None = None  # a year this much older than the article near the anchor: a done event
    dated_window: int = 8  # words either side of the anchor read for that year
    deadline: Group = field(default_factory=Group)  # a date or timetable near a negated predicate: postpone
    clause: Group = field(default_factory=Group)  # opens another clause: a cue before it is not the predicate's


@dataclass(frozen=True)
class Scorer:
    """A logistic regression over a sentence's frame features (``frame_features``), trained by
    ``bench/train_withdrawal.py`` on training data only. It judges every sentence with a predicate and one
    of the ``arguments`` groups (a frame need not be complete: "27 مسلحا ... خرجوا من حرستا"); a sentence is a
    hit when its probability reaches ``threshold``, or ``floor`` when a frame fires. ``context``: tokens
    either side of a predicate whose stems are features (the word senses the groups do not name)."""

    weights: dict[str, float]
    bias: float
    threshold: float
    floor: float | None = None  # a sentence whose frames fire is a hit from this probability on
    arguments: tuple[str, ...] = ()
    predicates: tuple[str, ...] = ()  # the predicates that may stand without their frame (none listed: all)
    context: int = 0

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class Subject:
    id: str
    name_ar: str
    rules: tuple[Rule, ...]
    exclude: Group = field(default_factory=Group)
    exclude_window: int = 12
    objects: Group = field(default_factory=Group)
    objects_window: int = 4
    objects_unless: Group = field(default_factory=Group)  # near the anchor, these keep it despite an object
    objects_suspected: Group = field(default_factory=Group)  # "المشتبه في أنهم إرهابيون": an accusation, no force
    left_objects: Group = field(default_factory=Group)  # after the anchor's first من: left an organisation, a treaty
    armed_objects: Group = field(default_factory=Group)  # the anchor's own object or a conjunct of it: no veto
    armed_names: frozenset[str] = frozenset()  # the groups merged into ``armed_objects``
    years_before: int | None = None
    next_words: Group = field(default_factory=Group)  # right after the anchor: another sense (ينسحب على)
    next_adverbials: Group = field(default_factory=Group)  # right after it, no other sense: "على متن" (aboard)
    previous_words: Group = field(default_factory=Group)  # right before it: a time reference (منذ)
    background: Background | None = None  # a dated adverbial verbal noun: "سيطروا ... بعد انسحاب القوات عام 2012"
    forced: Forced | None = None  # a causative predicate after a word of force: an expulsion (sense_checks)
    sense: sense_checks.Sense | None = None  # round twenty: who or what the predicate is about (sense_checks.Sense)
    stance: Stance = field(default_factory=Stance)
    groups: dict[str, Group] = field(default_factory=dict)  # by name, for the scorer's features
    rule_names: tuple[tuple[str, ...], ...] = ()
    contexts: dict[str, Group] = field(default_factory=dict)
    object_contexts: dict[str, Group] = field(default_factory=dict)
    scorer: Scorer | None = None
    predicates: Group = field(default_factory=Group)  # every frame's anchor group: a quick "no predicate here"
    learned: dict[str, wordgroups.Learned] = field(default_factory=dict)  # groups filled per article (learned_groups)
    carried: dict[str, CarriedSpec] = field(default_factory=dict)  # filled per article (carried_forces)


@dataclass(frozen=True)
class SubjectHit:
    subject: str
    stance: str
    anchor: int  # token index of the predicate in its sentence
    trusted: bool = False  # found by a trusted frame (``Rule.trusted``)


def _cue_groups(raw: Any) -> tuple[tuple[Group, int | None], ...]:
    """A stance's cues: one group, or a list of groups (mappings), each with an optional ``reach`` (at most this
    many words before the predicate: an auxiliary such as تم governs the verbal noun right after it)."""
    parts = raw if isinstance(raw, list) and raw and all(isinstance(r, dict) for r in raw) else [raw]
    return tuple((_cue_group({k: v for k, v in r.items() if k != "reach"} if isinstance(r, dict) else r),
                  int(r["reach"]) if isinstance(r, dict) and r.get("reach") is not None else None) for r in parts)


def _cue_group(raw: Any) -> Group:
    """A stance cue group whose lemmas also match their regular past forms as whole words (the stemmer leaves a
    defective verb's forms apart: "نفت" is not in نفى's family), and whose ``past_of`` verbs match only those
    (أجّل's stem is أُجلي's, evacuated: its past forms say "postponed", its stem does not)."""
    if isinstance(raw, dict) and (raw.get("lemmas") or raw.get("past_of")):
        verbs = [*(raw.get("lemmas") or []), *(raw.get("past_of") or [])]
        raw = {**raw, "exact": [*(raw.get("exact") or []), *sorted(past_forms(verbs))],
               "unlike": [*(raw.get("unlike") or []), *nominal_forms(past_forms(raw.get("past_of") or []))]}
    return parse_group(raw)


def _load_scorer(name: str | None, base: Path) -> Scorer | None:
    if not name:
        return None
    try:
        data = json.loads((base / name).read_text(encoding="utf-8"))
        return Scorer(weights=dict(data["weights"]), bias=float(data["bias"]), threshold=float(data["threshold"]),
                      floor=data.get("floor"), arguments=tuple(data.get("arguments", ())),
                      predicates=tuple(data.get("predicates", ())),
                      context=int(data.get("context", 0)))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigurationError(f"subject scorer {base / name}: {exc!r}; train it with bench/train_withdrawal.py "
                                 "or remove `scorer:` from the subject") from exc


# The keys each part of a subject may hold: a key in the wrong place would otherwise be silently ignored.
_KNOWN_KEYS: dict[str, frozenset[str]] = {
    "": frozenset({"id", "name_ar", "groups", "rules", "exclude", "stance", "scorer"}),
    "rules[]": frozenset({"all", "window", "after", "state_leaves", "governed", "excluding", "trusted"}),
    "exclude": frozenset({"contexts", "window", "objects", "years_before", "next", "previous", "background",
                         "forced", "sense"}),
    "exclude.background": frozenset({"governors", "daters", "recent", "span", "past", "elapsed", "narrators",
                                     "months", "last", "current", "times", "since", "breaks", "complements",
                                     "deadlines"}),
    "exclude.objects": frozenset({"contexts", "window", "unless", "armed", "left", "suspected"}),
    "exclude.next": frozenset({"contexts", "adverbials"}),
    "exclude.previous": frozenset({"contexts"}),
    "stance": frozenset({*STANCES, "past_of", "window", "negated_intent", "future", "fixed", "governs", "demand",
                         "sequence", "to_come", "result", "call", "conditional", "exceptive", "dated", "deadline",
                         "clause"}),
}


def _check_keys(raw: dict[str, Any]) -> None:
    """Raise on a key no part of the subject reads (a misplaced line in subjects.yaml changes nothing)."""
    exc = raw.get("exclude") or {}
    parts: list[tuple[str, Any]] = [("", raw), ("exclude", exc), ("stance", raw.get("stance") or {}),
                                    *(("rules[]", r) for r in raw.get("rules") or [])]
    if isinstance(exc, dict):
        parts += [(f"exclude.{k}", exc.get(k) or {}) for k in ("objects", "next", "previous", "background")]
    for where, part in parts:
        if not isinstance(part, dict):
            raise ConfigurationError(f"subject {raw.get('id', '?')}: `{where or 'subject'}` must be a mapping")
        unknown = sorted(set(part) - _KNOWN_KEYS[where])
        if unknown:
            raise ConfigurationError(
                f"subject {raw.get('id', '?')}: unknown key {unknown[0]!r} in `{where or 'subject'}`; "
                f"known there: {', '.join(sorted(_KNOWN_KEYS[where]))}")


def _parse_subject(raw: dict[str, Any], base: Path = DEFAULT_PATH.parent) -> Subject:
    _check_keys(raw)
    groups = {name: parse_group(terms) for name, terms in raw["groups"].items()}
    rules = tuple(Rule(groups=tuple(groups[g] for g in r["all"]), window=int(r.get("window", 8)),
                       after=tuple(g in (r.get("after") or []) for g in r["all"]),
                       state_leaves=tuple(map(r["all"].index, r["state_leaves"])) if "state_leaves" in r else None,
                       governed=tuple((r["all"].index(g), groups[p]) for g, p in (r.get("governed") or {}).items()),
                       excluding=tuple((r["all"].index(g), groups[x]) for g, x in (r.get("excluding") or {}).items()),
                       trusted=bool(r.get("trusted", False)))
                  for r in raw["rules"])
    exc = raw.get("exclude", {}) or {}
    objects = exc.get("objects", {}) or {}
    stance = raw.get("stance", {}) or {}
    return Subject(
        id=raw["id"],
        name_ar=raw.get("name_ar", raw["id"]),
        rules=rules,
        exclude=merge_groups([parse_group(t) for t in (exc.get("contexts", {}) or {}).values()]),
        exclude_window=int(exc.get("window", 12)),
        objects=merge_groups([parse_group(t) for t in (objects.get("contexts", {}) or {}).values()]),
        objects_window=int(objects.get("window", 4)),
        objects_unless=merge_groups([groups[name] for name in objects.get("unless", []) or []]),
        objects_suspected=parse_group(objects.get("suspected")),
        left_objects=merge_groups([parse_group((objects.get("contexts") or {})[name])
                                   for name in objects.get("left") or []]),
        armed_objects=merge_groups([groups[name] for name in objects.get("armed", []) or []]),
        armed_names=frozenset(objects.get("armed", []) or []),
        years_before=int(exc["years_before"]) if exc.get("years_before") is not None else None,
        next_words=merge_groups([parse_group(t) for t in ((exc.get("next") or {}).get("contexts") or {}).values()]),
        next_adverbials=parse_group((exc.get("next") or {}).get("adverbials")),
        previous_words=merge_groups([parse_group(t)
                                     for t in ((exc.get("previous") or {}).get("contexts") or {}).values()]),
        background=parse_background(exc.get("background")), forced=parse_forced(exc.get("forced")),
        sense=sense_checks.parse_sense(exc.get("sense"), groups, exc.get("contexts")),
        stance=Stance(cues={name: _cue_groups(stance[name]) for name in STANCES if stance.get(name)},
                      past=past_forms(stance.get("past_of", []) or []), window=int(stance.get("window", 8)),
                      negated_intent=parse_group(stance.get("negated_intent")),
                      future=parse_group(stance.get("future")),
                      fixed=parse_group(stance.get("fixed")), governs=parse_group(stance.get("governs")),
                      demand=parse_group(stance.get("demand")), sequence=parse_group(stance.get("sequence")),
                      result=_cue_group(stance.get("result")), call=_cue_group(stance.get("call")),
                      to_come=parse_group(stance.get("to_come")), conditional=parse_group(stance.get("conditional")),
                      exceptive=parse_group(stance.get("exceptive")),
                      dated=int(stance["dated"]["years"]) if stance.get("dated") else None,
                      dated_window=int((stance.get("dated") or {}).get("window", 8)),
                      deadline=parse_group(stance.get("deadline")), clause=parse_group(stance.get("clause"))),
        groups=groups,
        rule_names=tuple(tuple(r["all"]) for r in raw["rules"]),
        contexts={name: parse_group(t) for name, t in (exc.get("contexts", {}) or {}).items()},
        object_contexts={name: parse_group(t) for name, t in (objects.get("contexts", {}) or {}).items()},
        scorer=_load_scorer(raw.get("scorer"), base),
        predicates=merge_groups([r.groups[0] for r in rules if r.groups]),
        learned={n: wordgroups.parse_learned(g["learned"]) for n, g in raw["groups"].items()
                 if isinstance(g, dict) and "learned" in g},
        carried={n: parse_carried(g["carried"], raw["groups"]) for n, g in raw["groups"].items()
                 if isinstance(g, dict) and "carried" in g},
    )


def _parse(data: dict[str, Any], base: Path = DEFAULT_PATH.parent) -> list[Subject]:
    out = []
    for raw in data.get("subjects", []) or []:
        try:
            out.append(_parse_subject(raw, base))
        except KeyError as exc:  # a rule, `objects.unless` or a scorer naming a group the subject lacks
            name = raw.get("id", "?") if isinstance(raw, dict) else "?"
            raise ConfigurationError(f"subject {name}: no group or field {exc}; every name a rule or check uses must "
                                     "be a key of its `groups` (`id`, `groups`, `rules` are required)") from exc
    return out


@lru_cache(maxsize=8)
def _load_cached(path: str) -> tuple[Subject, ...]:
    with open(path, encoding="utf-8") as fh:
        return tuple(_parse(yaml.safe_load(fh) or {}, Path(path).parent))


def load_subjects(path: str | Path | None = None) -> list[Subject]:
    """Load (and cache) the subject definitions; the default file ships inside the package."""
    return list(_load_cached(str(path or DEFAULT_PATH)))


#: words from a deadline word to the year it ends: "قبل نهاية عام 2012"، "بحلول نهاية 2011"
DEADLINE_REACH = 3


def _dated_before(toks: list[str], anchor: int, subject: Subject, year: int | None, matches: Matches) -> bool:
    """A year ``years_before`` or more older than the article near the anchor: a background mention
    ("since the withdrawal in 2011"), not news of a withdrawal. Not a year that ends a deadline ("قبل نهاية عام
    2012"، "بحلول 2011"): the withdrawal's own term, not the time of another event."""
    if subject.years_before is None or year is None or frame_syntax.narrated_past(toks, anchor, subject.stance.past):
        return False  # a past verb heading its own clause narrates the event: the year dates it
    narrators = matches(subject.background.narrators) if subject.background else []
    if frame_syntax.narrated_noun(toks, anchor, narrators):
        return False  # so does a light verb heading the verbal noun's clause ("ويتم جلاء القوات البريطانية")
    complements = matches(subject.background.complements) if subject.background else []
    if complements and frame_syntax.ba_complement(toks, anchor, complements):
        return False  # a demanded withdrawal is still to come ("طالبت الحكومة القوات التركية بالانسحاب")
    lo, hi = max(0, anchor - subject.exclude_window), anchor + subject.exclude_window + 1
    deadlines = matches(subject.background.deadlines) if subject.background else []
    return any(frame_syntax.YEAR.match(t) and int(t) <= year - subject.years_before
               and not frame_syntax.border_year(toks, i) and not any(i - DEADLINE_REACH <= d < i for d in deadlines)
               for i, t in enumerate(toks[lo:hi], start=lo))


def _other_sense(toks: list[str], anchor: int, subject: Subject) -> bool:
    """The word right after the anchor gives it another sense (ينسحب على = applies to, تخرج منتصرة =
    emerges victorious), or the word right before makes it a time reference (منذ انسحاب)."""
    after = toks[anchor + 1:anchor + 3]  # two words: a phrase ("عن السيطرة") starts right after it
    before = toks[max(0, anchor - 2):anchor]
    if subject.next_adverbials and after and 0 in group_hits(after, subject.next_adverbials):
        after = []  # "غادروا على متن الحافلات"، "انسحبت على مراحل": a manner or a cause, the verb keeps its sense
    return bool((subject.next_words and after and 0 in group_hits(after, subject.next_words))
                or (subject.previous_words and before and group_hits(before, subject.previous_words)))


def sentence_hits(toks: list[str], subject: Subject, year: int | None = None, dated: bool = False) -> list[SubjectHit]:
    """The frames of ``subject`` found in one sentence (folded tokens), one per anchor, in rule order.

    ``year`` is the article's publication year (background mentions of older years are dropped); ``dated``: the
    sentence before names a past time, which dates a background construction with no date of its own. A
    subject with a ``scorer`` lets it decide on every sentence where all groups of some frame occur;
    without one, the frames' windows and sense checks decide.
    """
    if subject.predicates and not group_hits(toks, subject.predicates):
        return []  # most sentences: no predicate of any frame
    if subject.scorer is not None:
        return _scored_hits(toks, subject, year, dated)
    return frame_hits(toks, subject, year, dated=dated)


def frame_hits(toks: list[str], subject: Subject, year: int | None = None,
               memo: dict[int, list[int]] | None = None, dated: bool = False) -> list[SubjectHit]:
    """The hits of the frames alone (windows, sense checks), one per anchor, in rule order. ``memo``: group
    matches of this sentence already made (shared with the scorer's features)."""
    hits: list[SubjectHit] = []
    excluded: list[int] | None = None
    objects: list[int] | None = None
    seen: set[int] = set()
    people: set[int] | None = None  # the armed and other people of the sentence: the same for every frame
    memo = SentenceMatches(toks) if memo is None else memo
    memo_hits = hits_of(toks, memo)

    live = sorted(i for name, at in frame_memo.rules_by_predicate(subject.rule_names) if memo_hits(subject.groups[name])
                  for i in at)  # the frames whose predicate the sentence has, in rule order: most have none
    for rule, names in ((subject.rules[i], subject.rule_names[i]) for i in live):
        anchors = memo_hits(rule.groups[0])
        others = [memo_hits(g) for g in rule.groups[1:]]
        for i, other_sense in rule.excluding:  # "المقاتلون ... العودة إلى الوطن": fighters going home, no force
            others[i - 1] = [h for h in others[i - 1] if h not in memo_hits(other_sense)]
        if not all(others):
            continue
        if subject.armed_names:  # "مدنيين ومسلحين": an armed conjunct fills the slot from the phrase's start
            if people is None:
                people = set(memo_hits(subject.objects)) | set(memo_hits(subject.armed_objects))
            others = [with_relative_spans(toks, with_conjunct_heads(toks, hs, g, people))
                      if name in subject.armed_names else hs
                      for g, hs, name in zip(rule.groups[1:], others, names[1:], strict=True)]
        governed = [(i, memo_hits(preposition)) for i, preposition in rule.governed]
        after = rule.after[1:] or (False,) * len(others)
        for a in anchors:
            slots = others
            if governed:  # "انسحاب بلاده منه": a place after the masdar is the left place only through a preposition
                slots = list(others)
                for i, prepositions in governed:
                    slots[i - 1] = left_places.governed(toks, a, others[i - 1], prepositions)
            if (a in seen and not rule.trusted) or not all(any(distance(toks, a, h) <= rule.window
                                                               and (h > a or not later) for h in hs)
                                    for hs, later in zip(slots, after, strict=True)) or (
                    rule.state_leaves and not frame_syntax.state_leaves(toks, a, *(  # (states, places) in their slots
                        [h for h in slots[i - 1] if h > a or not after[i - 1]] for i in rule.state_leaves))):
                continue
            if excluded is None:
                excluded = memo_hits(subject.exclude) if subject.exclude else []
                objects = memo_hits(subject.objects) if subject.objects else []
            if _vetoed(toks, a, subject, year, excluded, objects or [], memo_hits, dated):
                continue
            if a in seen:  # a trusted frame confirms an anchor an earlier frame found
                hits = [replace(h, trusted=True) if h.anchor == a else h for h in hits]
                continue
            seen.add(a)
            hits.append(SubjectHit(subject.id, judge_stance(toks, a, subject.stance, year), a, rule.trusted))
    return hits


def _vetoed(toks: list[str], a: int, subject: Subject, year: int | None, excluded: list[int],
            objects: list[int], matches: Matches, dated: bool = False) -> bool:
    """The word-sense checks: another sense near the anchor (unless a force is its own object and the other sense is
    before it, not after a past verb; or it leaves: ``bound_leaver``), an object it does not take, a background."""
    other = [e for e in excluded if abs(e - a) <= subject.exclude_window]
    if other and not bound_leaver(toks, a, other, subject) and not (subject.armed_objects and own_object(
            a, matches(subject.armed_objects), other) and not frame_syntax.past_verb_at(toks, a, subject.stance.past)):
        return True  # "وصالة نادي عمال القنيطرة بعد انسحاب مسلحي تنظيم داعش": a club's hall, the fighters withdraw
    near = [o for o in objects if 0 < abs(o - a) <= subject.objects_window]
    unless = matches(subject.objects_unless) if near and subject.objects_unless else []
    if unless and subject.objects_suspected:  # "ترحيل المعتقلين المشتبه في أنهم إرهابيون": detainees, not fighters
        suspects = matches(subject.objects_suspected)
        unless = [u for u in unless if not any(0 < u - s <= SUSPECT_REACH for s in suspects)]
    # fighters near keep it ("1500 مسلحا ونحو 6 آلاف مدني سيغادرون"), unless civilians are its own object and the
    # fighters all stand before it, in another clause ("طرد مقاتلي المعارضة ... وترحيل السكان"); fighters after the
    # object may be the ones leaving ("خروج قافلة تقل مسلحين"، "خروج أشخاص ... واصفة إياهم بالإرهابيين")
    own = a + 1 in near and not any(u > a + 1 for u in unless)
    if near and (own or not any(abs(u - a) <= subject.exclude_window for u in unless)) \
            and not _armed_object(toks, a, near, subject, matches):
        return True
    left = first_from(toks, a) if subject.left_objects else None  # "انسحبت الفصائل والثوار من برنامج التدريب"
    return (_dated_before(toks, a, subject, year, matches) or _other_sense(toks, a, subject)
            or background_mention(toks, a, subject.background, subject.stance.past, year, dated, matches)
            or forced_out(toks, a, subject.forced, matches)
            or sense_checks.sense_vetoed(toks, a, subject.sense, subject.stance.past, objects, unless or [],
                                         subject.exclude_window, matches)
            or (left is not None and left in matches(subject.left_objects))
            or sense_checks.left_directly(toks, a, subject.sense, subject.left_objects, matches))


def _armed_object(toks: list[str], a: int, near: list[int], subject: Subject, matches: Matches) -> bool:
    """The anchor's object is an armed force, so the other object near it is not its object: the force
    comes right after it ("يستدعي سفير تركيا لمطالبته بسحب قوات بلاده") or is coordinated with every
    other object ("خروج المدنيين وقوات المعارضة من المدينة")."""
    if not subject.armed_objects:
        return False
    armed = matches(subject.armed_objects)
    return own_object(a, armed, near) or all(coordinated_with(toks, o, armed, subject.armed_objects)
                                             for o in near)


def _sentence_matches(toks: list[str], subject: Subject) -> bool:
    return bool(sentence_hits(toks, subject))


def _sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text) if s.strip()]


def match_subjects(text: str, subjects: list[Subject] | None = None, year: int | None = None) -> list[str]:
    """Ids of the subjects whose rules fire in some sentence of ``text`` (in definition order)."""
    return [hit.subject for hit in subject_hits(text, subjects, year)]


def subject_hits(text: str, subjects: list[Subject] | None = None, year: int | None = None,
                 memo: SentenceMemo | None = None, preceding: str = "") -> list[SubjectHit]:
    """The first hit of each subject that fires in ``text`` (in definition order), with its stance.

    ``year``: the article's publication year (None: unknown, no background check by year). ``memo``: hits
    by (subject, sentence, dated) already judged in this article (a sentence is judged as a statement's context
    and again as a sentence no statement covers). ``preceding``: the article's sentence before ``text``; a past
    time in the sentence before each one dates its background constructions (``narrative_time``)."""
    if not text:
        return []
    subjects = load_subjects() if subjects is None else subjects
    sentences = _sentences(text)
    memo = SentenceMemo() if memo is None else memo

    def judged(subject: Subject, sentence: str, dated: bool) -> list[SubjectHit]:
        found = memo.get((subject.id, sentence, dated))
        if found is None:
            toks = sentence_words(sentence, memo)
            found = memo[(subject.id, sentence, dated)] = sentence_hits(toks, subject, year, dated)
        return found

    def narrated(subject: Subject, before: str, sentence: str) -> list[SubjectHit]:
        found = judged(subject, sentence, False)  # a past date before only takes hits away: most have none
        if found and before and _past_dated(sentence_words(before, memo), subject, year):
            return judged(subject, sentence, True)
        return found

    out = []
    for subject in subjects:
        hit = next((h for before, sentence in zip([preceding, *sentences], sentences, strict=False)
                    for h in narrated(subject, before, sentence)), None)
        if hit is not None:
            out.append(hit)
    return out


def _past_dated(toks: list[str], subject: Subject, year: int | None) -> bool:
    bg = subject.background
    return bg is not None and narrative_time.past_dated(toks, year, bg)


def _bucket(distance: int) -> str:
    return "2" if distance <= 2 else "5" if distance <= 5 else "8" if distance <= 8 else "far"


def frame_features(toks: list[str], subject: Subject, year: int | None = None, scorer: Scorer | None = None,
                   memo: dict[int, list[int]] | None = None,
                   fired: list[SubjectHit] | None = None,
                   candidate: Candidate | None = None) -> dict[str, float] | None:
    """Features of a sentence for the scorer, or None when it is no candidate: without ``scorer`` a candidate
    has all groups of some frame; with one, a predicate and one of the scorer's argument groups. Named after
    the YAML, so a model reads like the subject file. ``memo``/``fired``: this sentence's group matches and
    frame hits when the caller has them already; ``candidate``: ``candidate_frames``' answer, if asked already."""
    memo = SentenceMatches(toks) if memo is None else memo
    memo_hits, by_name = hits_of(toks, memo), subject.groups
    candidate = candidate_frames(toks, subject, scorer, memo) if candidate is None else candidate
    if candidate is None:
        return None  # checked before matching every group: most sentences with a predicate stop here
    preds, candidates = candidate
    hits = frame_memo.named_hits(toks, by_name, memo)
    feats: dict[str, float] = {f"has:{name}": 1.0 for name, found in hits.items() if found}
    anchors = sorted({a for name in preds for a in hits[name]})
    for names in candidates:
        rule = "+".join(names)
        spread = max(min(distance(toks, a, h) for h in hits[n]) for a in hits[names[0]] for n in names[1:]) \
            if len(names) > 1 else 0
        feats[f"frame:{rule}"] = feats[f"frame:{rule}:{_bucket(spread)}"] = 1.0
    for kind, groups, window in (("context", subject.contexts, subject.exclude_window),
                                 ("object", subject.object_contexts, subject.objects_window)):
        for name, found in frame_memo.named_hits(toks, groups, memo).items():
            if found and any(0 < abs(e - a) <= window or kind == "context" and e == a for e in found for a in anchors):
                feats[f"{kind}:{name}"] = 1.0
            elif found and scorer is not None:
                feats[f"{kind}_far:{name}"] = 1.0
    if any(_dated_before(toks, a, subject, year, memo_hits) for a in anchors):
        feats["dated_before"] = 1.0
    for first in (frame_hits(toks, subject, year, memo) if fired is None else fired)[:1]:
        feats["frames_fire"] = feats[f"stance:{first.stance}"] = 1.0
    feats["long_sentence"] = 1.0 if len(toks) > 40 else 0.0
    if scorer is not None:
        _near_features(toks, hits, preds, scorer, feats)
    return feats


def _near_features(toks: list[str], hits: dict[str, list[int]], preds: set[str], scorer: Scorer,
                   feats: dict[str, float]) -> None:
    """Which predicate, how near each argument group is to it, and the stems around it."""
    for pred in sorted(preds):  # a fixed order: the same float sum in every process
        feats[f"pred:{pred}"] = 1.0
        nearest = frame_syntax.nearest_from(toks, hits[pred])  # adjectives skipped
        for name, found in hits.items():
            if found and name not in preds:
                near = _bucket(nearest(found))
                feats[f"near:{pred}:{name}:{near}"] = feats[f"arg:{name}:{near}"] = 1.0
        for a in hits[pred]:
            for j in range(max(0, a - scorer.context), min(len(toks), a + scorer.context + 1)):
                stem = _stem_feature(toks[j]) if j != a else None
                if stem is not None:
                    feats[stem] = 1.0


@lru_cache(maxsize=65_536)  # bounded: a worker meets new words forever; the window's words recur
def _stem_feature(word: str) -> str | None:
    """The scorer's ``stem:`` feature of a word near the predicate: its shortest stem key (the first in sort order
    among the shortest), or None for a word without keys (a particle)."""
    keys = word_keys(word)
    return f"stem:{min(sorted(keys), key=len)}" if keys else None


def _scored_hits(toks: list[str], subject: Subject, year: int | None, dated: bool = False) -> list[SubjectHit]:
    scorer = subject.scorer
    memo = SentenceMatches(toks)
    candidate = candidate_frames(toks, subject, scorer, memo)
    if candidate is None:
        return []  # no candidate for the scorer: its frames are not matched at all
    fired = frame_hits(toks, subject, year, memo, dated)
    feats = frame_features(toks, subject, year, scorer, memo, fired, candidate)
    if feats is None:
        return []
    trusted = [h for h in fired if h.trusted]
    if trusted:
        return trusted[:1]  # the frame's words bind the force to the predicate: the scorer is not asked
    floor = scorer.threshold if scorer.floor is None or not fired else scorer.floor
    if scorer.probability(feats) < floor:
        return []
    if fired:
        return fired[:1]
    anchor = open_anchor(toks, subject, year, scorer, memo, dated)
    if anchor is None:
        return []
    return [SubjectHit(subject.id, judge_stance(toks, anchor, subject.stance, year), anchor)]


def open_anchor(toks: list[str], subject: Subject, year: int | None = None, scorer: Scorer | None = None,
                memo: dict[int, list[int]] | None = None, dated: bool = False) -> int | None:
    """The first predicate (of ``scorer.predicates`` if any) that the word-sense checks leave standing."""
    memo = SentenceMatches(toks) if memo is None else memo
    excluded = memo_hits_of(toks, subject.exclude, memo) if subject.exclude else []
    objects = memo_hits_of(toks, subject.objects, memo) if subject.objects else []
    names = scorer.predicates if scorer and scorer.predicates else {names[0] for names in subject.rule_names}
    anchors = sorted({a for name in names for a in memo_hits_of(toks, subject.groups[name], memo)})
    return next((a for a in anchors
                 if not _vetoed(toks, a, subject, year, excluded, objects, hits_of(toks, memo), dated)), None)
