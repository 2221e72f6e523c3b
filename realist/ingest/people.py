"""Pseudonymised participants and the speaker labels of transcripts that point to them."""

from __future__ import annotations

import re

from realist.errors import UsageError
from realist.model import PARTICIPANT_GROUPS, Participant, Project, Transcript
from realist.store.atomic import project_lock
from realist.store.participants import get_participant, load_participants, save_participants
from realist.store.transcripts import get_transcript, save_transcript
from realist.text import did_you_mean, one_of

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


def add_participant(project: Project, role: str, *, group: str | None = None, site: str | None = None,
                    strand: str | None = None, participant_id: str | None = None,
                    note: str | None = None, number: int | None = None) -> Participant:
    """Add a participant; the id (``P01``...) and the number within the role are given when not set.

    The number makes the attribution: "Probation Officer 2, Region A". Give ``number`` to keep
    the numbering of your fieldwork notes; a number already used for the role is refused.

    >>> add_participant(project, "Probation Officer", group="staff", site="Region A").label  # doctest: +SKIP
    'Probation Officer 1'
    """
    role = " ".join(role.split())
    if not role:
        raise UsageError("--role is needed (for example --role 'Probation Officer')")
    if group is not None and group not in PARTICIPANT_GROUPS:
        raise UsageError(f"--group '{group}' is not one of {one_of(PARTICIPANT_GROUPS)}"
                         f"{did_you_mean(group, PARTICIPANT_GROUPS)}")
    strands = project.manifest.strands
    if strand is not None and strands and strand not in strands:
        raise UsageError(f"--strand '{strand}' is not a strand of realist.yaml{did_you_mean(strand, strands)}")
    with project_lock(project.root):
        project._cache.pop("participants", None)
        people = load_participants(project)
        if participant_id is None:
            n = len(people) + 1
            while f"P{n:02d}" in people:
                n += 1
            participant_id = f"P{n:02d}"
        elif not _ID.match(participant_id):
            raise UsageError(f"participant id '{participant_id}' must be letters, digits, '.', '_' or '-'")
        if participant_id in people:
            raise UsageError(f"participant '{participant_id}' already exists ({people[participant_id].label})")
        same_role = [p for p in people.values() if p.role.lower() == role.lower()]
        if number is None:
            number = 1 + max((p.number for p in same_role), default=0)
        elif number < 1:
            raise UsageError("--number must be 1 or more")
        else:
            clash = next((p for p in same_role if p.number == number), None)
            if clash is not None:
                raise UsageError(f"{clash.label} is already participant '{clash.id}'; choose another --number")
        participant = Participant(participant_id, role=role, number=number, group=group, site=site,
                                  strand=strand, note=note)
        people[participant_id] = participant
        save_participants(project, people)
    return participant


def map_speaker(project: Project, transcript_id: str, speaker: str, participant_id: str | None) -> Transcript:
    """Say who a speaker label of a transcript is (``None`` to unlink it).

    >>> map_speaker(project, "fg-1", "Speaker 2", "P07")  # doctest: +SKIP
    """
    if participant_id is not None:
        get_participant(project, participant_id)
    with project_lock(project.root):
        project._cache.pop("transcripts", None)
        transcript = get_transcript(project, transcript_id)
        if speaker not in transcript.speakers:
            labels = list(transcript.speakers)
            listed = f"; its speakers are {one_of(labels)}" if labels else "; it has no speaker turns"
            raise UsageError(f"transcript '{transcript_id}' has no speaker '{speaker}'"
                             f"{did_you_mean(speaker, labels)}{listed}")
        transcript.speakers[speaker] = participant_id
        for turn in transcript.turns:
            if turn.speaker == speaker:
                turn.participant = participant_id
        if participant_id is not None and participant_id not in transcript.participants:
            transcript.participants.append(participant_id)
        save_transcript(project, transcript, write_text=False)
    return transcript
