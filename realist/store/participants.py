"""``participants.yaml``: the pseudonymised participants, one list in one file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from realist.errors import InputError, UsageError
from realist.model import Participant, Project
from realist.store.atomic import atomic_write_text
from realist.store.transcripts import PARTICIPANTS_FILE, dump
from realist.store.yamlio import YamlProblem, load_fast, shown
from realist.text import did_you_mean

_FIELDS = ("id", "role", "number", "group", "site", "strand", "note")


def participants_path(project: Project) -> Path:
    return project.transcripts_path / PARTICIPANTS_FILE


def participant_from(data: dict[str, Any]) -> Participant:
    return Participant(id=str(data["id"]), role=str(data.get("role") or "Participant"),
                       number=int(data.get("number") or 1), group=data.get("group"), site=data.get("site"),
                       strand=data.get("strand"), note=data.get("note"))


def load_participants(project: Project) -> dict[str, Participant]:
    """Every participant by id, in file order (cached on the project until a write)."""
    cached = project._cache.get("participants")
    if cached is not None:
        return dict(cached)
    path = participants_path(project)
    found: dict[str, Participant] = {}
    if path.is_file():
        try:
            data = load_fast(path)
        except YamlProblem as p:
            raise p.as_input_error() from None
        items = (data or {}).get("participants") if isinstance(data, dict) else None
        if items is not None and not isinstance(items, list):
            raise InputError("'participants' must be a list (one `- {id: P01, role: ...}` per person)", path=path)
        for i, item in enumerate(items or []):
            if isinstance(item, dict) and item.get("id") is not None:
                try:
                    participant = participant_from(item)
                except (TypeError, ValueError):
                    raise InputError(f"participant {i + 1} has a value of the wrong type (e.g. 'number' must be "
                                     "a whole number); run `realist check` to see which", path=shown(path)) from None
                found[participant.id] = participant
    project._cache["participants"] = found
    return dict(found)


def get_participant(project: Project, participant_id: str) -> Participant:
    participants = load_participants(project)
    if participant_id not in participants:
        hint = did_you_mean(participant_id, participants)
        raise UsageError(f"no participant '{participant_id}'{hint}; add one with "
                         "`realist participants add --role ROLE --group GROUP --site SITE`")
    return participants[participant_id]


def save_participants(project: Project, participants: dict[str, Participant]) -> None:
    """Write every participant (call under the project lock)."""
    items = []
    for p in participants.values():
        row = {k: getattr(p, k) for k in _FIELDS}
        items.append({k: v for k, v in row.items() if v is not None})
    atomic_write_text(participants_path(project), dump({"participants": items}))
    project._cache.pop("participants", None)
