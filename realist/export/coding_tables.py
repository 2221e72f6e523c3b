"""Tables from the coding: the evidence matrix, the codebook and the quotation appendix."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from realist.export.settings import Settings

if TYPE_CHECKING:
    from realist.export.catalogue import Draft
    from realist.model import Project


def evidence_drafts(project: Project, settings: Settings) -> Iterator[Draft]:
    return iter(())


def codebook_drafts(project: Project, settings: Settings) -> Iterator[Draft]:
    return iter(())


def quotation_drafts(project: Project, settings: Settings) -> Iterator[Draft]:
    return iter(())
