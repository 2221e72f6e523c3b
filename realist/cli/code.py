"""`realist code`, `realist uncode`, `realist recode`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from realist.cli.common import project_option
from realist.model import Excerpt, Project

_STANCE = click.Choice(["supports", "refutes", "refines"])


def _describe(project: Project, excerpt: Excerpt) -> str:
    from realist.coding import line_col
    from realist.store.transcripts import get_transcript

    t = get_transcript(project, excerpt.transcript)
    l1 = line_col(t.text, excerpt.start)[0]
    l2 = line_col(t.text, max(excerpt.start, excerpt.end - 1))[0]
    lines = f"line {l1}" if l1 == l2 else f"lines {l1}-{l2}"
    extra = ", configurational" if excerpt.configurational else ""
    return (f"{excerpt.id} in {excerpt.transcript} ({lines}, {excerpt.coder}): "
            f"{', '.join(excerpt.codes)} [{excerpt.stance}{extra}]")


@click.command(context_settings={"ignore_unknown_options": False})
@click.argument("transcript_id", metavar="ID")
@click.argument("span_and_codes", nargs=-1, metavar="[SPAN] [CODE]...")
@click.option("--find", "phrase", default=None, help="Code the place where this exact phrase occurs (no SPAN then).")
@click.option("--nth", type=int, default=None, help="With --find: the Nth occurrence (1 = first).")
@click.option("--stance", type=_STANCE, default="supports", show_default=True,
              help="Does the passage support, refute or refine what it is coded to?")
@click.option("--memo", default=None, help="A note on this excerpt.")
@click.option("--coder", default=None, help="Who codes (default: $REALIST_CODER, else your login name).")
@click.option("--key", "key", is_flag=True, help="Mark it a key quotation (for the quotation appendix).")
@click.option("--read-only", is_flag=True, help="Interactive screen only: look, do not change anything.")
@project_option
def code(transcript_id: str, span_and_codes: tuple[str, ...], phrase: str | None, nth: int | None, stance: str,
         memo: str | None, coder: str | None, key: bool, read_only: bool, project_path: Path | None) -> None:
    """Code a passage of a transcript, or open the coding screen.

    SPAN is lines (12-14), line:column (12:5-14:20, end column included), or
    leave it out and give --find "a phrase". CODEs are a theory id, theory:ELEMENT
    (C1, I1, M1, O1...) or free:name from codebook.yaml. Several elements of one
    theory on one passage make a configurational excerpt. Prints the excerpt id.
    Without SPAN and CODE, opens the interactive coding screen.

    \b
    Example:
      realist code po-1 12-14 trusting-relationships:C1 trusting-relationships:M1
      realist code po-1 --find "she never lied to me" trusting-relationships:M1 --stance supports
      realist code po-1
    """
    from realist.cli.common import open_project
    from realist.coding import add_excerpt, default_coder, find_phrase, resolve_span
    from realist.errors import UsageError
    from realist.store.transcripts import get_transcript

    project = open_project(project_path)
    transcript = get_transcript(project, transcript_id)
    items = list(span_and_codes)
    if not items and phrase is None:
        _interactive(project, transcript_id, coder, read_only)
        return
    if nth is not None and phrase is None:
        raise UsageError("--nth goes with --find \"a phrase\"")
    if phrase is not None:
        start, end = find_phrase(transcript, phrase, nth)
        codes = items
    else:
        start, end = resolve_span(transcript, items[0])
        codes = items[1:]
    if not codes:
        raise UsageError("give at least one CODE after the span: `theory`, `theory:ELEMENT` or `free:name`")
    excerpt = add_excerpt(project, transcript_id, start, end, codes, stance=stance, coder=default_coder(coder),
                          memo=memo, key=key)
    sys.stdout.write(excerpt.id + "\n")
    sys.stderr.write(f"coded {_describe(project, excerpt)}\n")


def _interactive(project: Project, transcript_id: str, coder: str | None, read_only: bool) -> None:
    from realist.coding import default_coder
    from realist.errors import UsageError

    try:
        from realist.tui.app import run
    except ImportError as exc:  # a broken install (textual missing): say so, offer the command line
        raise UsageError(f"the interactive coding screen cannot start ({exc}); reinstall realist with "
                         "`pip install --force-reinstall realist`, or give a SPAN and CODE to code from the "
                         "command line (see `realist code --help`)") from None
    run(project, transcript_id, coder=default_coder(coder), read_only=read_only)


@click.command()
@click.argument("excerpt_id", metavar="EXCERPT")
@project_option
def uncode(excerpt_id: str, project_path: Path | None) -> None:
    """Remove an excerpt and its codes. It is kept in .realist-trash/ so it can be restored.

    \b
    Example:
      realist uncode rnfgk3vf
    """
    from realist.cli.common import open_project
    from realist.coding import remove_excerpt

    project = open_project(project_path)
    old = remove_excerpt(project, excerpt_id)
    sys.stderr.write(f"removed excerpt {old.id} of {old.transcript} ({', '.join(old.codes)}); "
                     "a copy is in .realist-trash/\n")


@click.command()
@click.argument("excerpt_id", metavar="EXCERPT")
@click.argument("codes", nargs=-1, required=True, metavar="CODE...")
@click.option("--stance", type=_STANCE, default=None, help="Change the stance too.")
@click.option("--memo", default=None, help="Replace the memo (\"\" removes it).")
@click.option("--key/--no-key", "key", default=None, help="Mark or unmark it as a key quotation.")
@project_option
def recode(excerpt_id: str, codes: tuple[str, ...], stance: str | None, memo: str | None, key: bool | None,
           project_path: Path | None) -> None:
    """Replace the codes of an excerpt (the version before is kept in .realist-trash/).

    \b
    Example:
      realist recode rnfgk3vf trusting-relationships:C1 trusting-relationships:O1 --stance refines
    """
    from realist.cli.common import open_project
    from realist.coding import recode as recode_excerpt

    project = open_project(project_path)
    new = recode_excerpt(project, excerpt_id, list(codes), stance=stance, memo=memo, key=key)
    sys.stderr.write(f"recoded {_describe(project, new)}\n")
