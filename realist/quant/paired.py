"""`realist evidence paired`: before/after scores in a CSV -> a paired-change evidence file.

For each domain (the ``--by`` column, or the whole file), people with both a
before and an after score are paired; the Wilcoxon signed-rank test (zero
differences dropped, as R's ``wilcox.test`` does; exact for small samples
without ties, else the normal approximation with continuity correction)
gives the p-value, and the effect size is r = z / √n, z from the normal
approximation without correction and n the number of pairs. People without
a follow-up score are counted in ``n_dropped``. The data never leave the
machine; only the per-domain summaries are written.
"""

from __future__ import annotations

import contextlib
import csv
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from realist.errors import InputError

MISSING = {"", "na", "n/a", "nan", "null", ".", "-", "none"}


@dataclass
class DomainResult:
    name: str
    n: int
    n_dropped: int
    mean_before: float | None
    mean_after: float | None
    mean_change: float | None
    statistic: float | None
    p_value: float | None
    significant: bool
    r: float | None

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"name": self.name, "n": self.n, "n_dropped": self.n_dropped}
        for key in ("mean_before", "mean_after", "mean_change", "statistic"):
            value = getattr(self, key)
            if value is not None:
                d[key] = round(value, 6)
        if self.p_value is not None:
            d["p_value"] = round(self.p_value, 6)
        d["significant"] = self.significant
        if self.r is not None:
            d["effect_size"] = {"r": round(self.r, 4)}
        return d


def _number(text: str, row: int, column: str, path: Path) -> float | None:
    value = text.strip()
    if value.lower() in MISSING:
        return None
    try:
        number = float(value)
    except ValueError:
        raise InputError(f"row {row}, column '{column}': '{value}' is not a number (leave it empty if missing)",
                         path=path, line=row) from None
    return number if math.isfinite(number) else None


def read_pairs(path: Path, id_col: str, before_col: str, after_col: str,
               by_col: str | None = None) -> dict[str, list[tuple[float | None, float | None]]]:
    """domain -> [(before, after)] per person, in file order; the domain is "All" without ``by_col``."""
    from realist.text import did_you_mean

    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("file not found", path=path) from None
    except UnicodeDecodeError:
        raise InputError("is not UTF-8 text; save the CSV as UTF-8", path=path) from None
    dialect: Any = csv.excel
    with contextlib.suppress(csv.Error):
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    reader = csv.DictReader(text.splitlines(), dialect=dialect)
    columns = reader.fieldnames or []
    for col in (id_col, before_col, after_col, by_col):
        if col is not None and col not in columns:
            raise InputError(f"has no column '{col}'{did_you_mean(col, columns)}; its columns are "
                             f"{', '.join(columns) or '(none)'}", path=path, line=1)
    pairs: dict[str, list[tuple[float | None, float | None]]] = {}
    seen: set[tuple[str, str]] = set()
    for row_number, row in enumerate(reader, start=2):
        person = (row.get(id_col) or "").strip()
        domain = (row.get(by_col) or "").strip() if by_col else "All"
        if not person:
            raise InputError(f"row {row_number}: the id column '{id_col}' is empty", path=path, line=row_number)
        if (domain, person) in seen:
            where = f" in domain '{domain}'" if by_col else ""
            raise InputError(f"row {row_number}: '{person}' appears twice{where}; a paired test needs one "
                             "before/after pair per person", path=path, line=row_number)
        seen.add((domain, person))
        before = _number(row.get(before_col) or "", row_number, before_col, path)
        after = _number(row.get(after_col) or "", row_number, after_col, path)
        pairs.setdefault(domain or "(no domain)", []).append((before, after))
    if not pairs:
        raise InputError("has no data rows", path=path)
    return pairs


def wilcoxon_domain(name: str, rows: list[tuple[float | None, float | None]], alpha: float = 0.05) -> DomainResult:
    """The signed-rank test, mean change and effect size r for one domain.

    >>> wilcoxon_domain("x", [(3, 1), (4, 1), (2, 1), (5, 1), (6, 1), (3, None)]).n_dropped
    1
    """
    from scipy import stats as sps

    complete = [(b, a) for b, a in rows if b is not None and a is not None]
    n = len(complete)
    dropped = len(rows) - n
    if n == 0:
        return DomainResult(name, 0, dropped, None, None, None, None, None, False, None)
    before = sum(b for b, _ in complete) / n
    after = sum(a for _, a in complete) / n
    diffs = [a - b for b, a in complete]
    nonzero = [d for d in diffs if d != 0]
    if not nonzero:
        return DomainResult(name, n, dropped, before, after, after - before, 0.0, 1.0, False, 0.0)
    res = sps.wilcoxon(diffs, zero_method="wilcox", correction=True, alternative="two-sided")
    p = float(res.pvalue)
    return DomainResult(name, n, dropped, before, after, after - before, float(res.statistic), p, p <= alpha,
                        signed_rank_z(nonzero) / math.sqrt(n))


