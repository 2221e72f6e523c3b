"""Docs that cannot drift: docs/formats from the JSON Schemas, docs/commands from --help."""

from __future__ import annotations

from realist.docgen import expected_files
from tests.conftest import REPO


def test_generated_docs_match_the_code():
    stale = []
    for path, text in expected_files(REPO).items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(str(path.relative_to(REPO)))
    assert not stale, f"out of date: {', '.join(stale)}; run `python -m realist.docgen .` and commit the result"


def test_every_doc_page_belongs_to_a_command_or_format():
    expected = {p.relative_to(REPO) for p in expected_files(REPO)}
    for folder in ("docs/commands", "docs/formats"):
        for page in (REPO / folder).glob("*.md"):
            assert page.relative_to(REPO) in expected, f"{page} documents nothing that exists"
