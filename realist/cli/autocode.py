"""`realist autocode PATTERN CODE`: code every match of a text search, after a preview."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from realist.cli.common import project_option
from realist.model import STANCES


@click.command()
@click.argument("pattern")
@click.argument("code")
@click.option("--regex", is_flag=True, help="PATTERN is a regular expression (default: the words as written).")
@click.option("--whole-words", "-w", is_flag=True, help="Match whole words only (listen, not listens).")
@click.option("--scope", type=click.Choice(["match", "sentence", "turn"]), default="match", show_default=True,
              help="Code the matched words, their sentence, or the speaker's whole turn.")
@click.option("--speaker", default=None, metavar="ROLE",
              help="Only what participants of this role or group say (Probation Officer, recipient...).")
@click.option("--transcript", "transcripts", multiple=True, metavar="ID",
              help="Only this transcript (repeatable; default: all).")
@click.option("--stance", type=click.Choice(STANCES), default="supports", show_default=True,
              help="The stance of the new codings.")
@click.option("--coder", default=None, help="Code as this coder (default: $REALIST_CODER, else your login name).")
@click.option("--dry-run", is_flag=True, help="Show what would be coded; write nothing.")
@click.option("--yes", "-y", is_flag=True, help="Write without asking (for scripts).")
@project_option
def autocode(pattern: str, code: str, regex: bool, whole_words: bool, scope: str, speaker: str | None, transcripts: tuple[str, ...],
             stance: str, coder: str | None, dry_run: bool, yes: bool, project_path: Path | None) -> None:
    """Code every passage where PATTERN occurs (case is ignored) with CODE.

    Shows how many passages match and a sample, then asks before writing. Without a
    terminal it only previews unless --yes is given. Passages already coded with CODE
    (by the same coder) are left alone, so running it twice changes nothing.

    \b
    Example:
      realist autocode "trust" trusting-relationships:M1 --scope sentence --dry-run
      realist autocode "recall(ed)? to prison" control-to-deter:O2 --regex --scope turn --yes
      realist autocode "housing" free:housing --speaker "Probation Officer"
    """
    from realist.cli.common import open_project
    from realist.coding.autocode import apply_autocode, plan_autocode
    from realist.text import plural

    project = open_project(project_path)
    plan = plan_autocode(project, pattern, code, regex=regex, scope=scope, speaker=speaker, coder=coder,
                         stance=stance, transcripts=list(transcripts) or None, whole_words=whole_words)
    _preview(plan)
    if not plan.changes:
        return
    if dry_run:
        sys.stderr.write("dry run: nothing written\n")
        return
    if not yes:
        if not sys.stdin.isatty():
            sys.stderr.write("nothing written: add --yes to code them (no terminal to ask on)\n")
            return
        if not click.confirm(f"Code {plural(plan.changes, 'passage')} as {plan.code}?", default=False,
                             err=True):
            sys.stderr.write("nothing written\n")
            return
    files = apply_autocode(project, plan)
    sys.stderr.write(f"coded {plural(plan.changes, 'passage')} as {plan.code} for {plan.coder} "
                     f"({plural(len(files), 'codings file')} written)\n")


def _preview(plan: object) -> None:
    from realist.coding.autocode import AutocodePlan
    from realist.text import plural

    assert isinstance(plan, AutocodePlan)
    out = sys.stdout
    what = {"match": "matches", "sentence": "sentences", "turn": "turns"}[plan.scope]
    n_t = len(plan.transcripts)
    if not plan.changes:
        already = f"; {plural(plan.already, 'passage')} already coded with {plan.code}" if plan.already else ""
        out.write(f"{plural(plan.matches, 'match', 'matches')}{already}: nothing to do\n")
        return
    out.write(f"{plural(plan.matches, 'match', 'matches')}: {plural(len(plan.new), 'new excerpt')}"
              f"{f', {len(plan.extend)} existing excerpt(s) gain the code' if plan.extend else ''}"
              f"{f', {plan.already} already coded' if plan.already else ''}"
              f" ({what}, in {plural(n_t, 'transcript')}; coder {plan.coder})\n")
    for p in (plan.new + plan.extend)[:5]:
        text = plan.texts[p.transcript]
        lo, hi = max(p.start, p.match_start - 40), min(p.end, p.match_end + 40)
        if lo > p.start and " " in text[lo:p.match_start]:  # start and end on whole words
            lo = text.index(" ", lo, p.match_start) + 1
        if hi < p.end and " " in text[p.match_end:hi]:
            hi = text.rindex(" ", p.match_end, hi)
        snippet = (("…" if lo > p.start else "") + text[lo:p.match_start] + "[" + text[p.match_start:p.match_end]
                   + "]" + text[p.match_end:hi] + ("…" if hi < p.end else ""))
        flat = re.sub(r"\s+", " ", snippet)
        out.write(f"  {p.transcript}:{p.line}  {flat}\n")
    if plan.changes > 5:
        out.write(f"  … and {plan.changes - 5} more\n")
