"""Inter-coder agreement of two coders on a project's transcripts, at character level.

For each code, every character of each compared transcript is a unit that each coder either
coded with that code or did not; :mod:`realist.coding.reliability` turns the resulting 2x2
tables into percent agreement, Cohen's kappa and Krippendorff's alpha. Per code the tables
of all transcripts are added; overall, those of all codes (units are then
transcript x code x character). The spans only one coder coded are listed, so the pair
can talk them through.

>>> report = agreement(project, "alice", "bob")  # doctest: +SKIP
>>> report.overall.kappa  # doctest: +SKIP
0.71
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from realist.coding.anchor import line_starts
from realist.coding.reliability import (
    CharCounts,
    Span,
    cohen_kappa,
    disagreements,
    krippendorff_alpha,
    percent_agreement,
)
from realist.errors import UsageError
from realist.model import Project


@dataclass
class CodeAgreement:
    """The figures for one code (or ``overall``)."""

    code: str
    counts: CharCounts

    @property
    def percent(self) -> float | None:
        return percent_agreement(self.counts)

    @property
    def kappa(self) -> float | None:
        return cohen_kappa(self.counts)

    @property
    def alpha(self) -> float | None:
        return krippendorff_alpha(self.counts)

    def row(self) -> dict[str, Any]:
        c = self.counts
        return {"code": self.code, "coded_a": c.coded_a, "coded_b": c.coded_b, "both": c.both,
                "only_a": c.only_a, "only_b": c.only_b, "characters": c.total,
                "percent": _round(self.percent, 4), "kappa": _round(self.kappa, 4), "alpha": _round(self.alpha, 4)}


@dataclass
class Disagreement:
    """A span one coder coded with ``code`` and the other did not."""

    transcript: str
    code: str
    start: int
    end: int
    coded_by: str
    line: int
    quote: str


@dataclass
class AgreementReport:
    coder_a: str
    coder_b: str
    transcripts: list[str]
    skipped: list[str]  # transcripts only one of the two coded
    codes: list[CodeAgreement]
    overall: CodeAgreement
    disagreements: list[Disagreement] = field(default_factory=list)


def agreement(project: Project, coder_a: str, coder_b: str, *, transcripts: Iterable[str] | None = None,
              codes: Iterable[str] | None = None) -> AgreementReport:
    """Compare two coders on the transcripts both coded (or on those given), code by code."""
    from realist.coding.query import load_excerpts
    from realist.store.transcripts import load_transcripts

    if coder_a == coder_b:
        raise UsageError(f"give two different coders (--coders {coder_a},OTHER)")
    known = load_transcripts(project)
    excerpts = load_excerpts(project)
    by_coder: dict[str, dict[str, list[Any]]] = {}
    for e in excerpts:
        by_coder.setdefault(e.coder, {}).setdefault(e.transcript, []).append(e)
    for coder in (coder_a, coder_b):
        if coder not in by_coder:
            from realist.text import did_you_mean

            names = sorted(by_coder)
            raise UsageError(f"no codings by '{coder}'{did_you_mean(coder, names)}; coders in this project: "
                             f"{', '.join(names) or 'none yet'}")
    a, b = by_coder[coder_a], by_coder[coder_b]
    skipped: list[str] = []
    if transcripts is not None:
        compared = []
        for tid in transcripts:
            if tid not in known:
                from realist.text import did_you_mean

                raise UsageError(f"no transcript '{tid}'{did_you_mean(tid, known)}; see `realist transcripts list`")
            compared.append(tid)
    else:
        compared = [tid for tid in known if tid in a and tid in b]
        skipped = [tid for tid in known if (tid in a) != (tid in b)]
        if not compared:
            raise UsageError(f"{coder_a} and {coder_b} have no transcript in common to compare; "
                             "both must code the same transcript")
    wanted = _select_codes(project, codes, [e for tid in compared for e in a.get(tid, []) + b.get(tid, [])])
    per_code = {code: CharCounts() for code in wanted}
    found: list[Disagreement] = []
    for tid in compared:
        text = known[tid].text
        starts = line_starts(text)
        spans_a = _spans_by_code(a.get(tid, []), wanted)
        spans_b = _spans_by_code(b.get(tid, []), wanted)
        for code in wanted:
            sa, sb = spans_a.get(code, []), spans_b.get(code, [])
            per_code[code] = per_code[code] + CharCounts.of(len(text), sa, sb)
            for start, end, who in disagreements(sa, sb, len(text)):
                while start < end and text[start].isspace():  # spaces at the edges are not worth a talk
                    start += 1
                while end > start and text[end - 1].isspace():
                    end -= 1
                if end > start:
                    found.append(Disagreement(tid, code, start, end, coder_a if who == "a" else coder_b,
                                              _line_of(starts, start), text[start:end]))
    order = {tid: i for i, tid in enumerate(compared)}
    found.sort(key=lambda d: (order[d.transcript], d.start, d.end, d.code))
    overall = CharCounts()
    for counts in per_code.values():
        overall = overall + counts
    return AgreementReport(coder_a, coder_b, compared, skipped,
                           [CodeAgreement(code, per_code[code]) for code in wanted],
                           CodeAgreement("overall", overall), found)


def _select_codes(project: Project, codes: Iterable[str] | None, excerpts: list[Any]) -> list[str]:
    """The codes to compare: those given (a theory id brings its elements), else every code used."""
    used: list[str] = []
    seen: set[str] = set()
    for e in excerpts:
        for code in e.codes:
            if code not in seen:
                seen.add(code)
                used.append(code)
    if not codes:
        order = {c: i for i, c in enumerate(_codebook_order(project))}
        return sorted(used, key=lambda c: (order.get(c, len(order)), c))
    from realist.coding.codes import parse_code

    out: list[str] = []
    for raw in codes:
        for part in raw.split(","):
            if not part.strip():
                continue
            code = parse_code(project, part)
            picked = [code]
            if ":" not in code:  # a theory: the theory code and each of its elements
                picked += [f"{code}:{el.id}" for el in project.theories[code].elements]
            out.extend(c for c in picked if c not in out)
    return out


def _codebook_order(project: Project) -> list[str]:
    from realist.coding.records import all_values

    return all_values(project, "code")


def _spans_by_code(excerpts: list[Any], wanted: list[str]) -> dict[str, list[Span]]:
    keep = set(wanted)
    out: dict[str, list[Span]] = {}
    for e in excerpts:
        for code in e.codes:
            if code in keep:
                out.setdefault(code, []).append((e.start, e.end))
    return out


def _line_of(starts: list[int], offset: int) -> int:
    from bisect import bisect_right

    return bisect_right(starts, offset)


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits) + 0.0  # + 0.0: no -0.0
