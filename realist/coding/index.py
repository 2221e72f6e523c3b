"""The excerpt index: a disposable SQLite copy of every excerpt with its case, so queries skip the texts.

``.realist-cache/excerpts.sqlite`` holds one row per excerpt — what its codings file says
(id, transcript, coder, start, end, stance, key, codes, quote, memo...) plus what is
derived from the transcripts, participants and ``realist.yaml`` (who speaks, the speaker
turn, line numbers, role, group, site, stage, strand, attribution), worked out with the
same rules as without it (:func:`realist.coding.strands.strand_of`,
:func:`realist.coding.records.case_attributes`). YAML stays the only source of truth:

* each codings file's rows are keyed by the file's signature (mtime in nanoseconds,
  size, inode) and rebuilt when it changes;
* everything else the rows depend on (``realist.yaml``, every file of the transcripts
  folder, the code that derives them) is one context key: any change rebuilds the lot;
* a file modified within two seconds of being indexed is never trusted by signature
  (a same-size edit in the same clock tick would keep it): it is read again next time;
* ``REALIST_NO_CACHE=1``, or an index that cannot be read or written, means the
  ordinary path — same answers, only slower.

>>> rows = index_rows(project)  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from realist.model import Excerpt, Project
from realist.store import cache

NAME = "excerpts.sqlite"
SCHEMA = 1
_RACY_NS = 2_000_000_000
SEP = "\x1f"
_ORDER = 'tpos, transcript, start, "end", coder, id, folder, fname, seq'
COLUMNS = ("file", "folder", "fname", "seq", "id", "transcript", "tpos", "coder", "start", "end", "stance", "key",
           "codes", "memo", "memo_j", "quote", "prefix", "suffix", "created", "created_j", "participant", "turn",
           "known", "line", "end_line", "role", "grp", "site", "stage", "strand", "pid", "label", "ttype",
           "attribution")
_COL = {c: i for i, c in enumerate(COLUMNS)}


def _sig(st: os.stat_result, now: int) -> str | None:
    """A file's signature, or None when it changed too recently to be trusted by it."""
    if st.st_mtime_ns >= now - _RACY_NS:
        return None
    return f"{st.st_mtime_ns}:{st.st_size}:{st.st_ino}"


def _fingerprint() -> str:
    here = Path(__file__).parent
    parts = [cache.code_fingerprint(), str(SCHEMA)]
    for name in ("index.py", "query.py", "records.py", "strands.py", "anchor.py"):
        with contextlib.suppress(OSError):
            st = os.stat(here / name)
            parts.append(f"{name}:{st.st_mtime_ns}:{st.st_size}")
    return "|".join(parts)


