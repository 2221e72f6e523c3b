"""A small coded project built by hand, whose counts are worked out in the comments below.

Two interviews:
  po1  (stage initial, site Region A): P01, Probation Officer, staff, strand staff-interviews
  rec1 (stage second,  site Region B): P02, Person on IOM, recipient, strand recipient-interviews

alice's excerpts (id: codes [stance]):
  a1 po1  "Small caseloads let me listen. People feel heard and they engage."  alpha:C1 alpha:M1 alpha:O1
  a2 po1  "The housing shortage gets in the way."                             alpha:C2 [refutes]
  a3 rec1 "My officer listens, so I keep coming."                             alpha:M1 alpha:O1
  a4 rec1 "Breaches get a quick response."                                    beta:C1 free:quick-response
  a5 rec1 "I expect to be caught, so I comply."                               beta:M1 beta:O1
bob's excerpts (po1 only):
  b1 po1  "Small caseloads let me listen."                                    alpha:C1
  b2 po1  "The housing shortage gets in the way. Trust takes time."           alpha:C2
"""

from __future__ import annotations

import shutil
from pathlib import Path

PO1 = """\
Interviewer: How do the weekly meetings go?
Sam: Small caseloads let me listen. People feel heard and they engage.
Interviewer: And housing?
Sam: The housing shortage gets in the way. Trust takes time.
"""

REC1 = """\
Interviewer: What helps you?
Jo: My officer listens, so I keep coming. I feel heard.
Interviewer: Anything else?
Jo: Breaches get a quick response. I expect to be caught, so I comply.
"""

ALICE = [
    ("po1", "Small caseloads let me listen. People feel heard and they engage.",
     ["alpha:C1", "alpha:M1", "alpha:O1"], "supports"),
    ("po1", "The housing shortage gets in the way.", ["alpha:C2"], "refutes"),
    ("rec1", "My officer listens, so I keep coming.", ["alpha:M1", "alpha:O1"], "supports"),
    ("rec1", "Breaches get a quick response.", ["beta:C1", "free:quick-response"], "supports"),
    ("rec1", "I expect to be caught, so I comply.", ["beta:M1", "beta:O1"], "supports"),
]
BOB = [
    ("po1", "Small caseloads let me listen.", ["alpha:C1"], "supports"),
    ("po1", "The housing shortage gets in the way. Trust takes time.", ["alpha:C2"], "supports"),
]


def build_at(root: Path) -> dict[str, str]:
    """Write the project under ``root`` (through the API) and return the excerpt ids by name (a1..a5, b1, b2)."""
    import textwrap

    from conftest import BASE

    from realist import load_project
    from realist.coding import add_excerpt, add_free_code, get_transcript
    from realist.ingest.importer import import_transcripts
    from realist.ingest.people import add_participant

    for rel, text in {**BASE, "po1.txt": PO1, "rec1.txt": REC1}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    (root / "theories" / "evidence").mkdir(exist_ok=True)
    project = load_project(root)
    add_participant(project, "Probation Officer", group="staff", site="Region A", strand="staff-interviews")
    add_participant(project, "Person on IOM", group="recipient", site="Region B", strand="recipient-interviews")
    import_transcripts(project, [root / "po1.txt"], stage="initial", site="Region A", participants=["P01"])
    import_transcripts(project, [root / "rec1.txt"], stage="second", site="Region B", participants=["P02"])
    add_free_code(project, "quick-response", "Breaches met fast")
    project = load_project(root)
    ids: dict[str, str] = {}
    for coder, items, prefix in (("alice", ALICE, "a"), ("bob", BOB, "b")):
        for i, (tid, quote, codes, stance) in enumerate(items, start=1):
            text = get_transcript(project, tid).text
            start = text.index(quote)
            e = add_excerpt(project, tid, start, start + len(quote), codes, stance=stance, coder=coder)
            ids[f"{prefix}{i}"] = e.id
    return ids


def built_project(tmp_path_factory):
    """Fixture body: the project, built once per test module (``pytest.fixture(scope="module")``)."""
    root = tmp_path_factory.mktemp("analysis") / "proj"
    return root, build_at(root)


def fresh_copy(built, tmp_path):
    """Fixture body: a fresh copy of the hand-built project for each test: (root, excerpt ids by name)."""
    root, ids = built
    shutil.copytree(root, tmp_path / "proj")
    return tmp_path / "proj", ids
