"""Data (already shape-checked) -> model objects. Tolerant: bad parts are skipped, never crash."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from realist.model import (
    ELEMENT_KINDS,
    BearsOn,
    Element,
    Evidence,
    Link,
    Manifest,
    PhaseEntry,
    Statement,
    Strand,
    Strength,
    Theory,
    TheoryOfChange,
    ToCEntry,
)

_MANIFEST_KEYS = {"format", "title", "programme", "theories", "transcripts", "evidence", "toc", "phases",
                  "strength", "strands", "groups"}


def _d(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _l(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _s(value: Any) -> str | None:
    return None if value is None else str(value)


def manifest_from(data: Any) -> Manifest:
    data = _d(data)
    strength = _d(data.get("strength"))
    strands = {}
    for sid, s in _d(data.get("strands")).items():
        s = _d(s)
        strands[str(sid)] = Strand(str(sid), str(s.get("label", sid)), str(s.get("kind", "qualitative")))
    return Manifest(
        title=str(data.get("title", "")),
        programme=_s(data.get("programme")),
        format=data.get("format", 1) if isinstance(data.get("format"), int) else 1,
        theories_dir=str(data.get("theories", "theories")),
        transcripts_dir=str(data.get("transcripts", "transcripts")),
        evidence_dir=_s(data.get("evidence")),
        toc=_s(data.get("toc")),
        phases=[str(p) for p in _l(data.get("phases"))],
        strength_scale=[str(s) for s in _l(strength.get("scale"))] or ["convincing", "plausible", "tentative"],
        strength_rules=_d(strength.get("rules")),
        strands=strands,
        groups={str(k): str(v) for k, v in _d(data.get("groups")).items()},
        extra={k: v for k, v in data.items() if k not in _MANIFEST_KEYS},
    )


def statement_from(data: Any) -> Statement:
    data = _d(data)
    return Statement(str(data.get("if", "")), str(data.get("then", "")), str(data.get("because", "") or ""))


def theory_from(data: Any, path: Path | None = None) -> Theory:
    data = _d(data)
    elements: list[Element] = []
    for kind, (section, _letter) in ELEMENT_KINDS.items():
        for item in _l(data.get(section)):
            item = _d(item)
            if "id" not in item:
                continue
            elements.append(Element(
                id=str(item["id"]), kind=kind, text=str(item.get("text", "")),
                role=_s(item.get("role")) if kind == "context" else None,
                mechanism_kind=_s(item.get("kind")) if kind == "mechanism" else None,
                term=_s(item.get("term")) if kind == "outcome" else None,
                definition=_s(item.get("definition"))))
    strength = _d(data.get("strength"))
    history = []
    for h in _l(data.get("history")):
        h = _d(h)
        history.append(PhaseEntry(
            phase=str(h.get("phase", "")), status=str(h.get("status", "")), note=_s(h.get("note")),
            into=[str(x) for x in _l(h.get("into"))], from_=[str(x) for x in _l(h.get("from"))],
            previous=statement_from(h["previous"]) if isinstance(h.get("previous"), dict) else None,
            date=_s(h.get("date"))))
    return Theory(
        id=str(data.get("id", path.stem if path else "")),
        title=str(data.get("title", "")),
        statement=statement_from(data.get("statement")),
        group=_s(data.get("group")),
        strength=Strength(_s(strength.get("rating")), [str(s) for s in _l(strength.get("sources"))],
                          _s(strength.get("note"))),
        elements=elements,
        links=[Link(str(_d(x).get("to", "")), _s(_d(x).get("via")), _s(_d(x).get("label")))
               for x in _l(data.get("links"))],
        history=history,
        path=path,
    )


def evidence_from(data: Any, path: Path | None = None) -> Evidence:
    data = _d(data)
    return Evidence(
        id=str(data.get("id", path.stem if path else "")),
        title=str(data.get("title", "")),
        strand=_s(data.get("strand")),
        design=str(data.get("design", "")),
        data=data,
        bears_on=[BearsOn(str(_d(b).get("target", "")), str(_d(b).get("stance", "supports")))
                  for b in _l(data.get("bears_on"))],
        path=path,
    )


def _entries(value: Any) -> list[ToCEntry]:
    out = []
    for item in _l(value):
        if isinstance(item, dict):
            out.append(ToCEntry(str(item.get("text", "")), [str(t) for t in _l(item.get("theories"))]))
        elif item is not None:
            out.append(ToCEntry(str(item)))
    return out


def toc_from(data: Any, path: Path | None = None) -> TheoryOfChange:
    data = _d(data)
    outcomes = _d(data.get("outcomes"))
    return TheoryOfChange(
        inputs=_entries(data.get("inputs")), activities=_entries(data.get("activities")),
        outputs=_entries(data.get("outputs")),
        outcomes={term: _entries(outcomes.get(term)) for term in ("short", "medium", "long") if term in outcomes},
        impact=_entries(data.get("impact")), path=path)
