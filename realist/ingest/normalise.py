"""Bytes to normalised transcript text: UTF-8 (BOM accepted) or UTF-16, NFC, LF.

Undecodable bytes are refused with the file and the byte offset; nothing is
guessed, because a wrongly guessed encoding silently changes what people said.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from realist.errors import InputError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
_BLANKS = re.compile(r"\n{3,}")


def decode(raw: bytes, path: Path | str) -> str:
    """The text of ``raw``: UTF-8 (with or without BOM) or UTF-16 with a BOM.

    >>> decode("café".encode("utf-16"), "x.txt")
    'café'
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"is not valid UTF-16 text (byte offset {exc.start}); save it as UTF-8",
                             path=path) from None
    if b"\x00" in raw[:65536]:
        at = raw.index(b"\x00")
        raise InputError(f"is a binary file, not text (a zero byte at byte offset {at}); "
                         "import .txt, .md, .docx, .vtt or .srt", path=path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = raw[exc.start]
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(f"is not UTF-8 text: byte 0x{bad:02x} at byte offset {exc.start} (line {line}) "
                         "cannot be read; save the file as UTF-8 and import it again", path=path) from None


def normalise(text: str) -> str:
    """NFC, LF line ends, no trailing spaces, at most one blank line in a row, one final newline.

    >>> normalise("Cafe\\u0301  \\r\\n\\r\\n\\r\\n\\r\\nok")
    'Café\\n\\nok\\n'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text).replace("\u00a0", " ")
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines).strip("\n")
    text = _BLANKS.sub("\n\n", text)
    return text + "\n" if text else ""


def read_source(path: Path) -> bytes:
    """The bytes of a file to import, with clear messages for what cannot be read."""
    try:
        if path.is_dir():
            raise InputError("is a folder; give the transcript files themselves", path=path)
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", path=path) from None
    except PermissionError:
        raise InputError("cannot be read (permission denied)", path=path) from None
