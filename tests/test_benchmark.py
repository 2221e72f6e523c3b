"""The benchmark at a tiny scale: the generated project is valid and the timed commands give right answers.

A correctness check, not a timing assertion (timings are for `python benchmarks/run.py`).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

sys.path.insert(0, str(REPO))

from benchmarks.generate import SCALES, generate  # noqa: E402


@pytest.fixture
def tiny(tmp_path: Path) -> tuple[Path, dict]:
    root = tmp_path / "bench"
    made = generate(root, SCALES["tiny"])
    (root / ".benchmark.json").write_text(json.dumps(made), encoding="utf-8")
    return root, made


def test_same_seed_same_project(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    generate(a, SCALES["tiny"])
    generate(b, SCALES["tiny"])
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)
    c = tmp_path / "c"
    from dataclasses import replace
    generate(c, replace(SCALES["tiny"], seed=2))
    assert (c / "transcripts" / "t0001.txt").read_text() != (a / "transcripts" / "t0001.txt").read_text()


def test_generated_project_passes_check(tiny, run) -> None:
    root, made = tiny
    result = run(["check"], cwd=root)
    assert result.code == 0, result.out + result.err
    assert "no problems" in result.err + result.out


def test_timed_queries_answer_right(tiny, run) -> None:
    root, made = tiny
    theory = made["theories"][0]
    result = run(["excerpts", "--theory", theory, "--element", "M1", "--format", "json"], cwd=root)
    assert result.code == 0, result.err
    assert len(json.loads(result.out)) == made["code_counts"][f"{theory}:M1"]
    every = run(["excerpts", "--format", "json"], cwd=root)
    assert len(json.loads(every.out)) == made["excerpts"]
    for command in (["matrix", "--format", "csv"], ["cooccur", "--format", "csv"], ["theories"]):
        result = run(command, cwd=root)
        assert result.code == 0, (command, result.err)
        assert theory in result.out


def test_code_row_adds_one_excerpt(tiny, run) -> None:
    root, made = tiny
    from benchmarks.run import code_spans
    _, argv = code_spans(root)
    args = argv(0)[3:]  # drop `python -m realist`
    assert run(args, cwd=root).code == 0
    every = run(["excerpts", "--format", "json"], cwd=root)
    assert len(json.loads(every.out)) == made["excerpts"] + 1


@pytest.mark.slow
def test_runner_end_to_end(tiny) -> None:
    root, _ = tiny
    proc = subprocess.run([sys.executable, str(REPO / "benchmarks" / "run.py"), str(root), "--runs", "1"],
                          capture_output=True, text=True, timeout=300)
    assert "realist check" in proc.stdout and "peak memory" in proc.stdout, proc.stdout + proc.stderr
    assert "exit " not in proc.stdout, proc.stdout  # every command ran (exit 0 or 1)
    assert not list((root / "transcripts" / "codings").glob("*/bench-*.yaml"))  # the runner cleaned up
