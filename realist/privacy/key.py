"""The pseudonymisation key: real names, places and other identifiers -> pseudonyms.

The key is the one file that links pseudonyms back to people, so it lives OUTSIDE the
project folder (by default ``~/.config/realist/keys/<project>.yaml``) and realist
refuses to create or use one inside it. Format (see docs/privacy.md)::

    # realist pseudonymisation key - keep outside the project, never share
    names:
      Samantha Jones: Sam
    places:
      Leeds: Region A
    other:
      HMP Wakefield: the prison

>>> key = Key({"name": {"Samantha Jones": "Sam"}, "place": {}, "other": {}})
>>> key.terms()
{'Samantha Jones': 'Sam'}
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from realist.errors import InputError, UsageError
from realist.privacy.match import Matcher, fold
from realist.text import did_you_mean, one_of

#: file section -> category
SECTIONS = {"names": "name", "places": "place", "other": "other"}
CATEGORIES = ("name", "place", "other")

HEADER = ("# realist pseudonymisation key: real term -> pseudonym.\n"
          "# Keep this file OUTSIDE the project folder; never commit, share or export it.\n")


@dataclass
class Key:
    """Terms by category (``name``, ``place``, ``other``), each term -> its pseudonym."""

    categories: dict[str, dict[str, str]] = field(default_factory=lambda: {c: {} for c in CATEGORIES})
    path: Path | None = None

    def terms(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for cat in CATEGORIES:
            out.update(self.categories.get(cat, {}))
        return out

    def category(self, term: str) -> str:
        return next((c for c in CATEGORIES if term in self.categories.get(c, {})), "other")

    def matcher(self) -> Matcher:
        return Matcher(self.terms())

    def __len__(self) -> int:
        return sum(len(v) for v in self.categories.values())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "project"


def default_key_path(root: Path) -> Path:
    """``$XDG_CONFIG_HOME/realist/keys/<project folder name>.yaml`` (``~/.config`` by default)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "realist" / "keys" / f"{_slug(root.resolve().name)}.yaml"


def is_inside(path: Path, root: Path) -> bool:
    """Whether ``path`` (existing or not) is in the folder ``root``."""
    try:
        path.expanduser().resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def key_path_for(root: Path, given: Path | None) -> Path:
    """The key file to use; refused when it is inside the project folder."""
    path = given.expanduser() if given is not None else default_key_path(root)
    if is_inside(path, root):
        raise UsageError(f"the key file {path} is inside the project folder; it links pseudonyms to real "
                         "people, so keep it outside (default: "
                         f"{default_key_path(root)}) and give that path with --key")
    return path


def load_key(path: Path) -> Key:
    """Read and validate a key file. InputError (with file and line) for anything wrong.

    Duplicate terms are refused, also when they differ only in case or accents, and a
    pseudonym may not itself be a key term (it would be found again by ``check --privacy``).
    """
    from realist.store.yamlio import YamlProblem, load

    if not path.is_file():
        raise UsageError(f"no key file at {path}; start one with "
                         "`realist pseudonymise --add 'Real Name=Pseudonym' --key FILE`")
    try:
        doc = load(path)
    except YamlProblem as p:
        raise InputError(p.message, path=p.path, line=p.line, col=p.col) from None
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        raise InputError("is not a key file: expected the sections names:, places: and other:", path=path)
    key = Key(path=path)
    seen: dict[str, str] = {}
    for section, value in data.items():
        line = doc.key_pos(section)[0]
        if section not in SECTIONS:
            raise InputError(f"unknown section '{section}'; a key has {one_of(list(SECTIONS))}"
                             f"{did_you_mean(str(section), SECTIONS)}", path=path, line=line)
        if value is None:
            continue
        if not isinstance(value, dict):
            raise InputError(f"'{section}' must map each real term to its pseudonym "
                             "(like `Samantha Jones: Sam`)", path=path, line=line)
        cat = SECTIONS[section]
        for term, pseudonym in value.items():
            where = doc.key_pos(section, term)[0]
            if not isinstance(term, str) or not term.strip():
                raise InputError(f"a term in '{section}' must be text", path=path, line=where)
            if not isinstance(pseudonym, str) or not pseudonym.strip():
                raise InputError(f"'{term}' needs a pseudonym (text), like `{term}: P01`", path=path, line=where)
            folded = fold(" ".join(term.split()))
            if folded in seen:
                raise InputError(f"'{term}' is in the key twice (also as '{seen[folded]}'); "
                                 "case and accents do not count", path=path, line=where)
            seen[folded] = term
            key.categories[cat][term.strip()] = pseudonym.strip()
    clash = [(t, p) for t, p in key.terms().items() if Matcher(key.terms()).find(p)]
    if clash:
        term, pseudonym = clash[0]
        raise InputError(f"the pseudonym '{pseudonym}' of '{term}' contains a key term; choose another",
                         path=path)
    return key


def add_terms(path: Path, pairs: list[tuple[str, str]], category: str) -> Key:
    """Add ``(term, pseudonym)`` pairs to the key (created, readable by you only, if missing).

    Comments in an existing key are kept.
    """
    from realist.store.atomic import atomic_write_text
    from realist.store.edit import dump_roundtrip, load_roundtrip

    if category not in CATEGORIES:
        raise UsageError(f"--category '{category}' is not one of {one_of(CATEGORIES)}"
                         f"{did_you_mean(category, CATEGORIES)}")
    section = next(s for s, c in SECTIONS.items() if c == category)
    existing = load_key(path) if path.exists() else Key(path=path)
    known = {fold(t): t for t in existing.terms()}
    for term, _ in pairs:
        if fold(term) in known:
            raise UsageError(f"'{term}' is already in the key (as '{known[fold(term)]}'); edit {path} to change it")
    if path.exists():
        yaml, data, _ = load_roundtrip(path)
        if data.get(section) is None:
            data[section] = {}
        for term, pseudonym in pairs:
            data[section][term] = pseudonym
        text = dump_roundtrip(yaml, data)
    else:
        import yaml as pyyaml

        body: dict[str, dict[str, str]] = {s: {} for s in SECTIONS}
        body[section] = dict(pairs)
        text = HEADER + pyyaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=4096)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))  # readable by you only, from the start
    atomic_write_text(path, text)  # keeps the file's mode
    return load_key(path)


def parse_pair(text: str) -> tuple[str, str]:
    """``'Samantha Jones=Sam'`` -> ``('Samantha Jones', 'Sam')``."""
    if "=" not in text:
        raise UsageError(f"--add takes TERM=PSEUDONYM, like --add 'Samantha Jones=Sam' (got '{text}')")
    term, pseudonym = (part.strip() for part in text.split("=", 1))
    if not term or not pseudonym:
        raise UsageError(f"--add takes TERM=PSEUDONYM with both parts filled in (got '{text}')")
    return term, pseudonym
