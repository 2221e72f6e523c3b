"""Tool-managed transcript files: ``<id>.txt`` (normalised text) + ``<id>.yaml`` (metadata).

Layout under the manifest's ``transcripts`` folder (see docs/coding.md)::

    <id>.txt                      normalised text (UTF-8, NFC, LF)
    <id>.yaml                     metadata: type, stage, site, participants, speakers, turns, hashes
    participants.yaml             pseudonymised participants
    codings/<id>/<coder>.yaml     one coder's excerpts of one transcript
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from pathlib import Path
from typing import Any

import yaml

from realist.errors import InputError, UsageError
from realist.model import Project, Transcript, Turn
from realist.store import cache
from realist.store.atomic import atomic_write_text
from realist.store.yamlio import YamlProblem, _Loader, load_fast, shown
from realist.text import did_you_mean

try:
    from yaml import CSafeDumper as _BaseDumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]


class Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """Our dumper: text with line breaks as one double-quoted line (``\\n``), readable in a diff."""


def _str(dumper: Any, value: str) -> Any:
    style = '"' if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


Dumper.add_representer(str, _str)

PARTICIPANTS_FILE = "participants.yaml"
CODINGS_DIR = "codings"
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def slug(name: str) -> str:
    """A file-safe id: ``PO interview 1.docx`` stem -> ``po-interview-1``."""
    s = re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-._")
    return s[:80] or "transcript"


def valid_id(value: str) -> bool:
    return bool(_ID.match(value))


def dump(data: Any) -> str:
    """YAML in our stable layout: keys in the order given, unicode as is, no line folding."""
    return yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=1 << 30,
                     default_flow_style=False)


def metadata_files(project: Project) -> list[Path]:
    folder = project.transcripts_path
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.suffix == ".yaml" and p.name != PARTICIPANTS_FILE and p.is_file())


def transcript_from(data: dict[str, Any], path: Path) -> Transcript:
    """The transcript described by a metadata file (its text and turns are added by the loader).

    A value of the wrong type (a hand edit, a cut file) is an InputError naming the file, on every
    path that reads metadata, cached or not.
    """
    try:
        return _transcript_from(data, path)
    except (TypeError, ValueError, AttributeError):
        raise InputError("is not a readable transcript metadata file (a value has the wrong type); "
                         "run `realist check` to see which", path=shown(path)) from None


def _transcript_from(data: dict[str, Any], path: Path) -> Transcript:
    source = data.get("source") or {}
    speakers = {str(k): (str(v) if v is not None else None) for k, v in (data.get("speakers") or {}).items()}
    times = data.get("times")
    if times is None and data.get("turns"):  # files of the first version kept whole turns
        times = [t.get("time") for t in data["turns"] if isinstance(t, dict) and t.get("speaker") is not None]
    return Transcript(
        id=str(data.get("id", path.stem)), type=str(data.get("type", "interview")),
        stage=data.get("stage"), site=data.get("site"),
        date=str(data["date"]) if data.get("date") is not None else None,
        participants=[str(p) for p in data.get("participants") or []], speakers=speakers,
        times=[str(t) if t is not None else None for t in times or []],
        source=source.get("file") if isinstance(source, dict) else None,
        source_sha256=source.get("sha256") if isinstance(source, dict) else None,
        text_sha256=data.get("text_sha256"), imported=data.get("imported"), title=data.get("title"), path=path)


def attach_text(transcript: Transcript, text: str) -> Transcript:
    """Set the text and find its speaker turns again (they are never stored, so never stale)."""
    from realist.ingest.speakers import find_turns

    transcript.text = text
    transcript.turns = find_turns(text, list(transcript.speakers), transcript.times or None)
    for turn in transcript.turns:
        turn.participant = transcript.speakers.get(turn.speaker) if turn.speaker is not None else None
    return transcript


def transcript_data(t: Transcript) -> dict[str, Any]:
    """The metadata file's content, keys in a stable order."""
    data: dict[str, Any] = {"id": t.id}
    if t.title:
        data["title"] = t.title
    data["type"] = t.type
    data["stage"] = t.stage
    data["site"] = t.site
    data["date"] = t.date
    data["participants"] = list(t.participants)
    data["speakers"] = dict(t.speakers)
    data["source"] = {"file": t.source, "sha256": t.source_sha256}
    data["text_sha256"] = t.text_sha256
    data["imported"] = t.imported
    if any(t.times):
        data["times"] = list(t.times)
    return data


def text_path(project: Project, transcript_id: str) -> Path:
    return project.transcripts_path / f"{transcript_id}.txt"


def meta_path(project: Project, transcript_id: str) -> Path:
    return project.transcripts_path / f"{transcript_id}.yaml"


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("transcript text is missing", path=shown(path)) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"is not UTF-8 text (byte offset {exc.start})", path=shown(path)) from None


