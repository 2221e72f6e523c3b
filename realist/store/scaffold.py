"""`realist init`: a new project with a manifest and one example theory."""

from __future__ import annotations

from pathlib import Path

from realist.errors import UsageError
from realist.store.atomic import atomic_write_text

MANIFEST = """\
# realist project manifest. Reference: `realist schema realist`.
format: 1
title: {title}
programme: {title}
theories: theories               # one YAML file per programme theory
transcripts: transcripts         # imported transcripts and their codings (tool-managed)
evidence: theories/evidence      # quantitative evidence files
phases: [initial, second, third] # phases of iteration, in order
strength:
  scale: [convincing, plausible, tentative]
strands:
  staff-interviews: {{label: Interviews with staff, kind: qualitative}}
  recipient-interviews: {{label: Interviews with people receiving the programme, kind: qualitative}}
groups:
  main: Programme theories
"""

THEORY = """\
# An example programme theory: edit it, copy it, or delete it.
# Reference: `realist schema theory`.
id: example-theory
title: Example Theory
group: main
statement:
  if: Staff have time to get to know each person
  then: People engage with the support on offer
  because: They feel understood rather than processed
strength:
  rating: tentative
  sources: [staff-interviews]
contexts:
  - {id: C1, text: Caseloads small enough for regular contact, role: requirement}
mechanisms:
  - {id: M1, text: Feeling understood by a practitioner, kind: reasoning}
outcomes:
  - {id: O1, text: Engagement with support, term: short}
history:
  - {phase: initial, status: proposed, note: drafted from the theory of change}
"""


def init_project(folder: Path, title: str | None = None) -> list[Path]:
    """Create a project in ``folder``; refuses to touch an existing one. Returns the files written."""
    folder = folder.resolve()
    manifest = folder / "realist.yaml"
    if manifest.exists():
        raise UsageError(f"{manifest} already exists: this folder is already a realist project")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file, not a folder")
    name = title or folder.name.replace("-", " ").replace("_", " ").strip() or "My evaluation"
    safe = name.replace('"', "'")
    written = []
    for path, text in ((manifest, MANIFEST.format(title=f'"{safe}"')),
                       (folder / "theories" / "example-theory.yaml", THEORY)):
        atomic_write_text(path, text)
        written.append(path)
    for sub in ("theories/evidence", "transcripts"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    return written
