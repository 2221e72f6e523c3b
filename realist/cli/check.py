"""`realist check`: validate everything, report every finding."""

from __future__ import annotations

from pathlib import Path

import click

from realist.cli.common import emit_report, format_option, project_option


@click.command()
@project_option
@click.option("--strict", is_flag=True, help="Treat warnings as failures too.")
@click.option("--privacy", is_flag=True, help="Also scan transcripts, memos and exports for names in the key file.")
@click.option("--key", "key_path", type=click.Path(path_type=Path), default=None,
              help="The pseudonymisation key file (with --privacy).")
@click.option("--scan", "scan", multiple=True, type=click.Path(path_type=Path),
              help="With --privacy: also scan this file or folder, e.g. exports kept outside the project.")
@format_option("text", "json", default="text")
def check(project_path: Path | None, strict: bool, privacy: bool, key_path: Path | None, scan: tuple[Path, ...],
          fmt: str) -> None:
    """Validate the manifest, every theory, evidence file and coding.

    Prints each problem as FILE:LINE:COL message. Exits 0 when all is well,
    1 when there are findings.

    \b
    Example:
      realist check
      realist check --strict --format json
      realist check --privacy --scan ../exports
    """
    from realist.check import check_project

    report = check_project(project_path, privacy=privacy or bool(scan) or key_path is not None, key_path=key_path,
                           scan_paths=list(scan) or None)
    emit_report(report, fmt, strict)
