"""From a project's codings to :class:`~realist.coding.matrix.Record` s, in one pass.

Each excerpt is paired with the attributes of its case — the speaking participant's role,
group, site and strand, the transcript's stage and site — looked up once per
(transcript, participant), so 100,000 excerpts cost no more file reads than ten.

>>> records = excerpt_records(project, coder="alice")  # doctest: +SKIP
>>> records[0].attrs["strand"]  # doctest: +SKIP
'staff-interviews'
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from realist.coding.matrix import COL_KINDS, Record, theory_of
from realist.coding.strands import strand_of
from realist.model import Project


def excerpt_records(project: Project, *, coder: str | Iterable[str] | None = None,
                    transcripts: Iterable[str] | None = None, turns: bool = True,
                    text: bool = True) -> list[Record]:
    """Every coded excerpt (of these coders and transcripts) as a Record with its case's attributes.

    ``turns=False`` leaves ``Record.turn`` unset (only co-occurrence by turn needs it);
    ``text=False`` may leave ``quote`` empty and ``memo`` unset (counting needs neither).
    """
    from realist.coding.query import load_excerpts
    from realist.store.participants import load_participants
    from realist.store.transcripts import load_transcripts

    coders = {coder} if isinstance(coder, str) else (set(coder) if coder else None)
    indexed = _indexed_records(project, coders, transcripts, turns, text)
    if indexed is not None:
        return indexed
    known = load_transcripts(project)
    people = load_participants(project)
    excerpts = load_excerpts(project, list(transcripts) if transcripts is not None else None)
    starts: dict[str, list[int]] = {}
    cases: dict[tuple[str, str | None], dict[str, Any]] = {}
    out: list[Record] = []
    for e in excerpts:
        if coders is not None and e.coder not in coders:
            continue
        key = (e.transcript, e.participant)
        attrs = cases.get(key)
        t = known.get(e.transcript)
        if attrs is None:
            attrs = cases[key] = case_attributes(project, t, people.get(e.participant) if e.participant else None,
                                                 e.transcript)
        turn = None
        if turns and t is not None and t.turns:
            begins = starts.get(e.transcript)
            if begins is None:
                begins = starts[e.transcript] = [turn.start for turn in t.turns]
            index = bisect_right(begins, e.start) - 1
            turn = index if index >= 0 else None
        out.append(Record(e.id, e.transcript, tuple(e.codes), e.stance, e.coder, e.participant, turn, e.quote,
                          e.memo, attrs))
    return out


_RECORD_COLUMNS = ("id", "codes", "turn", "cid")


def _indexed_records(project: Project, coders: set[str] | None, transcripts: Iterable[str] | None,
                     turns: bool, text: bool) -> list[Record] | None:
    """:func:`excerpt_records` from the excerpt index (no transcript read), or None when there is none."""
    import gc

    collecting = gc.isenabled()
    gc.disable()  # a hundred thousand new objects, no cycles among them: collecting only slows this down
    try:
        return _read_records(project, coders, transcripts, turns, text)
    finally:
        if collecting:
            gc.enable()


def _read_records(project: Project, coders: set[str] | None, transcripts: Iterable[str] | None,
                  turns: bool, text: bool) -> list[Record] | None:
    import sqlite3

    from realist.coding import index

    db = index.connect(project)
    if db is None:
        return None
    where: list[str] = []
    params: list[Any] = []
    if coders is not None:
        where.append(f"x.coder IN ({', '.join('?' for _ in coders)})")
        params.extend(sorted(coders))
    if transcripts is not None:
        wanted = list(transcripts)
        where.append(f"x.folder IN ({', '.join('?' for _ in wanted)})")
        params.extend(wanted)
    try:
        columns = (*_RECORD_COLUMNS, "quote", "memo", "memo_j") if text else _RECORD_COLUMNS
        rows = index.select(db, columns, where, params)
        known_cases = index.cases(db)
    except sqlite3.Error:  # a damaged index: the ordinary path
        return None
    finally:
        db.close()
    attrs_of: dict[tuple[Any, ...], dict[str, Any]] = {}  # one dict per speaker in a transcript, shared by their excerpts
    whose: dict[int, tuple[Any, ...]] = {}
    for cid, c in known_cases.items():
        attrs = attrs_of.get(c[:10])
        if attrs is None:
            attrs = attrs_of[c[:10]] = {"role": c[0], "group": c[1], "site": c[2], "stage": c[3], "strand": c[4],
                                        "transcript": c[9], "participant": c[5], "case": c[6]}
        whose[cid] = (c[9], c[11], c[10], c[12], attrs)  # transcript, stance, coder, participant, attributes
    sep = index.SEP
    out: list[Record] = []
    _fill(out, rows, whose, sep, turns, text)
    return out


def _fill(out: list[Record], rows: list[Any], whose: dict[int, tuple[Any, ...]], sep: str, turns: bool,
          text: bool) -> None:
    from realist.coding import index

    if text:
        load = index.load_json
        for xid, codes, turn, cid, quote, memo, memo_j in rows:
            tid, stance, coder, participant, attrs = whose[cid]
            out.append(Record(xid, tid, tuple(codes.split(sep)) if codes is not None else (), stance, coder,
                              participant, turn if turns else None, quote, load(memo) if memo_j else memo, attrs))
        return
    for xid, codes, turn, cid in rows:
        tid, stance, coder, participant, attrs = whose[cid]
        out.append(Record(xid, tid, tuple(codes.split(sep)) if codes is not None else (), stance, coder, participant,
                          turn if turns else None, "", None, attrs))


def case_attributes(project: Project, transcript: Any, participant: Any, transcript_id: str) -> dict[str, Any]:
    """What a matrix column can be for one speaker in one transcript."""
    p, t = participant, transcript
    return {
        "role": p.role if p is not None else None,
        "group": p.group if p is not None else None,
        "site": (p.site if p is not None else None) or (t.site if t is not None else None),
        "stage": t.stage if t is not None else None,
        "strand": strand_of(project, t, p),
        "transcript": transcript_id,
        "participant": p.id if p is not None else None,
        "case": p.label if p is not None else None,
    }


def all_values(project: Project, kind: str) -> list[str]:
    """Every value a matrix dimension can take in this project, in a natural order (empty rows too)."""
    from realist.coding.codes import load_codebook

    if kind == "theory":
        return list(project.theories)
    if kind == "element":
        return [f"{t.id}:{e.id}" for t in project.theories.values() for e in t.elements]
    if kind == "code":
        codes: list[str] = []
        for t in project.theories.values():
            codes.append(t.id)
            codes.extend(f"{t.id}:{e.id}" for e in t.elements)
        return codes + [f"free:{name}" for name in load_codebook(project)]
    if kind == "strand":
        return [s.id for s in project.manifest.strands.values() if s.kind == "qualitative"]
    if kind == "stage":
        return list(project.manifest.phases)
    if kind == "transcript":
        from realist.store.transcripts import load_transcripts

        return list(load_transcripts(project))
    if kind in COL_KINDS:  # role, group, site: those of the participants
        from realist.store.participants import load_participants

        values = {getattr(p, kind) for p in load_participants(project).values()} - {None}
        if kind == "group":
            values.discard("researcher")
        return sorted(values)
    raise ValueError(kind)


def element_kinds(project: Project) -> dict[str, str]:
    """``theory:ELEMENT`` -> its letter (C, I, M or O)."""
    return {f"{t.id}:{e.id}": e.letter for t in project.theories.values() for e in t.elements}


@dataclass
class Framework:
    """The framework matrix: one row per case, one column per theory, each cell the excerpts."""

    row_kind: str  # participant | site
    rows: list[str]
    row_labels: dict[str, str]
    theories: list[str]
    cells: dict[tuple[str, str], list[Record]] = field(default_factory=dict)

    def cell(self, row: str, theory: str) -> list[Record]:
        return self.cells.get((row, theory), [])


def framework_matrix(records: Iterable[Record], *, rows: str = "participant",
                     theories: list[str] | None = None) -> Framework:
    """Cases x theories, each cell the case's excerpts for that theory, in text order.

    A case is a participant (labelled by role and number) or a site; excerpts whose case is
    not known (say, an unmapped speaker) are left out.
    """
    if rows not in ("participant", "site"):
        raise ValueError("rows must be participant or site")
    cells: dict[tuple[str, str], list[Record]] = {}
    labels: dict[str, str] = {}
    found_theories: set[str] = set()
    for rec in records:
        case = rec.attrs.get(rows)
        if not case:
            continue
        if case not in labels:
            labels[case] = rec.attrs.get("case") or case if rows == "participant" else case
        for theory in {t for t in (theory_of(c) for c in rec.codes) if t is not None}:
            cells.setdefault((case, theory), []).append(rec)
            found_theories.add(theory)
    order = list(theories or [])
    cols = order + sorted(found_theories - set(order))
    return Framework(row_kind=rows, rows=sorted(labels, key=lambda c: (labels[c], c)), row_labels=labels,
                     theories=cols, cells=cells)
