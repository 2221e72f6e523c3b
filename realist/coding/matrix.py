"""Coding matrices and co-occurrence over coded excerpts: one pass, plain counting.

Everything here works on :class:`Record` — one coded excerpt with the attributes of its
case (role, group, site, stage, strand, transcript) already looked up — so it is fast
(no file is read) and testable without a project. :mod:`realist.coding.queries` builds
the records from a project.

>>> recs = [Record("e1", "T1", ("alpha:C1", "alpha:M1"), attrs={"site": "North"}),
...         Record("e2", "T1", ("alpha:O1",), attrs={"site": "South"})]
>>> m = coding_matrix(recs, rows="theory", cols="site")
>>> m.cells[("alpha", "North")], m.cells[("alpha", "South")], m.total
(1, 1, 2)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain, combinations
from typing import Any

ROW_KINDS = ("theory", "element", "code")
COL_KINDS = ("role", "group", "site", "stage", "strand", "transcript")
UNITS = ("excerpt", "turn", "transcript")
UNKNOWN = "(unknown)"
TRIAD = ("C", "M", "O")


@dataclass(slots=True)
class Record:
    """One coded excerpt and the attributes of its case.

    ``attrs`` holds role, group, site, stage, strand, transcript and participant (any may be
    missing); ``turn`` is the index of the speaker turn the excerpt starts in.
    """

    excerpt: str
    transcript: str
    codes: tuple[str, ...]
    stance: str = "supports"
    coder: str = ""
    participant: str | None = None
    turn: int | None = None
    quote: str = ""
    memo: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)


def theory_of(code: str) -> str | None:
    """``alpha:C1`` and ``alpha`` -> ``alpha``; free codes -> None."""
    if code.startswith("free:"):
        return None
    return code.split(":", 1)[0]


def row_keys(codes: Iterable[str], rows: str) -> set[str]:
    """The matrix rows one excerpt counts in."""
    if rows == "code":
        return set(codes)
    if rows == "element":
        return {c for c in codes if ":" in c and not c.startswith("free:")}
    return {t for t in (theory_of(c) for c in codes) if t is not None}


@dataclass
class Matrix:
    """A coding matrix: excerpts (or distinct participants) per row x column.

    Totals count distinct excerpts (or participants), so a row total is not always the sum
    of its cells when ``measure`` is participants, and a column total is never more than
    the excerpts in that column even when one excerpt counts in several rows.
    """

    rows: list[str]
    cols: list[str]
    row_kind: str
    col_kind: str
    measure: str  # excerpts | participants
    cells: dict[tuple[str, str], int]
    row_totals: dict[str, int]
    col_totals: dict[str, int]
    total: int

    def cell(self, row: str, col: str) -> int:
        return self.cells.get((row, col), 0)

    def table(self) -> list[list[Any]]:
        """Header row, then one row per matrix row with its total; last, the column totals."""
        out: list[list[Any]] = [[self.row_kind, *self.cols, "total"]]
        for r in self.rows:
            out.append([r, *(self.cell(r, c) for c in self.cols), self.row_totals.get(r, 0)])
        out.append(["total", *(self.col_totals.get(c, 0) for c in self.cols), self.total])
        return out


def _ordered(found: Iterable[str], universe: Sequence[str] | None) -> list[str]:
    known = list(universe or [])
    seen = set(known)
    extra = sorted({f for f in found if f not in seen}, key=lambda v: (v == UNKNOWN, v))
    return known + extra


def coding_matrix(records: Iterable[Record], *, rows: str = "theory", cols: str = "strand",
                  stance: str | None = None, participants: bool = False,
                  all_rows: Sequence[str] | None = None, all_cols: Sequence[str] | None = None) -> Matrix:
    """Count excerpts (or, with ``participants``, distinct participants) per row and column.

    ``all_rows`` / ``all_cols`` list the rows and columns to show even when empty (every
    theory, every strand...), in order; values found beyond them are appended, sorted.
    """
    if rows not in ROW_KINDS:
        raise ValueError(f"rows must be one of {ROW_KINDS}")
    if cols not in COL_KINDS:
        raise ValueError(f"cols must be one of {COL_KINDS}")
    if participants:
        return _participant_matrix(records, rows, cols, stance, all_rows, all_cols)
    # excerpts share few (codes, column) pairs
    combos: Counter[tuple[tuple[str, ...], str]] = Counter(
        (rec.codes, rec.attrs.get(cols) or UNKNOWN) for rec in records if stance is None or rec.stance == stance)
    cells: Counter[tuple[str, str]] = Counter()
    row_totals: Counter[str] = Counter()
    col_totals: Counter[str] = Counter()
    for (codes, col), n in combos.items():
        keys = row_keys(codes, rows)
        if not keys:
            continue
        for key in keys:  # a set: an excerpt counts once in a row however many of its codes fall there
            cells[key, col] += n
            row_totals[key] += n
        col_totals[col] += n
    return Matrix(rows=_ordered(row_totals, all_rows), cols=_ordered(col_totals, all_cols), row_kind=rows,
                  col_kind=cols, measure="excerpts", cells=dict(cells), row_totals=dict(row_totals),
                  col_totals=dict(col_totals), total=sum(col_totals.values()))


def _participant_matrix(records: Iterable[Record], rows: str, cols: str, stance: str | None,
                        all_rows: Sequence[str] | None, all_cols: Sequence[str] | None) -> Matrix:
    cell_sets: dict[tuple[str, str], set[Any]] = {}
    row_sets: dict[str, set[Any]] = {}
    col_sets: dict[str, set[Any]] = {}
    all_set: set[Any] = set()
    for rec in records:
        if rec.participant is None or (stance is not None and rec.stance != stance):
            continue
        keys = row_keys(rec.codes, rows)
        if not keys:
            continue
        col = rec.attrs.get(cols) or UNKNOWN
        for key in keys:
            cell_sets.setdefault((key, col), set()).add(rec.participant)
            row_sets.setdefault(key, set()).add(rec.participant)
        col_sets.setdefault(col, set()).add(rec.participant)
        all_set.add(rec.participant)
    return Matrix(rows=_ordered(row_sets, all_rows), cols=_ordered(col_sets, all_cols), row_kind=rows,
                  col_kind=cols, measure="participants",
                  cells={k: len(v) for k, v in cell_sets.items()},
                  row_totals={k: len(v) for k, v in row_sets.items()},
                  col_totals={k: len(v) for k, v in col_sets.items()}, total=len(all_set))


def unit_key(rec: Record, unit: str) -> Any:
    """What one unit of co-occurrence is for this excerpt."""
    if unit == "excerpt":
        return rec.excerpt
    if unit == "transcript":
        return rec.transcript
    if rec.turn is None:  # no speaker turns known: the excerpt is its own turn
        return (rec.transcript, "excerpt", rec.excerpt)
    return (rec.transcript, rec.turn)


def units_of(records: Iterable[Record], unit: str = "excerpt") -> dict[Any, set[str]]:
    """Unit -> the set of codes applied anywhere in it."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}")
    units: dict[Any, set[str]] = {}
    for rec in records:
        key = unit_key(rec, unit)
        found = units.get(key)
        if found is None:
            units[key] = set(rec.codes)
        else:
            found.update(rec.codes)
    return units


