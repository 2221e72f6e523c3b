"""`realist check --privacy`: look for every key term in everything the project holds.

Scanned: every file in the project folder (transcripts, codings, memos, theories,
participants, and whatever exports were written inside it: .md, .csv, .tex, .html,
.svg, .dot, .json, .graphml, .docx, .xlsx, .qdpx, .qdc ...), plus any extra file or
folder given (``--scan out/``). File names are checked too. A hit is an error; a hit
in ``.realist-trash/`` (the local undo history) is a warning, and images that cannot
be read as text are named in a warning so nothing passes unnoticed.
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from realist.privacy.key import Key, is_inside, key_path_for, load_key
from realist.privacy.match import Matcher
from realist.store.findings import Report

SKIP_DIRS = {".git", ".realist-cache", "__pycache__", ".hg", ".svn", "node_modules", ".venv"}
TRASH = ".realist-trash"
ZIPPED = {".docx", ".xlsx", ".pptx", ".odt", ".ods", ".qdpx", ".zip"}
MARKUP = {".html", ".htm", ".xml", ".svg", ".qde", ".qdc", ".graphml", ".gexf", ".xhtml"}
IMAGES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp"}
MAX_FILE = 64 * 1024 * 1024
MAX_MEMBER = 64 * 1024 * 1024
_BLOCK_END = re.compile(r"</(?:w:p|a:p|text:p|text:h|si|row|p|div|li|tr|h\d|Description|PlainTextContent)>|<br\s*/?>",
                        re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def check_privacy(project: Any, report: Report, key_path: Path | None, scan: list[Path] | None = None) -> None:
    """Add a finding for every key term found in the project (and in ``scan`` paths).

    >>> report = Report(root=project.root)  # doctest: +SKIP
    >>> check_privacy(project, report, Path("~/keys/iom.yaml"))  # doctest: +SKIP
    >>> [str(f) for f in report.errors]  # doctest: +SKIP
    ['memos/m3f9a2c.md:5:12: privacy: name "Samantha Jones" found ...']
    """
    root: Path = project.root
    path = key_path.expanduser() if key_path is not None else None
    if path is not None and is_inside(path, root):
        report.add(path, 1, 1, "privacy: the key file is inside the project folder; move it outside "
                   "(it links pseudonyms to real people) and give its new path with --key", rule="privacy-key")
        key = load_key(path)
    else:
        key = load_key(key_path_for(root, path))
    if not len(key):
        report.add(key.path or root, 1, 1, "privacy: the key file has no terms; nothing was looked for",
                   level="warning", rule="privacy-key")
        return
    matcher = key.matcher()
    skip = {key.path.resolve()} if key.path is not None else set()
    seen: set[Path] = set()
    for base in [root, *(scan or [])]:
        base = base.expanduser()
        if not base.exists():
            from realist.errors import UsageError

            raise UsageError(f"--scan {base}: no such file or folder")
        for file in _files(base):
            resolved = file.resolve()
            if resolved in seen or resolved in skip:
                continue
            seen.add(resolved)
            report.files += 1
            _scan_file(file, root, key, matcher, report, project.transcripts_path)


def _files(base: Path) -> Iterator[Path]:
    if base.is_file():
        yield base
        return
    for path in sorted(base.rglob("*")):
        if any(part in SKIP_DIRS for part in path.relative_to(base).parts):
            continue
        if path.is_file() and not path.is_symlink():
            yield path


def _scan_file(file: Path, root: Path, key: Key, matcher: Matcher, report: Report, transcripts: Path) -> None:
    in_trash = TRASH in file.parts
    level = "warning" if in_trash else "error"
    where = "in the undo history (delete .realist-trash/ before sharing the folder)" if in_trash else ""
    rel = str(file.relative_to(root)) if is_inside(file, root) else str(file)
    for hit in matcher.find(rel):
        report.add(file, 1, 1, f"privacy: the file name contains {key.category(hit.term)} '{hit.term}'"
                   f"{' ' + where if where else ''}; rename it", level=level, rule="privacy")
    suffix = file.suffix.lower()
    try:
        size = file.stat().st_size
    except OSError:
        return
    if size > MAX_FILE:
        report.add(file, 1, 1, f"privacy: not scanned, too large ({size:,} bytes)", level="warning", rule="privacy")
        return
    if suffix in IMAGES or suffix == ".pdf" and not _pdf_ok():
        report.add(file, 1, 1, "privacy: not scanned (an image or PDF has no text realist can read); "
                   "check it by eye or scan its source (.dot, .svg, .html)", level="warning", rule="privacy")
        return
    for member, text in _texts(file, suffix):
        for hit in matcher.find(text):
            line = text.count("\n", 0, hit.start) + 1
            col = hit.start - (text.rfind("\n", 0, hit.start) + 1) + 1
            inside = f" (in {member})" if member else ""
            report.add(file, line, col, f"privacy: {key.category(hit.term)} '{hit.term}' found as "
                       f"'{hit.found}'{inside}" + (f" {where}" if where else f"; {_advice(file, root, transcripts)}"),
                       level=level, rule="privacy")


def _advice(file: Path, root: Path, transcripts: Path) -> str:
    if is_inside(file, transcripts):
        return "run `realist pseudonymise`" if file.name != "participants.yaml" else "edit the participant"
    if is_inside(file, root / "memos"):
        return "edit the memo"
    if is_inside(file, root) and file.suffix in (".yaml", ".yml"):
        return "edit the file"
    return "remove it, or pseudonymise the source and export again"


def _texts(file: Path, suffix: str) -> Iterator[tuple[str, str]]:
    """(member name or '', text) for each part of the file that holds text."""
    raw = file.read_bytes()
    if suffix in ZIPPED or raw[:4] == b"PK\x03\x04":
        yield from _zip_texts(raw, depth=0)
        return
    if suffix == ".pdf":
        yield "", _pdf_text(file)
        return
    text = _decode(raw)
    if text is None:
        return
    yield "", _markup_text(text) if suffix in MARKUP else text


def _decode(raw: bytes) -> str | None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    if b"\x00" in raw[:8192]:
        return None
    return raw.decode("utf-8-sig", errors="replace")


def _markup_text(text: str) -> str:
    """XML/HTML as text: a line per block, tags dropped, entities decoded (names split over runs join)."""
    text = _BLOCK_END.sub("\n", text)
    text = _TAG.sub(lambda m: " " if m.group(0).startswith(("<w:tab", "<w:br", "<text:s")) else "", text)
    return html.unescape(text)


def _zip_texts(raw: bytes, depth: int) -> Iterator[tuple[str, str]]:
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        text = _decode(raw)
        if text is not None:
            yield "", text
        return
    for info in infos:
        if info.is_dir() or info.file_size > MAX_MEMBER:
            continue
        try:
            data = archive.read(info)
        except Exception:  # a damaged member: scan what can be read, never stop the check
            continue
        name = info.filename
        lower = name.lower()
        if data[:4] == b"PK\x03\x04" and depth < 2:
            for member, text in _zip_texts(data, depth + 1):
                yield f"{name}/{member}" if member else name, text
            continue
        text = _decode(data)
        if text is None:
            continue
        is_markup = lower.endswith((".xml", ".qde", ".rels", ".html", ".htm", ".svg")) or text.lstrip().startswith("<")
        yield name, _markup_text(text) if is_markup else text


def _pdf_ok() -> bool:
    import shutil

    return shutil.which("pdftotext") is not None


def _pdf_text(file: Path) -> str:
    import subprocess

    try:
        done = subprocess.run(["pdftotext", "-layout", str(file), "-"], capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout.decode("utf-8", errors="replace")
