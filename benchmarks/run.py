"""Time realist's commands as whole processes on a project, against the targets of issue 10.

    python benchmarks/generate.py /tmp/national --scale national
    python benchmarks/run.py /tmp/national                 # every row, 5 runs each
    python benchmarks/run.py /tmp/national --runs 3 --only check,matrix

Each command runs as its own process (``python -m realist ...`` from this checkout),
``--runs`` times after one first run that is reported on its own (it may build the
cache under ``.realist-cache/``). The reference rows (``python -c "import yaml, rich"``,
a bare libyaml parse of the project's YAML files, and qc's commands when qc is installed)
run in the same session, so ratios hold on a noisy machine. Peak memory is the largest
resident set of any run (``ru_maxrss``). Exit 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):
    sys.path.insert(0, str(REPO))

PY = sys.executable
MEMORY_MB = 500

LIBYAML = """\
import sys, yaml
from pathlib import Path
root = Path(sys.argv[1])
for path in sorted(root.rglob("*.yaml")):
    if ".realist-cache" in path.parts or ".realist-trash" in path.parts:
        continue
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
for path in sorted(root.rglob("*.txt")):
    path.read_text(encoding="utf-8")
"""


@dataclass
class Row:
    """One timed command and what it must beat."""

    name: str
    argv: list[str]
    target: str = ""                                          # as the issue states it
    limit: Callable[[dict[str, float]], float] | None = None  # seconds, from the reference medians
    runs: int | None = None
    before: Callable[[int], list[str]] | None = None          # argv for run i (commands that write)
    times: list[float] = field(default_factory=list)
    first: float = 0.0
    peak_mb: float = 0.0
    code: int = 0
    skipped: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")


def timed(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, int, str]:
    """(seconds, peak resident MB, exit code, stderr tail) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, proc.returncode, err.decode("utf-8", "replace")[-400:]


def realist(*args: str) -> list[str]:
    return [PY, "-m", "realist", *args]


def code_spans(project: Path) -> tuple[str, Callable[[int], list[str]]]:
    """A transcript id and, per run, a `realist code` on a line no benchmark run has coded."""
    meta = json.loads((project / ".benchmark.json").read_text(encoding="utf-8"))
    tid = "t0001"
    theory = meta["theories"][0]

    def argv(i: int) -> list[str]:
        line = 2 + 2 * (i % 40)  # the participant's answers are the even lines
        return realist("code", tid, f"{line}-{line}", f"{theory}:M1", "--coder", f"bench-{i}")
    return tid, argv


def rows(project: Path, small: Path | None) -> list[Row]:
    meta = json.loads((project / ".benchmark.json").read_text(encoding="utf-8"))
    theory = meta["theories"][0]
    _, code_argv = code_spans(project)
    out = [
        Row("python -c 'import yaml, rich'", [PY, "-c", "import yaml, rich"], "reference"),
        Row("libyaml parse of the project's files", [PY, "-c", LIBYAML, str(project)], "reference"),
        Row("realist --help", realist("--help"), "<= 2x import yaml, rich", lambda r: 2 * r["import"]),
        Row("realist theories", realist("theories"), "<= 2x import yaml, rich", lambda r: 2 * r["import"]),
        Row("realist code ID SPAN CODE", [], "<= 0.3 s", lambda r: 0.3, before=code_argv),
    ]
    if small is not None:
        _, small_argv = code_spans(small)
        out.append(Row("realist code ID SPAN CODE (tiny project)", [], "flat: compare", None,
                       before=small_argv))
    out += [
        Row(f"realist excerpts --theory {theory} --element M1",
            realist("excerpts", "--theory", theory, "--element", "M1"), "<= 0.5 s", lambda r: 0.5),
        Row("realist matrix", realist("matrix"), "<= 0.7 s", lambda r: 0.7),
        Row("realist cooccur", realist("cooccur"), "<= 0.7 s", lambda r: 0.7),
        Row("realist check", realist("check"), "<= 1.5x libyaml parse", lambda r: 1.5 * r["libyaml"], runs=3),
        Row("realist audit", realist("audit"), "<= 3 s", lambda r: 3.0, runs=3),
        Row("realist export tables", [], "<= 3 s", lambda r: 3.0, runs=3,
            before=lambda i: realist("export", "tables", "--out", f"{tempfile.gettempdir()}/realist-bench-tables")),
        Row("realist export qdpx", [], "<= 10 s", lambda r: 10.0, runs=2,
            before=lambda i: realist("export", "qdpx", f"{tempfile.gettempdir()}/realist-bench.qdpx")),
    ]
    return out


def qc_rows(project: Path) -> list[Row]:
    """qc's own commands, when it is installed (it is never a dependency of realist)."""
    qc = os.environ.get("QC") or shutil.which("qc")
    if qc is None:
        return [Row("qc version", [], "qc, for comparison", skipped="qc is not installed "
                    "(pip install qualitative-coding)")]
    # qc's other rows (codes find, codes stats, check) need a qc project holding the same codings;
    # the generator does not make one, so the measured qc figures are quoted beside them.
    return [Row("qc version (startup)", [qc, "version"], "qc, for comparison")]


