"""Validation findings: every problem, positioned, errors and warnings kept apart."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at ``path:line:col``. ``level`` is ``error`` or ``warning``."""

    path: str
    line: int
    col: int
    message: str
    level: str = "error"
    rule: str = ""

    def __str__(self) -> str:
        tag = "" if self.level == "error" else "warning: "
        return f"{self.path}:{self.line}:{self.col}: {tag}{self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "col": self.col, "level": self.level,
                "rule": self.rule, "message": self.message}


@dataclass
class Report:
    """Every finding of a check. ``valid`` when there is no error (and, strictly, no warning)."""

    findings: list[Finding] = field(default_factory=list)
    root: Path | None = None
    files: int = 0

    def add(self, path: Path | str, line: int, col: int, message: str, *, level: str = "error",
            rule: str = "") -> None:
        # one finding, one line: a value quoted in a message may hold line breaks or control characters
        message = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in message)
        self.findings.append(Finding(self._rel(path), line, col, message, level, rule))

    def _rel(self, path: Path | str) -> str:
        p = Path(path)
        if self.root is not None:
            try:
                return str(p.resolve().relative_to(self.root.resolve()))
            except ValueError:
                return str(p)
        return str(p)

    def extend(self, other: Report) -> None:
        self.findings.extend(other.findings)
        self.files += other.files

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "warning"]

    def valid(self, strict: bool = False) -> bool:
        return not self.errors and not (strict and self.warnings)

    def sorted(self) -> list[Finding]:
        return sorted(set(self.findings))

    def as_dict(self, strict: bool = False) -> dict[str, Any]:
        return {"valid": self.valid(strict), "errors": len(self.errors), "warnings": len(self.warnings),
                "files": self.files, "findings": [f.as_dict() for f in self.sorted()]}
