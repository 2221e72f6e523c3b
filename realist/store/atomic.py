"""Atomic writes (temp file + fsync + rename) and the project lock.

A write either happens whole or not at all: a crash, SIGKILL or Ctrl-C in the
middle leaves the old file in place. Writers of one project take the lock in
turn, so two commands never overwrite each other's changes.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

CACHE_DIR = ".realist-cache"


def atomic_write_text(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8, LF) in one step."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def cache_dir(root: Path) -> Path:
    """The git-ignored folder for locks and disposable caches."""
    folder = root / CACHE_DIR
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("*\n", encoding="utf-8")
    return folder


@contextlib.contextmanager
def project_lock(root: Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold the project's write lock (waits for another writer, up to ``timeout`` seconds)."""
    import fcntl
    import time

    from realist.errors import ConflictError

    lock_path = cache_dir(root) / "write.lock"
    with open(lock_path, "a+b") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise ConflictError(f"another realist command is still writing to this project "
                                        f"(lock {lock_path}); try again in a moment") from None
                time.sleep(0.02)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
