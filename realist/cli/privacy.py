"""`realist pseudonymise`: replace real names, places and identifiers with pseudonyms."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from realist.cli.common import open_project, project_option


@click.command()
@click.argument("transcripts", nargs=-1, metavar="[TRANSCRIPT]...")
@click.option("--key", "key_path", type=click.Path(path_type=Path), default=None,
              help="The key file (default: ~/.config/realist/keys/<project folder>.yaml); never inside the project.")
@click.option("--add", "pairs", multiple=True, metavar="TERM=PSEUDONYM",
              help="Add a term to the key instead (repeatable); the key is created if missing.")
@click.option("--category", default="name", show_default=True, type=click.Choice(["name", "place", "other"]),
              help="With --add: what the terms are.")
@click.option("--dry-run", is_flag=True, help="Say what would change; write nothing.")
@click.option("--where", is_flag=True, help="Print the key file's path and stop.")
@project_option
def pseudonymise(transcripts: tuple[str, ...], key_path: Path | None, pairs: tuple[str, ...], category: str,
                 dry_run: bool, where: bool, project_path: Path | None) -> None:
    """Replace the key's real names, places and identifiers with pseudonyms.

    Rewrites the text of the transcripts (all, unless named), their speaker labels,
    titles, sites and source names, and moves every coded excerpt with the text so
    no coding is lost. The key lives outside the project; realist refuses one inside
    it. Memos are never rewritten: `realist check --privacy` names any to edit.
    Pseudonymising is not kept in the undo history (that would keep the real names).

    \b
    Example:
      realist pseudonymise --add "Samantha Jones=Sam" --add "Dev Patel=Alex"
      realist pseudonymise --add "Leeds=Region A" --category place
      realist pseudonymise --dry-run
      realist pseudonymise
      realist check --privacy
    """
    from realist.privacy import add_terms, key_path_for, load_key
    from realist.privacy.apply import pseudonymise as apply
    from realist.privacy.key import parse_pair
    from realist.text import plural

    project = open_project(project_path)
    path = key_path_for(project.root, key_path)
    if where:
        sys.stdout.write(f"{path}\n")
        return
    if pairs:
        if transcripts:
            from realist.errors import UsageError

            raise UsageError("--add changes the key only; run `realist pseudonymise` again to apply it")
        key = add_terms(path, [parse_pair(p) for p in pairs], category)
        sys.stderr.write(f"added {plural(len(pairs), category)} to {path} ({plural(len(key), 'term')} in all); "
                         "apply them with `realist pseudonymise`\n")
        return
    key = load_key(path)
    done = apply(project, key, list(transcripts) or None, dry_run=dry_run)
    verb = "would replace" if dry_run else "replaced"
    total = 0
    for item in done:
        total += item.count
        if item.count or item.excerpts:
            terms = ", ".join(f"{term} ×{n}" for term, n in sorted(item.terms.items()))
            moved = f"; {plural(item.excerpts, 'excerpt')} moved with the text" if item.excerpts else ""
            sys.stdout.write(f"{item.transcript}: {verb} {plural(item.count, 'term')} ({terms}){moved}\n")
    sys.stderr.write(f"{plural(len(done), 'transcript')} checked, {verb} {plural(total, 'term')}"
                     f"{' (nothing written)' if dry_run else ''}; now run `realist check --privacy` "
                     "to find names in memos and exports\n")