def load_transcripts(project: Project, *, text: bool = True) -> dict[str, Transcript]:
    """Every imported transcript by id (cached on the project until a write).

    >>> ts = load_transcripts(load_project("."))  # doctest: +SKIP
    >>> ts["po-1"].turns[0].speaker  # doctest: +SKIP
    'Interviewer'
    """
    cached = project._cache.get("transcripts")
    if cached is not None:
        return dict(cached)
    found: dict[str, Transcript] = {}
    known = cache.read(project.root, "transcripts") if text else None
    known = known if isinstance(known, dict) else {}
    kept: dict[str, Any] = {}
    for path in metadata_files(project):
        if text:
            name = str(path.relative_to(project.root))
            transcript, entry = _read_cached(path, known.get(name))
            if entry is not None:
                kept[name] = entry
        else:
            transcript = _read_one(path, text=False)
        found[transcript.id] = transcript
    if text:
        project._cache["transcripts"] = found
        if kept.keys() != known.keys() or any(kept[k][0] != known[k][0] for k in kept):
            cache.write(project.root, "transcripts", kept)
    return dict(found)


def _read_cached(path: Path, entry: Any) -> tuple[Transcript, list[Any] | None]:
    """A transcript and its cache entry ``[key, metadata, turns]``; the turns come from the cache when
    the two files' bytes still hash to the key (finding turns in a thousand texts is what takes time).

    Anything out of the ordinary (unreadable, not UTF-8, carriage returns, data JSON cannot keep) is
    read the ordinary way and not cached, so its errors are the ordinary ones.
    """
    try:
        meta_raw = path.read_bytes()
        text_raw = path.with_suffix(".txt").read_bytes()
        if b"\r" in text_raw:
            raise ValueError("newlines to translate")
        text = text_raw.decode("utf-8")
    except (OSError, ValueError):
        return _read_one(path), None
    key = [zlib.crc32(meta_raw), len(meta_raw), zlib.crc32(text_raw), len(text_raw)]
    if isinstance(entry, list) and len(entry) == 3 and entry[0] == key:
        transcript = transcript_from(entry[1], path)
        transcript.text = text
        speakers = transcript.speakers
        transcript.turns = [Turn(s, a, b, speakers.get(s) if s is not None else None, when)  # positional: quicker
                            for s, a, b, when in entry[2]]
        return transcript, entry
    try:
        data = yaml.load(meta_raw.decode("utf-8-sig"), Loader=_Loader)  # noqa: S506 - a safe loader
        if not isinstance(data, dict) or json.loads(json.dumps(data)) != data:
            raise ValueError("not kept")
    except Exception:  # noqa: BLE001 - read the ordinary way, with its own clear errors
        return _read_one(path), None
    transcript = attach_text(transcript_from(data, path), text)
    return transcript, [key, data, [[t.speaker, t.start, t.end, t.time] for t in transcript.turns]]


def _read_one(path: Path, *, text: bool = True) -> Transcript:
    try:
        data = load_fast(path)
    except YamlProblem as p:
        raise p.as_input_error() from None
    if not isinstance(data, dict):
        raise InputError("is not a transcript metadata file (expected a mapping)", path=shown(path))
    transcript = transcript_from(data, path)
    if text:
        attach_text(transcript, read_text(path.with_suffix(".txt")))
    return transcript


def get_transcript(project: Project, transcript_id: str) -> Transcript:
    """One transcript; a did-you-mean when the id is unknown.

    Reads only its own two files unless every transcript is loaded already, so one
    `realist code` stays quick in a project of thousands of transcripts.
    """
    cached = project._cache.get("transcripts")
    if cached is not None and transcript_id in cached:
        return cached[transcript_id]
    path = meta_path(project, transcript_id)
    if cached is None and valid_id(transcript_id) and path.is_file():
        one = _read_one(path)
        if one.id == transcript_id:
            return one
    transcripts = load_transcripts(project)
    if transcript_id not in transcripts:
        hint = did_you_mean(transcript_id, transcripts)
        if not transcripts:
            hint = "; import one with `realist transcripts import FILE`"
        raise UsageError(f"no transcript '{transcript_id}'{hint}")
    return transcripts[transcript_id]


def save_transcript(project: Project, transcript: Transcript, *, write_text: bool = True) -> None:
    """Write the text (when asked) and then the metadata, each atomically. Call under the project lock."""
    if write_text:
        atomic_write_text(text_path(project, transcript.id), transcript.text)
    path = meta_path(project, transcript.id)
    atomic_write_text(path, dump(transcript_data(transcript)))
    transcript.path = path
    project._cache.pop("transcripts", None)
