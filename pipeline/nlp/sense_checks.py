"""Word-sense checks of a subject's frames beyond one word before or after the predicate (round nineteen).

Pure functions over folded tokens and groups, read from ``exclude`` in ``pipeline/data/subjects.yaml``:

* ``forced``: a causative predicate (إخراج، أخرج، إنهاء) after a word of effort or force (تمكن من، حاول، استعادة،
  طاقة نارية) is an expulsion or a recapture by force — "تمكن الجيش من إخراج المسلحين من البلدة" — not a force
  withdrawing under a demand or a deal ("التفاوض على إخراج المقاتلين من المدينة" stays a withdrawal).
* ``elapsed_since``: "بعد سبعة أشهر على انتهاء المهمة" dates the predicate months or years back: the time of
  another event (a background mention), whatever the governing preposition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from pipeline.nlp.frame_syntax import past_verb_at
from pipeline.nlp.person_agents import person_agent
from pipeline.nlp.wordgroups import Group, Matches, group_hits, merge_groups, parse_group
from pipeline.text.normalise import fold_match


@dataclass(frozen=True)
class Forced:
    """Causative predicates (``anchors``) and the words of effort or force (``before``) that, up to ``window``
    words before one, make it an expulsion by force, unless a word of negotiation stands between (``deal``: "حاولت
    الأمم المتحدة التوصل إلى اتفاق لإخراج المسلحين" is a deal)."""

    anchors: Group = field(default_factory=Group)
    before: Group = field(default_factory=Group)
    window: int = 6
    deal: Group = field(default_factory=Group)
    # round twenty: a past causative verb (``by.verbs``) with an armed actor just before it (``by.actors``) and not
    # the actor's own forces after it (``by.own``): "التحالف الذي أخرج القوات العراقية من الكويت" drove them out
    by_verbs: Group = field(default_factory=Group)
    by_actors: Group = field(default_factory=Group)
    by_own: Group = field(default_factory=Group)


def parse_forced(raw: dict[str, Any] | None) -> Forced | None:
    if not raw:
        return None
    by = raw.get("by") or {}
    return Forced(anchors=parse_group(raw.get("anchors")), before=parse_group(raw.get("before")),
                  window=int(raw.get("window", 6)), deal=parse_group(raw.get("deal")),
                  by_verbs=parse_group(by.get("verbs")), by_actors=parse_group(by.get("actors")),
                  by_own=parse_group(by.get("own")))


ACTOR_REACH = 3  # words from the armed actor to its verb ("التحالف الدولي الذي أخرج")
OWN_REACH = 3  # words after the verb where the actor's own forces would stand ("أخرجت تركيا قواتها")


def driven_out(toks: list[str], anchor: int, forced: Forced, matches: Matches | None = None) -> bool:
    """An armed actor drove a force out: a past causative verb right after the actor, the force not its own."""
    matches = matches or partial(group_hits, toks)
    return (bool(forced.by_verbs) and anchor in matches(forced.by_verbs)
            and any(anchor - ACTOR_REACH <= x < anchor for x in matches(forced.by_actors))
            and not any(anchor < o <= anchor + OWN_REACH for o in matches(forced.by_own)))


def forced_out(toks: list[str], anchor: int, forced: Forced | None, matches: Matches | None = None) -> bool:
    """The predicate at ``anchor`` is a causative one with a word of force shortly before it (``matches``: the
    sentence's group matches, when the caller has them)."""
    matches = matches or partial(group_hits, toks)
    if forced is None or anchor not in matches(forced.anchors):
        return False
    if driven_out(toks, anchor, forced, matches):
        return True
    deals = matches(forced.deal) if forced.deal else []
    return any(anchor - forced.window <= b < anchor and not any(b < d < anchor for d in deals)
               for b in matches(forced.before))


#: what links a duration to the event it counts from: "بعد سبعة أشهر على انتهاء"، "منذ عامين من الانسحاب"
_FROM_EVENT = frozenset(fold_match(w) for w in ("على", "من"))
ELAPSED_REACH = 3  # words from the time preposition to the duration's unit ("بعد نحو سبعة أشهر")


def elapsed_since(toks: list[str], anchor: int, daters: list[int], units: list[int]) -> bool:
    """The predicate is what a long duration counts from: a time preposition (``daters``), a unit of months or
    years (``units``) and على/من right before the predicate. Days and hours ("بعد يومين من انسحاب") are no unit:
    today's news."""
    if anchor < 3 or toks[anchor - 1] not in _FROM_EVENT or anchor - 2 not in units:
        return False
    return any(anchor - 2 - ELAPSED_REACH <= d < anchor - 2 for d in daters)


#: the prepositions of the place left: "انسحب من"، "خرج عن"
_LEFT = frozenset(fold_match(w) for w in ("من", "عن"))
LEFT_REACH = 8  # words from the predicate to its من: "انسحبت بعض تشكيلات الجيش الحر والثوار من برنامج"


def first_from(toks: list[str], anchor: int, reach: int = LEFT_REACH) -> int | None:
    """Where the first من/عن after the predicate stands (the place left follows it), None without one."""
    return next((i for i in range(anchor + 1, min(len(toks), anchor + 1 + reach)) if toks[i] in _LEFT), None)


@dataclass(frozen=True)
class Sense:
    """Round twenty: checks that read who or what the predicate is about (``exclude.sense`` in the subject file).

    * ``next_of``: (predicate group, words) pairs: right after a predicate of that group, these words name what it
      is about in another sense: a person leaving ("يغادر الوزير البلاد"), people leaving their own country
      ("لمغادرة بلادهم": emigration), an army downsized. ``anywhere``: such a pair anywhere in the sentence gives
      every predicate of it that sense (a participation extended, "يمدد مشاركة القوات ... لحين انتهاء مهمتها": the
      end of the mission is the term of a mandate, not a withdrawal). ``before``: the words stand right before the
      predicate instead (round twenty-one: "لحين انتهاء مهمتها" is a term, "تجلّى في" a verb of appearing). ``then``:
      a group of the subject the word after those words must be in (round twenty-four: "تخرج في العراق", came out
      in a place, emerged there; "خرجوا في الدفعة الثالثة" left in a batch).
    * ``sentence``: contexts that give every predicate of the sentence another sense however far they stand (a
      surrender: "سلّم ... أنفسهم ... مقابل الخروج الآمن" is the price of giving themselves up).
    * ``time_clause``: openers of a time clause (عندما، بعد أن): a past verb right after one is the time of another
      event, told as background.
    * ``civilian_subject``: civilians right before the verb are its subject, unless fighters stand before them.
    * ``only_after``: (predicate group, words) pairs: a predicate of that group tells a force leaving only right
      after one of these words (round twenty-four: "خارج" is where a force is or is sent, "إرسال قوات خارج البلاد"،
      "البقاء خارج البلاد"; "انسحبت إلى خارج البلاد" moves it out).
    * ``known_event``: ``governors`` (بعد، عقب، منذ) right before a definite verbal noun make it the time of another
      event, a withdrawal the reader already knows ("تصاعد العمليات ... عقب الانسحاب النهائي للقوات الدولية"), unless
      a word of ``upcoming`` in the sentence makes it one still to come ("ستكون العلاقة بعد الانسحاب استشارية").
      "بعد انسحاب مسلحي داعش" (no article) may be today's news and is left to the dated ``background`` check.
    * ``to_attack``: ``words`` of an attack's purpose (لمحاصرة، لمهاجمة) within ``reach`` words after the predicate:
      the force moves to attack, it does not withdraw ("غادرت وحدات من الجيش مواقعها متجهة جنوبا لمحاصرة القاعدة"،
      "إعادة انتشار القوات الفرنسية وتموضعها في أفريقيا وتوجيهها لمحاربة المنظمات الإرهابية").
    * ``unplaced``: (predicate group, words, places, reach): a predicate of that group with one of ``words`` in the
      two words after it (its object, or its object's genitive: "خفض حجم الجيش") and no word of ``places``
      within ``reach`` words after it (round twenty-seven: a country's own army made smaller, "قامت بخفض حجم
      الجيش وتمويله", is a downsizing; "تقليص حجم الجيش الأمريكي في العراق" names where it is drawn down).
    * ``held_place``: (holders, resumptives, breaks, held): round thirty-five: a predicate with a pronoun of the
      place left right after it (منها، منه) and a verb of holding or seizing a place (سيطر، استولى) before it in
      the same clause (no word of ``breaks`` between), one of them a relative clause on the place (the holding verb
      right before its pronoun, ``held``: عليها; or the predicate right before منها), describes that place: who
      holds it and who left it ("مراكز عسكرية سيطر عليها الأكراد بعد انسحاب القوات النظامية منها"، "سيطرت قواته
      على مناطق ... انسحبت منها القوات العراقية"), a background of the place, not news of a withdrawal; "سيطرت
      على المبنى بعد انسحاب المسلحين" (no pronoun), "سيطر الأكراد على عفرين بعد انسحاب القوات منها" (no
      relative clause: both events told) and "استولت عليها المقاومة ... في حين ... قبل انسحابهم منه" (another
      clause) stay.
    * ``delivered``: (predicate group, things, reach, counts): a counted thing delivered (weapons, aircraft,
      remains: a number, digits or one of ``counts``, right before it) within ``reach`` words after a predicate of
      that group, past its recipient (round thirty-five: "ستسلم مصر ثماني مقاتلات"، "سلمت بموجبها الحركة 14
      جثة"): a delivery, not ground handed over; the group's own ``not_before`` reads only the two words after it.
    * ``left_direct``: a transitive predicate (غادر) takes the place left as its object, with no من: what the
      subject's ``left`` objects name after من or عن (an organisation, an office, a treaty, a faith) right after it
      is no place left either (round thirty-five: "بإمكان اليونان مغادرة منطقة اليورو"، "غادر منصبه";
      ``left_directly``).
    * ``received``: (predicate group, stems, particles): round thirty-six: a predicate of that group in a derived
      form of receiving (form V تسلّم, form VIII استلم: ``stems``, after its clitics and an imperfect prefix or a
      participle's م) is a force or a person taking something over, not handing it over ("وتسلم قوات النظام
      للمعبر"، "يتسلم مهامه"); the bare stem "تسلم" is also form II's imperfect ("لن تسلم الميليشيات المدينة"),
      so after a verb particle (``particles``: أن، لن، قد) it is left standing (``received_form``).
    * ``extradited``: (predicate group, words, reach): round thirty-six: a handover with a word of the courts or of
      a wanted person (``words``: المطلوبين، للقضاء، للمحاكمة) within ``reach`` words either side is an
      extradition ("طلبت ... تسليمها أكثر الإرهابيين المطلوبين"، "رفض القضاء اليوناني تسليم 8 جنود أتراك"), not
      ground handed over.
    * ``official``: (words, quantifiers, forces, reach): round thirty-six: the predicate's agent or object right after
      it (past ``quantifiers``: عدد من، بعض) is a person of an office (``words``: الرئيس، الوزير، قيادات،
      المسؤولين) and no force (``forces``) stands within ``reach`` words after the predicate: a politician or an
      official leaving ("يغادر الرئيس الأميركي"، "انسحابات لعدد من قيادات النظام"), not a force; "سحب الرئيس
      الأمريكي القوات من سوريا" (the president the subject, the forces the object) stays (``official_agent``).
      Round thirty-seven, ``persons``: a person's name there counts as well (a word of a name class, or one the NER
      tagger reads as a person's in the sentence; no gazetteer place; no force within three words before the
      predicate either, its subject: ``person_agents``): "أن يغادر كارتر الأردن" is a minister travelling.
    """

    next_of: tuple[tuple[Group, Group, bool, bool, Group | None], ...] = ()  # predicate, words, anywhere, before, then
    sentence: Group = field(default_factory=Group)
    time_clause: Group = field(default_factory=Group)
    civilian_subject: bool = False
    only_after: tuple[tuple[Group, Group], ...] = ()
    known_event: tuple[Group, Group] | None = None  # (governors, upcoming)
    to_attack: tuple[Group, int] | None = None  # (words, reach)
    unplaced: tuple[tuple[Group, Group, Group, int], ...] = ()  # predicate, words, places, reach
    held_place: tuple[Group, Group, Group, Group] | None = None  # (holders, resumptives, breaks, held)
    delivered: tuple[Group, Group, int, Group] | None = None  # (predicate, things, reach, counts)
    left_direct: Group | None = None  # a transitive predicate: its object right after it
    received: tuple[Group, tuple[str, ...], Group] | None = None  # (predicate, stems, particles)
    extradited: tuple[Group, Group, int] | None = None  # (predicate, words, reach)
    official: tuple[Group, Group, Group, int] | None = None  # (words, quantifiers, forces, reach)
    persons: bool = False  # round thirty-seven: a person's name as the agent, by the tagger (``person_agents``)


def parse_sense(raw: dict[str, Any] | None, groups: dict[str, Group], contexts: dict[str, Any] | None) -> Sense | None:
    if not raw:
        return None
    return Sense(next_of=tuple((groups[r["predicate"]], parse_group(r["words"]), bool(r.get("anywhere", False)),
                                bool(r.get("before", False)), groups[r["then"]] if r.get("then") else None)
                               for r in raw.get("next_of") or []),
                 sentence=merge_groups([parse_group((contexts or {})[name]) for name in raw.get("sentence") or []]),
                 time_clause=parse_group(raw.get("time_clause")),
                 civilian_subject=bool(raw.get("civilian_subject", False)),
                 only_after=tuple((groups[r["predicate"]], parse_group(r["words"]))
                                  for r in raw.get("only_after") or []),
                 known_event=_parse_known_event(raw.get("known_event")),
                 to_attack=(parse_group(raw["to_attack"]["words"]), int(raw["to_attack"].get("reach", 8)))
                 if raw.get("to_attack") else None,
                 unplaced=tuple((groups[r["predicate"]], parse_group(r["words"]),
                                 merge_groups([groups[name] for name in r["places"]]), int(r.get("reach", 8)))
                                for r in raw.get("unplaced") or []),
                 held_place=_parse_held_place(raw.get("held_place")),
                 delivered=(groups[raw["delivered"]["predicate"]], parse_group(raw["delivered"]["words"]),
                            int(raw["delivered"].get("reach", 4)), parse_group(raw["delivered"].get("counts")))
                 if raw.get("delivered") else None,
                 left_direct=groups[raw["left_direct"]] if raw.get("left_direct") else None,
                 received=(groups[raw["received"]["predicate"]],
                           tuple(fold_match(w) for w in raw["received"]["stems"]),
                           parse_group(raw["received"].get("particles"))) if raw.get("received") else None,
                 extradited=(groups[raw["extradited"]["predicate"]], parse_group(raw["extradited"]["words"]),
                             int(raw["extradited"].get("reach", 8))) if raw.get("extradited") else None,
                 official=(parse_group(raw["official"]["words"]), parse_group(raw["official"].get("quantifiers")),
                           merge_groups([groups[name] for name in raw["official"]["forces"]]),
                           int(raw["official"].get("reach", 6))) if raw.get("official") else None,
                 persons=bool((raw.get("official") or {}).get("persons", False)))


def _parse_held_place(raw: dict[str, Any] | None) -> tuple[Group, Group, Group, Group] | None:
    return (parse_group(raw["holders"]), parse_group(raw["resumptives"]), parse_group(raw.get("breaks")),
            parse_group(raw.get("held"))) if raw else None


def _parse_known_event(raw: dict[str, Any] | None) -> tuple[Group, Group] | None:
    return (parse_group(raw["governors"]), parse_group(raw.get("upcoming"))) if raw else None


UNPLACED_OBJECT = 2  # words from the predicate to the army it makes smaller ("تقليص حجم جيوشها")
TIME_CLAUSE_REACH = 2  # words from the opener to the verb ("بعد أن انسحبت"، "عندما انسحبت")
_THAT = fold_match("أن")


def sense_vetoed(toks: list[str], anchor: int, sense: Sense | None, past: frozenset[str], civilians: list[int],
                 fighters: list[int], window: int, matches: Matches | None = None) -> bool:
    """The round-twenty checks (``Sense``) drop the predicate at ``anchor`` (``matches``: the sentence's group
    matches, when the caller has them)."""
    if sense is None:
        return False
    matches = matches or partial(group_hits, toks)
    if any(previous_is(toks, p, words) if before else next_to(toks, p, words) and (then is None or p + 2 in matches(
            then)) for pred, words, anywhere, before, then in sense.next_of
           for p in (matches(pred) if anywhere else [anchor] if anchor in matches(pred) else [])):
        return True
    if any(anchor in matches(pred) and not previous_is(toks, anchor, words) for pred, words in sense.only_after):
        return True
    if any(anchor in matches(pred) and any(anchor < w <= anchor + UNPLACED_OBJECT for w in matches(words))
           and not placed(anchor, matches(places), reach) for pred, words, places, reach in sense.unplaced):
        return True
    if sense.known_event and known_event(toks, anchor, *sense.known_event, matches):
        return True
    if sense.to_attack and any(anchor < w <= anchor + sense.to_attack[1] for w in matches(sense.to_attack[0])):
        return True
    if sense.held_place and held_place(anchor, *(matches(g) for g in sense.held_place)):
        return True
    if sense.delivered and anchor in matches(sense.delivered[0]) and delivered(toks, anchor, *sense.delivered[1:],
                                                                               matches):
        return True
    if sense.received and anchor in matches(sense.received[0]) and received_form(
            toks, anchor, sense.received[1], matches(sense.received[2])):
        return True
    if sense.extradited and anchor in matches(sense.extradited[0]) and any(
            abs(w - anchor) <= sense.extradited[2] for w in matches(sense.extradited[1])):
        return True
    if sense.official and official_agent(anchor, *(matches(g) for g in sense.official[:3]), sense.official[3],
                                        toks if sense.persons else None):
        return True
    if sense.sentence and matches(sense.sentence):
        return True
    if sense.time_clause and in_time_clause(toks, anchor, matches(sense.time_clause), past):
        return True
    subject_is_civilian = anchor - 1 in civilians and not any(anchor - window <= f < anchor for f in fighters)
    return sense.civilian_subject and (subject_is_civilian or barred_civilians(toks, anchor, civilians))


_FROM_PLACE = fold_match("من")
#: what may stand before a derived stem: a conjunction, then a preposition or the article (a verbal noun); an
#: imperfect prefix or a participle's م (a verb, a participle: "يتسلم"، "استلم"، "المتسلم")
_NOUN_CLITICS = re.compile(r"^[وف]?(?:بال|لل|ال|ب)")
_CONJUNCTION = re.compile(r"^[وف](?=.{4})")
_VERB_PREFIXES = "يتنام"


def received_form(toks: list[str], anchor: int, stems: tuple[str, ...], particles: list[int]) -> bool:
    """The predicate is a derived form of receiving (``Sense.received``): one of ``stems`` after the word's clitics
    and an imperfect prefix ("بتسلم"، "يتسلم"، "استلم"). A bare stem that opens with an imperfect prefix's letter
    ("تسلم": form V's past or verbal noun, or form II's imperfect, she hands over) counts only with no verb
    particle right before it ("أن تسلم" hands over)."""
    word = toks[anchor]
    noun = _NOUN_CLITICS.match(word)
    bare = word[noun.end():] if noun else _CONJUNCTION.sub("", word)
    if any(bare[1:].startswith(s) for s in stems if bare[:1] in _VERB_PREFIXES):
        return True
    if not any(bare.startswith(s) for s in stems):
        return False
    return bool(noun) or bare[:1] not in _VERB_PREFIXES or anchor - 1 not in particles


def left_directly(toks: list[str], anchor: int, sense: Sense | None, left_objects: Group,
                  matches: Matches | None = None) -> bool:
    """A transitive predicate whose object, right after it, is what a ``left`` object names after من ("مغادرة
    منطقة اليورو" as "من منطقة اليورو"): an organisation or an office left, no place."""
    if sense is None or sense.left_direct is None or not left_objects:
        return False
    if anchor not in (matches or partial(group_hits, toks))(sense.left_direct):
        return False
    return 0 in group_hits([_FROM_PLACE, *toks[anchor + 1:anchor + 3]], left_objects)


def delivered(toks: list[str], anchor: int, things: Group, reach: int, counts: Group, matches: Matches) -> bool:
    """A counted thing delivered within ``reach`` words after the predicate (``Sense.delivered``): a number right
    before it ("ستسلم مصر ثماني مقاتلات"، "سلمت بموجبها الحركة 14 جثة"); "تسليم المواقع والأسلحة" is no count."""
    counted = set(matches(counts))
    return any(anchor + 1 < w <= anchor + reach and (toks[w - 1].isdigit() or w - 1 in counted)
               for w in matches(things))


QUANTIFIER_REACH = 2  # quantifier words between the predicate and the official ("انسحابات لعدد من قيادات")


def official_agent(anchor: int, officials: list[int], quantifiers: list[int], forces: list[int], reach: int,
                   toks: list[str] | None = None) -> bool:
    """The word right after the predicate, past up to two quantifier words, is a person of an office and no force
    stands within ``reach`` words after the predicate (``Sense.official``): a politician or an official leaving.
    With ``toks`` (round thirty-seven, ``Sense.persons``) a person's name there counts as well ("أن يغادر كارتر
    الأردن": ``person_agents``)."""
    at = anchor + 1
    while at in quantifiers and at <= anchor + QUANTIFIER_REACH:
        at += 1
    if any(anchor < f <= anchor + reach for f in forces):
        return False
    return at in officials or (toks is not None and person_agent(toks, at, forces, anchor, reach))


RESUMPTIVE_REACH = 3  # words from the predicate to the pronoun of the place left ("انسحاب القوات النظامية منها")
HOLDER_REACH = 12  # words from the verb of holding to the predicate ("سيطرت قواته على مناطق عدة ... انسحبت منها")


def held_place(anchor: int, holders: list[int], resumptives: list[int], breaks: list[int], held: list[int]) -> bool:
    """The predicate, a pronoun of the place left right after it, describes a place a verb of holding before it in
    the same clause names (``Sense.held_place``): who holds the place and who left it, a background. One of the two
    is a relative clause on the place: the holding verb with its own pronoun of the place right after it (``held``:
    "مراكز سيطر عليها") or the predicate with the pronoun right after it ("مناطق ... انسحبت منها القوات"); "سيطر
    الأكراد على عفرين بعد انسحاب القوات الحكومية منها" tells both events."""
    if not any(anchor < r <= anchor + RESUMPTIVE_REACH for r in resumptives):
        return False
    return any(anchor - HOLDER_REACH <= h < anchor and not any(h < b < anchor for b in breaks)
               and (h + 1 in held or anchor + 1 in resumptives) for h in holders)


KNOWN_EVENT_REACH = 2  # the governor's word is not the sentence's first two (no other event before it to date)


def known_event(toks: list[str], anchor: int, governors: Group, upcoming: Group,
                matches: Matches | None = None) -> bool:
    """A definite verbal noun right after a time preposition, in a sentence with nothing still to come: the
    withdrawal dates another event ("في ظل تصاعد العمليات ... عقب الانسحاب النهائي للقوات الدولية من البلاد")."""
    word = toks[anchor].removeprefix("و")
    if anchor < KNOWN_EVENT_REACH + 1 or not word.startswith("ال") or len(word) < 5:
        return False
    return 0 in group_hits(toks[anchor - 1:anchor], governors) and not (matches or partial(group_hits, toks))(upcoming)


def opens_at(toks: list[str], verb: int, openers: list[int], past: frozenset[str]) -> bool:
    """A past verb right after a time-clause opener (only أن between: "بعد أن انسحبت"; "بعدما تم سحب" is not)."""
    return past_verb_at(toks, verb, past) and any(
        all(toks[k] == _THAT for k in range(o + 1, verb)) for o in openers if verb - TIME_CLAUSE_REACH <= o < verb)


COORDINATED_REACH = 8  # words from a time clause's first verb to a second one joined by و ("منذ أنهى ... وسلّم")


def in_time_clause(toks: list[str], anchor: int, openers: list[int], past: frozenset[str]) -> bool:
    """The past verb at ``anchor`` opens a time clause, or is joined by و to a past verb that opens one (round
    twenty-one: "منذ أنهى الحلف مهمته القتالية وسلّم المسؤولية الأمنية": both verbs date another event)."""
    if opens_at(toks, anchor, openers, past):
        return True
    return (toks[anchor].startswith("و") and past_verb_at(toks, anchor, past)
            and any(opens_at(toks, v, openers, past) for v in range(max(0, anchor - COORDINATED_REACH), anchor)))


_FROM = fold_match("من")


def barred_civilians(toks: list[str], anchor: int, civilians: list[int]) -> bool:
    """Civilians barred or kept from the verb are its subject, whoever bars them (round twenty-one: "قرار الميليشيات
    منع الصحفيين من مغادرة البلاد": the journalists would leave, not the militia)."""
    return anchor >= 2 and toks[anchor - 1] == _FROM and anchor - 2 in civilians


def placed(anchor: int, places: list[int], reach: int) -> bool:
    """A place stands within ``reach`` words after the predicate: where the force is drawn down ("في العراق")."""
    return any(anchor < p <= anchor + reach for p in places)


def next_to(toks: list[str], at: int, words: Group) -> bool:
    """A phrase of ``words`` starts right after the word at ``at`` (two words read: "حجم الجيش")."""
    after = toks[at + 1:at + 3]
    return bool(after) and 0 in group_hits(after, words)


def previous_is(toks: list[str], at: int, words: Group) -> bool:
    """The word right before the word at ``at`` is one of ``words`` ("لحين انتهاء": until the end of)."""
    return at >= 1 and 0 in group_hits(toks[at - 1:at], words)
