"""A disposable cache under ``.realist-cache/``: never the source of truth, never stale.

What is cached is derived from YAML and text files and is keyed by each file's
signature (modification time in nanoseconds, size and inode: an atomic rewrite
always changes the inode), plus a fingerprint of the code that derived it. An entry
whose files changed is rebuilt from the files; a cache that cannot be read or
written is ignored. Delete the folder at any time, or set ``REALIST_NO_CACHE=1``:
every command gives the same answer without it, only slower.

Entries are JSON (never pickle), so a cache copied along with a project cannot run code.

>>> signature(Path("realist.yaml"))  # doctest: +SKIP
[1763916000123456789, 2210, 393217]
"""

from __future__ import annotations

import contextlib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

try:  # the C module itself: `import hashlib` would also load OpenSSL, ~8 ms of every command's start-up
    from _blake2 import blake2b as _blake2b
except ImportError:  # pragma: no cover - another Python implementation
    from hashlib import blake2b as _blake2b

CACHE_DIR = ".realist-cache"
FORMAT = 1


def enabled() -> bool:
    return not os.environ.get("REALIST_NO_CACHE")


def signature(path: Path) -> list[int] | None:
    """``[mtime_ns, size, inode]`` of a file, or None when it does not exist."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_mtime_ns, st.st_size, st.st_ino]


def digest(path: Path) -> str | None:
    """A hash of the file's bytes (for small files, where it costs less than being wrong), or None."""
    try:
        return _blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return None


@cache
def code_fingerprint() -> str:
    """Changes whenever the package's loading code or schemas change (so old entries are dropped)."""
    import realist

    base = Path(realist.__file__).parent
    parts = [str(FORMAT), getattr(realist, "__version__", "")]
    for folder in ("store", "model", "schemas", "ingest"):
        try:
            with os.scandir(base / folder) as entries:
                for e in sorted(entries, key=lambda e: e.name):
                    if e.name.endswith((".py", ".json")):
                        st = e.stat()
                        parts.append(f"{folder}/{e.name}:{st.st_mtime_ns}:{st.st_size}")
        except OSError:
            continue
    return "|".join(parts)


def read(root: Path, name: str) -> Any:
    """The entry ``name`` (a JSON value), or None when absent, unreadable or from other code."""
    if not enabled():
        return None
    try:
        with open(root / CACHE_DIR / f"{name}.json", encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("code") != code_fingerprint():
        return None
    return data.get("value")


def write(root: Path, name: str, value: Any) -> None:
    """Store ``value`` as entry ``name``, atomically; silently nothing when the folder is not writable."""
    if not enabled():
        return
    folder = root / CACHE_DIR
    tmp = folder / f".{name}.{os.getpid()}.tmp"
    try:
        folder.mkdir(exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("*\n", encoding="utf-8")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump({"code": code_fingerprint(), "value": value}, f, separators=(",", ":"))
        os.replace(tmp, folder / f"{name}.json")
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()


def clear(root: Path) -> None:
    """Delete every entry (the write lock stays). ``realist pseudonymise`` calls it, so no real name
    a transcript's metadata or turns held survives in the cache after the files are changed."""
    folder = root / CACHE_DIR
    for entry in [*folder.glob("*.json"), *folder.glob("*.sqlite")] if folder.is_dir() else []:
        with contextlib.suppress(OSError):
            entry.unlink()
