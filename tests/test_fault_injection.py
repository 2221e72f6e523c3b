"""Fault injection: a writer killed with SIGKILL at random moments, and writers racing each other.

After every kill each file still parses, `realist check` passes, and every change the
writer acknowledged is on disk; only the one change in flight may be there or not.
Rounds: ``REALIST_FAULT_ROUNDS`` (default 25; docs/reliability.md says how many were run).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml
from conftest import REPO

from tests.test_coding_processes import LINES

ROUNDS = int(os.environ.get("REALIST_FAULT_ROUNDS", "25"))

WRITER = r"""
import random, sys
from realist import load_project
from realist.coding import add_excerpt, recode, remove_excerpt, resolve_span, get_transcript, load_excerpts
from realist.coding.codes import add_free_code
from realist.store.memos import add_memo
from realist.store.undo import undo
from realist.errors import UsageError
rng = random.Random(int(sys.argv[1]))
project = load_project(".")
t = get_transcript(project, "s1")
print("ready", flush=True)
n = 0
while True:
    n += 1
    mine = [e for e in load_excerpts(project) if e.coder == "alice"]
    op = rng.choice(["add"] * 5 + ["recode", "uncode", "memo", "codebook", "undo"])
    if op == "add" or not mine:
        line = rng.randint(2, 400)
        start, end = resolve_span(t, str(line))
        if any(e.start == start and e.end == end for e in mine):
            continue
        print("intent add", line, flush=True)
        e = add_excerpt(project, "s1", start, end, ["alpha:M1", "alpha:O1"], coder="alice", memo="m" * rng.randint(0, 300))
        print("ok add", e.id, flush=True)
    elif op == "recode":
        e = rng.choice(mine)
        code = rng.choice(["alpha:C1", "alpha:C2", "alpha:M1", "beta:M1"])
        print("intent recode", e.id, flush=True)
        recode(project, e.id, [code])
        print("ok recode", e.id, code, flush=True)
    elif op == "uncode":
        e = rng.choice(mine)
        print("intent uncode", e.id, flush=True)
        remove_excerpt(project, e.id)
        print("ok uncode", e.id, flush=True)
    elif op == "memo":
        print("intent memo", flush=True)
        m = add_memo(project, "alpha", f"memo {sys.argv[1]} {n} " + "words " * rng.randint(1, 400), author="alice")
        print("ok memo", m.path.name, flush=True)
    elif op == "codebook":
        name = f"code-{sys.argv[1]}-{n}"
        print("intent codebook", name, flush=True)
        add_free_code(project, name, "a definition")
        print("ok codebook", name, flush=True)
    else:
        print("intent undo", flush=True)
        try:
            change = undo(project.root)
        except UsageError as exc:  # a refused undo is fine
            print("refused undo", flush=True)
            continue
        project = load_project(".")  # the files changed under this process's cache
        t = get_transcript(project, "s1")
        print("ok undo", flush=True)
        print("resync", flush=True)
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env["REALIST_CODER"] = "alice"
    return env


@pytest.fixture
def imported(make_project, run):
    root = make_project({"s1.txt": "Interviewer: tell me\n" + LINES, "codebook.yaml": "# free codes\ncodes: []\n"})
    assert run(["transcripts", "import", "s1.txt"], cwd=root).code == 0
    return root


def on_disk(root: Path) -> dict[str, list[str]]:
    path = root / "transcripts/codings/s1/alice.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {"excerpts": []}
    return {e["id"]: e["codes"] for e in data["excerpts"]}


