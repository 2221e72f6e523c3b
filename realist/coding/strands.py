"""Which evidence strand a coded passage belongs to: one rule, used by every query and figure."""

from __future__ import annotations

from typing import Any

from realist.model import Project

_TYPE_WORDS = {"focus-group": ("focus",), "observation": ("observ",), "document": ("document", "doc")}
_GROUP_WORDS = {"staff": ("staff",), "recipient": ("recipient", "service-user", "client"),
                "peer-mentor": ("peer", "mentor")}


def _attr(obj: Any, name: str, default: Any = None) -> Any:
    value = getattr(obj, name, default)
    return default if value is None else value


def strand_of(project: Project, transcript: Any, participant: Any | None) -> str | None:
    """Which evidence strand a passage belongs to.

    In order: the transcript's own ``strand``; for a focus group, observation or document, the
    strand of the manifest whose id names that type (``focus-groups``, ``observations``); the
    speaker's ``strand``; for an interview, the strand that names the speaker's group
    (``staff-interviews`` for staff); the only qualitative strand when there is just one.
    """
    if transcript is not None and _attr(transcript, "strand"):
        return str(_attr(transcript, "strand"))
    strands = [s for s, v in project.manifest.strands.items() if v.kind == "qualitative"] or \
        list(project.manifest.strands)
    ttype = _attr(transcript, "type", "interview") if transcript is not None else "interview"
    if ttype in _TYPE_WORDS:
        for strand in strands:
            if any(w in strand for w in _TYPE_WORDS[ttype]):
                return strand
    if participant is not None and _attr(participant, "strand"):
        return str(_attr(participant, "strand"))
    group = _attr(participant, "group") if participant is not None and ttype not in _TYPE_WORDS else None
    for strand in strands:
        if group in _GROUP_WORDS and any(w in strand for w in _GROUP_WORDS[group]):
            return strand
    return strands[0] if len(strands) == 1 else None
