"""The import report: what was (or, in a dry run, would be) created, and a line for everything
in the file that was not taken over as it stood.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from realist.text import plural

#: what we count, in the order the report lists it: key -> (singular, plural)
COUNTED = {
    "theories": ("theory", "theories"),
    "elements": ("theory element code", "theory element codes"),
    "free_codes": ("free code", "free codes"),
    "transcripts": ("transcript", "transcripts"),
    "participants": ("participant", "participants"),
    "coders": ("coder", "coders"),
    "excerpts": ("excerpt", "excerpts"),
    "memos": ("memo", "memos"),
    "links": ("theory link", "theory links"),
    "files": ("project file", "project files"),
}


@dataclass
class ImportReport:
    """Counts of what is new, and notes on everything that was changed, merged or left out."""

    source: str
    target: str
    dry_run: bool = False
    created: dict[str, int] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)  # already in the project, left as they were
    reading: str | None = None
    notes: list[str] = field(default_factory=list)

    def add(self, key: str, n: int = 1) -> None:
        self.created[key] = self.created.get(key, 0) + n

    def keep(self, key: str, n: int = 1) -> None:
        self.kept[key] = self.kept.get(key, 0) + n

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def lines(self) -> list[str]:
        """The report as a researcher reads it."""
        verb = "would create" if self.dry_run else "created"
        made = [plural(self.created[k], *COUNTED[k]) for k in COUNTED if self.created.get(k)]
        out = [f"{self.source} -> {self.target}: {verb} {', '.join(made) if made else 'nothing new'}"]
        same = [plural(self.kept[k], *COUNTED[k]) for k in COUNTED if self.kept.get(k)]
        if same:
            out.append(f"already in the project and left as they were: {', '.join(same)}")
        if self.reading:
            out.append(f"text positions: {self.reading}")
        out += [f"  - {n}" for n in self.notes]
        if self.dry_run:
            out.append("dry run: nothing was written; run again without --dry-run to import")
        return out

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, "dry_run": self.dry_run,
                "created": self.created, "kept": self.kept, "reading": self.reading, "notes": self.notes}