def every_file_parses(root: Path) -> int:
    from realist.store.memos import parse_memo

    count = 0
    for f in root.rglob("*"):
        if not f.is_file() or f.name.endswith(".tmp") or ".realist-cache" in f.parts:
            continue
        text = f.read_text(encoding="utf-8")
        if f.suffix == ".yaml":
            yaml.safe_load(text)
        elif f.suffix == ".json":
            json.loads(text)
        elif f.suffix == ".md":
            parse_memo(text, f)
        count += 1
    return count


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_acknowledged_change(imported):
    rng = random.Random(20261123)
    expected: dict[str, list[str] | None] = {}  # excerpt id -> codes (None: removed), as acknowledged
    memos: list[str] = []
    codebook: list[str] = []
    acked = kills = 0
    for round_ in range(ROUNDS):
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(round_)], cwd=imported, env=_env(),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        early = wait_ready(child)
        time.sleep(rng.uniform(0.0, 0.5))
        os.kill(child.pid, signal.SIGKILL)
        kills += 1
        rest, err_bytes = child.communicate(timeout=30)
        out, err = (early + rest).decode("utf-8"), err_bytes.decode("utf-8", errors="replace")
        assert "Traceback" not in err, err
        lines = out.split("\n")[:-1]  # a line cut short by the kill (no newline yet) was never said
        intent = next((ln for ln in reversed(lines) if ln.startswith("intent")), "")
        in_flight = intent if not lines or not lines[-1].startswith(("ok", "resync", "refused")) else ""
        for ln in lines:
            kind, *rest = ln.split()
            if kind == "ok":
                acked += 1
                if rest[0] == "add":
                    expected[rest[1]] = ["alpha:M1", "alpha:O1"]
                elif rest[0] == "recode":
                    expected[rest[1]] = [rest[2]]
                elif rest[0] == "uncode":
                    expected[rest[1]] = None
                elif rest[0] == "memo":
                    memos.append(rest[1])
                elif rest[0] == "codebook":
                    codebook.append(rest[1])
            if kind == "resync" or (kind == "ok" and rest == ["undo"]):
                # an undo takes back whichever change was last: start the bookkeeping again from disk
                expected = dict(on_disk(imported))
                memos = _memos(imported)
                book = (imported / "codebook.yaml").read_text(encoding="utf-8")
                codebook = [c for c in codebook if c in book]
        every_file_parses(imported)
        disk = on_disk(imported)
        book = (imported / "codebook.yaml").read_text(encoding="utf-8")
        if in_flight.startswith("intent undo"):  # it may or may not have landed: the disk is the truth from here
            expected, memos, codebook = dict(disk), _memos(imported), [c for c in codebook if c in book]
            continue
        wrong = {i for i, codes in expected.items() if disk.get(i) != codes}
        extra = set(disk) - {i for i, codes in expected.items() if codes is not None}
        if in_flight.startswith(("intent uncode", "intent recode")):
            wrong.discard(in_flight.split()[2])
        if in_flight.startswith("intent add") and len(extra) == 1:
            expected.update({i: disk[i] for i in extra})
            extra = set()
        assert not wrong and not extra, (round_, in_flight, wrong, extra, lines[-8:])
        expected = dict(disk)
        assert set(memos) <= set(_memos(imported)), (round_, in_flight, lines[-8:])
        assert all(c in book for c in codebook), (round_, in_flight, lines[-8:])
        memos = _memos(imported)
        codebook = [c for c in codebook if c in book] + ([in_flight.split()[2]] if in_flight.startswith(
            "intent codebook") and in_flight.split()[2] in book else [])
    from realist.check import check_project

    report = check_project(imported)
    assert report.valid(), [str(f) for f in report.errors]
    assert acked > ROUNDS  # the writer did real work between the kills
    _record("sigkill", faults=kills, acknowledged=acked, lost=0)


def wait_ready(child: subprocess.Popen[bytes]) -> bytes:
    """Wait for the writer's "ready" line; return what it printed after it.

    Read the pipe unbuffered: a buffered readline would swallow lines that
    communicate() then never sees.
    """
    assert child.stdout is not None
    fd, buf = child.stdout.fileno(), b""
    while b"ready\n" not in buf:
        chunk = os.read(fd, 65536)
        assert chunk, child.stderr.read() if child.stderr else b""
        buf += chunk
    return buf.split(b"ready\n", 1)[1]


def _memos(root: Path) -> list[str]:
    return [m.name for m in (root / "memos").glob("*.md")] if (root / "memos").is_dir() else []


def _record(name: str, **figures: int) -> None:
    """Append the figures to $REALIST_RELIABILITY_LOG (how docs/reliability.md was measured)."""
    log = os.environ.get("REALIST_RELIABILITY_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"test": name, **figures}) + "\n")


@pytest.mark.slow
def test_undo_after_kills_either_takes_back_or_refuses(imported, run):
    for round_ in range(3):
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(100 + round_)], cwd=imported, env=_env(),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        wait_ready(child)
        time.sleep(0.3)
        os.kill(child.pid, signal.SIGKILL)
        child.communicate(timeout=30)
    # a change killed between its writes and its history entry is not in the history, so the
    # newest recorded change may find its files changed since: undo must then refuse, cleanly
    for _ in range(15):
        r = run(["undo"], cwd=imported)
        assert r.code in (0, 2) and "unexpected problem" not in r.err, r.err
        every_file_parses(imported)
        if r.code == 2:
            assert "has changed since" in r.err or "nothing to undo" in r.err, r.err
            break
    eid = run(["code", "s1", "401", "beta:M1", "--coder", "alice"], cwd=imported).out.strip()
    assert eid and eid in on_disk(imported)
    r = run(["undo"], cwd=imported)
    assert r.code == 0, r.err
    assert eid not in on_disk(imported)
    from realist.check import check_project

    assert check_project(imported).valid()


