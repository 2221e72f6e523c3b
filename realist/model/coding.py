"""Transcripts, participants and coded excerpts. No I/O, no printing.

Positions are Unicode code points of a transcript's normalised text (NFC, LF):
``text[excerpt.start:excerpt.end] == excerpt.quote`` while the excerpt is anchored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

TRANSCRIPT_TYPES = ("interview", "focus-group", "observation", "document")
PARTICIPANT_GROUPS = ("staff", "recipient", "peer-mentor", "other")


@dataclass
class Participant:
    """A pseudonymised person: never a name, only a role, a group and where they work or live.

    >>> Participant("P01", role="Probation Officer", number=1, site="Region A").label
    'Probation Officer 1'
    """

    id: str
    role: str
    number: int = 1
    group: str | None = None  # staff | recipient | peer-mentor | other
    site: str | None = None
    strand: str | None = None
    note: str | None = None

    @property
    def label(self) -> str:
        return f"{self.role} {self.number}"


@dataclass
class Turn:
    """One speaker's turn: ``start``/``end`` frame the speech (after the ``Name: `` label)."""

    speaker: str | None
    start: int
    end: int
    participant: str | None = None
    time: str | None = None  # the start time of the turn in the recording (vtt/srt), as ``HH:MM:SS.mmm``


@dataclass
class Transcript:
    """An imported transcript: its normalised text and what is known about it."""

    id: str
    text: str = ""
    type: str = "interview"  # interview | focus-group | observation | document
    stage: str | None = None  # a manifest phase
    site: str | None = None
    date: str | None = None
    participants: list[str] = field(default_factory=list)
    speakers: dict[str, str | None] = field(default_factory=dict)  # speaker label -> participant id
    turns: list[Turn] = field(default_factory=list)  # found in the text when loaded, never stored
    times: list[str | None] = field(default_factory=list)  # start time of each speaker turn, in order (vtt/srt)
    source: str | None = None  # the imported file's name
    source_sha256: str | None = None
    text_sha256: str | None = None  # of the normalised text as imported or last re-anchored
    imported: str | None = None
    title: str | None = None
    path: Path | None = None  # the metadata file

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def turn_at(self, offset: int) -> Turn | None:
        """The turn that holds ``offset`` (or the last turn that started before it)."""
        import bisect

        index = self.__dict__.get("_turn_index")
        if index is None or index[0] is not self.turns or index[1] != len(self.turns):
            index = (self.turns, len(self.turns), [turn.start for turn in self.turns])
            self.__dict__["_turn_index"] = index
        i = bisect.bisect_right(index[2], offset) - 1
        return self.turns[i] if i >= 0 else None

    def participant_at(self, offset: int) -> str | None:
        """Who speaks at ``offset``: the turn's participant, else the transcript's only participant."""
        turn = self.turn_at(offset)
        if turn is not None and turn.participant:
            return turn.participant
        if turn is not None and turn.speaker and turn.speaker in self.speakers:
            return self.speakers[turn.speaker]
        if len(self.participants) == 1 and (turn is None or turn.speaker is None):
            return self.participants[0]
        return None

    def participant_in(self, start: int, end: int) -> str | None:
        """Who speaks in ``[start, end)``: at ``start``, else the first participant whose turn it reaches.

        A passage that opens with the interviewer's question is the answerer's evidence.
        """
        who = self.participant_at(start)
        if who is not None or not self.turns:
            return who
        import bisect

        self.turn_at(start)  # builds the index
        starts = self.__dict__["_turn_index"][2]
        for i in range(max(0, bisect.bisect_right(starts, start) - 1), len(self.turns)):
            turn = self.turns[i]
            if turn.start >= end:
                break
            if turn.participant:
                return turn.participant
        return None


@dataclass
class Excerpt:
    """A coded passage, anchored twice: by position and by quote with a little context.

    ``codes`` are ``theory``, ``theory:ELEMENT`` or ``free:name``; several elements of one
    theory on one excerpt make it *configurational* evidence.
    """

    id: str
    transcript: str
    start: int
    end: int  # exclusive
    quote: str
    prefix: str = ""
    suffix: str = ""
    codes: list[str] = field(default_factory=list)
    stance: str = "supports"  # supports | refutes | refines
    coder: str = ""
    memo: str | None = None
    key: bool = False  # a key quotation, for the quotation appendix
    created: str | None = None
    participant: str | None = None  # derived when loaded: who speaks at ``start``
    path: Path | None = None  # the codings file it lives in

    @property
    def theories(self) -> list[str]:
        """The theories this excerpt speaks to, in code order."""
        seen: list[str] = []
        for code in self.codes:
            if not code.startswith("free:"):
                theory = code.split(":", 1)[0]
                if theory not in seen:
                    seen.append(theory)
        return seen

    @property
    def elements(self) -> list[str]:
        """``theory:ELEMENT`` codes only."""
        return [c for c in self.codes if ":" in c and not c.startswith("free:")]

    @property
    def configurational(self) -> bool:
        """True when it carries two or more elements of one theory (say C1, M1 and O1 together)."""
        per_theory: dict[str, int] = {}
        for code in self.elements:
            theory = code.split(":", 1)[0]
            per_theory[theory] = per_theory.get(theory, 0) + 1
        return any(n >= 2 for n in per_theory.values())
