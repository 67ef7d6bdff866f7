"""Enrich the same articles with two versions of the code and compare the JSON dumps byte for byte: a speed
change must not change one byte of output.

    python bench/enrich_identical.py --before /tmp/base_tree   # a checkout of the rev to compare against
    python bench/enrich_identical.py --rev 5abd21a              # or a git rev, unpacked with ``git archive``
    python bench/enrich_identical.py --rev 5abd21a --after /tmp/new_tree   # a copy of the new code
Dumps 2,000 seed replicas and the first 1,000 ANT v2 articles (``--real``) with ``bench/enrich.py --dump`` in
each tree, one after the other (one core), and prints the first differing line of each set, if any.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
REAL = HERE.parent / "shared" / "data" / "topics" / "ant_v2_sample_train.jsonl"


def _unpack(rev: str, into: Path) -> Path:
    archive = subprocess.run(["git", "archive", rev], cwd=HERE, capture_output=True)
    if archive.returncode:
        raise SystemExit(f"--rev {rev}: git archive refused it ({_last_line(archive.stderr)}); "
                         "give a commit of this repository")
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


def _last_line(stderr: bytes) -> str:
    lines = stderr.decode(errors="replace").strip().splitlines()
    return lines[-1] if lines else "no message"


def _dump(tree: Path, out: Path, extra: list[str]) -> None:
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0"}
    done = subprocess.run([sys.executable, str(tree / "bench" / "enrich.py"), "--dump", str(out), *extra],
                          cwd=tree, env=env, capture_output=True)
    if done.returncode:
        raise SystemExit(f"bench/enrich.py failed in {tree}: {_last_line(done.stderr)}")


def _first_difference(a: Path, b: Path) -> str:
    for n, (x, y) in enumerate(zip(a.open(encoding="utf-8"), b.open(encoding="utf-8"), strict=False), 1):
        if x != y:
            return f"line {n} differs"
    return "lengths differ"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--before", type=Path, help="a tree of the code to compare against")
    parser.add_argument("--rev", help="a git rev to compare against (unpacked to a temporary directory)")
    parser.add_argument("--after", type=Path, default=HERE, help="the tree of the new code (default: this one; a "
                        "copy lets you keep editing while it runs)")
    parser.add_argument("--seeds", type=int, default=2000)
    parser.add_argument("--real", type=int, default=1000)
    parser.add_argument("--real-file", type=Path, default=REAL)
    args = parser.parse_args()
    for tree in (args.before, args.after):
        if tree is not None and not (tree / "bench" / "enrich.py").is_file():
            parser.error(f"{tree} is no raqib tree (no bench/enrich.py in it)")
    if args.real and not args.real_file.is_file():
        parser.error(f"{args.real_file} not found: give --real-file, or --real 0 to dump the seeds only")
    with tempfile.TemporaryDirectory() as tmp:
        if args.before:
            before = args.before
        else:
            (Path(tmp) / "before").mkdir()
            before = _unpack(args.rev or "HEAD", Path(tmp) / "before")
        sets = {"seeds": ["--articles", str(args.seeds)]}
        if args.real:
            sets["real"] = ["--articles", str(args.real), "--real", str(args.real_file.resolve())]
        same = True
        for name, extra in sets.items():
            dumps = [Path(tmp) / f"{name}.{side}.jsonl" for side in ("before", "after")]
            _dump(before, dumps[0], extra)
            _dump(args.after, dumps[1], extra)
            equal = filecmp.cmp(*dumps, shallow=False)
            lines = sum(1 for _ in dumps[1].open(encoding="utf-8"))
            print(f"{name}: {lines} articles, " + ("byte-identical" if equal else _first_difference(*dumps)))
            same &= equal
    raise SystemExit(0 if same else 1)


if __name__ == "__main__":
    main()
