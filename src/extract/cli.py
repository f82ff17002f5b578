"""The `extract` command: a thin typer app over run_batch(), show and evaluate()."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from typer.core import TyperCommand

from extract.readers import DEFAULT_MAX_CHARS, parse_published


class PlainHelpCommand(TyperCommand):
    """Usage and arguments as Python tools write them: `extract run [OPTIONS] PATH...` and `PATH...  Release
    files or folders`, without typer's `{PATH}` braces and `<list[Path]>` types."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [self.options_metavar or "[OPTIONS]", *(_argument_name(p) for p in self._arguments(ctx))]

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments = [(_argument_name(p), p.help or "") for p in self._arguments(ctx)]
        options = [r for p in self.get_params(ctx) if p.param_type_name == "option" and (r := p.get_help_record(ctx))]
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)

    def _arguments(self, ctx: Any) -> list[Any]:
        return [p for p in self.get_params(ctx) if p.param_type_name == "argument" and not getattr(p, "hidden", False)]


def _argument_name(param: Any) -> str:
    name = param.metavar or (param.name or "").upper()
    return name + ("..." if param.nargs != 1 else "")


# Plain click help (rich_markup_mode=None): flags shown as flags ("-q, --quiet"), not "--quiet <bool>" in a box,
# wrapped to the terminal and at most 80 columns.
app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 80},
    help="Danish press releases to typed tables.",
)


@app.command(cls=PlainHelpCommand)
def run(
    paths: list[Path] = typer.Argument(
        ...,
        metavar="PATH",
        help="Release files or folders: .txt/.md (with NAME.meta.json), .html, .jsonl.",
    ),
    out: str = typer.Option(
        "results.sqlite",
        "--out",
        "-o",
        metavar="TARGET",
        help="A SQLite file (X.duckdb: DuckDB), a database URL (sqlite:///X.db, "
        "duckdb:///X.duckdb, postgresql+psycopg://USER@HOST/DB), or parquet:DIR or csv:DIR.",
    ),
    published: str | None = typer.Option(
        None, metavar="DATE", help="Publication date (YYYY-MM-DD) for releases without one."
    ),
    publisher: str | None = typer.Option(None, metavar="NAME", help="Publisher for releases without one."),
    jobs: int = typer.Option(
        1,
        "--jobs",
        "-j",
        min=1,
        metavar="N",
        help="Worker processes, each with its own pipeline; with --engine dask and no --scheduler, local Dask workers.",
    ),
    batch_size: int = typer.Option(16, metavar="N", help="Releases per nlp.pipe batch and per Dask task."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    force: bool = typer.Option(False, "--force", help="Extract every release again, unchanged ones too."),
    engine: str = typer.Option(
        "local", metavar="ENGINE", help="Where the pipeline runs: local, or dask (a Dask cluster)."
    ),
    scheduler: str | None = typer.Option(
        None, metavar="ADDRESS", help="Dask scheduler (tcp://HOST:8786) for --engine dask; default: a local cluster."
    ),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first release that fails (exit code 2)."),
    max_chars: int = typer.Option(
        DEFAULT_MAX_CHARS, "--max-chars", min=1, metavar="N", help="Longest release text; a longer one is an error row."
    ),
) -> None:
    """Extract every release in the PATHs into TARGET (--out); unchanged releases already there are skipped."""
    from extract.batch import ENGINES, EngineError, run_batch
    from extract.readers import InputError
    from extract.sinks import SinkError, mask_secrets
    from extract.wording import counted

    try:
        defaults = {"published": parse_published(published), "publisher": publisher}
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--published") from None
    if engine not in ENGINES:
        raise typer.BadParameter(f"{engine!r} is not one of {', '.join(ENGINES)}", param_hint="--engine")
    if scheduler and engine != "dask":
        raise typer.BadParameter("--scheduler needs --engine dask", param_hint="--scheduler")
    try:
        summary = run_batch(
            paths,
            out,
            defaults=defaults,
            n_process=jobs,
            batch_size=batch_size,
            quiet=quiet,
            engine=engine,
            scheduler=scheduler,
            force=force,
            strict=strict,
            max_chars=max_chars,
        )
    except (InputError, SinkError, EngineError) as err:
        typer.echo(f"error: {mask_secrets(str(err))}", err=True)
        raise typer.Exit(1) from None
    typer.echo(
        f"{counted(summary.documents, 'release')} written to {summary.target} ({summary.skipped:,} unchanged, "
        f"{counted(summary.rows, 'row')}, {counted(summary.errors, 'error')}) in {summary.seconds:.1f}s"
    )
    if summary.stopped:
        typer.echo(f"stopped at the first error (--strict): {summary.stopped}", err=True)
        raise typer.Exit(2)
    if summary.errors:
        typer.echo("some releases could not be read: see the documents table (status = 'error')", err=True)
        raise typer.Exit(2)


@app.command(cls=PlainHelpCommand)
def show(
    file: Path = typer.Argument(
        ..., exists=True, dir_okay=False, metavar="FILE", help="One release (.txt, .md, .html) or a .jsonl file."
    ),
    published: str | None = typer.Option(
        None, metavar="DATE", help="Publication date (YYYY-MM-DD) if the file has none."
    ),
) -> None:
    """Print one release's tables in the terminal."""
    from extract import extract as run_extract
    from extract.readers import InputError, read_paths
    from extract.render import render_tables

    try:
        records = list(read_paths([file], {"published": parse_published(published)}))
    except InputError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(1) from None
    tables = run_extract(records)
    typer.echo(render_tables(tables))
    if any(r.error for r in records):
        raise typer.Exit(2)


@app.command(cls=PlainHelpCommand)
def evaluate(
    gold_dir: Path = typer.Argument(
        ..., exists=True, file_okay=False, metavar="GOLD_DIR", help="Folder of NAME.txt + NAME.gold.json."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    errors: bool = typer.Option(False, "--errors", help="List every false positive and false negative."),
    texts: Path | None = typer.Option(
        None, "--texts", file_okay=False, metavar="DIR", help="Folder of the texts, if not beside the gold files."
    ),
    ner: bool = typer.Option(False, "--ner/--no-ner", help="With our NER model, or the rules only (default)."),
) -> None:
    """Precision, recall and F1 per table and label against the gold files in GOLD_DIR."""
    from extract.evaluate import evaluate_dir, format_errors, format_report
    from extract.pipeline import load

    try:
        report = evaluate_dir(gold_dir, nlp=load(ner=ner), texts=texts)
    except ValueError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(1) from None
    if as_json:
        typer.echo(report.to_json())
    else:
        typer.echo(format_report(report))
    if errors:
        typer.echo(format_errors(report))


def main() -> None:  # pragma: no cover - console entry
    app()
