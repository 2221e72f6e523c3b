"""Every table of the appendix, in order, numbered per appendix; ``--only`` picks some of them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from realist.errors import UsageError
from realist.export.settings import Settings, settings_of
from realist.export.table import KINDS, Table, safe_name

if TYPE_CHECKING:
    import pandas as pd

    from realist.model import Project


@dataclass
class Draft:
    """A table before it is numbered."""

    name: str
    caption: str
    frame: pd.DataFrame
    notes: list[str] = field(default_factory=list)
    theory: str | None = None  # the theory a per-theory table belongs to


Builder = Callable[["Project", Settings], Iterator[Draft]]


def _theories(project: Project, settings: Settings) -> Iterator[Draft]:
    from realist.export.theory_tables import theory_frame, theory_groups

    for gid, title, members in theory_groups(project, settings):
        yield Draft(f"theories-{gid or 'other'}", title, theory_frame(project, members, settings))


def _toc(project: Project, settings: Settings) -> Iterator[Draft]:
    from realist.export.theory_tables import toc_frame

    frame = toc_frame(project, settings)
    if frame is not None:
        yield Draft("toc", settings.say("toc_caption"), frame)


def _phases(project: Project, settings: Settings) -> Iterator[Draft]:
    from realist.export.theory_tables import ordered_theories, phases_frame

    frame = phases_frame(project, settings)
    if frame is None:
        return
    notes = [f"{t.title} ({h.phase} phase): {h.status}. {h.note[:1].upper()}{h.note[1:]}" for t in ordered_theories(project, settings)
             for h in t.history if h.note and h.status not in ("proposed", "supported")]
    yield Draft("phases", settings.say("phases_caption"), frame, notes)


def _quantitative(project: Project, settings: Settings) -> Iterator[Draft]:
    from realist.export.quant_tables import quant_drafts

    yield from quant_drafts(project, settings)


def _evidence(project: Project, settings: Settings) -> Iterator[Draft]:
    from realist.export.coding_tables import evidence_drafts

    yield from evidence_drafts(project, settings)


def _codebook(project: Project, settings: Settings) -> Iterator[Draft]:
    from realist.export.coding_tables import codebook_drafts

    yield from codebook_drafts(project, settings)


def _quotations(project: Project, settings: Settings) -> Iterator[Draft]:
    from realist.export.coding_tables import quotation_drafts

    yield from quotation_drafts(project, settings)


BUILDERS: dict[str, Builder] = {
    "toc": _toc, "theories": _theories, "phases": _phases, "quantitative": _quantitative,
    "evidence": _evidence, "codebook": _codebook, "quotations": _quotations,
}
assert tuple(BUILDERS) == KINDS


def build_tables(project: Project, only: list[str] | None = None, settings: Settings | None = None) -> list[Table]:
    """All tables, numbered in appendix order (A.1, B.1, B.2 ...), then filtered by ``only``.

    ``only`` names kinds (``theories``, ``toc``, ``phases``, ``quantitative``, ``evidence``,
    ``codebook``, ``quotations``), single tables (``theories-carrot``) or numbers (``B.2``).
    Numbers stay those of the full appendix, so ``--only B.2`` is still Table B.2.
    """
    settings = settings or settings_of(project)
    counters: dict[str, int] = {}
    tables: list[Table] = []
    for kind, builder in BUILDERS.items():
        prefix = settings.numbering[kind]
        for draft in builder(project, settings):
            counters[prefix] = counters.get(prefix, 0) + 1
            number = f"{prefix}.{counters[prefix]}" if prefix else str(counters[prefix])
            tables.append(Table(safe_name(draft.name), kind, number, draft.caption, draft.frame, draft.notes,
                                label_template=settings.wording["table"]))
    if only:
        tables = select(tables, only)
    return tables


def select(tables: list[Table], only: list[str]) -> list[Table]:
    """The tables whose kind, name or number is in ``only``, in appendix order."""
    from realist.text import did_you_mean

    wanted = [w.strip() for w in only if w.strip()]
    names = set(KINDS) | {t.name for t in tables} | {t.number for t in tables}
    for w in wanted:
        if w not in names:
            raise UsageError(f"no table '{w}'{did_you_mean(w, names)}; choose a kind ({', '.join(KINDS)}), "
                             "or a name or number from `realist export tables --list`")
    return [t for t in tables if t.kind in wanted or t.name in wanted or t.number in wanted]


def table_index(tables: list[Table]) -> list[dict[str, Any]]:
    return [{"number": t.number, "name": t.name, "kind": t.kind, "caption": t.caption, "rows": len(t.frame)}
            for t in tables]