@pytest.mark.slow
def test_the_coding_screen_and_two_clis_never_lose_an_update(imported, run):
    """The screen's backend codes in this process while two CLI processes code and add free codes."""
    from realist.store.project import load_project
    from realist.tui.backend import CodingBackend

    backend = CodingBackend(load_project(imported), "s1", coder="alice")
    screen_ids: list[str] = []

    def screen() -> None:
        t, _ = backend.load()
        for line in range(200, 230):
            start = t.text.index(f"sentence number {line - 1} ")
            e = backend.add(start, start + 20, ["alpha:M1"])
            screen_ids.append(e.id)
            if line % 3 == 0:
                backend.update(e.id, codes=["alpha:C1"])

    def cli(lines: range, tag: str) -> list[str]:
        ids = []
        for line in lines:
            done = subprocess.run([sys.executable, "-m", "realist", "code", "s1", str(line), "beta:M1"],
                                  cwd=imported, env=_env(), capture_output=True, text=True, timeout=60)
            assert done.returncode == 0, done.stderr
            ids.append(done.stdout.strip())
            done = subprocess.run([sys.executable, "-m", "realist", "codebook", "add", f"{tag}-{line}"],
                                  cwd=imported, env=_env(), capture_output=True, text=True, timeout=60)
            assert done.returncode == 0, done.stderr
        return ids

    results: dict[str, list[str]] = {}
    threads = [threading.Thread(target=screen)]
    threads += [threading.Thread(target=lambda r=r, tag=tag: results.__setitem__(tag, cli(r, tag)))
                for r, tag in ((range(2, 8), "one"), (range(50, 56), "two"))]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=180)
    disk = on_disk(imported)
    assert len(screen_ids) == 30 and len(results["one"]) == 6 and len(results["two"]) == 6
    assert set(screen_ids) | set(results["one"]) | set(results["two"]) == set(disk)
    assert sum(1 for i in screen_ids if disk[i] == ["alpha:C1"]) == 10
    book = yaml.safe_load((imported / "codebook.yaml").read_text(encoding="utf-8"))
    assert {c["name"] for c in book["codes"]} == {f"one-{n}" for n in range(2, 8)} | {f"two-{n}" for n in range(50, 56)}
    assert "# free codes" in (imported / "codebook.yaml").read_text(encoding="utf-8")
    _record("concurrent", writers=3, updates=30 + 10 + 24, lost=0)


@pytest.mark.slow
def test_the_real_coding_screen_and_a_cli_in_turn(make_project, tmp_path):
    """The Textual screen (driven headless) codes, a CLI process codes the same file under it, the
    screen codes again: all three land; then `realist undo` from the CLI takes back the screen's last."""
    from realist.ingest.importer import import_transcripts
    from realist.store.project import load_project
    from tests.test_tui import TRANSCRIPT, app_for, drive
    from tests.test_tui import codings as screen_codings

    root = make_project({})
    source = tmp_path / "po-1.txt"
    source.write_text(TRANSCRIPT, encoding="utf-8")
    import_transcripts(load_project(root), [source], stage="initial")

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "realist", *args], cwd=root, env=_env(), capture_output=True,
                              text=True, timeout=60)

    async def steps(pilot) -> None:  # noqa: ANN001
        await pilot.press("j", "v", "c", *"alpha c1", "enter")
        await pilot.pause()
        done = cli("code", "po-1", "--find", "nothing else sticks", "beta:M1")
        assert done.returncode == 0, done.stderr
        await pilot.press("j", "j", "j", "v", "c", *"alpha m1", "enter")
        await pilot.pause()
        await pilot.press("q")

    drive(app_for(root), steps)
    quotes = {e["quote"]: e["codes"] for e in screen_codings(root)}
    assert len(quotes) == 3, quotes
    assert quotes["nothing else sticks"] == ["beta:M1"]
    assert ["alpha:M1"] in quotes.values() and ["alpha:C1"] in quotes.values()
    done = cli("undo")
    assert done.returncode == 0, done.stderr
    assert "took back `coding screen: code po-1 (alpha:M1)`" in done.stderr
    left = [e["codes"] for e in screen_codings(root)]
    assert sorted(map(tuple, left)) == [("alpha:C1",), ("beta:M1",)]
    _record("screen-and-cli", updates=3, lost=0)
