"""Readers for each transcript format. Each returns the normalised text, the speaker
labels it knows (None: guess them from the text) and the start time of each turn.

Times are kept as data, never in the text.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from realist.errors import InputError
from realist.ingest.normalise import decode, normalise

FORMATS = (".txt", ".md", ".docx", ".vtt", ".srt")


@dataclass
class Parsed:
    text: str
    speakers: list[str] | None = None  # None: guess from "Name: text" lines
    times: list[str | None] = field(default_factory=list)


def read(path: Path, raw: bytes) -> Parsed:
    """Dispatch on the file's extension."""
    suffix = path.suffix.lower()
    if suffix in (".txt", ".text"):
        return Parsed(normalise(decode(raw, path)))
    if suffix in (".md", ".markdown"):
        return Parsed(normalise(_markdown(decode(raw, path))))
    if suffix == ".docx":
        return _docx(raw, path)
    if suffix == ".vtt":
        return _cues(decode(raw, path), path, vtt=True)
    if suffix == ".srt":
        return _cues(decode(raw, path), path, vtt=False)
    if suffix in (".doc", ".rtf", ".odt", ".pdf"):
        raise InputError(f"{suffix} files cannot be imported; save it as .docx or .txt and import that", path=path)
    raise InputError(f"unknown transcript format '{suffix or path.name}'; import .txt, .md, .docx, .vtt or .srt",
                     path=path)


def _markdown(text: str) -> str:
    """``**Name:** text`` -> ``Name: text``; headings and emphasis markers dropped."""
    text = re.sub(r"^[ \t]*(?:\*\*|__)([^*_\n]{1,40}?)(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:)\s*", r"\1: ", text,
                  flags=re.MULTILINE)
    text = re.sub(r"^#{1,6}\s+", "", text, flags=re.MULTILINE)
    return text


def _docx(raw: bytes, path: Path) -> Parsed:
    import zipfile

    try:
        from docx import Document
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError("reading .docx needs python-docx: pip install python-docx", path=path) from None
    try:
        document = Document(io.BytesIO(raw))
        body = list(document.paragraphs)
    except Exception as exc:  # damaged zip, deflate or XML: python-docx raises many kinds
        kind = "damaged or cut short" if not isinstance(exc, (zipfile.BadZipFile, KeyError)) else type(exc).__name__
        raise InputError(f"is not a readable Word document ({kind}); "
                         "open it in Word and save it again as .docx", path=path) from None
    paragraphs: list[str] = []
    speakers: list[str] = []
    for para in body:
        label, rest = _bold_label(para)
        if label is not None:
            if label not in speakers:
                speakers.append(label)
            paragraphs.append(f"{label}: {rest.strip()}")
        else:
            paragraphs.append(para.text)
    text = normalise("\n".join(paragraphs))
    # a document without bold labels may still use plain "Name: text" lines: guess those
    return Parsed(text, speakers or None)


def _bold_label(para: object) -> tuple[str | None, str]:
    """A leading bold run that ends in ':' (or is followed by one) is a speaker label."""
    runs = list(getattr(para, "runs", []))
    text = getattr(para, "text", "")
    bold = ""
    for run in runs:
        if run.bold and not bold.rstrip().endswith(":"):
            bold += run.text
            continue
        break
    if not bold.strip():
        return None, text
    rest = text[len(bold):]
    label = bold.strip()
    if label.endswith(":"):
        label = label[:-1].strip()
    elif rest.lstrip().startswith(":"):
        rest = rest.lstrip()[1:]
    else:
        return None, text
    if not label or len(label) > 40 or "\n" in label:
        return None, text
    return label, rest


_TIME = re.compile(r"^\s*(?P<start>(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")
_TAG = re.compile(r"</?[^>]+>")
_PLAIN_LABEL = re.compile(r"^([^\W\d_][\w'’. -]{0,39}?)\s*:\s+(?=\S)")


def _clock(stamp: str) -> str:
    """``1:02.5`` / ``00:01:02,500`` -> ``00:01:02.500``."""
    stamp = stamp.replace(",", ".")
    main, _, frac = stamp.partition(".")
    parts = [int(p) for p in main.split(":")]
    while len(parts) < 3:
        parts.insert(0, 0)
    h, m, s = parts
    return f"{h:02d}:{m:02d}:{s:02d}.{frac.ljust(3, '0')[:3]}"


def _cues(text: str, path: Path, *, vtt: bool) -> Parsed:
    """WebVTT (Teams, Zoom) and SubRip cues, consecutive cues of one speaker merged into one turn."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = re.split(r"\n\s*\n", text.strip())
    if vtt:
        if not blocks or not blocks[0].lstrip("\ufeff").startswith("WEBVTT"):
            raise InputError("is not a WebVTT file (it must start with 'WEBVTT')", path=path)
        blocks = blocks[1:]
    turns: list[tuple[str | None, list[str], str | None]] = []
    for block in blocks:
        lines = block.split("\n")
        at = next((i for i, ln in enumerate(lines) if _TIME.match(ln)), None)
        if at is None:
            continue  # NOTE, STYLE, REGION blocks, or a stray number
        stamp: str | None = _clock(_TIME.match(lines[at]).group("start"))  # type: ignore[union-attr]
        body = " ".join(ln.strip() for ln in lines[at + 1:] if ln.strip())
        speaker: str | None = None
        voice = _VOICE.search(body)
        if voice:
            speaker = voice.group(1).strip()
        body = _TAG.sub("", body).strip()
        if speaker is None:
            plain = _PLAIN_LABEL.match(body)
            if plain:
                speaker, body = plain.group(1).strip(), body[plain.end():]
        body = body.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ")
        if not body:
            continue
        if turns and turns[-1][0] == speaker:
            turns[-1][1].append(body)
        else:
            turns.append((speaker, [body], stamp))
    if not turns:
        raise InputError("has no cues with text (expected 'HH:MM:SS.mmm --> HH:MM:SS.mmm' lines "
                         "followed by what was said)", path=path)
    speakers: list[str] = []
    out: list[str] = []
    times: list[str | None] = []
    for who, bodies, time in turns:
        joined = " ".join(bodies)
        if who:
            if who not in speakers:
                speakers.append(who)
            out.append(f"{who}: {joined}")
            times.append(time)
        else:
            out.append(joined)
    return Parsed(normalise("\n".join(out)), speakers, times)
