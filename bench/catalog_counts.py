"""Count the shipped outlet catalogue by country (the table in README.md): `python bench/catalog_counts.py`.

Prints a Markdown table: outlets, outlets with at least one known feed or news sitemap, and feed URLs,
per country (ISO 3166-1 code), then the totals. Reads the catalogue the way users get it (package data).
"""

from __future__ import annotations

from connectors.catalog import counts_by_country, load_catalog


def main() -> None:
    outlets = load_catalog().outlets
    rows = counts_by_country(outlets)
    print("| country | outlets | with a feed or sitemap | feed / sitemap URLs |")
    print("|---|---:|---:|---:|")
    for country, (n, with_feed, feeds) in rows.items():
        print(f"| {country} | {n} | {with_feed} | {feeds} |")
    total = [sum(v[i] for v in rows.values()) for i in range(3)]
    print(f"| **all {len(rows)} countries** | **{total[0]}** | **{total[1]}** | **{total[2]}** |")
    kurdistan = sum(o.region == "Kurdistan Region" for o in outlets)
    print(f"\nIraq: {rows.get('IQ', (0,))[0]} outlets, of which {kurdistan} in the Kurdistan Region.")


if __name__ == "__main__":
    main()
