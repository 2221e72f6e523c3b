"""Real processes: two coders writing at once, and a SIGKILL in the middle of a write."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import REPO

LINES = "".join(f"Sam: sentence number {i} about the weekly meetings.\n" for i in range(1, 401))


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env["REALIST_CODER"] = "alice"
    return env


@pytest.fixture
def imported(make_project, run):
    root = make_project({"s1.txt": "Interviewer: tell me\n" + LINES})
    assert run(["transcripts", "import", "s1.txt"], cwd=root).code == 0
    return root


@pytest.mark.slow
def test_concurrent_code_processes_all_land(imported):
    procs = [subprocess.Popen([sys.executable, "-m", "realist", "code", "s1", str(line), "alpha:M1"],
                              cwd=imported, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for line in range(2, 10)]
    ids = []
    for p in procs:
        out, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
        ids.append(out.strip())
    data = yaml.safe_load((imported / "transcripts/codings/s1/alice.yaml").read_text(encoding="utf-8"))
    assert sorted(e["id"] for e in data["excerpts"]) == sorted(ids)
    assert len(set(ids)) == 8


CHILD = """
import sys
from realist import load_project
from realist.coding import add_excerpt, resolve_span, get_transcript
project = load_project(".")
t = get_transcript(project, "s1")
for line in range(int(sys.argv[1]), 402):
    start, end = resolve_span(t, str(line))
    e = add_excerpt(project, "s1", start, end, ["alpha:M1", "alpha:O1"], coder="alice", memo="x" * 200)
    print(e.id, flush=True)
"""


@pytest.mark.slow
def test_sigkill_mid_write_leaves_files_whole(imported):
    path = imported / "transcripts/codings/s1/alice.yaml"
    confirmed: list[str] = []
    first_line = 2
    for delay in (0.35, 0.6, 0.9, 1.3, 1.7):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(first_line)], cwd=imported, env=_env(),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        os.kill(child.pid, signal.SIGKILL)
        out, _ = child.communicate(timeout=30)
        confirmed.extend(out.split())
        for f in Path(imported).rglob("*.yaml"):
            yaml.safe_load(f.read_text(encoding="utf-8"))  # every file parses
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {"excerpts": []}
        on_disk = [e["id"] for e in data["excerpts"]]
        assert set(confirmed) <= set(on_disk)  # earlier codings intact
        assert len(on_disk) == len(set(on_disk))
        first_line = 2 + len(on_disk)
    assert len(confirmed) > 5
    from realist import load_project
    from realist.check import check_project

    assert check_project(imported).valid()
    assert len({e for e in on_disk}) == len(on_disk)
    load_project(imported)
