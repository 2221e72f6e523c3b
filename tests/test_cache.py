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
