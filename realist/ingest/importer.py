"""`import_transcripts`: read, normalise, find the turns, record the metadata, write.

Every file is read and checked before anything is written, so one bad file among
several leaves the project as it was.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from realist.errors import InputError, UsageError
from realist.ingest.formats import read
from realist.ingest.normalise import read_source
from realist.ingest.speakers import find_turns, guess_speakers, is_interviewer
from realist.model import TRANSCRIPT_TYPES, Project, Transcript
from realist.store.atomic import project_lock
from realist.store.participants import load_participants
from realist.store.transcripts import load_transcripts, save_transcript, sha256_text, slug, valid_id
from realist.text import did_you_mean, one_of, plural

if TYPE_CHECKING:
    from realist.privacy.match import Matcher


@dataclass
class Imported:
    """What happened to one file: ``status`` is new, replaced or unchanged; ``notes`` say what to do next."""

    transcript: Transcript
    status: str
    notes: list[str] = field(default_factory=list)


def import_transcripts(project: Project, files: list[Path], *, transcript_id: str | None = None,
                       type: str | None = None, stage: str | None = None, site: str | None = None,
                       date: str | None = None, participants: list[str] | None = None,
                       title: str | None = None, pseudonyms: Matcher | None = None,
                       speakers: dict[str, str] | None = None) -> list[Imported]:
    """Import transcript files (.txt, .md, .docx, .vtt, .srt) into the project.

    Re-importing a file whose source changed replaces the text and keeps the codings;
    ``realist reanchor`` then re-locates them. ``speakers`` maps speaker labels to
    participant ids (``{"PO1": "P03"}``); an unknown label is refused. With ``pseudonyms`` (a key's
    :class:`~realist.privacy.match.Matcher`) the key's terms are replaced before anything
    is written: in the text, the speaker labels, the title, the site and the file name.

    >>> [i.status for i in import_transcripts(project, [Path("po1.docx")], stage="initial",
    ...                                        site="Region A", participants=["P01"])]  # doctest: +SKIP
    ['new']
    """
    from datetime import datetime, timezone

    if not files:
        raise UsageError("give at least one transcript file")
    if transcript_id is not None and len(files) > 1:
        raise UsageError("--id names one transcript; import the files one at a time to name each")
    if type is not None and type not in TRANSCRIPT_TYPES:
        raise UsageError(f"--type '{type}' is not one of {one_of(TRANSCRIPT_TYPES)}{did_you_mean(type, TRANSCRIPT_TYPES)}")
    phases = project.manifest.phases
    if stage is not None and phases and stage not in phases:
        raise UsageError(f"--stage '{stage}' is not a phase of this project; choose {one_of(phases)}"
                         f"{did_you_mean(stage, phases)}")
    known_people = load_participants(project)
    for pid in [*(participants or []), *(speakers or {}).values()]:
        if pid not in known_people:
            raise UsageError(f"no participant '{pid}'{did_you_mean(pid, known_people)}; add one first with "
                             "`realist participants add --role ROLE --group GROUP --site SITE`")
    existing = load_transcripts(project)
    plans: list[Imported] = []
    seen: dict[str, Path] = {}
    stamp = datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    for path in files:
        raw = read_source(path)
        if not raw.strip():
            raise InputError("is empty; there is nothing to import", path=path)
        parsed = read(path, raw)
        name = path.name
        if pseudonyms is not None:
            parsed.text = pseudonyms.replace(parsed.text)[0]
            if parsed.speakers is not None:
                parsed.speakers = [pseudonyms.replace(label)[0] for label in parsed.speakers]
            name = pseudonyms.replace(name)[0]
            site, title = (pseudonyms.replace(v)[0] if v else v for v in (site, title))
            speakers = {pseudonyms.replace(k)[0]: v for k, v in (speakers or {}).items()}
        if not parsed.text.strip():
            raise InputError("has no text to import (it is empty once blank lines and markup are removed)",
                             path=path)
        tid = transcript_id or slug(Path(name).stem)
        if not valid_id(tid):
            raise UsageError(f"transcript id '{tid}' must be lower case letters, digits, '.', '_' or '-'")
        if tid in seen:
            raise UsageError(f"{path} and {seen[tid]} would both be transcript '{tid}'; "
                             "rename one, or import it with --id")
        seen[tid] = path
        plans.append(_plan(project, tid, path.with_name(name), raw, parsed.text, parsed.speakers, parsed.times,
                           existing.get(tid), type=type, stage=stage, site=site, date=date,
                           participants=participants, title=title, stamp=stamp, mapping=speakers or {}))
    with project_lock(project.root):
        for plan in plans:
            if plan.status != "unchanged":
                save_transcript(project, plan.transcript)
    return plans


def _plan(project: Project, tid: str, path: Path, raw: bytes, text: str, speakers: list[str] | None,
          times: list[str | None], before: Transcript | None, *, type: str | None, stage: str | None,
          site: str | None, date: str | None, participants: list[str] | None, title: str | None,
          stamp: str, mapping: dict[str, str]) -> Imported:
    source_sha = hashlib.sha256(raw).hexdigest()
    labels = speakers if speakers is not None else guess_speakers(text)
    turns = find_turns(text, labels, times)
    notes: list[str] = []
    if before is not None and before.source_sha256 == source_sha and before.text == text and \
            not any(v is not None for v in (type, stage, site, date, participants, title)) and not mapping:
        return Imported(before, "unchanged", [f"{path.name} is already imported as '{tid}', unchanged"])
    people = list(participants) if participants is not None else (before.participants if before else [])
    speaker_map: dict[str, str | None] = {label: None for label in labels}
    if before is not None:
        speaker_map.update({k: v for k, v in before.speakers.items() if k in speaker_map})
    for label, pid in mapping.items():
        if label not in speaker_map:
            found = f"its speakers are {one_of(labels)}" if labels else "it has no speaker turns"
            raise UsageError(f"--speaker {label}={pid}: {path.name} has no speaker '{label}'"
                             f"{did_you_mean(label, labels)}; {found}")
        speaker_map[label] = pid
    if mapping:
        people = people + [pid for pid in mapping.values() if pid not in people]
    known = load_participants(project)
    for label in speaker_map:
        if speaker_map[label] is None and label in known:
            speaker_map[label] = label
    voices = [label for label in labels if not is_interviewer(label)]
    unmapped = [label for label in voices if speaker_map[label] is None]
    if len(people) == 1 and len(voices) == 1 and unmapped:
        speaker_map[voices[0]] = people[0]
    t_type = type or (before.type if before else None)
    if t_type is None:
        observed = any(label.lower().startswith("observer") for label in labels)
        t_type = "observation" if observed else "focus-group" if len(voices) >= 3 else "interview"
        if t_type != "interview":
            why = "an Observer's notes" if observed else f"{len(voices)} speakers"
            notes.append(f"{why}: recorded as {'an' if observed else 'a'} {t_type.replace('-', ' ')} "
                         "(use --type to say otherwise)")
    phases = project.manifest.phases
    t_stage = stage or (before.stage if before else None)
    if t_stage is None and phases:
        t_stage = phases[0]
        notes.append(f"no --stage given: recorded as stage '{t_stage}'")
    transcript = Transcript(
        id=tid, text=text, type=t_type, stage=t_stage, site=site or (before.site if before else None),
        date=date or (before.date if before else None), participants=people, speakers=speaker_map,
        turns=turns, times=[turn.time for turn in turns if turn.speaker is not None] if any(times) else [],
        source=path.name, source_sha256=source_sha, text_sha256=sha256_text(text),
        imported=stamp, title=title or (before.title if before else None))
    for turn in turns:
        turn.participant = speaker_map.get(turn.speaker) if turn.speaker else None
    if transcript.site is None and not (people and all(known[p].site for p in people if p in known)):
        notes.append("no --site given; add one with --site so excerpts can be attributed and filtered by site")
    still = [label for label in voices if speaker_map[label] is None]
    if still:
        notes.append(f"{plural(len(still), 'speaker')} not yet linked to a participant "
                     f"({', '.join(still)}): `realist participants map {tid} '{still[0]}' PARTICIPANT`")
    if not labels and not people:
        notes.append("no speaker turns found and no --participant given")
    status = "new" if before is None else "replaced"
    if before is not None and before.text != text:
        from realist.store.codings import coding_files

        if coding_files(project, [tid]):
            notes.append(f"the text changed and '{tid}' has codings: run `realist reanchor` to re-locate them")
    return Imported(transcript, status, notes)
