"""The excerpt index (.realist-cache/excerpts.sqlite): same answers with and without it, never stale."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import analysiskit
import pytest

from tests.conftest import REPO

built = pytest.fixture(scope="module")(analysiskit.built_project)
coded = pytest.fixture(analysiskit.fresh_copy)

INDEX = Path(".realist-cache") / "excerpts.sqlite"

QUERIES = [
    ["excerpts", "--format", "json"],
    ["excerpts", "--theory", "alpha", "--format", "json"],
    ["excerpts", "--element", "M1", "--format", "csv"],
    ["excerpts", "--theory", "alpha", "--element", "M1", "--format", "md"],
    ["excerpts", "--code", "free:quick-response", "--format", "json"],
    ["excerpts", "--stance", "refutes", "--role", "probation officer", "--format", "json"],
    ["excerpts", "--group", "recipient", "--site", "region a", "--format", "json"],
    ["excerpts", "--stage", "second", "--coder", "alice", "--format", "json"],
    ["excerpts", "--strand", "staff-interviews", "--key", "--format", "json"],
    ["excerpts", "--text", "the", "--transcript", "po-1", "--format", "json"],
    ["matrix"],
    ["matrix", "--rows", "element", "--cols", "stage", "--coder", "alice", "--format", "json"],
    ["matrix", "--rows", "code", "--cols", "site", "--participants"],
    ["matrix", "--rows", "theory", "--cols", "role", "--stance", "refutes"],
    ["matrix", "--cols", "group"],
    ["matrix", "--cols", "transcript", "--format", "json"],
    ["cooccur"],
    ["cooccur", "--unit", "turn", "--format", "json"],
    ["cooccur", "--unit", "transcript", "--level", "theory"],
    ["cooccur", "--only", "configurations", "--coder", "bob"],
    ["framework", "--format", "md"],
    ["framework", "--rows", "site", "--memos", "--format", "json"],
]


def _answers(root: Path, run, queries: list[list[str]]) -> list[tuple[int, str, str]]:
    out = []
    for argv in queries:
        r = run(argv, cwd=root)
        out.append((r.code, r.out, r.err))
    return out


def _same_with_and_without(root: Path, run, monkeypatch, queries: list[list[str]]) -> None:
    monkeypatch.setenv("REALIST_NO_CACHE", "1")
    plain = _answers(root, run, queries)
    assert not (root / INDEX).exists()
    monkeypatch.delenv("REALIST_NO_CACHE")
    first = _answers(root, run, queries)  # builds the index
    assert (root / INDEX).is_file()
    again = _answers(root, run, queries)  # answers from it
    for argv, a, b, c in zip(queries, plain, first, again, strict=True):
        assert a == b == c, argv
    assert any(code == 0 and out.strip() for code, out, _ in plain)


def test_same_answers_with_and_without_the_index(coded, run, monkeypatch) -> None:
    root, _ = coded
    _same_with_and_without(root, run, monkeypatch, QUERIES)


@pytest.mark.slow
def test_same_answers_on_the_tiny_benchmark(tmp_path, run, monkeypatch) -> None:
    sys.path.insert(0, str(REPO))
    from benchmarks.generate import SCALES, generate

    root = tmp_path / "bench"
    generate(root, SCALES["tiny"])
    from realist.store.project import load_project

    theory = next(iter(load_project(root).theories))
    queries = [["excerpts", "--theory", theory, "--element", "M1"], ["excerpts", "--element", "C1", "--format", "json"],
               ["excerpts", "--site", "site-1", "--stance", "refutes"], ["matrix"],
               ["matrix", "--rows", "element", "--cols", "site", "--participants"], ["cooccur"],
               ["cooccur", "--unit", "turn"], ["framework", "--format", "md"]]
    _same_with_and_without(root, run, monkeypatch, queries)


def _age(root: Path, seconds: int = 10) -> None:
    """Make every file look written ``seconds`` ago (so the index trusts their signatures)."""
    import time

    then = time.time_ns() - seconds * 1_000_000_000
    for path in root.rglob("*"):
        if path.is_file() and ".realist-cache" not in path.parts:
            os.utime(path, ns=(then, then))


@pytest.mark.parametrize("aged", [False, True], ids=["just-written", "trusted"])
def test_index_follows_every_change(coded, run, monkeypatch, aged) -> None:
    root, _ = coded
    if aged:
        _age(root)
    before = run(["excerpts", "--format", "json"], cwd=root).out
    assert (root / INDEX).is_file()
    files = sorted((root / "transcripts" / "codings").glob("*/*.yaml"))
    path = files[0]
    text = path.read_text(encoding="utf-8")
    assert '"supports"' in text
    path.write_text(text.replace('"supports"', '"refutes"', 1), encoding="utf-8")  # another size, same second
    changed = run(["excerpts", "--format", "json"], cwd=root).out
    assert changed != before and changed.count('"refutes"') == before.count('"refutes"') + 1
    path.write_text(text.replace("alpha:M1", "alpha:M9", 1), encoding="utf-8")  # same size, same second
    assert "alpha:M9" in run(["excerpts", "--format", "json"], cwd=root).out
    if aged:  # the file is re-read file by file, not the whole index rebuilt
        _age(root, 5)
        run(["matrix"], cwd=root)
        db = sqlite3.connect(root / INDEX)
        n = db.execute("SELECT count(*) FROM x WHERE file = ?", (str(path),)).fetchone()[0]
        db.close()
        assert n == text.count('"id"')
        path.write_text(text.replace("alpha:M1", "alpha:M8", 1), encoding="utf-8")
        then = path.stat().st_mtime_ns - 4_000_000_000
        os.utime(path, ns=(then, then))  # trusted, and changed: its rows are replaced, the rest kept
        indexed = [run(argv, cwd=root).out for argv in QUERIES[:3] + QUERIES[10:12] + QUERIES[16:18]]
        monkeypatch.setenv("REALIST_NO_CACHE", "1")
        assert [run(argv, cwd=root).out for argv in QUERIES[:3] + QUERIES[10:12] + QUERIES[16:18]] == indexed
        monkeypatch.delenv("REALIST_NO_CACHE")
        db = sqlite3.connect(root / INDEX)
        assert db.execute("SELECT v FROM meta WHERE k = 'sorted'").fetchone() == ("0",)  # updated, not rebuilt
        assert any("alpha:M8" in out for out in indexed)
        db.close()
    people = root / "transcripts" / "participants.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("Region A", "Region Z"), encoding="utf-8")
    assert "Region Z" in run(["excerpts", "--format", "json"], cwd=root).out
    path.unlink()
    gone = run(["matrix", "--format", "json"], cwd=root).out
    monkeypatch.setenv("REALIST_NO_CACHE", "1")
    assert run(["matrix", "--format", "json"], cwd=root).out == gone


def test_unreadable_index_is_ignored(coded, run) -> None:
    root, _ = coded
    expected = run(["matrix"], cwd=root).out
    (root / INDEX).write_bytes(b"not a database at all")
    assert run(["matrix"], cwd=root).out == expected
    db = sqlite3.connect(root / INDEX)
    db.execute("DROP TABLE x")
    db.commit()
    db.close()
    assert run(["matrix"], cwd=root).out == expected
