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


def build(make_project, run) -> tuple[Path, dict[str, str]]:
    """The project root and the excerpt ids by their names above (a1..a5, b1, b2)."""
    from realist import load_project
    from realist.coding import add_excerpt, get_transcript

    root = make_project({"po1.txt": PO1, "rec1.txt": REC1})
    for args in (["--role", "Probation Officer", "--group", "staff", "--site", "Region A",
                  "--strand", "staff-interviews"],
                 ["--role", "Person on IOM", "--group", "recipient", "--site", "Region B",
                  "--strand", "recipient-interviews"]):
        r = run(["participants", "add", *args], cwd=root)
        assert r.code == 0, r.err
    for name, stage, site, who in (("po1.txt", "initial", "Region A", "P01"),
                                   ("rec1.txt", "second", "Region B", "P02")):
        r = run(["transcripts", "import", name, "--stage", stage, "--site", site, "--participant", who], cwd=root)
        assert r.code == 0, r.err
    assert run(["codebook", "add", "quick-response", "--definition", "Breaches met fast"], cwd=root).code == 0
    project = load_project(root)
    ids: dict[str, str] = {}
    for coder, items, prefix in (("alice", ALICE, "a"), ("bob", BOB, "b")):
        for i, (tid, quote, codes, stance) in enumerate(items, start=1):
            text = get_transcript(project, tid).text
            start = text.index(quote)
            e = add_excerpt(project, tid, start, start + len(quote), codes, stance=stance, coder=coder)
            ids[f"{prefix}{i}"] = e.id
    return root, ids
