"""The outlet catalogue (connectors/catalog/outlets.yaml), `raqib sources catalog` and `raqib sources check --live`.

The structure checks read the raw YAML themselves (not only through the loader's own validation), so a
loader bug cannot hide a bad entry. The live check runs against the local sample site, never the internet.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import tomllib
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import yaml
from typer.testing import CliRunner

from connectors.catalog import PROVENANCE_RE, load_catalog, parse_catalog, select, to_sources
from connectors.http import PoliteFetcher
from connectors.liveness import check_live
from connectors.sample_site import Response, SampleSite
from connectors.sources import SourceEntry, load_sources
from pipeline.cli.main import app
from pipeline.errors import ConfigurationError
from pipeline.settings import get_settings

ROOT = Path(__file__).resolve().parent.parent
ZONE_TAB = Path("/usr/share/zoneinfo/zone.tab")


def _raw() -> dict:
    text = resources.files("connectors.catalog").joinpath("outlets.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _urls(outlet: dict) -> list[dict]:
    return [outlet["homepage"], *outlet.get("feeds", [])]


def test_catalogue_has_120_outlets_15_countries_and_20_iraqi():
    outlets = _raw()["outlets"]
    countries = {o["country"] for o in outlets}
    assert len(outlets) >= 120, len(outlets)
    assert len(countries) >= 15, countries
    assert sum(o["country"] == "IQ" for o in outlets) >= 20
    assert any(o.get("region") == "Kurdistan Region" for o in outlets if o["country"] == "IQ")
    assert len(load_catalog().outlets) == len(outlets)  # the loader keeps every entry


def test_every_outlet_has_names_ids_and_every_url_is_valid_with_provenance():
    outlets = _raw()["outlets"]
    ids = [o["id"] for o in outlets]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    all_urls = []
    for o in outlets:
        assert o["name_ar"].strip() and any("\u0600" <= ch <= "\u06ff" for ch in o["name_ar"]), o["id"]
        assert o["name_en"].strip() and o["name_en"].isascii(), o["id"]
        for link in _urls(o):
            parts = urlsplit(link["url"])
            assert parts.scheme in ("http", "https") and parts.hostname and "." in parts.hostname, link
            assert link["provenance"], (o["id"], link["url"])
            assert all(PROVENANCE_RE.match(p) for p in link["provenance"]), (o["id"], link["provenance"])
        all_urls += [f["url"] for f in o.get("feeds", [])]
        assert {f.get("kind", "rss") for f in o.get("feeds", [])} <= {"rss", "atom", "feed", "sitemap"}
    assert len(all_urls) == len(set(all_urls)), "a feed URL belongs to two outlets"


def test_countries_are_iso_codes_and_time_zones_are_iana_zones_of_that_country():
    if not ZONE_TAB.exists():
        pytest.skip("no system zone.tab to check country/zone pairs against")
    zones: dict[str, set[str]] = {}
    for line in ZONE_TAB.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, _, zone = line.split("\t")[:3]
            zones.setdefault(code, set()).add(zone)
    for o in _raw()["outlets"]:
        ZoneInfo(o["timezone"])  # a real IANA zone
        assert o["country"] in zones, (o["id"], o["country"])
        assert o["timezone"] in zones[o["country"]], (o["id"], o["country"], o["timezone"])


def test_readme_counts_are_the_bench_output():
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "catalog_counts.py")], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout.strip()
    assert out.splitlines()[0].startswith("| country | outlets")
    assert out in (ROOT / "README.md").read_text(encoding="utf-8"), "re-run bench/catalog_counts.py into README.md"


def test_catalogue_is_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "catalog/*.yaml" in config["tool"]["setuptools"]["package-data"]["connectors"]
    assert resources.files("connectors.catalog").joinpath("outlets.yaml").is_file()


@pytest.mark.parametrize(("path", "value", "message"), [
    (("timezone",), "Asia/Nowhere", "time zone"),
    (("country",), "Iraq", "ISO 3166-1"),
    (("name_ar",), "Shafaq", "Arabic"),
    (("homepage", "url"), "shafaq.com/ar", "http(s) URL"),
    (("homepage", "provenance"), [], "at least 1"),
    (("homepage", "provenance"), ["I remember it"], "provenance"),
])
def test_validation_names_the_outlet_field_and_problem(path, value, message):
    data = _raw()
    target = data["outlets"][3]
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(ConfigurationError) as err:
        parse_catalog(yaml.safe_dump(data, allow_unicode=True))
    assert "outlets.3." + ".".join(path) in str(err.value) and message in str(err.value), str(err.value)


def test_duplicate_ids_and_feed_urls_are_refused():
    data = _raw()
    data["outlets"].append(dict(data["outlets"][0]))
    with pytest.raises(ConfigurationError, match="duplicate outlet ids"):
        parse_catalog(yaml.safe_dump(data, allow_unicode=True))
    data = _raw()
    lbci = next(o for o in data["outlets"] if o["id"] == "lbci")
    lbci["feeds"].append(dict(lbci["feeds"][0]))
    with pytest.raises(ConfigurationError, match="listed twice"):
        parse_catalog(yaml.safe_dump(data, allow_unicode=True))


def test_select_by_country_and_folded_arabic_or_latin_query():
    outlets = load_catalog().outlets
    iraq = select(outlets, country="iq")
    assert len(iraq) >= 20 and {o.country for o in iraq} == {"IQ"}
    assert [o.id for o in select(outlets, query="السومريه")] == ["alsumaria"]  # taa marbuta folded
    assert [o.id for o in select(outlets, query="Rudaw")] == ["rudaw-arabic"]
    assert {o.id for o in select(outlets, country="IQ", query="Kurdistan Region")} >= {"rudaw-arabic", "kurdistan24"}
    assert select(outlets, country="IQ", query="هسبريس") == []


def test_to_sources_gives_one_valid_entry_per_feed(tmp_path):
    outlets = load_catalog().outlets
    entries = to_sources(outlets, interval=120)
    assert len(entries) == sum(len(o.feeds) for o in outlets)
    path = tmp_path / "sources.yaml"
    path.write_text(yaml.safe_dump({"sources": entries}, allow_unicode=True), encoding="utf-8")
    loaded, errors = load_sources(path)
    assert not errors and len(loaded) == len(entries)
    lbci = [e for e in loaded if e.name.startswith("lbci")]
    assert {e.kind for e in lbci} == {"feed", "sitemap"} and {e.timezone for e in lbci} == {"Asia/Beirut"}
    assert all(e.interval == 120 and e.country for e in loaded)


def test_cli_catalog_writes_a_sources_file_that_sources_check_accepts(tmp_path):
    runner = CliRunner()
    out = tmp_path / "sources.yaml"
    result = runner.invoke(app, ["sources", "catalog", "--country", "IQ", "--write", str(out)])
    assert result.exit_code == 0, result.output
    loaded, errors = load_sources(out)
    iraq_feeds = {f.url for o in select(load_catalog().outlets, country="IQ") for f in o.feeds}
    assert not errors and {e.url for e in loaded} == iraq_feeds and all(e.country == "IQ" for e in loaded)
    assert "have no known feed" in result.output  # homepage-only outlets point the user at `sources discover`
    assert runner.invoke(app, ["sources", "check", str(out)]).exit_code == 0
    again = runner.invoke(app, ["sources", "catalog", "--country", "IQ", "--write", str(out)])
    assert again.exit_code == 1 and "--force" in again.output
    printed = runner.invoke(app, ["sources", "catalog", "--query", "LBCI"])
    assert printed.exit_code == 0 and "lbcgroup.tv/newssitemap.xml" in printed.output
    none = runner.invoke(app, ["sources", "catalog", "--country", "ZZ"])
    assert none.exit_code == 1 and "no outlet" in none.output and "Traceback" not in none.output


@pytest.fixture
def site():
    with SampleSite() as s:
        s.set_route("/old-feed", Response(301, b"", {"Location": "/rss.xml"}))
        s.set_route("/gone.xml", Response(410, b"gone", {"Content-Type": "text/plain"}))
        yield s


def _entries(site: SampleSite) -> list[SourceEntry]:
    return [
        SourceEntry(name="rss", url=site.url + "/rss.xml"),
        SourceEntry(name="sitemap", kind="sitemap", url=site.url + "/news-sitemap.xml"),
        SourceEntry(name="moved", url=site.url + "/old-feed"),
        SourceEntry(name="missing", url=site.url + "/no-such-feed.xml"),
        SourceEntry(name="gone", url=site.url + "/gone.xml"),
        SourceEntry(name="homepage", url=site.url + "/"),
    ]


def test_live_check_reports_ok_moved_dead_and_not_a_feed_against_the_sample_site(site):
    async def go():
        async with PoliteFetcher(allow_private=True, min_delay=0, timeout=5, backoff=0.01) as fetcher:
            return await check_live(_entries(site), fetcher)

    results = {r.name: r for r in asyncio.run(go())}
    assert results["rss"].status == "ok" and results["rss"].items == 5
    assert results["sitemap"].status == "ok" and results["sitemap"].items == 5
    assert results["moved"].status == "moved" and results["moved"].final_url == site.url + "/rss.xml"
    assert results["moved"].items == 5 and not results["moved"].problem
    assert results["missing"].status == "dead" and "404" in results["missing"].detail
    assert results["gone"].status == "dead" and "410" in results["gone"].detail
    assert results["homepage"].status == "not_a_feed" and "text/html" in results["homepage"].detail


def test_cli_live_check_keeps_the_ssrf_guard_on(site, tmp_path, monkeypatch):
    path = tmp_path / "sources.yaml"
    entries = [e.model_dump(exclude_defaults=True) for e in _entries(site)[:3]]
    path.write_text(yaml.safe_dump({"sources": entries}), encoding="utf-8")
    runner = CliRunner()
    monkeypatch.delenv("RAQIB_ALLOW_PRIVATE_NETWORKS", raising=False)
    get_settings.cache_clear()
    guarded = runner.invoke(app, ["sources", "check", str(path), "--live"])
    assert guarded.exit_code == 1 and "3 blocked" in guarded.output, guarded.output
    assert site.hits["/rss.xml"] == 0  # nothing reached the loopback site
    monkeypatch.setenv("RAQIB_ALLOW_PRIVATE_NETWORKS", "true")
    get_settings.cache_clear()
    try:
        allowed = runner.invoke(app, ["sources", "check", str(path), "--live"])
    finally:
        monkeypatch.delenv("RAQIB_ALLOW_PRIVATE_NETWORKS")
        get_settings.cache_clear()
    assert allowed.exit_code == 0, allowed.output  # ok, ok and moved: nothing dead
    assert "2 ok, 1 moved, 0 dead" in allowed.output, allowed.output
