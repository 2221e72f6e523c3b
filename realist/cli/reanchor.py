"""`realist reanchor [--apply]`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from realist.cli.common import emit_json, format_option, open_project, project_option


def _short(text: str | None, size: int = 48) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= size else flat[: size - 1] + "…"


@click.command()
@click.option("--apply", is_flag=True, help="Write the new positions (without it, only report).")
@click.option("--transcript", "transcripts", multiple=True, help="Only this transcript (repeatable).")
@click.option("--threshold", type=click.FloatRange(50, 100), default=85.0, show_default=True,
              help="How similar (percent) a changed passage must be to count as the excerpt.")
@project_option
@format_option("text", "json", default="text")
def reanchor(apply: bool, transcripts: tuple[str, ...], threshold: float, project_path: Path | None,
             fmt: str) -> None:
    """Re-locate excerpts after a transcript's text changed.

    Each excerpt is found again by its quote: where it still is (in place), the
    same words elsewhere (moved), or a passage similar enough (fuzzy). What cannot
    be found is reported as orphaned and left as it is. Nothing is written
    without --apply; with it, the edited text is recorded as the transcript's own.

    \b
    Example:
      realist reanchor
      realist reanchor --apply
    """
    from realist.coding.reanchor import reanchor as run_reanchor

    project = open_project(project_path)
    report = run_reanchor(project, apply=apply, transcripts=list(transcripts) or None, threshold=threshold)
    if fmt == "json":
        emit_json(report.as_dict())
        return
    for r in report.items:
        e = r.excerpt
        if r.status == "moved":
            sys.stdout.write(f"moved     {e.id}  {e.transcript}  {e.start}-{e.end} -> {r.start}-{r.end}\n")
        elif r.status == "fuzzy":
            sys.stdout.write(f"fuzzy     {e.id}  {e.transcript}  {e.start}-{e.end} -> {r.start}-{r.end} "
                             f"({r.score:.0f}% alike): \"{_short(e.quote)}\" -> \"{_short(r.quote)}\"\n")
        elif r.status == "orphaned":
            sys.stdout.write(f"orphaned  {e.id}  {e.transcript}  {e.start}-{e.end}: \"{_short(e.quote)}\" "
                             f"is nowhere in the text ({e.coder}; recode or uncode it)\n")
    c = report.counts()
    total = sum(c.values())
    summary = (f"{total} excerpt{'s' if total != 1 else ''}: {c['in-place']} in place, {c['moved']} moved, "
               f"{c['fuzzy']} fuzzy, {c['orphaned']} orphaned")
    changed = c["moved"] + c["fuzzy"]
    if apply:
        done = f"; wrote {changed} new position{'s' if changed != 1 else ''}"
        if report.updated_transcripts:
            done += f"; recorded the new text of {', '.join(report.updated_transcripts)}"
        if c["orphaned"]:
            done += "; orphaned excerpts are kept as they were"
        sys.stderr.write(summary + done + "\n")
    elif changed or report.stale:
        sys.stderr.write(summary + "; nothing written: run `realist reanchor --apply` to write the new positions"
                         + (" and record the new text" if report.stale else "") + "\n")
    else:
        sys.stderr.write(summary + "\n")
