"""Coding: anchoring, queries, autocode, matrices and agreement; the public API (see docs/coding.md).

    >>> from realist import load_project
    >>> from realist.coding import add_excerpt, query_excerpts, attribution
    >>> project = load_project(".")  # doctest: +SKIP
    >>> e = add_excerpt(project, "po-1", 120, 245, ["trusting-relationships:C1"], coder="alice")  # doctest: +SKIP
"""

from realist.coding.anchor import excerpt_id, find_phrase, line_col, resolve_span
from realist.coding.codes import add_free_code, all_codes, load_codebook, parse_code, parse_codes
from realist.coding.ops import add_excerpt, default_coder, get_excerpt, recode, remove_excerpt
from realist.coding.query import attribution, excerpt_rows, load_excerpts, query_excerpts
from realist.store.participants import load_participants
from realist.store.transcripts import get_transcript, load_transcripts

__all__ = [
    "add_excerpt",
    "add_free_code",
    "all_codes",
    "attribution",
    "default_coder",
    "excerpt_id",
    "excerpt_rows",
    "find_phrase",
    "get_excerpt",
    "get_transcript",
    "line_col",
    "load_codebook",
    "load_excerpts",
    "load_participants",
    "load_transcripts",
    "parse_code",
    "parse_codes",
    "query_excerpts",
    "recode",
    "remove_excerpt",
    "resolve_span",
]
