"""Reading a .qdpx or .qdc that came from someone else, safely.

A .qdpx is a zip and its ``project.qde`` is XML, both written by another program.
Nothing in them is trusted: member names that would leave the archive's folder, XML with
a DOCTYPE (entity expansion, external references) and archives that expand beyond a sane
size are refused with a message that says what was wrong. Members are read into memory
and counted as they are decompressed, never extracted to disk, so a zip header that lies
about a member's size does not help.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from realist.errors import InputError


@dataclass(frozen=True)
class Limits:
    """How much an archive may hold once expanded (bytes) and how many members."""

    member: int = 200 * 1024 * 1024
    total: int = 1024 * 1024 * 1024
    members: int = 20_000
    ratio: int = 1000  # expanded / compressed, per member (a zip bomb is far beyond)


DEFAULT_LIMITS = Limits()
_DRIVE = re.compile(r"^[A-Za-z]:")


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):,.0f} MB"


def safe_member_name(name: str) -> str | None:
    """The member's path inside the archive, or None when it would leave the archive's folder.

    >>> safe_member_name("sources/a.txt"), safe_member_name("../etc/passwd")
    ('sources/a.txt', None)
    """
    clean = name.replace("\\", "/")
    if not clean or clean.startswith("/") or _DRIVE.match(clean) or "\x00" in clean:
        return None
    parts = clean.split("/")
    if any(part == ".." for part in parts):
        return None
    normal = posixpath.normpath(clean)
    if normal.startswith("../") or normal == "..":
        return None
    return normal


class Archive:
    """The members of a .qdpx, looked up case-insensitively, each read with size limits.

    >>> with Archive(Path("study.qdpx")) as archive:  # doctest: +SKIP
    ...     xml = archive.read(archive.project_entry())
    """

    def __init__(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
        self.path = path
        self.limits = limits
        try:
            self._zip = zipfile.ZipFile(path)
        except FileNotFoundError:
            raise InputError("file not found", path=path) from None
        except (zipfile.BadZipFile, OSError) as exc:
            raise InputError(f"is not a .qdpx archive (a zip file): {exc}", path=path) from None
        infos = [i for i in self._zip.infolist() if not i.is_dir()]
        if len(infos) > limits.members:
            raise InputError(f"holds {len(infos):,} files, more than the {limits.members:,} a project "
                             "can sensibly have; refused", path=path)
        claimed = 0
        self._by_name: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            safe = safe_member_name(info.filename)
            if safe is None:
                raise InputError(f"contains '{info.filename}', a path that leaves the archive's folder; "
                                 "refused (the archive may be malicious)", path=path)
            if info.file_size > limits.member:
                raise InputError(f"member '{info.filename}' expands to {_mb(info.file_size)}, more than the "
                                 f"{_mb(limits.member)} limit; refused", path=path)
            claimed += info.file_size
            self._by_name.setdefault(safe.lower(), info)
        if claimed > limits.total:
            raise InputError(f"expands to {_mb(claimed)}, more than the {_mb(limits.total)} limit; refused",
                             path=path)
        self._read_total = 0

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: Any) -> None:
        self._zip.close()

    def names(self) -> list[str]:
        """Every member's (safe) path, as written in the archive."""
        return sorted(safe_member_name(i.filename) or "" for i in self._by_name.values())

    def find(self, name: str) -> str | None:
        """The member called ``name``, compared case-insensitively (``Sources/`` == ``sources/``)."""
        safe = safe_member_name(name)
        if safe is None:
            return None
        info = self._by_name.get(safe.lower())
        return info.filename if info is not None else None

    def project_entry(self) -> str:
        """``project.qde``, or else the one ``*.qde`` at the archive's root (some tools name it after the project)."""
        exact = self.find("project.qde")
        if exact is not None:
            return exact
        root_qde = [i.filename for key, i in self._by_name.items() if key.endswith(".qde") and "/" not in key]
        if len(root_qde) == 1:
            return root_qde[0]
        if not root_qde:
            raise InputError("has no project.qde inside; is it a REFI-QDA project (.qdpx)?", path=self.path)
        raise InputError(f"has {len(root_qde)} .qde files at its root ({', '.join(sorted(root_qde))}); "
                         "a .qdpx holds exactly one", path=self.path)

    def read(self, member: str) -> bytes:
        """The bytes of ``member``, counted while they are decompressed."""
        info = self._zip.getinfo(member)
        limit = self.limits.member
        chunks: list[bytes] = []
        size = 0
        try:
            with self._zip.open(info) as handle:
                while True:
                    chunk = handle.read(1 << 16)
                    if not chunk:
                        break
                    size += len(chunk)
                    self._read_total += len(chunk)
                    too_big = size > limit or (info.compress_size and size > max(info.compress_size, 1 << 20)
                                               * self.limits.ratio)
                    if too_big:
                        raise InputError(f"member '{member}' expands beyond the {_mb(limit)} limit "
                                         "(its header understated its size); refused", path=self.path)
                    if self._read_total > self.limits.total:
                        raise InputError(f"expands beyond the {_mb(self.limits.total)} limit; refused",
                                         path=self.path)
                    chunks.append(chunk)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise InputError(f"member '{member}' cannot be read: {exc}", path=self.path) from None
        return b"".join(chunks)


def parse_xml(data: bytes, where: Path | str) -> Any:
    """Parse XML written by another program, refusing DOCTYPEs, entities and external references.

    Returns an ``xml.etree.ElementTree.Element``; raises InputError with ``where`` in the message.
    """
    import defusedxml.ElementTree as safe_et
    from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

    try:
        return safe_et.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden):
        raise InputError("contains a DOCTYPE, entity declarations or external references, which REFI-QDA "
                         "files never need and which can be used to attack the reader; refused",
                         path=where) from None
    except Exception as exc:  # ParseError and friends: say where, never a traceback
        position = getattr(exc, "position", None)
        line = position[0] if position else None
        raise InputError(f"is not well-formed XML ({exc})", path=where, line=line) from None


def read_qdc(path: Path, limits: Limits = DEFAULT_LIMITS) -> Any:
    """The root element of a .qdc codebook file, read safely."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError("file not found", path=path) from None
    if size > limits.member:
        raise InputError(f"is {_mb(size)}, more than the {_mb(limits.member)} limit; refused", path=path)
    return parse_xml(path.read_bytes(), path)
