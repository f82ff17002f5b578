"""The `extract` command: a thin typer app over run_batch(), show and evaluate()."""

from __future__ import annotations

from pathlib import Path

import typer

from extract.readers import DEFAULT_MAX_CHARS, parse_published

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Danish press releases to typed tables.")


@app.command()
def run(
    paths: list[Path] = typer.Argument(
        ..., help="Release files or folders (.txt/.md with NAME.meta.json, .jsonl, .html)."
    ),
    out: str = typer.Option(
        "results.sqlite",
        "--out",
        "-o",
        help="Target: a SQLite file (X.duckdb: DuckDB), a URL (sqlite:///X.db, duckdb:///X.duckdb, "
        "postgresql+psycopg://USER@HOST/DB), or parquet:DIR / csv:DIR for a folder of files.",
    ),
    published: str | None = typer.Option(None, help="Publication date (YYYY-MM-DD) for files without one."),
    publisher: str | None = typer.Option(None, help="Publisher for files without one."),
    jobs: int = typer.Option(
        1,
        "--jobs",
        "-j",
        min=1,
        help="Processes for nlp.pipe(n_process=N); with --engine dask and no --scheduler, local Dask workers.",
    ),
    batch_size: int = typer.Option(16, help="Releases per nlp.pipe batch (and per Dask task)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress line."),
    force: bool = typer.Option(False, "--force", help="Extract every release again, even unchanged ones."),
    engine: str = typer.Option("local", help="Where the pipeline runs: local, or dask (a Dask distributed cluster)."),
    scheduler: str | None = typer.Option(
        None, help="Dask scheduler address (tcp://HOST:8786) for --engine dask; without it, a local cluster."
    ),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first release that fails (exit 2)."),
    max_chars: int = typer.Option(
        DEFAULT_MAX_CHARS, "--max-chars", min=1, help="Longest release text; a longer one is an error row."
    ),
) -> None:
    """Extract every release under PATHS into OUT; releases already there unchanged are skipped."""
    from extract.batch import ENGINES, EngineError, run_batch
    from extract.readers import InputError
    from extract.sinks import SinkError, mask_secrets

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
        f"{summary.documents} releases written to {summary.target} ({summary.skipped} unchanged, "
        f"{summary.rows} rows, {summary.errors} errors) in {summary.seconds:.1f}s"
    )
    if summary.stopped:
        typer.echo(f"stopped at the first error (--strict): {summary.stopped}", err=True)
        raise typer.Exit(2)
    if summary.errors:
        typer.echo("some releases could not be read: see the documents table (status = 'error')", err=True)
        raise typer.Exit(2)


@app.command()
def show(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="One release (.txt, .html) or .jsonl."),
    published: str | None = typer.Option(None, help="Publication date (YYYY-MM-DD) if the file has none."),
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


@app.command()
def evaluate(
    gold_dir: Path = typer.Argument(..., exists=True, file_okay=False, help="Folder of NAME.txt + NAME.gold.json."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    errors: bool = typer.Option(False, "--errors", help="List every false positive and false negative."),
    texts: Path | None = typer.Option(
        None, "--texts", file_okay=False, help="Folder of the release texts, if not beside the gold files."
    ),
    ner: bool = typer.Option(True, "--ner/--no-ner", help="With our NER model (default), or the rules only."),
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
