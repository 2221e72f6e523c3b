"""`realist export qdpx|qdc FILE` and `realist import qdpx|qdc FILE`: REFI-QDA exchange."""

from __future__ import annotations

from pathlib import Path

import click

from realist.cli.common import emit_json, format_option, open_project, project_option


def _out_file(path: Path, suffix: str) -> Path:
    from realist.errors import UsageError

    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a file name such as {path / ('project' + suffix)}")
    return path


@click.command("qdpx")
@click.argument("file", type=click.Path(path_type=Path))
@project_option
def export_qdpx(file: Path, project_path: Path | None) -> None:
    """Export the project as a REFI-QDA project (.qdpx) for NVivo, ATLAS.ti, MAXQDA, QualCoder...

    Theories become codes with their C/I/M/O elements as child codes, free codes stay
    codes, transcripts become text sources, excerpts coded selections, coders users,
    participants cases (role, group, site), memos notes, theory links links.
    Exporting twice gives the same file. See docs/refi-qda.md for the whole mapping.

    \b
    Example:
      realist export qdpx out/iom.qdpx
    """
    from realist import ui
    from realist.refiqda.write import export_qdpx as export
    from realist.text import plural

    project = open_project(project_path)
    done = export(project, _out_file(file, ".qdpx"))
    c = done.counts
    parts = [plural(c["theories"], "theory", "theories")]
    parts += [plural(c[key], word) for key, word in (("transcripts", "transcript"), ("excerpts", "excerpt"),
                                                    ("participants", "participant"), ("coders", "coder"),
                                                    ("memos", "memo")) if c[key]]
    ui.note(f"wrote {file}: {', '.join(parts)}")
    for warning in done.warnings:
        ui.warn(warning)


@click.command("qdc")
@click.argument("file", type=click.Path(path_type=Path))
@project_option
def export_qdc(file: Path, project_path: Path | None) -> None:
    """Export the codebook as a REFI-QDA codebook (.qdc): theories with their elements, free codes.

    \b
    Example:
      realist export qdc out/iom.qdc
    """
    from realist import ui
    from realist.refiqda.qdc import export_qdc as export
    from realist.text import plural

    project = open_project(project_path)
    n = export(project, _out_file(file, ".qdc"))
    ui.note(f"wrote {file}: {plural(n, 'code')} ({plural(len(project.theories), 'theory', 'theories')})")


def _import_options(func):  # type: ignore[no-untyped-def]
    func = format_option("text", "json", default="text")(func)
    func = project_option(func)
    func = click.option("--dry-run", is_flag=True, help="Report what would be created; write nothing.")(func)
    func = click.option("--new", "new", type=click.Path(path_type=Path), default=None,
                        help="Create a new project in this folder instead of importing into the current one.")(func)
    return click.argument("file", type=click.Path(path_type=Path))(func)


def _show(report, fmt: str) -> None:  # type: ignore[no-untyped-def]
    from realist import ui

    if fmt == "json":
        emit_json(report.as_dict())
        return
    for line in report.lines():
        ui.echo(line)


@click.command("qdpx")
@_import_options
@click.option("--positions", type=click.Choice(["auto", "code-points", "code-points-crlf2", "utf16", "utf16-crlf2"]),
              default="auto", show_default=True,
              help="How the file counts text positions (auto: the reading its selections fit best).")
def import_qdpx(file: Path, new: Path | None, dry_run: bool, project_path: Path | None, fmt: str,
                positions: str) -> None:
    """Import a REFI-QDA project (.qdpx) from NVivo, ATLAS.ti, MAXQDA, QualCoder or realist.

    Codes that are not theory elements become free codes; text sources become transcripts;
    coded selections become excerpts (positions read the way the producing tool counted
    them: the report says which reading it chose); users become coders; cases become
    participants. Everything in the file that is not taken over has a line in the report.

    \b
    Example:
      realist import qdpx study.qdpx --new ../study --dry-run
      realist import qdpx study.qdpx --new ../study
      realist import qdpx colleague.qdpx            (into the current project)
    """
    from realist.refiqda.offsets import NAMED_READINGS
    from realist.refiqda.read import import_qdpx as run_import

    project = None if new is not None else open_project(project_path)
    _show(run_import(file, project=project, new=new, dry_run=dry_run, reading=NAMED_READINGS.get(positions)), fmt)


@click.command("qdc")
@_import_options
def import_qdc(file: Path, new: Path | None, dry_run: bool, project_path: Path | None, fmt: str) -> None:
    """Import a REFI-QDA codebook (.qdc): realist theories come back whole, other codes become free codes.

    \b
    Example:
      realist import qdc codebook.qdc --dry-run
      realist import qdc codebook.qdc --new ../fresh-start
    """
    from realist.refiqda.qdc import import_qdc as run_import

    project = None if new is not None else open_project(project_path)
    _show(run_import(file, project=project, new=new, dry_run=dry_run), fmt)
