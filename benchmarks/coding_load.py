"""How long loading, querying and checking codings take at scale.

    python benchmarks/coding_load.py [TRANSCRIPTS] [EXCERPTS_PER_TRANSCRIPT]

Builds a synthetic project in a temporary folder (default: 3,000 transcripts of 70
turns, 100,000 excerpts), then times realist's own API on it. The files are written
directly in the tool's formats, so building takes seconds, not the fsync of every
atomic write.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from realist import load_project
from realist.check import check_project
from realist.coding import load_excerpts, load_transcripts, query_excerpts
from realist.coding.anchor import context, excerpt_id
from realist.model import Excerpt, Transcript
from realist.store.codings import dumps_codings
from realist.store.transcripts import dump, sha256_text, transcript_data

MANIFEST = "format: 1\ntitle: Benchmark\ntheories: theories\ntranscripts: transcripts\nphases: [initial]\n"
THEORY = """id: alpha
title: Alpha
statement: {if: a, then: b, because: c}
contexts: [{id: C1, text: c}]
mechanisms: [{id: M1, text: m}]
outcomes: [{id: O1, text: o}]
"""
CODES = ["alpha", "alpha:C1", "alpha:M1", "alpha:O1"]


def build(root: Path, transcripts: int, per: int) -> int:
    (root / "theories").mkdir(parents=True)
    (root / "realist.yaml").write_text(MANIFEST, encoding="utf-8")
    (root / "theories/alpha.yaml").write_text(THEORY, encoding="utf-8")
    folder = root / "transcripts"
    folder.mkdir()
    rng = random.Random(1)
    total = 0
    for i in range(transcripts):
        tid = f"t{i:04d}"
        text = "".join(f"{'Interviewer' if j % 2 == 0 else 'Sam'}: sentence {j} of interview {i} about "
                       f"meetings, housing and trust.\n" for j in range(max(70, 2 * per + 2)))
        t = Transcript(id=tid, text=text, stage="initial", site="Region A",
                       speakers={"Interviewer": None, "Sam": None}, text_sha256=sha256_text(text))
        (folder / f"{tid}.txt").write_text(text, encoding="utf-8")
        (folder / f"{tid}.yaml").write_text(dump(transcript_data(t)), encoding="utf-8")
        excerpts = []
        for k in range(per):
            start = text.index(f"sentence {2 * k + 1} ")
            end = start + 44
            prefix, suffix = context(text, start, end)
            excerpts.append(Excerpt(id=excerpt_id(tid, start, end, "alice"), transcript=tid, start=start, end=end,
                                    quote=text[start:end], prefix=prefix, suffix=suffix,
                                    codes=rng.sample(CODES, 2), coder="alice", created="2026-01-01T00:00:00Z"))
        (folder / "codings" / tid).mkdir(parents=True)
        (folder / "codings" / tid / "alice.yaml").write_text(dumps_codings(tid, "alice", excerpts), encoding="utf-8")
        total += per
    return total


def main(argv: list[str]) -> None:
    transcripts = int(argv[0]) if argv else 3000
    per = int(argv[1]) if len(argv) > 1 else 34
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "bench"
        t0 = time.perf_counter()
        n = build(root, transcripts, per)
        print(f"built {transcripts:,} transcripts, {n:,} excerpts in {time.perf_counter() - t0:.1f} s")
        t0 = time.perf_counter()
        project = load_project(root)
        print(f"{'load project':<36} {time.perf_counter() - t0:6.2f} s")
        steps = (("load transcripts", lambda: len(load_transcripts(project))),
                 ("load excerpts", lambda: len(load_excerpts(project))),
                 ("query --theory alpha --element M1", lambda: len(query_excerpts(project, theory="alpha",
                                                                                   element="M1"))))
        for label, step in steps:
            t0 = time.perf_counter()
            result = step()
            print(f"{label:<36} {time.perf_counter() - t0:6.2f} s  ({result:,})")
        t0 = time.perf_counter()
        report = check_project(root)
        print(f"{'check (every excerpt verified)':<36} {time.perf_counter() - t0:6.2f} s  "
              f"({len(report.findings)} findings)")


if __name__ == "__main__":
    main(sys.argv[1:])
