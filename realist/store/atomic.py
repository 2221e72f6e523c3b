"""Atomic writes (temp file + fsync + rename) and the project lock.

A write either happens whole or not at all: a crash, SIGKILL or Ctrl-C in the
middle leaves the old file in place. Writers of one project take the lock in
turn, so two commands never overwrite each other's changes.

Everything written while the lock is held is one *change*: the content each file
had before is kept in ``.realist-trash/undo/`` so that ``realist undo`` can take the
change back (see :mod:`realist.store.undo`).
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

CACHE_DIR = ".realist-cache"
TRASH_DIR = ".realist-trash"


@dataclass
class Journal:
    """The files one change touched: their content before (None: did not exist) and sha256 after."""

    root: Path
    before: dict[str, bytes | None] = field(default_factory=dict)
    after: dict[str, str | None] = field(default_factory=dict)
    recording: bool = True

    def note(self, path: Path, data: bytes | None) -> None:
        if not self.recording:
            return
        try:
            rel = path.resolve().relative_to(self.root)
        except ValueError:
            return
        if rel.parts and rel.parts[0] in (TRASH_DIR, CACHE_DIR):
            return
        key = rel.as_posix()
        if key not in self.before:
            try:
                self.before[key] = path.read_bytes()
            except FileNotFoundError:
                self.before[key] = None
        import hashlib  # here, not at start-up: hashlib loads OpenSSL (~8 ms) and only writes need it

        self.after[key] = hashlib.sha256(data).hexdigest() if data is not None else None


_journal: contextvars.ContextVar[Journal | None] = contextvars.ContextVar("realist_journal", default=None)
_command: contextvars.ContextVar[str] = contextvars.ContextVar("realist_command", default="")
_no_undo: contextvars.ContextVar[bool] = contextvars.ContextVar("realist_no_undo", default=False)


def describe(command: str) -> None:
    """Name the command whose changes follow (shown by ``realist undo --list``)."""
    _command.set(command)


@contextlib.contextmanager
def no_undo() -> Iterator[None]:
    """Writes in this block are not kept for ``realist undo`` (pseudonymising, undo itself)."""
    token = _no_undo.set(True)
    try:
        yield
    finally:
        _no_undo.reset(token)


def atomic_write_text(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8, LF) in one step."""
    atomic_write_bytes(path, text.encode("utf-8"))


def remove_file(path: Path) -> None:
    """Delete a project file (kept for ``realist undo`` like any write)."""
    journal = _journal.get()
    if journal is not None and path.exists():
        journal.note(path, None)
    path.unlink(missing_ok=True)
    _fsync_dir(path.parent)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    journal = _journal.get()
    if journal is not None:
        journal.note(path, data)
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
        outer = _journal.get() is None
        token = _journal.set(Journal(root.resolve(), recording=not _no_undo.get())) if outer else None
        try:
            yield
        finally:
            try:
                journal = _journal.get()
                if token is not None:
                    _journal.reset(token)
                if outer and journal is not None and journal.before:
                    from realist.store.undo import save_change

                    save_change(journal, _command.get())
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
