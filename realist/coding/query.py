"""Load excerpts and find them by theory, element, code, stance, who said it, where and when."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from realist.coding.strands import strand_of
from realist.errors import InputError, UsageError
from realist.model import STANCES, Excerpt, Participant, Project, Transcript
from realist.store.codings import coding_files, read_codings
from realist.store.participants import load_participants
from realist.store.transcripts import load_transcripts
from realist.text import did_you_mean, one_of


def attribution(participant: Participant | None, site: str | None = None) -> str:
    """How a quotation is attributed: ``Probation Officer 1, Region A``.

    >>> attribution(Participant("P01", role="Probation Officer", number=1, site="Region A"))
    'Probation Officer 1, Region A'
    """
    if participant is None:
        return site or ""
    where = participant.site or site
    return f"{participant.label}, {where}" if where else participant.label


def load_excerpts(project: Project, transcripts: Iterable[str] | None = None) -> list[Excerpt]:
    """Every excerpt (of the given transcripts), in transcript and text order, with ``participant`` set.

    >>> [e.id for e in load_excerpts(project, ["po-1"])]  # doctest: +SKIP
    ['rnfgk3vf', 'b2c7x4qa']
    """
    wanted = list(transcripts) if transcripts is not None else None
    cached = project._cache.get("excerpts") if wanted is None else None
    if cached is not None:
        return list(cached)
    known = load_transcripts(project)
    out: list[Excerpt] = []
    for path in coding_files(project, wanted):
        out.extend(read_codings(path))
    for e in out:
        t = known.get(e.transcript)
        if t is not None:
            e.participant = t.participant_in(e.start, e.end)
    order = {tid: i for i, tid in enumerate(known)}
    out.sort(key=lambda e: (order.get(e.transcript, len(order)), e.transcript, e.start, e.end, e.coder, e.id))
    if wanted is None:
        project._cache["excerpts"] = out
    return list(out)


def _values(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [v.strip() for item in value for v in str(item).split(",") if v.strip()]


def query_excerpts(project: Project, *, theory: str | Iterable[str] | None = None,
                   element: str | Iterable[str] | None = None, code: str | Iterable[str] | None = None,
                   stance: str | Iterable[str] | None = None, role: str | Iterable[str] | None = None,
                   group: str | Iterable[str] | None = None, site: str | Iterable[str] | None = None,
                   stage: str | Iterable[str] | None = None, coder: str | Iterable[str] | None = None,
                   text: str | None = None, transcript: str | Iterable[str] | None = None,
                   key: bool | None = None, strand: str | Iterable[str] | None = None) -> list[Excerpt]:
    """The excerpts that pass every filter given (several values of one filter: any of them).

    ``element`` is ``C1`` (any theory, or the ``theory`` filter's) or ``theory:C1``.
    ``role``, ``group`` and ``site`` are the speaking participant's (site falls back to
    the transcript's); ``stage`` is the transcript's; ``strand`` the participant's; ``text`` searches the
    quote, ignoring case.

    >>> query_excerpts(project, theory="trusting-relationships", stance="refutes", site="Region A")  # doctest: +SKIP
    """
    theories, elements, codes = _values(theory), _values(element), _values(code)
    stances, roles, groups = _values(stance), [r.lower() for r in _values(role)], _values(group)
    sites, stages, coders = [s.lower() for s in _values(site)], _values(stage), _values(coder)
    transcript_ids = _values(transcript)
    strands = _values(strand)
    known_strands = list(project.manifest.strands)
    for s in strands:
        if known_strands and s not in known_strands:
            raise UsageError(f"strand '{s}' is not in realist.yaml ({one_of(known_strands)}){did_you_mean(s, known_strands)}")
    for tid in theories:
        if tid not in project.theories:
            raise UsageError(f"no theory '{tid}'{did_you_mean(tid, project.theories)}")
    for s in stances:
        if s not in STANCES:
            raise UsageError(f"stance '{s}' is not one of {one_of(STANCES)}{did_you_mean(s, STANCES)}")
    phases = project.manifest.phases
    for s in stages:
        if phases and s not in phases:
            raise UsageError(f"stage '{s}' is not a phase of this project ({one_of(phases)}){did_you_mean(s, phases)}")
    element_codes: set[str] = set()
    bare: set[str] = set()
    for e in elements:
        if ":" in e:
            element_codes.add(e)
        elif theories:
            element_codes.update(f"{tid}:{e}" for tid in theories)
        else:
            bare.add(e)

    indexed = _query_index(project, theories, element_codes, bare, codes, stances, roles, groups, sites, stages,
                           coders, transcript_ids, key, strands, text)
    if indexed is not None:
        return indexed
    transcripts = load_transcripts(project)
    participants = load_participants(project)
    excerpts = load_excerpts(project, transcript_ids or None)
    needle = text.lower() if text else None
    out = []
    for ex in excerpts:
        if not _coded(ex, theories, element_codes, bare, codes, stances, coders, key, needle):
            continue
        t = transcripts.get(ex.transcript)
        if stages and (t is None or t.stage not in stages):
            continue
        p = participants.get(ex.participant) if ex.participant else None
        if roles and (p is None or p.role.lower() not in roles):
            continue
        if groups and (p is None or p.group not in groups):
            continue
        if sites and (_site(p, t) or "").lower() not in sites:
            continue
        if strands and strand_of(project, t, p) not in strands:
            continue
        out.append(ex)
    return out


def _coded(ex: Excerpt, theories: list[str], element_codes: set[str], bare: set[str], codes: list[str],
           stances: list[str], coders: list[str], key: bool | None, needle: str | None) -> bool:
    """Whether one excerpt passes the filters on what its codings file says (codes, stance, coder, key, text)."""
    if theories and not set(theories) & set(ex.theories):
        return False
    if (element_codes or bare) and not any(
            c in element_codes or (":" in c and c.split(":", 1)[1] in bare and not c.startswith("free:"))
            for c in ex.codes):
        return False
    if codes and not set(codes) & set(ex.codes):
        return False
    if stances and ex.stance not in stances:
        return False
    if coders and ex.coder not in coders:
        return False
    if key is not None and ex.key != key:
        return False
    return not (needle and needle not in ex.quote.lower())


_EXTRA = ("line", "end_line", "attribution", "role", "grp", "site", "stage", "ttype", "known", "strand")


def _query_index(project: Project, theories: list[str], element_codes: set[str], bare: set[str], codes: list[str],
                 stances: list[str], roles: list[str], groups: list[str], sites: list[str], stages: list[str],
                 coders: list[str], transcript_ids: list[str], key: bool | None, strands: list[str],
                 text: str | None) -> list[Excerpt] | None:
    """:func:`query_excerpts` answered from the excerpt index (None when there is none): SQL narrows the
    rows, then every filter is applied again exactly as on the ordinary path."""
    import sqlite3

    from realist.coding import index

    db = index.connect(project)
    if db is None:
        return None
    where: list[str] = []
    params: list[Any] = []

    def within(column: str, values: list[Any]) -> None:
        where.append(f'x."{column}" IN ({", ".join("?" for _ in values)})')
        params.extend(values)

    def having(tests: list[str], values: list[Any]) -> None:
        where.append(f"x.rowid IN (SELECT xrow FROM c WHERE {' OR '.join(tests)})")
        params.extend(values)

    if transcript_ids:
        within("folder", transcript_ids)
    if theories:
        having(["code = ? OR substr(code, 1, ?) = ?"] * len(theories),
               [v for t in theories for v in (t, len(t) + 1, t + ":")])
    if element_codes or bare:
        having(["code = ?"] * len(element_codes) + ["substr(code, ?) = ?"] * len(bare),
               [*element_codes, *(v for b in sorted(bare) for v in (-len(b) - 1, ":" + b))])
    if codes:
        having(["code = ?"] * len(codes), codes)
    if stances:
        within("stance", stances)
    if coders:
        within("coder", coders)
    if key is not None:
        within("key", [int(key)])
    columns = (*index.EXCERPT_COLUMNS, *_EXTRA)
    at = {c: i for i, c in enumerate(columns)}
    try:
        rows = index.select(db, columns, where, params)
    except sqlite3.Error:  # a damaged index: the ordinary path
        return None
    finally:
        db.close()
    needle = text.lower() if text else None
    extras: dict[int, tuple[Excerpt, tuple[Any, ...]]] = project._cache.setdefault("excerpt_index_rows", {})
    out = []
    for row in rows:
        ex = index.excerpt_of(row, at)
        if not _coded(ex, theories, element_codes, bare, codes, stances, coders, key, needle):
            continue
        known, role, group, site = row[at["known"]], row[at["role"]], row[at["grp"]], row[at["site"]]
        if stages and (not known or row[at["stage"]] not in stages):
            continue
        if roles and (role is None or role.lower() not in roles):
            continue
        if groups and (role is None or group not in groups):
            continue
        if sites and (site or "").lower() not in sites:
            continue
        if strands and row[at["strand"]] not in strands:
            continue
        extras[id(ex)] = (ex, tuple(row[at[c]] for c in _EXTRA))
        out.append(ex)
    return out


def _site(p: Participant | None, t: Transcript | None) -> str | None:
    return (p.site if p is not None else None) or (t.site if t is not None else None)


def excerpt_rows(project: Project, excerpts: list[Excerpt]) -> list[dict[str, Any]]:
    """Excerpts as plain dicts (what ``realist excerpts --format json`` prints)."""
    from realist.coding.anchor import line_col, line_starts
    from realist.store.memos import project_memos

    memos: dict[str, list[dict[str, Any]]] = {}
    for m in project_memos(project).memos:
        if m.on.startswith("excerpt:"):
            memos.setdefault(m.on[8:], []).append({"id": m.id, "author": m.author, "date": m.date, "text": m.text})
    extras = project._cache.get("excerpt_index_rows") or {}
    found = [extras.get(id(e)) for e in excerpts]
    if all(f is not None and f[0] is e and f[1][8] for f, e in zip(found, excerpts, strict=True)):
        return [_row(e, f[1], memos) for f, e in zip(found, excerpts, strict=True) if f is not None]
    transcripts = load_transcripts(project)
    participants = load_participants(project)
    starts: dict[str, list[int]] = {}
    rows = []
    for e in excerpts:
        t = transcripts.get(e.transcript)
        if t is None:
            raise InputError(f"excerpt {e.id} is of transcript '{e.transcript}', which is not imported", path=e.path)
        if e.transcript not in starts:
            starts[e.transcript] = line_starts(t.text)
        line = line_col(t.text, e.start, starts[e.transcript])[0]
        end_line = line_col(t.text, max(e.start, e.end - 1), starts[e.transcript])[0]
        p = participants.get(e.participant) if e.participant else None
        rows.append({
            "id": e.id, "transcript": e.transcript, "lines": f"{line}-{end_line}" if end_line != line else str(line),
            "start": e.start, "end": e.end, "codes": list(e.codes), "stance": e.stance, "coder": e.coder,
            "quote": e.quote, "memo": e.memo, "key": e.key, "participant": e.participant,
            "attribution": attribution(p, t.site), "role": p.role if p else None, "group": p.group if p else None,
            "site": _site(p, t), "stage": t.stage, "type": t.type, "configurational": e.configurational,
            "created": e.created, "memos": memos.get(e.id, []),
        })
    return rows


def _row(e: Excerpt, extra: tuple[Any, ...], memos: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """One row of :func:`excerpt_rows` from what the excerpt index holds (see ``_EXTRA``)."""
    line, end_line, who, role, group, site, stage, ttype = extra[:8]
    return {
        "id": e.id, "transcript": e.transcript, "lines": f"{line}-{end_line}" if end_line != line else str(line),
        "start": e.start, "end": e.end, "codes": list(e.codes), "stance": e.stance, "coder": e.coder,
        "quote": e.quote, "memo": e.memo, "key": e.key, "participant": e.participant,
        "attribution": who, "role": role, "group": group, "site": site, "stage": stage, "type": ttype,
        "configurational": e.configurational, "created": e.created, "memos": memos.get(e.id, []),
    }
