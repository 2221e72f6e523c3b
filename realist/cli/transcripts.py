"""`realist transcripts import | list | show`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from realist.cli.common import emit_json, format_option, open_project, project_option
from realist.cli.lazy import LazyGroup


@click.group(cls=LazyGroup, lazy={})
def transcripts() -> None:
    """Import, list and show interview transcripts.

    \b
    Example:
      realist transcripts import interviews/po1.docx --stage initial --site "Region A" --participant P01
      realist transcripts list
      realist transcripts show po1
    """


@transcripts.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE...")
@click.option("--id", "transcript_id", default=None, help="The transcript's id (default: the file name).")
@click.option("--type", "type_", default=None,
              help="interview, focus-group, observation or document (default: interview).")
@click.option("--stage", default=None, help="The phase of fieldwork (one of realist.yaml's phases).")
@click.option("--site", default=None, help="Where it took place, e.g. 'Region A'.")
@click.option("--date", default=None, help="When, e.g. 2024-03-18.")
@click.option("--participant", "participants", multiple=True,
              help="A participant id it is with (repeatable); see `realist participants`.")
@click.option("--speaker", "speakers", multiple=True, metavar="LABEL=PARTICIPANT",
              help="Say who a speaker label is, e.g. --speaker PO1=P03 (repeatable).")
@click.option("--title", default=None, help="A short title.")
@click.option("--pseudonymise", "pseudonymise", is_flag=True,
              help="Replace the key's real names, places and identifiers before anything is written.")
@click.option("--key", "key_path", type=click.Path(path_type=Path), default=None,
              help="The pseudonymisation key (default: ~/.config/realist/keys/<project>.yaml).")
@project_option
def import_(files: tuple[Path, ...], transcript_id: str | None, type_: str | None, stage: str | None,
            site: str | None, date: str | None, participants: tuple[str, ...], speakers: tuple[str, ...],
            title: str | None, pseudonymise: bool, key_path: Path | None, project_path: Path | None) -> None:
    """Import transcripts: .txt, .md, .docx, .vtt (Teams, Zoom) or .srt.

    The text is normalised (UTF-8, NFC, LF), speaker turns are found ("Name: text",
    WebVTT voices, bold speaker labels in Word) and the time of each turn is kept
    as data. Importing a changed source again replaces its text and keeps its
    codings; `realist reanchor` then re-locates them.

    \b
    Example:
      realist transcripts import po1.docx --stage initial --site "Region A" --participant P01
      realist transcripts import meetings/*.vtt --type observation --stage second --site "Region B"
      realist transcripts import po2.docx --pseudonymise --key ~/keys/iom.yaml
      realist transcripts import fg1.vtt --type focus-group --speaker "Speaker 1=P04" --speaker "Speaker 2=P05"
    """
    from realist.errors import UsageError
    from realist.ingest.importer import import_transcripts
    from realist.text import plural

    mapping: dict[str, str] = {}
    for given in speakers:
        label, eq, pid = given.rpartition("=")
        if not eq or not label.strip() or not pid.strip():
            raise UsageError(f"--speaker '{given}': write LABEL=PARTICIPANT, e.g. --speaker PO1=P03")
        mapping[label.strip()] = pid.strip()
    project = open_project(project_path)
    matcher = None
    if pseudonymise or key_path is not None:
        from realist.privacy import key_path_for, load_key

        matcher = load_key(key_path_for(project.root, key_path)).matcher()
    done = import_transcripts(project, list(files), transcript_id=transcript_id, type=type_, stage=stage,
                              site=site, date=date, participants=list(participants) or None, title=title,
                              pseudonyms=matcher, speakers=mapping or None)
    for item in done:
        t = item.transcript
        if item.status != "unchanged":
            lines = len(t.text.rstrip("\n").split("\n"))
            voices = plural(len(t.speakers), "speaker")
            sys.stderr.write(f"{'imported' if item.status == 'new' else 'replaced'} {t.id}: {t.type}, "
                             f"stage {t.stage or '—'}, site {t.site or '—'}, {voices}, "
                             f"{plural(lines, 'line')} (from {t.source})\n")
        for note in item.notes:
            sys.stderr.write(f"  note: {note}\n")


@transcripts.command("list")
@project_option
@format_option("table", "tsv", "json")
def list_(project_path: Path | None, fmt: str | None) -> None:
    """List the imported transcripts with their stage, site, participants and excerpts.

    \b
    Example:
      realist transcripts list
      realist transcripts list --format json
    """
    from realist import ui
    from realist.coding.views import transcript_rows

    project = open_project(project_path)
    rows = transcript_rows(project)
    fmt = fmt or ("table" if ui.is_terminal() else "tsv")
    cols = ("id", "type", "stage", "site", "participants", "lines", "words", "excerpts", "coders")
    if fmt == "json":
        emit_json(rows)
        return
    if not rows:
        sys.stderr.write("no transcripts yet; import one with `realist transcripts import FILE`\n")
        return
    if fmt == "tsv":
        sys.stdout.write("\t".join(cols) + "\n")
        for r in rows:
            sys.stdout.write("\t".join(_cell(r[c]) for c in cols) + "\n")
        return
    from rich.table import Table

    table = Table(title=f"{len(rows)} transcripts", title_justify="left")
    for c in cols:
        table.add_column(c, justify="right" if c in ("lines", "words", "excerpts") else "left")
    for r in rows:
        table.add_row(*(_cell(r[c]) or "—" for c in cols))
    ui.out().print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    if isinstance(value, int):
        return f"{value}"
    return str(value)


@transcripts.command("show")
@click.argument("transcript_id", metavar="ID")
@click.option("--coder", "coders", multiple=True, help="Only this coder's codes (repeatable).")
@project_option
@format_option("text", "json")
def show(transcript_id: str, coders: tuple[str, ...], project_path: Path | None, fmt: str | None) -> None:
    """Print a transcript with numbered lines and its codes in the margin.

    The line numbers are the ones SPAN uses in `realist code ID 12-14 CODE`.
    In the margin, "▸ id codes" marks where an excerpt starts and "┆ id" the
    lines it runs on.

    \b
    Example:
      realist transcripts show po1
      realist transcripts show po1 --coder alice
    """
    from realist import ui
    from realist.coding.views import margin_lines
    from realist.store.transcripts import get_transcript

    project = open_project(project_path)
    transcript = get_transcript(project, transcript_id)
    rows = margin_lines(project, transcript, list(coders) or None)
    if fmt == "json":
        emit_json({"id": transcript.id, "lines": rows})
        return
    head = f"{transcript.id}: {transcript.type}, stage {transcript.stage or '—'}, site {transcript.site or '—'}"
    if not ui.is_terminal():
        sys.stdout.write(head + "\n")
        for r in rows:
            margin = _margin(r)
            sys.stdout.write(f"{r['line']:>4}  {r['text']}" + (f"    | {margin}" if margin else "") + "\n")
        return
    from rich.markup import escape
    from rich.table import Table

    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="dim", no_wrap=True)
    table.add_column(ratio=3)
    table.add_column(ratio=1, style="cyan")
    for r in rows:
        table.add_row(str(r["line"]), escape(r["text"]), escape(_margin(r)))
    ui.out().print(f"[bold]{escape(head)}[/bold]")
    ui.out().print(table)


def _margin(row: dict[str, Any]) -> str:
    parts = [f"▸ {s['id']} {s['codes']}" + ("" if s["stance"] == "supports" else f" ({s['stance']})")
             for s in row["starts"]]
    parts += [f"┆ {eid}" for eid in row["through"]]
    return "  ".join(parts)
