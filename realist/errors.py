"""The one error root. Only the CLI turns these into messages and exit codes."""

from __future__ import annotations

from pathlib import Path


class RealistError(Exception):
    """A problem the user can fix; the message says how.

    ``exit_code`` is 2 (usage or input error) unless a subclass says otherwise.
    """

    exit_code = 2

    def __init__(self, message: str, *, path: Path | str | None = None, line: int | None = None,
                 col: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.col = col

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
                if self.col is not None:
                    where += f":{self.col}"
            where += ": "
        return where + self.message


class UsageError(RealistError):
    """The command was called wrongly (an unknown code, a span past the end...)."""


class InputError(RealistError):
    """A file could not be read or understood."""


class ProjectNotFound(RealistError):
    """No realist.yaml at or above the working directory."""


class ProjectInvalid(RealistError):
    """The project has errors; ``findings`` lists them all."""

    def __init__(self, message: str, findings: list | None = None, **kw) -> None:  # type: ignore[type-arg]
        super().__init__(message, **kw)
        self.findings = findings or []


class ConflictError(RealistError):
    """Another process changed a file while we were working on it."""