def _context_key(project: Project, now: int) -> str:
    """Changes whenever anything but the codings files that the rows depend on changes."""
    parts = [_fingerprint(), str(project.root.resolve())]
    found: list[tuple[str, str | None]] = []
    try:
        found.append(("realist.yaml", _sig(os.stat(project.manifest_path), now)))
    except OSError:
        found.append(("realist.yaml", "-"))
    with contextlib.suppress(OSError), os.scandir(project.transcripts_path) as entries:
        for e in entries:
            if e.is_file():
                try:
                    found.append((e.name, _sig(e.stat(), now)))
                except OSError:
                    found.append((e.name, "-"))
    for name, sig in sorted(found):
        if sig is None:  # racy: never equal to any stored key
            sig = f"racy{now}{os.getpid()}"
        parts.append(f"{name}={sig}")
    return hashlib.blake2b("\n".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _codings_sigs(project: Project, now: int) -> dict[str, str | None]:
    """Every codings file (as :func:`realist.store.codings.coding_files` finds them, in its order) -> signature."""
    from realist.store.codings import codings_root

    root = str(codings_root(project))
    found: list[tuple[str, str, str, str | None]] = []
    with contextlib.suppress(FileNotFoundError, NotADirectoryError), os.scandir(root) as folders:
        for folder in folders:
            if folder.is_dir() and not folder.name.startswith("."):
                with os.scandir(folder.path) as entries:
                    for e in entries:
                        if e.name.endswith(".yaml") and not e.name.startswith(".") and e.is_file():
                            try:
                                sig = _sig(e.stat(), now)
                            except OSError:
                                sig = None
                            found.append((folder.name, e.name, e.path, sig))
    found.sort()
    return {path: sig for _, _, path, sig in found}


_X = ("file", "folder", "fname", "seq", "id", "transcript", "tpos", "coder", "start", "end", "stance", "key", "codes",
      "participant", "turn", "known", "line", "end_line")
_T = ("quote", "prefix", "suffix", "memo", "memo_j", "created", "created_j")
# a case is one speaker in one transcript; kept per coder and stance too, so counts read four columns a row
CASE = ("role", "grp", "site", "stage", "strand", "pid", "label", "ttype", "attribution", "ctranscript", "ccoder",
        "cstance", "cparticipant")


def _create(db: sqlite3.Connection) -> None:
    """Three tables of excerpts: ``x`` the compact part (read whole by counts), ``t`` the texts (read for
    the excerpts a query returns), ``cs`` the cases (one per transcript and speaker), and ``c`` the codes."""
    db.executescript(f"""
        CREATE TABLE IF NOT EXISTS meta(k TEXT PRIMARY KEY, v TEXT);
        CREATE TABLE IF NOT EXISTS files(path TEXT PRIMARY KEY, sig TEXT);
        CREATE TABLE IF NOT EXISTS tpos(transcript TEXT PRIMARY KEY, pos INTEGER);
        CREATE TABLE IF NOT EXISTS x({", ".join(f'"{c}"' for c in _X)}, cid INTEGER);
        CREATE TABLE IF NOT EXISTS t(xrow INTEGER PRIMARY KEY, {", ".join(f'"{c}"' for c in _T)});
        CREATE TABLE IF NOT EXISTS cs(cid INTEGER PRIMARY KEY, ckey TEXT UNIQUE, {", ".join(CASE)});
        CREATE TABLE IF NOT EXISTS c(xrow INTEGER, code TEXT);
        CREATE INDEX IF NOT EXISTS x_file ON x(file);
        CREATE INDEX IF NOT EXISTS x_order ON x({_ORDER});
        CREATE INDEX IF NOT EXISTS c_code ON c(code);
        CREATE INDEX IF NOT EXISTS c_xrow ON c(xrow);
    """)


_FEW = 20  # changed codings files up to which only their own transcripts are read


class _Transcripts:
    """The transcripts a few changed codings files need, each read on its own (what ``get`` finds is what
    :func:`~realist.store.transcripts.load_transcripts` would: the context key says no transcript changed)."""

    def __init__(self, project: Project, tpos: dict[str, int]) -> None:
        self.project, self.tpos = project, tpos
        self.found: dict[str, Any] = {}

    def get(self, transcript_id: str) -> Any:
        from realist.store.transcripts import get_transcript

        if transcript_id not in self.found:
            self.found[transcript_id] = get_transcript(self.project, transcript_id) \
                if transcript_id in self.tpos else None
        return self.found[transcript_id]


def _rows_of(project: Project, paths: list[str], tpos: dict[str, int]) -> list[tuple[Any, ...]]:
    """The index rows of these codings files, derived exactly as the ordinary path derives them."""
    from realist.coding.anchor import line_col, line_starts
    from realist.coding.query import attribution
    from realist.coding.records import case_attributes
    from realist.store.codings import read_codings
    from realist.store.participants import load_participants
    from realist.store.transcripts import load_transcripts

    known: Any = load_transcripts(project) if len(paths) > _FEW else _Transcripts(project, tpos)
    people = load_participants(project)
    unknown_pos = len(tpos)
    cases: dict[tuple[str, str | None], dict[str, Any]] = {}
    starts: dict[str, list[int]] = {}
    turn_starts: dict[str, list[int]] = {}
    out = []
    from bisect import bisect_right

    for file in paths:
        path = Path(file)
        for seq, e in enumerate(read_codings(path)):
            t = known.get(e.transcript)
            if t is not None:
                e.participant = t.participant_in(e.start, e.end)
            p = people.get(e.participant) if e.participant else None
            attrs = cases.get((e.transcript, e.participant))
            if attrs is None:
                attrs = cases[e.transcript, e.participant] = case_attributes(project, t, p, e.transcript)
            turn = line = end_line = None
            who = None
            if t is not None:
                if t.turns:
                    begins = turn_starts.get(e.transcript)
                    if begins is None:
                        begins = turn_starts[e.transcript] = [u.start for u in t.turns]
                    index = bisect_right(begins, e.start) - 1
                    turn = index if index >= 0 else None
                if e.transcript not in starts:
                    starts[e.transcript] = line_starts(t.text)
                line = line_col(t.text, e.start, starts[e.transcript])[0]
                end_line = line_col(t.text, max(e.start, e.end - 1), starts[e.transcript])[0]
                who = attribution(p, t.site)
            memo_j = not (e.memo is None or isinstance(e.memo, str))
            created_j = not (e.created is None or isinstance(e.created, str))
            out.append((file, path.parent.name, path.name, seq, e.id, e.transcript,
                        tpos.get(e.transcript, unknown_pos), e.coder, e.start, e.end, e.stance, int(e.key),
                        SEP.join(e.codes) if e.codes else None, _dump(e.memo) if memo_j else e.memo, int(memo_j),
                        e.quote, e.prefix, e.suffix, _dump(e.created) if created_j else e.created, int(created_j),
                        e.participant, turn, int(t is not None), line, end_line, attrs["role"], attrs["group"],
                        attrs["site"], attrs["stage"], attrs["strand"], attrs["participant"], attrs["case"],
                        t.type if t is not None else None, who))
    return out


def _dump(value: Any) -> str:
    import json

    return json.dumps(value)


def load_json(value: str) -> Any:
    import json

    return json.loads(value)


def _insert(db: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> None:
    x_at = [_COL[c] for c in _X]
    t_at = [_COL[c] for c in _T]
    case_at = [_COL[c[1:] if c.startswith("c") else c] for c in CASE]
    cids: dict[str, int] = {}
    x_sql = f"INSERT INTO x VALUES ({', '.join('?' for _ in _X)}, ?)"
    t_sql = f"INSERT INTO t VALUES (?, {', '.join('?' for _ in _T)})"
    for row in rows:
        case = [row[i] for i in case_at]
        ckey = _dump(case)
        cid = cids.get(ckey)
        if cid is None:
            db.execute(f"INSERT OR IGNORE INTO cs(ckey, {', '.join(CASE)}) VALUES (?, {', '.join('?' for _ in CASE)})",
                       [ckey, *case])
            cid = cids[ckey] = db.execute("SELECT cid FROM cs WHERE ckey = ?", (ckey,)).fetchone()[0]
        xrow = db.execute(x_sql, [*(row[i] for i in x_at), cid]).lastrowid
        db.execute(t_sql, [xrow, *(row[i] for i in t_at)])
        codes = row[_COL["codes"]]
        if codes is not None:
            db.executemany("INSERT INTO c VALUES (?, ?)", [(xrow, c) for c in set(codes.split(SEP))])


def cases(db: sqlite3.Connection) -> dict[int, tuple[Any, ...]]:
    """Case id -> its :data:`CASE` values."""
    return {row[0]: row[1:] for row in db.execute(f"SELECT cid, {', '.join(CASE)} FROM cs")}


def connect(project: Project) -> sqlite3.Connection | None:
    """An up-to-date index of the project's excerpts, or None (disabled, or cannot be kept)."""
    if not cache.enabled():
        return None
    now = time.time_ns()
    folder = project.root / cache.CACHE_DIR
    path = folder / NAME
    try:
        context = _context_key(project, now)
        sigs = _codings_sigs(project, now)
        db = _fresh(project, path, context, sigs) if path.is_file() else None
        if db is None:
            if not os.access(folder if folder.is_dir() else project.root, os.W_OK):
                return None  # nowhere to keep it: the ordinary path, without building it first
            db = _rebuild(project, folder, path, context, sigs)
    except (sqlite3.Error, OSError):
        return None
    return db


def _fresh(project: Project, path: Path, context: str, sigs: dict[str, str | None]) -> sqlite3.Connection | None:
    """The index at ``path`` brought up to date file by file, or None when it must be rebuilt whole."""
    try:
        db = sqlite3.connect(path, timeout=10, isolation_level=None)
        meta = dict(db.execute("SELECT k, v FROM meta"))
    except sqlite3.Error:
        return None
    if meta.get("context") != context or meta.get("schema") != str(SCHEMA):
        db.close()
        return None
    stored = dict(db.execute("SELECT path, sig FROM files"))
    changed = [p for p, s in sigs.items() if s is None or stored.get(p) != s]
    gone = [p for p in stored if p not in sigs]
    if not changed and not gone:
        return db
    db.execute("BEGIN IMMEDIATE")
    try:
        tpos = dict(db.execute("SELECT transcript, pos FROM tpos"))
        rows = _rows_of(project, changed, tpos)
        for p in changed + gone:
            db.execute("DELETE FROM c WHERE xrow IN (SELECT rowid FROM x WHERE file = ?)", (p,))
            db.execute("DELETE FROM t WHERE xrow IN (SELECT rowid FROM x WHERE file = ?)", (p,))
            db.execute("DELETE FROM x WHERE file = ?", (p,))
            db.execute("DELETE FROM files WHERE path = ?", (p,))
        _insert(db, rows)
        db.executemany("INSERT INTO files VALUES (?, ?)", [(p, sigs[p]) for p in changed])
        db.execute("INSERT OR REPLACE INTO meta VALUES ('sorted', '0')")  # new rows at the end: sort when read
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        db.close()
        raise
    return db


def _rebuild(project: Project, folder: Path, path: Path, context: str,
             sigs: dict[str, str | None]) -> sqlite3.Connection:
    from realist.store.transcripts import load_transcripts

    tpos = {tid: i for i, tid in enumerate(load_transcripts(project))}
    rows = _rows_of(project, list(sigs), tpos)  # InputErrors surface here, as without the index
    folder.mkdir(exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n", encoding="utf-8")
    tmp = folder / f".{NAME}.{os.getpid()}.tmp"
    with contextlib.suppress(OSError):
        tmp.unlink()
    db = sqlite3.connect(tmp, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        _create(db)
        db.execute("BEGIN")
        order = [_COL[c.strip('"')] for c in _ORDER.split(", ")]
        rows.sort(key=lambda row: [row[i] for i in order])  # stored in excerpt order: read back without sorting
        _insert(db, rows)
        db.executemany("INSERT INTO files VALUES (?, ?)", list(sigs.items()))
        db.executemany("INSERT INTO tpos VALUES (?, ?)", list(tpos.items()))
        db.executemany("INSERT INTO meta VALUES (?, ?)", [("context", context), ("schema", str(SCHEMA)),
                                                          ("sorted", "1")])
        db.execute("COMMIT")
        db.close()
        os.replace(tmp, path)
    except BaseException:
        db.close()
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return sqlite3.connect(path, timeout=10, isolation_level=None)


def select(db: sqlite3.Connection, columns: tuple[str, ...], where: list[str], params: list[Any]) -> list[Any]:
    """Rows of the index in the ordinary path's excerpt order; ``columns`` of x, t and cs (``cid``: x's)."""
    def qualified(c: str) -> str:
        return f'x."{c}"' if c in _X or c == "cid" else (f't."{c}"' if c in _T else f'cs."{c}"')

    cols = ", ".join(qualified(c) for c in columns)
    joins = (" JOIN t ON t.xrow = x.rowid" if any(c in _T for c in columns) else "") + (
        " JOIN cs ON cs.cid = x.cid" if any(c in CASE for c in columns) else "")
    stored_in_order = db.execute("SELECT v FROM meta WHERE k = 'sorted'").fetchone() == ("1",)
    order = "x.rowid" if stored_in_order else ", ".join(f'x."{c.strip(chr(34))}"' for c in _ORDER.split(", "))
    sql = f"SELECT {cols} FROM x{joins}" + (" WHERE " + " AND ".join(where) if where else "") + f" ORDER BY {order}"
    return db.execute(sql, params).fetchall()


def excerpt_of(row: Any, at: dict[str, int]) -> Excerpt:
    """An :class:`Excerpt` from an index row holding at least the columns of :data:`EXCERPT_COLUMNS`."""
    codes = row[at["codes"]]
    memo = row[at["memo"]]
    created = row[at["created"]]
    e = Excerpt(row[at["id"]], row[at["transcript"]], row[at["start"]], row[at["end"]], row[at["quote"]],
                row[at["prefix"]], row[at["suffix"]], codes.split(SEP) if codes is not None else [],
                row[at["stance"]], row[at["coder"]], load_json(memo) if row[at["memo_j"]] else memo,
                bool(row[at["key"]]), load_json(created) if row[at["created_j"]] else created, row[at["participant"]],
                Path(row[at["file"]]))
    return e


EXCERPT_COLUMNS = ("id", "transcript", "start", "end", "quote", "prefix", "suffix", "codes", "stance", "coder",
                   "memo", "memo_j", "key", "created", "created_j", "participant", "file")


def codes_of(value: str | None) -> tuple[str, ...]:
    return tuple(value.split(SEP)) if value is not None else ()
