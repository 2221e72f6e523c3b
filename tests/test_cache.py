"""The disposable cache under .realist-cache/: same answers with and without it, never stale."""

from __future__ import annotations

import json

from realist.store.project import load_project


def test_scan_cache_same_project_and_never_stale(make_project, run, monkeypatch) -> None:
    root = make_project()
    first = run(["theories"], cwd=root)
    assert (root / ".realist-cache" / "scan.json").is_file()
    again = run(["theories"], cwd=root)
    assert again.out == first.out
    monkeypatch.setenv("REALIST_NO_CACHE", "1")
    assert run(["theories"], cwd=root).out == first.out
    monkeypatch.delenv("REALIST_NO_CACHE")
    cached, fresh = load_project(root), None
    monkeypatch.setenv("REALIST_NO_CACHE", "1")
    fresh = load_project(root)
    monkeypatch.delenv("REALIST_NO_CACHE")
    assert cached.theories == fresh.theories and cached.manifest == fresh.manifest
    path = root / "theories" / "alpha.yaml"
    path.write_text(path.read_text().replace("title: Alpha", "title: Alpho"))  # same size, same second
    assert "Alpho" in run(["theories"], cwd=root).out
    path.write_text(path.read_text().replace("role: barrier", "role: barier"))
    result = run(["check"], cwd=root)
    assert result.code == 1 and "barier" in result.out + result.err
    (root / "theories" / "gamma.yaml").write_text(path.read_text().replace("id: alpha", "id: gamma")
                                                  .replace("barier", "barrier"))
    path.write_text(path.read_text().replace("barier", "barrier"))
    assert "gamma" in run(["theories"], cwd=root).out


def test_unreadable_cache_is_ignored(make_project, run) -> None:
    root = make_project()
    expected = run(["theories"], cwd=root).out
    (root / ".realist-cache" / "scan.json").write_text("{not json")
    assert run(["theories"], cwd=root).out == expected
    entry = root / ".realist-cache" / "scan.json"
    data = json.loads(entry.read_text())
    data["code"] = "some other version"
    entry.write_text(json.dumps(data))
    assert run(["theories"], cwd=root).out == expected


def test_transcript_cache_follows_the_text(tmp_path, monkeypatch) -> None:
    import sys

    from tests.conftest import REPO

    sys.path.insert(0, str(REPO))
    from benchmarks.generate import SCALES, generate
    from realist.store.transcripts import load_transcripts

    root = tmp_path / "p"
    generate(root, SCALES["tiny"])
    first = load_transcripts(load_project(root))
    assert (root / ".realist-cache" / "transcripts.json").is_file()
    again = load_transcripts(load_project(root))
    assert [(t.speaker, t.start, t.end, t.participant) for t in again["t0001"].turns] == \
        [(t.speaker, t.start, t.end, t.participant) for t in first["t0001"].turns]
    path = root / "transcripts" / "t0001.txt"
    path.write_text(path.read_text().replace("\nResp: ", "\nResp; ", 1))  # same size: one turn fewer
    edited = load_transcripts(load_project(root))
    assert len(edited["t0001"].turns) == len(first["t0001"].turns) - 1
    monkeypatch.setenv("REALIST_NO_CACHE", "1")
    fresh = load_transcripts(load_project(root))
    assert [(t.speaker, t.start, t.end) for t in fresh["t0001"].turns] == \
        [(t.speaker, t.start, t.end) for t in edited["t0001"].turns]
