"""The REFI-QDA XML Schemas shipped with the package, and validation against them.

The two .xsd files under ``realist/schemas/refi-qda/`` are byte-for-byte copies of the
published QDA-XML 1.0 schemas (provenance in ``SOURCES.txt`` next to them).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import IO, Any

from realist.errors import RealistError

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
_FILES = {"project": "Project-mrt2019.xsd", "codebook": "Codebook-mrt2019.xsd"}


@cache
def schema(kind: str) -> Any:
    """The compiled ``xmlschema.XMLSchema`` for ``project`` (.qde) or ``codebook`` (.qdc)."""
    import xmlschema

    source = resources.files("realist").joinpath(f"schemas/refi-qda/{_FILES[kind]}")
    with resources.as_file(source) as path:
        return xmlschema.XMLSchema(str(path))


def problems(xml: bytes | str, kind: str) -> list[str]:
    """Every way ``xml`` breaks the schema, as readable lines (empty when it is valid).

    >>> problems('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>', "codebook")[:1]  # doctest: +ELLIPSIS
    ['...']
    """
    text = xml.decode("utf-8") if isinstance(xml, bytes) else xml
    found = []
    for error in schema(kind).iter_errors(text):
        found.append(f"{error.path}: {error.reason}")
    return found


@cache
def _fast_schema(kind: str) -> Any:
    """The same schema compiled by libxml2 (lxml, installed with python-docx), or None without it."""
    try:
        from lxml import etree

        source = resources.files("realist").joinpath(f"schemas/refi-qda/{_FILES[kind]}")
        with resources.as_file(source) as path:
            return etree.XMLSchema(etree.parse(str(path)))
    except Exception:  # no lxml, or it cannot compile the schema: xmlschema alone decides
        return None


def _fast_valid(xml: bytes | str, kind: str) -> bool:
    """True when libxml2 finds ``xml`` valid (a hundred times quicker than xmlschema on a big project);
    False when it finds a problem or cannot tell, and xmlschema then says what is wrong."""
    compiled = _fast_schema(kind)
    if compiled is None:
        return False
    try:
        from lxml import etree

        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
        data = xml.encode("utf-8") if isinstance(xml, str) else xml
        return bool(compiled.validate(etree.fromstring(data, parser)))
    except Exception:
        return False


def _fast_valid_file(handle: IO[bytes], kind: str) -> bool:
    """:func:`_fast_valid` over a file, validated while it is parsed and each element dropped once
    read: a national project's .qde (hundreds of MB as a tree) never sits in memory whole."""
    compiled = _fast_schema(kind)
    if compiled is None:
        return False
    try:
        from lxml import etree

        for _, el in etree.iterparse(handle, events=("end",), schema=compiled, resolve_entities=False,
                                     no_network=True, huge_tree=True):
            el.clear(keep_tail=True)
            parent = el.getparent()
            while parent is not None and el.getprevious() is not None:
                del parent[0]
        return True
    except Exception:
        return False


def check_valid_file(handle: IO[bytes], kind: str) -> None:
    """:func:`check_valid` for the file ``handle`` (read from where it is)."""
    start = handle.tell()
    if _fast_valid_file(handle, kind):
        return
    handle.seek(start)
    check_valid(handle.read(), kind)


def check_valid(xml: bytes | str, kind: str) -> None:
    """Raise when what we are about to write is not valid REFI-QDA (a bug of ours, never the user's)."""
    if _fast_valid(xml, kind):
        return
    found = problems(xml, kind)
    if found:
        raise RealistError("the REFI-QDA file would not be valid against the shipped schema, so it was "
                           f"not written (please report this): {found[0]}"
                           + (f" (and {len(found) - 1} more)" if len(found) > 1 else ""))