def measure(row: Row, cwd: Path, env: dict[str, str], runs: int) -> None:
    n = row.runs if row.runs is not None else runs
    for i in range(n + 1):
        argv = row.before(i) if row.before else row.argv
        seconds, peak, code, err = timed(argv, cwd, env)
        row.peak_mb = max(row.peak_mb, peak)
        row.code = max(row.code, code)
        if code not in (0, 1):
            row.skipped = f"exit {code}: {err.strip().splitlines()[-1] if err.strip() else ''}"
            return
        if i == 0:
            row.first = seconds
        else:
            row.times.append(seconds)


def clean_benchmark_codings(project: Path) -> None:
    """Remove what the `realist code` rows wrote (coders bench-N), so the project is as generated."""
    for path in (project / "transcripts" / "codings").glob("*/bench-*.yaml"):
        path.unlink()


def report(all_rows: list[Row], refs: dict[str, float], cores: int, project: Path) -> int:
    meta = json.loads((project / ".benchmark.json").read_text(encoding="utf-8"))
    print(f"\nproject: {project} — {meta['transcripts']:,} transcripts, {meta['excerpts']:,} excerpts, "
          f"{len(meta['theories'])} theories, {len(meta['coders'])} coders; machine: {cores} cores; "
          f"python {sys.version.split()[0]}\n")
    head = f"{'command':52} {'median':>8} {'spread':>15} {'first':>7} {'peak MB':>8}  {'target':26} result"
    print(head)
    print("-" * len(head))
    failed = unasked = 0
    for r in all_rows:
        if r.skipped:
            print(f"{r.name:52} {'':>8} {'':>15} {'':>7} {'':>8}  {r.target:26} skipped: {r.skipped}")
            if r.limit is not None:  # a target left out with --only is not measured; one that could not run failed
                if r.skipped.startswith("not asked for"):
                    unasked += 1
                else:
                    failed += 1
            continue
        spread = f"{min(r.times):.3f}-{max(r.times):.3f}" if r.times else ""
        result = ""
        if r.limit is not None:
            limit = r.limit(refs)
            ok = r.median <= limit
            failed += not ok
            result = f"{'pass' if ok else 'FAIL'} (limit {limit:.3f} s)"
        if r.name.startswith("realist") and r.peak_mb > MEMORY_MB:
            result += f"; memory FAIL (> {MEMORY_MB} MB)"
        print(f"{r.name:52} {r.median:8.3f} {spread:>15} {r.first:7.3f} {r.peak_mb:8.0f}  {r.target:26} {result}")
    peak = max((r.peak_mb for r in all_rows if r.name.startswith("realist")), default=0.0)
    print(f"\npeak memory of any realist command: {peak:.0f} MB (target <= {MEMORY_MB} MB): "
          f"{'pass' if peak <= MEMORY_MB else 'FAIL'}")
    measured = "every measured time target met" if unasked else "every time target met"
    print(f"{failed} time target(s) missed" if failed else measured)
    if unasked:
        print(f"{unasked} target(s) not measured (--only)")
    return 1 if failed or peak > MEMORY_MB else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", type=Path, help="a project made by benchmarks/generate.py")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (after the first)")
    parser.add_argument("--only", default="", help="comma-separated words; run only rows whose name has one")
    parser.add_argument("--keep-cache", action="store_true", help="do not delete .realist-cache/ first")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    if not (project / ".benchmark.json").exists():
        parser.error(f"{project} was not made by benchmarks/generate.py (no .benchmark.json)")
    if not args.keep_cache:
        shutil.rmtree(project / ".realist-cache", ignore_errors=True)
    env = dict(os.environ, PYTHONPATH=str(REPO), REALIST_CODER="bench", COLUMNS="120")
    env.pop("REALIST_NO_CACHE", None)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        from benchmarks.generate import SCALES, generate

        small = Path(tmp) / "tiny"
        made = generate(small, SCALES["tiny"])
        (small / ".benchmark.json").write_text(json.dumps(made), encoding="utf-8")
        all_rows = rows(project, small) + qc_rows(project)
        words = [w for w in args.only.split(",") if w]
        refs: dict[str, float] = {}
        try:
            for r in all_rows:
                if r.target != "reference" and words and not any(w in r.name for w in words):
                    r.skipped = "not asked for (--only)"
                    continue
                cwd = small if "tiny project" in r.name else project
                if not r.skipped:
                    measure(r, cwd, env, args.runs)
                print(f"  {r.name}: {r.median:.3f} s", file=sys.stderr, flush=True)
                if r.name.startswith("python -c"):
                    refs["import"] = r.median
                elif r.name.startswith("libyaml"):
                    refs["libyaml"] = r.median
        finally:
            clean_benchmark_codings(project)
    code = report(all_rows, refs, os.cpu_count() or 1, project)
    print(f"benchmark took {time.perf_counter() - started:.0f} s")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
