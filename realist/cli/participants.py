"""`realist participants [list | add | map]`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from realist.cli.common import emit_json, format_option, open_project, project_option
from realist.cli.lazy import LazyGroup


@click.group(cls=LazyGroup, lazy={}, invoke_without_command=True)
@project_option
@format_option("table", "tsv", "json")
@click.pass_context
def participants(ctx: click.Context, project_path: Path | None, fmt: str | None) -> None:
    """Pseudonymised participants (role, group, site) and which speaker is who.

    Without a sub-command, lists them.

    \b
    Example:
      realist participants add --role "Probation Officer" --group staff --site "Region A"
      realist participants map po1 "Sam" P01
      realist participants
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_, project_path=project_path, fmt=fmt)


@participants.command("list")
@project_option
@format_option("table", "tsv", "json")
def list_(project_path: Path | None = None, fmt: str | None = None) -> None:
    """List the participants with how quotations are attributed to them.

    \b
    Example:
      realist participants list --format json
    """
    from realist import ui
    from realist.coding import attribution, load_participants

    project = open_project(project_path)
    people = load_participants(project)
    rows = [{"id": p.id, "role": p.role, "number": p.number, "group": p.group, "site": p.site,
             "strand": p.strand, "attribution": attribution(p)} for p in people.values()]
    fmt = fmt or ("table" if ui.is_terminal() else "tsv")
    if fmt == "json":
        emit_json(rows)
        return
    if not rows:
        sys.stderr.write("no participants yet; add one with "
                         "`realist participants add --role ROLE --group GROUP --site SITE`\n")
        return
    cols = ("id", "attribution", "group", "strand")
    if fmt == "tsv":
        sys.stdout.write("\t".join(cols) + "\n")
        for r in rows:
            sys.stdout.write("\t".join(str(r[c] or "") for c in cols) + "\n")
        return
    from rich.table import Table

    table = Table(title=f"{len(rows)} participants", title_justify="left")
    for c in cols:
        table.add_column(c)
    for r in rows:
        table.add_row(*(str(r[c] or "—") for c in cols))
    ui.out().print(table)


@participants.command("add")
@click.option("--role", required=True, help="What they do or are: 'Probation Officer', 'Person receiving IOM'.")
@click.option("--group", default=None, help="staff, recipient, peer-mentor or other.")
@click.option("--site", default=None, help="Their site or region, e.g. 'Region A'.")
@click.option("--strand", default=None, help="The evidence strand of realist.yaml they belong to.")
@click.option("--id", "participant_id", default=None, help="An id of your own (default: P01, P02...).")
@click.option("--number", type=int, default=None,
              help="Their number within the role, as in your notes (default: the next free one).")
@click.option("--note", default=None, help="A note (never a real name).")
@project_option
def add(role: str, group: str | None, site: str | None, strand: str | None, participant_id: str | None,
        number: int | None, note: str | None, project_path: Path | None) -> None:
    """Add a pseudonymised participant; prints its id.

    Quotations are attributed as role, number within the role and site:
    "Probation Officer 1, Region A". Never record a real name.

    \b
    Example:
      realist participants add --role "Probation Officer" --group staff --site "Region A" --strand staff-interviews
    """
    from realist.coding import attribution
    from realist.ingest.people import add_participant

    project = open_project(project_path)
    p = add_participant(project, role, group=group, site=site, strand=strand, participant_id=participant_id,
                        note=note, number=number)
    sys.stdout.write(p.id + "\n")
    sys.stderr.write(f"added {p.id}: {attribution(p)}\n")


@participants.command("map")
@click.argument("transcript_id", metavar="TRANSCRIPT")
@click.argument("speaker")
@click.argument("participant_id", metavar="PARTICIPANT")
@project_option
def map_(transcript_id: str, speaker: str, participant_id: str, project_path: Path | None) -> None:
    """Say which participant a speaker label of a transcript is ('-' unlinks it).

    \b
    Example:
      realist participants map fg1 "Speaker 2" P07
    """
    from realist.coding import attribution, load_participants
    from realist.ingest.people import map_speaker

    project = open_project(project_path)
    pid = None if participant_id == "-" else participant_id
    map_speaker(project, transcript_id, speaker, pid)
    who = attribution(load_participants(project)[pid]) if pid else "nobody"
    sys.stderr.write(f"{transcript_id}: '{speaker}' is {pid or 'unlinked'} ({who})\n")