def code_sets(records: Iterable[Record], unit: str = "excerpt") -> Counter[frozenset[str]]:
    """How many units hold each distinct set of codes (units with the same codes are counted together,
    which is what makes co-occurrence over 100,000 excerpts quick)."""
    if unit == "excerpt":
        by_tuple = Counter(rec.codes for rec in records)
        sets: Counter[frozenset[str]] = Counter()
        for codes, n in by_tuple.items():
            sets[frozenset(codes)] += n
        return sets
    return Counter(frozenset(codes) for codes in units_of(records, unit).values())


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    together: int  # units with both codes
    a_units: int
    b_units: int

    @property
    def jaccard(self) -> float:
        """Units with both / units with either."""
        either = self.a_units + self.b_units - self.together
        return self.together / either if either else 0.0


@dataclass
class Cooccurrence:
    unit: str
    units: int  # units with at least one code
    code_units: dict[str, int]  # code -> units it occurs in
    pairs: list[Pair]  # every pair that occurs together at least once; most frequent first


def cooccurrence(records: Iterable[Record], *, unit: str = "excerpt", level: str = "code",
                 sets: Counter[frozenset[str]] | None = None) -> Cooccurrence:
    """Which codes occur together in one excerpt, turn or transcript, with counts and Jaccard.

    ``level`` ``theory`` folds ``alpha:C1`` into ``alpha`` first. ``sets``: ``code_sets(records, unit)``
    when already worked out.
    """
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}")
    code_units: Counter[str] = Counter()
    together: Counter[tuple[str, str]] = Counter()
    units = 0
    once: list[frozenset[str] | set[str]] = []  # most units hold a set of codes no other unit holds
    for code_set, n in (sets if sets is not None else code_sets(records, unit)).items():
        codes = {theory_of(c) or c for c in code_set} if level == "theory" else code_set
        if not codes:
            continue
        units += n
        if n == 1:
            once.append(codes)
            continue
        for code in codes:
            code_units[code] += n
        if len(codes) > 1:
            for pair in combinations(sorted(codes), 2):
                together[pair] += n
    code_units.update(chain.from_iterable(once))  # counted in C: the same sums, quicker
    together.update(chain.from_iterable(combinations(sorted(codes), 2) for codes in once if len(codes) > 1))
    pairs = [Pair(a, b, k, code_units[a], code_units[b]) for (a, b), k in together.items()]
    pairs.sort(key=lambda p: (-p.together, -p.jaccard, p.a, p.b))
    return Cooccurrence(unit=unit, units=units, code_units=dict(code_units), pairs=pairs)


