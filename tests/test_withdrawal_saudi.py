"""The SaudiNewsNet withdrawal bench: its zip reader (the corpus has no ids) and its summary (never guesses)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from bench.withdrawal_saudi import probe_sample, read_zips, summary


def _zip(folder: Path, day: str, articles: list[dict]) -> None:
    with zipfile.ZipFile(folder / f"{day}.zip", "w") as zf:
        zf.writestr(f"{day}.json", json.dumps(articles, ensure_ascii=False))


def test_read_zips_gives_day_and_place_ids_in_date_order(tmp_path: Path) -> None:
    _zip(tmp_path, "2015-07-22", [{"content": "c"}])
    _zip(tmp_path, "2015-07-21", [{"content": "a"}, {"content": "b"}])
    got = [(a["id"], a["content"]) for a in read_zips(tmp_path)]
    assert got == [("snn-2015-07-21-0000", "a"), ("snn-2015-07-21-0001", "b"), ("snn-2015-07-22-0000", "c")]


def test_summary_counts_unjudged_flags_and_scores_only_judged_true_ones() -> None:
    flags = [{"key": "k1", "stance": "announce"}, {"key": "k2", "stance": "complete"},
             {"key": "k3", "stance": "announce"}, {"key": "k4", "stance": "announce"}]
    judged = {"k1": {"withdrawal": True, "speaker_right": True, "stance": "announce"},
              "k2": {"withdrawal": True, "speaker_right": False, "stance": "announce"},
              "k3": {"withdrawal": False, "speaker_right": None, "stance": None}}
    got = summary(flags, judged, 2000)
    assert (got["flags_per_1000"], got["judged"], got["unjudged"], got["true"]) == (2.0, 3, 1, 2)
    assert (got["precision"], got["speaker_right"], got["stance_right"]) == (0.667, 0.5, 0.5)


def test_summary_holds_a_speaker_judgement_only_for_the_speaker_it_names() -> None:
    flags = [{"key": "k1", "stance": "announce", "speaker": None},
             {"key": "k2", "stance": "announce", "speaker": "الجيش"}, {"key": "k3", "stance": "announce"}]
    judged = {"k1": {"withdrawal": True, "speaker_right": False, "stance": "announce", "speaker": "أخيرا الأصوات"},
              "k2": {"withdrawal": True, "speaker_right": True, "stance": "announce", "speaker": "الجيش"},
              "k3": {"withdrawal": True, "speaker_right": False, "stance": "announce"}}
    got = summary(flags, judged, 1000)
    assert (got["speaker_unjudged"], got["speaker_right"]) == (1, 0.5)


def test_probe_draws_only_sentences_with_a_withdrawal_word_and_a_forces_word() -> None:
    # invented sentences (the corpus text may not enter the repository): one candidate, one without forces
    # word, one too short
    articles = [{"id": "a", "content": "انسحبت القوات الأمريكية من القاعدة العسكرية شمال المدينة صباح اليوم. "
                                       "انسحب اللاعب من البطولة بسبب الإصابة في الركبة أمس."},
                {"id": "b", "content": "انسحبت القوات أمس."}]
    got = [(raw["id"], i) for raw, i, _ in probe_sample(articles, seed=1)]
    assert got == [("a", 0)]


def test_outlet_split_puts_asharq_al_awsat_in_dev_and_every_other_outlet_in_heldout() -> None:
    from bench.withdrawal_saudi import in_split

    dev, other = {"source": "aawsat"}, {"source": "alwatan"}
    assert (in_split(dev, "dev"), in_split(dev, "heldout"), in_split(dev, "all")) == (True, False, True)
    assert (in_split(other, "dev"), in_split(other, "heldout"), in_split(other, "all")) == (False, True, True)


def test_round_twenty_one_moves_alyaum_to_dev_but_probes_still_draw_on_the_split_of_round_nineteen() -> None:
    from bench.withdrawal_saudi import PROBE_DRAW_DEV_OUTLETS, in_split

    alyaum = {"source": "alyaum"}
    assert (in_split(alyaum, "dev"), in_split(alyaum, "heldout")) == (True, False)
    assert (in_split(alyaum, "dev", PROBE_DRAW_DEV_OUTLETS), in_split(alyaum, "heldout", PROBE_DRAW_DEV_OUTLETS)) == (
        False, True)


def test_moved_alyaum_rows_say_where_they_came_from_and_are_not_duplicated() -> None:
    from bench.withdrawal import SET_DIR

    for name in ("saudinewsnet_dev_flags.judged.jsonl", "saudinewsnet_probe_dev.judged.jsonl"):
        rows = [json.loads(line) for line in (SET_DIR / name).read_text(encoding="utf-8").splitlines() if line]
        moved = [r for r in rows if r.get("moved")]
        assert moved and all(r["outlet"] == "alyaum" and r["moved"] == "r21 from heldout" for r in moved)
        assert len({r["key"] for r in rows}) == len(rows)
    heldout = SET_DIR / "saudinewsnet_probe_heldout.judged.jsonl"
    assert all(r.get("moved") is None for r in map(json.loads, heldout.read_text(encoding="utf-8").splitlines()))