def signed_rank_z(diffs: list[float]) -> float:
    """Normal-approximation z of the signed-rank statistic W+ (no continuity correction), ties allowed.

    >>> round(signed_rank_z([1, 2, 3, -4]), 4)
    0.3651
    """
    from scipy.stats import rankdata

    m = len(diffs)
    ranks = rankdata([abs(d) for d in diffs])
    w_plus = float(sum(r for r, d in zip(ranks, diffs, strict=True) if d > 0))
    mean = m * (m + 1) / 4
    _, counts = _tie_counts(ranks)
    var = m * (m + 1) * (2 * m + 1) / 24 - sum(t ** 3 - t for t in counts) / 48
    return (w_plus - mean) / math.sqrt(var) if var > 0 else 0.0


def _tie_counts(ranks: Any) -> tuple[list[float], list[int]]:
    values: dict[float, int] = {}
    for r in ranks:
        values[float(r)] = values.get(float(r), 0) + 1
    return list(values), list(values.values())


def paired_change(path: Path, id_col: str, before_col: str, after_col: str, by_col: str | None = None, *,
                  alpha: float = 0.05) -> list[DomainResult]:
    """One result per domain, in the order the domains first appear in the file.

    >>> paired_change(Path("needs.csv"), "person", "score_0", "score_12", "need")  # doctest: +SKIP
    [DomainResult(name='Accommodation', n=812, n_dropped=331, ...), ...]
    """
    pairs = read_pairs(path, id_col, before_col, after_col, by_col)
    return [wilcoxon_domain(name, rows, alpha) for name, rows in pairs.items()]


def evidence_yaml(evidence_id: str, title: str, results: list[DomainResult], *, source: str,
                  strand: str | None = None, follow_up: str | None = None, alpha: float = 0.05,
                  bears_on: list[str] | None = None) -> str:
    """The evidence file's text: one flow mapping per domain, like the worked example's."""
    def scalar(value: Any) -> str:
        if isinstance(value, str):
            return json.dumps(value, ensure_ascii=False)
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, float):
            text = repr(value)
            return text if "." in text or "e" not in text else f"{value:.6f}"
        if isinstance(value, dict):
            return "{" + ", ".join(f"{k}: {scalar(v)}" for k, v in value.items()) + "}"
        return str(value)

    lines = [f"# Written by `realist evidence paired` from {Path(source).name}; figures unrounded",
             "# (6 decimals). Add a range: [lower, upper] to each domain if its scale has one.",
             f"id: {evidence_id}", f"title: {scalar(title)}"]
    if strand:
        lines.append(f"strand: {strand}")
    lines += ["design: paired-change", "measure: score", "test: wilcoxon-signed-rank"]
    if follow_up:
        lines.append(f"follow_up: {scalar(follow_up)}")
    lines.append(f"alpha: {alpha:g}")
    lines.append("domains:                           # negative change = lower score")
    for r in results:
        lines.append(f"  - {scalar(r.as_dict())}")
    if bears_on:
        lines.append("bears_on:")
        lines += [f"  - {{target: {scalar(t)}, stance: supports}}" for t in bears_on]
    return "\n".join(lines) + "\n"


def _slug(text: str) -> str:
    import re

    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "paired-change"


def write_paired(project: Any, csv_path: Path, id_col: str, before_col: str, after_col: str,
                 by_col: str | None = None, *, evidence_id: str | None = None, title: str | None = None,
                 strand: str | None = None, follow_up: str | None = None, bears_on: list[str] | None = None,
                 alpha: float = 0.05, out: str | None = None,
                 force: bool = False) -> tuple[Path | None, list[DomainResult]]:
    """Compute :func:`paired_change` and write the evidence file; ``out="-"`` prints it instead.

    Returns (the path written or None, the results).
    """
    import re
    import sys

    from realist.errors import UsageError
    from realist.store.atomic import atomic_write_text, project_lock
    from realist.text import did_you_mean

    evidence_id = evidence_id or _slug(csv_path.stem)
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", evidence_id):
        raise UsageError(f"--name '{evidence_id}' must be lower-case letters, digits and hyphens")
    if strand is not None and strand not in project.manifest.strands:
        raise UsageError(f"no strand '{strand}' in realist.yaml{did_you_mean(strand, project.manifest.strands)}")
    for target in bears_on or []:
        project.resolve_element(target)
    results = paired_change(csv_path, id_col, before_col, after_col, by_col, alpha=alpha)
    title = title or f"Paired change in {before_col} to {after_col}" + (f" by {by_col}" if by_col else "")
    text = evidence_yaml(evidence_id, title, results, source=str(csv_path), strand=strand, follow_up=follow_up,
                         alpha=alpha, bears_on=bears_on)
    if out == "-":
        sys.stdout.write(text)
        return None, results
    if out is not None:
        path = Path(out)
    elif project.evidence_path is not None:
        path = project.evidence_path / f"{evidence_id}.yaml"
    else:
        raise UsageError("realist.yaml names no evidence folder; add `evidence: evidence` to it, or give --out FILE")
    if evidence_id in project.evidence and project.evidence[evidence_id].path != path.resolve() and out is None:
        raise UsageError(f"evidence id '{evidence_id}' is already used by {project.evidence[evidence_id].path}; "
                         "choose another --name")
    if path.exists() and not force:
        raise UsageError(f"{path} already exists; pass --force to replace it, or choose another --name or --out")
    path.parent.mkdir(parents=True, exist_ok=True)
    with project_lock(project.root):
        atomic_write_text(path, text)
    return path, results