@dataclass
class Configuration:
    """How one theory's contexts, mechanisms and outcomes are coded: together or apart.

    Counts are of units (excerpts, turns or transcripts) holding at least one element of
    the theory; ``c_m`` counts units with a context and a mechanism (whatever else they
    hold), ``c_m_o`` units with all three — configurational evidence — and ``alone`` units
    with only one of the three kinds.
    """

    theory: str
    units: int = 0
    c: int = 0
    m: int = 0
    o: int = 0
    c_m: int = 0
    m_o: int = 0
    c_o: int = 0
    c_m_o: int = 0
    alone: int = 0

    @property
    def apart(self) -> bool:
        """Each of C, M and O is coded somewhere, but never all three in one unit."""
        return bool(self.c and self.m and self.o and not self.c_m_o)


def configurations(records: Iterable[Record], element_kinds: dict[str, str], *, unit: str = "excerpt",
                   theories: Sequence[str] | None = None,
                   sets: Counter[frozenset[str]] | None = None) -> list[Configuration]:
    """Per theory, how often its C, M and O occur in one unit versus only apart.

    ``element_kinds`` maps ``theory:ELEMENT`` to its letter (C, I, M or O); codes it does not
    know fall back to the element id's first letter. ``sets``: ``code_sets(records, unit)`` when
    already worked out.
    """
    found: dict[str, Configuration] = {t: Configuration(t) for t in theories or []}
    triad: dict[str, tuple[str, str] | None] = {}  # code -> (theory, C/M/O), worked out once per code
    for codes, n in (sets if sets is not None else code_sets(records, unit)).items():
        kinds: dict[str, set[str]] = {}
        for code in codes:
            if code in triad:
                hit = triad[code]
            else:
                hit = None
                if not code.startswith("free:") and ":" in code:
                    theory, _, element = code.partition(":")
                    letter = element_kinds.get(code) or element[:1].upper()
                    if letter in TRIAD:
                        hit = (theory, letter)
                triad[code] = hit
            if hit is not None:
                found_kinds = kinds.get(hit[0])
                if found_kinds is None:
                    kinds[hit[0]] = {hit[1]}
                else:
                    found_kinds.add(hit[1])
        for theory, present in kinds.items():
            conf = found.get(theory)
            if conf is None:
                conf = found[theory] = Configuration(theory)
            conf.units += n
            has_c, has_m, has_o = "C" in present, "M" in present, "O" in present
            conf.c += n * has_c
            conf.m += n * has_m
            conf.o += n * has_o
            conf.c_m += n * (has_c and has_m)
            conf.m_o += n * (has_m and has_o)
            conf.c_o += n * (has_c and has_o)
            conf.c_m_o += n * (has_c and has_m and has_o)
            conf.alone += n * (len(present) == 1)
    order = list(theories or [])
    return [found[t] for t in order if t in found] + sorted(
        (c for t, c in found.items() if t not in set(order)), key=lambda c: c.theory)
