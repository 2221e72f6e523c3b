"""Shared fixtures: projects built from dicts, the CLI driven in-process with stdout and stderr apart."""

from __future__ import annotations

import contextlib
import io
import os
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

# CI explores the same examples every run (a run is a verdict, not a lottery); a developer's run
# explores new ones each time, which is how the fuzz tests keep finding things.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent

MANIFEST = """\
format: 1
title: Test evaluation
theories: theories
transcripts: transcripts
evidence: theories/evidence
phases: [initial, second, third]
strength:
  scale: [convincing, plausible, tentative]
strands:
  staff-interviews: {label: Staff interviews, kind: qualitative}
  recipient-interviews: {label: Recipient interviews, kind: qualitative}
  psm: {label: Matched comparison, kind: quantitative}
groups:
  carrot: The carrot
  stick: The stick
"""

THEORY_A = """\
id: alpha
title: Alpha
group: carrot
statement: {if: staff listen, then: people engage, because: they feel heard}
strength: {rating: plausible, sources: [staff-interviews]}
contexts:
  - {id: C1, text: Small caseloads, role: requirement}
  - {id: C2, text: Housing shortage, role: barrier}
interventions:
  - {id: I1, text: Weekly meetings}
mechanisms:
  - {id: M1, text: Feeling heard, kind: reasoning}
outcomes:
  - {id: O1, text: Engagement, term: short}
links:
  - {to: beta, via: O1, label: engagement opens the door}
history:
  - {phase: initial, status: proposed}
"""

THEORY_B = """\
id: beta
title: Beta
group: stick
statement: {if: breaches meet quick responses, then: compliance rises, because: people expect to be caught}
strength: {rating: tentative, sources: [staff-interviews, recipient-interviews]}
contexts:
  - {id: C1, text: Shared intelligence, role: requirement}
mechanisms:
  - {id: M1, text: Expectation of being caught, kind: reasoning}
outcomes:
  - {id: O1, text: Compliance, term: medium}
history:
  - {phase: initial, status: proposed}
  - {phase: second, status: supported}
"""

BASE = {"realist.yaml": MANIFEST, "theories/alpha.yaml": THEORY_A, "theories/beta.yaml": THEORY_B}


@pytest.fixture
def make_project(tmp_path: Path):
    """``make_project({"theories/x.yaml": "..."})`` -> project root; ``None`` removes a base file."""

    def make(files: dict[str, str | bytes | None] | None = None, *, base: bool = True) -> Path:
        root = tmp_path / "proj"
        content: dict[str, str | bytes | None] = dict(BASE) if base else {}
        content.update(files or {})
        for rel, text in content.items():
            if text is None:
                continue
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(textwrap.dedent(text), encoding="utf-8")
        (root / "theories" / "evidence").mkdir(parents=True, exist_ok=True)
        return root

    return make


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def run():
    """``run(["check"], cwd=root)`` -> Result(code, out, err), in-process."""

    def invoke(args: list[str], cwd: Path | None = None, input: str | None = None) -> Result:
        from realist import ui
        from realist.cli.main import main

        out, err = io.StringIO(), io.StringIO()
        old = Path.cwd()
        old_stdin = os.sys.stdin  # type: ignore[attr-defined]
        code = 0
        try:
            if cwd is not None:
                os.chdir(cwd)
            if input is not None:
                os.sys.stdin = io.StringIO(input)  # type: ignore[attr-defined]
            ui.reset()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    main(args)
                except SystemExit as exc:
                    code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        finally:
            os.chdir(old)
            os.sys.stdin = old_stdin  # type: ignore[attr-defined]
            ui.reset()
        return Result(code, out.getvalue(), err.getvalue())

    return invoke
