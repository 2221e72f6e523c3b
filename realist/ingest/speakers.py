"""Speaker turns: ``Name: text`` at the start of a line.

The same rule serves every format: the importers write each turn as one
``Name: text`` paragraph, so turns can always be found again in the text (after
a typo is corrected, say) without keeping anything but the text.
"""

from __future__ import annotations

import re
from collections import Counter

from realist.model import Turn

# A label: up to four words starting with a letter (``Interviewer``, ``PO 2``, ``Probation Officer``,
# ``P03``), at most 40 characters, followed by a colon and a space.
_LABEL = re.compile(r"^(?P<label>[^\W\d_][\w'’.()-]*(?: [\w'’.()-]+){0,3}) ?: +(?=\S)", re.MULTILINE)

#: labels that name the researcher rather than a participant
INTERVIEWER_LABELS = frozenset({"interviewer", "int", "i", "researcher", "facilitator", "moderator", "q",
                                "observer", "evaluator", "iv"})


def is_interviewer(label: str | None) -> bool:
    """True for ``Interviewer``, ``Researcher``, ``Facilitator``... (not mapped to a participant)."""
    return bool(label) and re.sub(r"[\s\d.]+$", "", str(label)).strip().lower() in INTERVIEWER_LABELS


def candidate_labels(text: str) -> Counter[str]:
    return Counter(m.group("label") for m in _LABEL.finditer(text) if len(m.group("label")) <= 40)


def guess_speakers(text: str) -> list[str]:
    """The speakers, in order of appearance: labels that start two or more lines, interviewer labels,
    and, once an interviewer speaks, any short label.

    >>> guess_speakers("Interviewer: Hello.\\nSam: Hi.\\nInterviewer: How are you?\\nSam: Fine.\\n")
    ['Interviewer', 'Sam']
    """
    counts = candidate_labels(text)
    dialogue = any(is_interviewer(label) for label in counts)
    return [label for label in counts if counts[label] >= 2 or is_interviewer(label)
            or (dialogue and len(label.split()) <= 3)]


def find_turns(text: str, speakers: list[str] | None = None, times: list[str | None] | None = None) -> list[Turn]:
    """The turns of ``text``: each starts at a line ``Label: `` with a known speaker label.

    Text before the first label is a turn without a speaker. ``times`` (vtt/srt)
    are given to the turns with a speaker, in order, when their numbers agree.

    >>> [(t.speaker, t.start, t.end) for t in find_turns("A: one\\nmore\\nB: two\\n", ["A", "B"])]
    [('A', 3, 11), ('B', 15, 18)]
    """
    known = guess_speakers(text) if speakers is None else speakers
    if not known:
        marks = []
    else:
        names = "|".join(re.escape(s) for s in sorted(known, key=len, reverse=True))
        marks = list(re.finditer(rf"^(?P<label>{names}) ?: +(?=\S)", text, re.MULTILINE))
    turns: list[Turn] = []
    body_end = _back(text, len(text))
    first = marks[0].start() if marks else body_end
    if text[:first].strip():
        start = len(text) - len(text.lstrip())
        turns.append(Turn(speaker=None, start=start, end=_back(text, first)))
    for i, m in enumerate(marks):
        stop = marks[i + 1].start() if i + 1 < len(marks) else body_end
        turns.append(Turn(speaker=m.group("label"), start=m.end(), end=max(_back(text, stop), m.end())))
    spoken = [t for t in turns if t.speaker is not None]
    if times and len(times) == len(spoken):
        for turn, time in zip(spoken, times, strict=True):
            turn.time = time
    return turns


def _back(text: str, stop: int) -> int:
    """``stop`` moved back past spaces and line breaks (without copying the text)."""
    while stop > 0 and text[stop - 1].isspace():
        stop -= 1
    return stop


def label_length(text: str, turn: Turn) -> int:
    """How many code points the ``Name: `` label takes before ``turn.start``."""
    if turn.speaker is None:
        return 0
    line_start = text.rfind("\n", 0, turn.start) + 1
    return turn.start - line_start
