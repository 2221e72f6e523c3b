"""The shape layer: the shipped JSON Schemas, with findings positioned in the YAML."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from realist.store.findings import Report
from realist.store.yamlio import YamlDoc
from realist.text import did_you_mean, one_of

SCHEMAS = ("realist", "theory", "evidence", "toc", "transcript", "participants", "codings", "codebook")

_TYPE_NAMES = {"object": "a mapping (key: value)", "array": "a list", "string": "text", "number": "a number",
               "integer": "a whole number", "boolean": "true or false", "null": "empty"}


def schema_text(name: str) -> str:
    """The JSON Schema ``name`` (one of SCHEMAS) as shipped in the package."""
    from realist.errors import UsageError

    if name not in SCHEMAS:
        raise UsageError(f"no schema '{name}'; choose {one_of(SCHEMAS)}{did_you_mean(name, SCHEMAS)}")
    return resources.files("realist").joinpath(f"schemas/{name}.json").read_text(encoding="utf-8")


@cache
def _validator(name: str) -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads(schema_text(name)))


def _describe(value: Any) -> str:
    for t, label in (("boolean", bool), ("integer", int), ("number", float), ("string", str),
                     ("array", list), ("object", dict)):
        if isinstance(value, label):  # type: ignore[arg-type]
            return _TYPE_NAMES[t]
    return "empty" if value is None else type(value).__name__


def logical(path: tuple[Any, ...]) -> str:
    """``contexts -> 2 -> role`` (1-based list positions, as a person counts)."""
    return " -> ".join(str(p + 1) if isinstance(p, int) else str(p) for p in path)


def check_shape(doc: YamlDoc, name: str, report: Report) -> bool:
    """Add a finding for every shape problem of ``doc`` against schema ``name``.

    Returns True when the document has the right shape.
    """
    ok = True
    errors = sorted(_validator(name).iter_errors(doc.data), key=lambda e: list(map(str, e.absolute_path)))
    for error in errors:
        for path, line, col, message in _messages(error, doc):
            ok = False
            where = f" (at {logical(path)})" if len(path) > 1 else ""
            report.add(doc.path, line, col, message + where, rule=f"schema.{error.validator}")
    return ok


def _messages(error: Any, doc: YamlDoc) -> list[tuple[tuple[Any, ...], int, int, str]]:
    path = tuple(error.absolute_path)
    line, col = doc.pos(*path)
    kind, value, schema = error.validator, error.instance, error.schema
    if kind == "additionalProperties" and isinstance(value, dict):
        known = list(schema.get("properties", {}))
        out = []
        for key in value:
            if key not in known:
                kp = doc.key_pos(*path, key)
                out.append(((*path, key), kp[0], kp[1],
                            f"unknown key '{key}'{did_you_mean(key, known) or ''}"
                            + ("" if did_you_mean(key, known) else f"; expected one of {one_of(known)}")))
        return out
    if kind == "required":
        missing = [k for k in error.validator_value if isinstance(value, dict) and k not in value]
        return [(path, line, col, f"missing required key '{k}'") for k in missing]
    if kind == "enum":
        return [(path, line, col, f"'{value}' is not allowed here; expected {one_of(error.validator_value)}"
                 f"{did_you_mean(value, error.validator_value)}")]
    if kind == "type":
        want = error.validator_value
        wants = [want] if isinstance(want, str) else list(want)
        return [(path, line, col, f"expected {' or '.join(_TYPE_NAMES.get(w, w) for w in wants)}, "
                 f"found {_describe(value)}")]
    if kind == "pattern":
        hint = schema.get("description", f"the pattern {error.validator_value}")
        return [(path, line, col, f"'{value}' is not a valid value here: {hint}")]
    if kind == "const":
        return [(path, line, col, f"must be {error.validator_value!r}, found {value!r}")]
    if kind in ("minItems", "minLength"):
        return [(path, line, col, "must not be empty")]
    if kind == "maxItems":
        return [(path, line, col, f"must have at most {error.validator_value} items")]
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return [(path, line, col, f"{value} is out of range ({kind} {error.validator_value})")]
    if kind == "oneOf":
        return [(path, line, col, "expected a line of text or a mapping with 'text'")]
    return [(path, line, col, error.message)]
