"""Read YAML with the position of every key and value; refuse what YAML lets slip.

Duplicate keys are an error (PyYAML would keep the last one silently), the
document size and nesting depth are bounded, and aliases are followed once so
an alias bomb costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from realist.errors import InputError

try:  # libyaml's C parser when it is there
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64

PathKey = tuple[Any, ...]


@dataclass
class YamlDoc:
    """A parsed document: ``data`` plus positions (1-based line, col) by logical path."""

    path: Path
    data: Any
    positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def pos(self, *keys: Any) -> tuple[int, int]:
        """Position of the value at ``keys``, falling back to the nearest parent."""
        path: PathKey = tuple(keys)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))

    def key_pos(self, *keys: Any) -> tuple[int, int]:
        """Position of the key itself (for unknown-key findings)."""
        return self.key_positions.get(tuple(keys)) or self.pos(*keys)


def shown(path: Path) -> Path:
    """``path`` as a person would type it: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except (ValueError, OSError):
        return path


class YamlProblem(Exception):
    """A file that is not readable YAML; carries its position."""

    def __init__(self, path: Path, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.path, self.line, self.col, self.message = path, line, col, message

    def as_input_error(self) -> InputError:
        """The same problem as the one-line error a command prints (exit 2)."""
        return InputError(self.message, path=shown(self.path), line=self.line, col=self.col)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def read_text(path: Path) -> str:
    """The file's text as UTF-8 (a BOM is accepted); clear errors for what is not."""
    try:
        if path.is_dir():
            raise YamlProblem(path, 1, 1, "is a folder, not a file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise YamlProblem(path, 1, 1, f"is too large to be a realist file ({size:,} bytes)")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise YamlProblem(path, 1, 1, "file not found") from None
    except PermissionError:
        raise YamlProblem(path, 1, 1, "cannot be read (permission denied)") from None
    except IsADirectoryError:
        raise YamlProblem(path, 1, 1, "is a folder, not a file") from None
    if b"\x00" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlProblem(path, 1, 1, "is a binary file, not YAML text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlProblem(path, line, col,
                          f"is not UTF-8 text (byte {exc.start}: 0x{raw[exc.start]:02x}); "
                          "save it as UTF-8") from None


def parse(text: str, path: Path) -> YamlDoc:
    """Parse one YAML document with positions. Raises YamlProblem."""
    if "<<<<<<<" in text and "\n=======" in text and ">>>>>>>" in text:
        line = text[: text.index("<<<<<<<")].count("\n") + 1
        raise YamlProblem(path, line, 1, "contains git merge-conflict markers (<<<<<<<): "
                          "resolve the conflict, then run the command again")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        doc = YamlDoc(path, None)
        if node is None:
            return doc
        _walk(node, (), doc, 0, set(), path)
        doc.data = loader.construct_document(node)
        return doc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or str(exc)
        if exc.context:
            what = f"{exc.context}, {what}"
        hint = ""
        if "\t" in text and ("found character '\\t'" in what or "tab" in what):
            hint = " (YAML does not allow tabs for indentation: use spaces)"
        raise YamlProblem(path, line, col, f"YAML syntax error: {what}{hint}") from None
    except yaml.reader.ReaderError as exc:
        raise _reader_problem(exc, text, path) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(path, 1, 1, f"YAML error: {exc}".split("\n")[0]) from None
    except RecursionError:
        raise YamlProblem(path, 1, 1, "is nested too deeply") from None
    finally:
        loader.dispose()


def _walk(node: yaml.Node, path: PathKey, doc: YamlDoc, depth: int, seen: set[int], file: Path) -> None:
    if depth > MAX_DEPTH:
        line, col = _mark(node)
        raise YamlProblem(file, line, col, f"is nested more than {MAX_DEPTH} levels deep")
    doc.positions.setdefault(path, _mark(node))
    if id(node) in seen:  # an alias: its contents were positioned where it was defined
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line, col = _mark(key_node)
                raise YamlProblem(file, line, col, "a key must be plain text, not a list or mapping")
            key: Any = key_node.value
            if key_node.tag == "tag:yaml.org,2002:merge":
                _walk(value_node, path, doc, depth + 1, seen, file)
                continue
            if key in keys:
                first = _mark(keys[key])[0]
                line, col = _mark(key_node)
                raise YamlProblem(file, line, col,
                                  f"duplicate key '{key}' (first defined on line {first}); "
                                  "YAML would silently keep only one of them")
            keys[key] = key_node
            doc.key_positions[path + (key,)] = _mark(key_node)
            _walk(value_node, (*path, key), doc, depth + 1, seen, file)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*path, i), doc, depth + 1, seen, file)


def _reader_problem(exc: yaml.reader.ReaderError, text: str, path: Path) -> YamlProblem:
    """A control character YAML refuses, with its line and column."""
    at = max(0, min(int(exc.position or 0), len(text)))
    line = text.count("\n", 0, at) + 1
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    char = exc.character if isinstance(exc.character, int) else ord(str(exc.character or "\0")[:1] or "\0")
    return YamlProblem(path, line, col, f"contains a control character (U+{char:04X}) that YAML does not allow; "
                       "remove it (was the file saved by a word processor?)")


def load(path: Path) -> YamlDoc:
    """Read and parse ``path``. Raises YamlProblem with a position."""
    return parse(read_text(path), path)


def load_fast(path: Path) -> Any:
    """Parse without positions (for tool-managed files written by us)."""
    text = read_text(path)
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise YamlProblem(path, (mark.line + 1) if mark else 1, (mark.column + 1) if mark else 1,
                          f"YAML syntax error: {exc.problem}") from None
    except yaml.reader.ReaderError as exc:
        raise _reader_problem(exc, text, path) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(path, 1, 1, f"YAML error: {exc}".split("\n")[0]) from None
    except RecursionError:
        raise YamlProblem(path, 1, 1, "is nested too deeply") from None
