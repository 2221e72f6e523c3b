"""`realist codebook promote | rename | merge`: the moves of inductive coding."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from realist.cli.common import open_project, project_option


def _say(report: object, what: str) -> None:
    from realist.coding.codebook import ChangeReport
    from realist.text import plural

    assert isinstance(report, ChangeReport)
    memos = f", {plural(report.memos, 'memo')}" if report.memos else ""
    sys.stderr.write(f"{what}: {plural(report.excerpts, 'excerpt')} re-pointed to {report.code} "
                     f"({plural(report.files, 'codings file')}{memos})\n")


@click.command()
@click.argument("code", metavar="free:NAME")
@click.option("--to", "target", required=True, metavar="THEORY:ELEMENT",
              help="The element it becomes, e.g. trusting-relationships:C7 (added to the theory if new).")
@click.option("--text", default=None, help="The new element's text (default: the free code's definition).")
@project_option
def promote(code: str, target: str, text: str | None, project_path: Path | None) -> None:
    """Move a free code into a theory and re-point every coding of it.

    When the theory has no such element yet, it is added to the theory file (C for a
    context, I an intervention, M a mechanism, O an outcome) with the free code's
    definition; your comments and layout are kept. The free code leaves codebook.yaml.

    \b
    Example:
      realist codebook promote free:family-support --to trusting-relationships:C7
      realist codebook promote free:feels-watched --to control-to-deter:M1
    """
    from realist.coding.codebook import promote as do_promote

    project = open_project(project_path)
    report = do_promote(project, code, target, text=text)
    added = f"added {report.code} to {report.code.split(':')[0]}; " if report.added_element else ""
    _say(report, f"{added}promoted {code}")


@click.command()
@click.argument("code", metavar="free:OLD")
@click.argument("new", metavar="free:NEW")
@project_option
def rename(code: str, new: str, project_path: Path | None) -> None:
    """Rename a free code in codebook.yaml, in every coding and in memos on it.

    \b
    Example:
      realist codebook rename free:family free:family-support
    """
    from realist.coding.codebook import rename as do_rename

    project = open_project(project_path)
    _say(do_rename(project, code, new), f"renamed {code}")


@click.command()
@click.argument("codes", nargs=-1, required=True, metavar="free:NAME...")
@click.option("--into", "into", required=True, metavar="CODE",
              help="The code they become: another free code, or a theory element.")
@project_option
def merge(codes: tuple[str, ...], into: str, project_path: Path | None) -> None:
    """Fold one or more free codes into another code; their codings follow.

    An excerpt that had both keeps the code once. The merged names are kept under
    `merged_from:` of the remaining free code, so the history stays readable.

    \b
    Example:
      realist codebook merge free:family free:kin --into free:family-support
    """
    from realist.coding.codebook import merge as do_merge

    project = open_project(project_path)
    _say(do_merge(project, list(codes), into), f"merged {', '.join(codes)}")
