"""``raqib ner``: train, run and score the Arabic NER model from the terminal.

Registered by the main CLI (``pipeline.cli``); ``ner_app`` is also usable on its own.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from pipeline.nlp import ner

ner_app = typer.Typer(
    help="Arabic named-entity recognition (PERS, ORG, LOC, MISC): train, tag and evaluate.",
    no_args_is_help=True,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = REPO_ROOT / ".." / "shared" / "data" / "ner" / "ANERCorp_CamelLab_train.txt"


def _fail(message: str) -> None:
    Console(stderr=True).print(f"[red]{message}[/red]")
    raise typer.Exit(1)


def _require(path: Path, what: str) -> None:
    if not path.is_file():
        _fail(f"{what} not found: {path}")


@ner_app.command("train")
def train_cmd(
    data: Annotated[Path, typer.Option(help="ANERcorp-style CoNLL training file")] = DEFAULT_DATA,
    out: Annotated[Path, typer.Option(help="Where to write the CRF model (REPORT.json goes beside it)")] = (
        ner.MODEL_PATH
    ),
    newsfane: Annotated[
        Path | None, typer.Option(
            help="Optional NewsFANE gold file to add as extra training data (it re-annotates most ANERcorp "
            "stories: the dev figure then leaks)"
        )
    ] = None,
) -> None:
    """Train the CRF, score a held-out dev split, refit on all data and write the model + report."""
    _require(data, "Training data")
    if newsfane is not None:
        _require(newsfane, "NewsFANE file")
    try:
        report = ner.train(data, out, newsfane_path=newsfane)
    except ner.ConllFormatError as exc:
        _fail(str(exc))
        return
    micro = report["dev"]["micro"]  # type: ignore[index]
    Console().print(f"model: {out} ({report['model_bytes']} bytes); dev micro F1 {micro['f1']:.4f}")
    Console().print_json(json.dumps(report["dev"], ensure_ascii=False))


@ner_app.command("tag")
def tag_cmd(
    conll: Annotated[Path, typer.Option(help="One token per line, blank line between sentences")],
) -> None:
    """Tag a token-per-line file; prints ``token<TAB>tag`` with the blank lines kept."""
    _require(conll, "Input file")
    lines: list[str] = []
    for sent in ner.read_conll(conll, with_tags=False):
        tokens = [t for t, _ in sent]
        lines.extend(f"{t}\t{tag}" for t, tag in zip(tokens, ner.tag_tokens(tokens), strict=True))
        lines.append("")
    typer.echo("\n".join(lines), nl=False)


@ner_app.command("evaluate")
def evaluate_cmd(
    conll: Annotated[Path, typer.Option(help="Gold file: 'token tag' or 'token<TAB>tag' lines")],
) -> None:
    """Score the shipped model on a gold file: exact-span precision/recall/F1 per type and micro."""
    _require(conll, "Gold file")
    try:
        report = ner.evaluate(conll)
    except ner.ConllFormatError as exc:
        _fail(str(exc))
        return
    table = Table(title=f"NER on {conll.name}: {report['sentences']} sentences, {report['tokens']} tokens")
    for col in ("type", "precision", "recall", "F1", "gold", "predicted"):
        table.add_column(col, justify="left" if col == "type" else "right")
    rows = [*report["per_type"].items(), ("micro", report["micro"])]  # type: ignore[union-attr]
    for name, m in rows:
        cells = [f"{m['precision']:.4f}", f"{m['recall']:.4f}", f"{m['f1']:.4f}", str(m["support"])]
        table.add_row(name, *cells, str(m["predicted"]), style="bold" if name == "micro" else None)
    Console(width=110).print(table)
