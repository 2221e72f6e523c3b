"""The report: the whole appendix as one sequence of blocks, written as Word or self-contained HTML.

Order: theory of change (table and figure); theory tables per group; phases of iteration
(figure and matrix); one section per theory with its statement, diagram and key quotations;
the connections between theories; the quantitative tables each with its plain-English
statement; the evidence matrix and the codebook.

    >>> from realist.export.report import report_blocks
    >>> blocks = report_blocks(project)            # doctest: +SKIP
    >>> write_report(project, "html", Path("report.html"))   # doctest: +SKIP
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from realist.export.settings import Settings, settings_of
from realist.export.table import Table


@dataclass
class Heading:
    text: str
    level: int = 2


@dataclass
class Paragraph:
    text: str
    style: str | None = None  # None, "note", "statement"


@dataclass
class TableBlock:
    table: Table


@dataclass
class FigureBlock:
    number: str
    title: str
    figure: Any  # a realist.render.Figure: .svg(), .render("png")
    caption: str | None = None

    def label(self, settings: Settings) -> str:
        return settings.say("figure", number=self.number, caption=self.title)


@dataclass
class Quote:
    text: str
    attribution: str


@dataclass
class Report:
    title: str
    blocks: list[Any] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)

    @property
    def figures(self) -> list[FigureBlock]:
        return [b for b in self.blocks if isinstance(b, FigureBlock)]

    @property
    def tables(self) -> list[Table]:
        return [b.table for b in self.blocks if isinstance(b, TableBlock)]

    def drawn(self, fmt: str) -> dict[str, bytes]:
        """Every figure drawn as ``fmt`` by Graphviz, several at once (each is its own `dot` process)."""
        import os
        from concurrent.futures import ThreadPoolExecutor

        blocks = self.figures
        with ThreadPoolExecutor(max_workers=max(1, min(len(blocks), os.cpu_count() or 1))) as pool:
            images = list(pool.map(lambda b: b.figure.render(fmt), blocks))
        return {b.number: image for b, image in zip(blocks, images, strict=True)}


def _figures(project: Any, warnings: list[str]) -> dict[str, Any]:
    """The project's figures by id (``toc``, ``phases``, ``connections``, ``theory-<id>``), when they can be drawn."""
    try:
        if importlib.util.find_spec("realist.render") is None:
            warnings.append("the report has no figures: the diagrams module is not installed")
            return {}
    except ModuleNotFoundError:
        return {}
    from realist.render import figures  # type: ignore[attr-defined,unused-ignore]
    from realist.render.output import dot_program  # type: ignore[import-not-found,unused-ignore]

    if dot_program() is None:
        warnings.append("the report has no figures: Graphviz's `dot` program is not installed "
                        "(sudo apt-get install graphviz, or run `bash dev/setup`)")
        return {}
    return {f.id: f for f in figures(project)}


def _appendix(settings: Settings, kind: str, title_key: str) -> str:
    prefix = settings.numbering[kind]
    title = settings.say(title_key)
    return settings.say("appendix", letter=prefix, title=title) if prefix.isalpha() else title


def _statement_paragraphs(project: Any, evidence_id: str) -> list[Paragraph]:
    """The plain-English statement of one result (summary, what you can and cannot say, sample needed)."""
    try:
        if importlib.util.find_spec("realist.quant.say") is None:
            return []
    except ModuleNotFoundError:
        return []
    from realist.quant.say import say  # type: ignore[import-not-found,unused-ignore]

    try:
        statement = say(project, evidence_id)
    except Exception:  # `realist evidence check` reports a broken file; the report keeps the table
        return []
    evidence = project.evidence.get(evidence_id)
    # a paired change's details repeat its table domain by domain: the summary says it all
    text = statement.summary if evidence is not None and evidence.design == "paired-change" else statement.text()
    return [Paragraph(p, "statement") for p in text.split("\n\n") if p.strip()]


def report_blocks(project: Any, settings: Settings | None = None) -> Report:
    """Everything the report holds, in order, format-free."""
    from realist.export.catalogue import build_tables
    from realist.export.coding_tables import key_excerpts, key_quotations
    from realist.export.theory_tables import ordered_theories

    settings = settings or settings_of(project)
    title = settings.title or settings.say("report_title", title=project.manifest.title)
    report = Report(title, settings=settings)
    tables = build_tables(project, settings=settings)
    by_kind: dict[str, list[Table]] = {}
    for t in tables:
        by_kind.setdefault(t.kind, []).append(t)
    figures = _figures(project, report.warnings)
    counters: dict[str, int] = {}
    add = report.blocks.append

    def figure(fig_id: str, kind: str, title: str | None = None, caption: str | None = None) -> None:
        fig = figures.get(fig_id)
        if fig is None:
            return
        prefix = settings.numbering[kind]
        counters[prefix] = counters.get(prefix, 0) + 1
        add(FigureBlock(f"{prefix}.{counters[prefix]}" if prefix else str(counters[prefix]), title or fig.title,
                        fig, caption))

    if by_kind.get("toc") or "toc" in figures:
        add(Heading(_appendix(settings, "toc", "section_toc")))
        for t in by_kind.get("toc", []):
            add(TableBlock(t))
        figure("toc", "toc", caption=getattr(figures.get("toc"), "caption", None))

    add(Heading(_appendix(settings, "theories", "section_theories")))
    scale = project.manifest.strength_scale
    add(Paragraph(settings.say("strength_scale", scale=", ".join(scale[:-1]) + " or " + scale[-1]
                               if len(scale) > 1 else "".join(scale))))
    for t in by_kind.get("theories", []):
        add(TableBlock(t))
    if by_kind.get("phases") or "phases" in figures:
        add(Heading(settings.say("section_phases"), 3))
        figure("phases", "theories", caption=getattr(figures.get("phases"), "caption", None))
        for t in by_kind.get("phases", []):
            add(TableBlock(t))
    add(Heading(settings.say("section_detailed"), 3))
    keys = key_excerpts(project)
    for theory in ordered_theories(project, settings):
        add(Heading(theory.title, 4))
        if f"theory-{theory.id}" in figures:  # the diagram carries the If/Then/Because itself
            figure(f"theory-{theory.id}", "theories", theory.title)
        else:
            add(Paragraph(theory.statement.sentence(), "statement"))
        quotes = key_quotations(project, theory, settings, keys)
        if quotes:
            add(Paragraph(settings.say("section_quotations"), "lead"))
            for q in quotes:
                add(Quote(q["quote"], q["attribution"]))
    if "connections" in figures:
        add(Heading(settings.say("section_connections"), 3))
        figure("connections", "theories", caption=figures["connections"].caption)

    if by_kind.get("quantitative"):
        add(Heading(_appendix(settings, "quantitative", "section_quantitative")))
        for t in by_kind["quantitative"]:
            add(TableBlock(t))
            for p in _statement_paragraphs(project, t.name.removeprefix("evidence-")):
                add(p)
    coded = by_kind.get("evidence", []) + by_kind.get("codebook", [])
    if coded:
        add(Heading(_appendix(settings, "evidence", "section_evidence")))
        for t in coded:
            add(TableBlock(t))
    return report


def write_report(project: Any, fmt: str, path: Path) -> Report:
    """Write the report as ``docx`` or ``html`` to ``path``; returns what went into it."""
    from realist.store.atomic import atomic_write_bytes, atomic_write_text

    report = report_blocks(project)
    if fmt == "html":
        from realist.export.report_html import report_html

        atomic_write_text(path, report_html(report))
    else:
        from realist.export.report_docx import report_docx

        atomic_write_bytes(path, report_docx(report))
    return report
