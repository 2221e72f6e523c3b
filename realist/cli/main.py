"""The `realist` command: a lazy group over one module per verb."""

from __future__ import annotations

import os
import sys

import click

from realist import __version__
from realist.cli.lazy import LazyGroup, Registry

COMMANDS: Registry = {
    "init": ("realist.cli.init", "init", "Start a project: manifest, folders and one example theory."),
    "check": ("realist.cli.check", "check", "Validate everything; findings as FILE:LINE:COL message."),
    "schema": ("realist.cli.schema", "schema", "Print a JSON Schema (realist, theory, evidence, toc)."),
    "theories": ("realist.cli.theory", "theories", "List the programme theories."),
    "theory": ("realist.cli.theory", "theory", "Show, revise or trace one theory."),
    "phases": ("realist.cli.phases", "phases", "Theory x phase matrix of statuses."),
    "transcripts": ("realist.cli.transcripts", "transcripts", "Import, list and show transcripts."),
    "participants": ("realist.cli.participants", "participants", "Pseudonymised participants and speakers."),
    "code": ("realist.cli.code", "code", "Code a transcript (interactive screen, or one coding)."),
    "uncode": ("realist.cli.code", "uncode", "Remove an excerpt (kept in the trash)."),
    "recode": ("realist.cli.code", "recode", "Replace the codes of an excerpt."),
    "reanchor": ("realist.cli.reanchor", "reanchor", "Re-locate excerpts after a transcript changed."),
    "codebook": ("realist.cli.codebook", "codebook", "Codes with definitions and counts; free codes."),
    "autocode": ("realist.cli.autocode", "autocode", "Code every match of a text search."),
    "excerpts": ("realist.cli.excerpts", "excerpts", "Find coded excerpts by theory, code, role, site..."),
    "matrix": ("realist.cli.matrix", "matrix", "Coding matrix: codes x cases, counts."),
    "framework": ("realist.cli.matrix", "framework", "Framework matrix: cases x theories, excerpts."),
    "cooccur": ("realist.cli.matrix", "cooccur", "Which codes occur together."),
    "memo": ("realist.cli.memo", "memo", "Analytic memos on theories, elements and excerpts."),
    "agreement": ("realist.cli.agreement", "agreement", "Inter-coder agreement (kappa, alpha)."),
    "evidence": ("realist.cli.evidence", "evidence", "Quantitative evidence: check, compute, say."),
    "audit": ("realist.cli.audit", "audit", "Evidence profiles and strength of evidence, RAMESES II."),
    "guide": ("realist.cli.guide", "guide", "Interview guide for the next phase."),
    "graph": ("realist.cli.graph", "graph", "Query and export the theory graph."),
    "diagram": ("realist.cli.diagram", "diagram", "Theory diagrams with Graphviz."),
    "export": ("realist.cli.export", "export", "Export tables, REFI-QDA projects and codebooks."),
    "import": ("realist.cli.import_", "import_", "Import REFI-QDA projects and codebooks."),
    "report": ("realist.cli.report", "report", "The appendix as one Word or HTML document."),
    "pseudonymise": ("realist.cli.privacy", "pseudonymise", "Replace real names with pseudonyms."),
    "undo": ("realist.cli.undo", "undo", "Take back the last change."),
}


@click.group(cls=LazyGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="realist")
def cli() -> None:
    """realist: programme theories, coding, evidence, diagrams and tables for realist evaluation.

    A project is a folder with a realist.yaml; commands find it like git finds
    .git, or take --project PATH.

    \b
    Example:
      realist check
      realist theory show trusting-relationships
    """


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; turn every known error into one line on stderr and exit 2."""
    import shlex

    from realist.errors import RealistError
    from realist.store.atomic import describe

    describe("realist " + shlex.join(argv if argv is not None else sys.argv[1:]))  # for `realist undo --list`
    try:
        code = cli.main(args=argv, prog_name="realist", standalone_mode=False)
    except RealistError as exc:
        sys.stderr.write(f"error: {exc}\n")
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except click.exceptions.Abort:
        sys.stderr.write("aborted; nothing was changed\n")
        sys.exit(130)
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted; every change shown as saved is on disk\n")
        sys.exit(130)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except Exception as exc:  # never a traceback for a researcher; REALIST_DEBUG shows it
        if os.environ.get("REALIST_DEBUG"):
            raise
        sys.stderr.write(f"error: unexpected problem ({type(exc).__name__}: {exc}). "
                         "Please report it; run with REALIST_DEBUG=1 for details.\n")
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
