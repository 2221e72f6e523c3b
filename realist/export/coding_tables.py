"""Tables from the coding: the evidence matrix, the codebook and the quotation appendix.

They need the coding module (excerpts, participants, free codes) and, for the evidence
matrix, the theory graph's evidence profiles; a project without them simply has none of
these tables.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from realist.export.settings import Settings
from realist.export.theory_tables import ordered_theories

if TYPE_CHECKING:
    from realist.export.catalogue import Draft
    from realist.model import Project, Theory

KIND_WORDS = {"context": "Context", "intervention": "Intervention", "mechanism": "Mechanism", "outcome": "Outcome"}


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def excerpts_of(project: Project) -> list[Any]:
    """Every coded excerpt of the project (empty without the coding module or transcripts)."""
    if not _installed("realist.coding.query"):
        return []
    from realist.coding.query import load_excerpts  # type: ignore[import-not-found,unused-ignore]

    return list(load_excerpts(project))


def stance_counts(counts: dict[str, int]) -> str:
    """``1 supports`` / ``12 support`` / ``3 refine`` one a line: supports, refutes, refines, inconclusive."""
    order = ("supports", "refutes", "refines", "inconclusive")

    def verb(n: int, stance: str) -> str:
        return stance if n == 1 or not stance.endswith("s") else stance[:-1]

    return "\n".join(f"{counts[s]} {verb(counts[s], s)}" for s in order if counts.get(s))


def evidence_drafts(project: Project, settings: Settings) -> Iterator[Draft]:
    """Theory x strand: how many excerpts and results support, refute or refine each theory."""
    import pandas as pd

    from realist.export.catalogue import Draft

    if not _installed("realist.graph.profile") or not project.theories:
        return
    from realist.graph.passages import collection_paused, fast_profiles  # type: ignore[import-not-found,unused-ignore]

    with collection_paused():
        found = fast_profiles(project, detail=False)  # by strand and quantitative results: all the matrix shows
    strands = list(project.manifest.strands)
    rows, any_evidence = [], False
    for theory in ordered_theories(project, settings):
        profile = found.get(theory.id)
        cells = []
        for strand in strands:
            counts: dict[str, int] = dict(profile.by_strand.get(strand, {})) if profile else {}
            for q in profile.quantitative if profile else []:
                if q.get("strand") == strand:
                    stance = "inconclusive" if q.get("significant") is False else str(q.get("stance"))
                    counts[stance] = counts.get(stance, 0) + 1
            any_evidence = any_evidence or bool(counts)
            cells.append(stance_counts(counts))
        rows.append([theory.title, *cells])
    if not any_evidence:
        return
    columns = [settings.say("evidence_theory")] + [project.manifest.strands[s].label for s in strands]
    yield Draft("evidence-matrix", settings.say("evidence_caption"), pd.DataFrame(rows, columns=columns))


def _element_definition(theory: Theory, element: Any) -> str:
    tag = element.role or element.mechanism_kind or (f"{element.term} term" if element.term else None)
    kind = KIND_WORDS[element.kind] + (f" ({tag})" if tag else "")
    text = element.definition or element.text
    return f"{kind}: {text}"


def codebook_drafts(project: Project, settings: Settings) -> Iterator[Draft]:
    """Every code (theories, their elements, free codes), its definition and how many excerpts carry it."""
    import pandas as pd

    from realist.export.catalogue import Draft

    if not _installed("realist.coding.codes"):
        return
    from realist.coding.codes import load_codebook  # type: ignore[import-not-found,unused-ignore]

    excerpts = excerpts_of(project)
    counts: dict[str, int] = {}
    for excerpt in excerpts:
        for code in set(excerpt.codes):
            counts[code] = counts.get(code, 0) + 1
    free = load_codebook(project)
    if not excerpts and not free:
        return
    rows: list[list[Any]] = []
    for theory in ordered_theories(project, settings):
        rows.append([theory.id, theory.statement.sentence(), counts.get(theory.id, 0)])
        for element in theory.elements:
            code = f"{theory.id}:{element.id}"
            rows.append([code, _element_definition(theory, element), counts.get(code, 0)])
    for name, item in sorted(free.items()):
        rows.append([f"free:{name}", item.definition or "", counts.get(f"free:{name}", 0)])
    columns = [settings.say("code"), settings.say("definition"), settings.say("count")]
    yield Draft("codebook", settings.say("codebook_caption"), pd.DataFrame(rows, columns=columns))


def attribute(settings: Settings, participant: Any | None, transcript: Any | None) -> str:
    """``— Police Sergeant 1, Region C`` from ``attribution.format``; empty parts drop out cleanly."""
    values = {
        "role": getattr(participant, "role", "") or "", "number": getattr(participant, "number", "") or "",
        "group": getattr(participant, "group", "") or "",
        "site": (getattr(participant, "site", None) or getattr(transcript, "site", None) or ""),
        "stage": getattr(transcript, "stage", "") or "", "type": getattr(transcript, "type", "") or "",
        "transcript": getattr(transcript, "id", "") or "",
    }
    import string

    out = ""
    try:
        for literal, name, spec, _conversion in string.Formatter().parse(settings.attribution):
            out += literal
            if name is None:
                continue
            value = str(values[name])
            if value:
                out += format(value, spec or "")
            else:  # an unknown part drops out with the comma or space before it
                out = out.rstrip(" ,;:/")
    except (KeyError, IndexError, ValueError) as exc:
        from realist.errors import InputError

        raise InputError(f"attribution.format in realist.yaml uses {exc}, which is not known; use "
                         f"{', '.join('{' + k + '}' for k in values)}") from None
    return " ".join(out.split())


def key_excerpts(project: Project) -> list[Any]:
    """The excerpts marked as key quotations (a few among tens of thousands: picked out once)."""
    return [e for e in excerpts_of(project) if getattr(e, "key", False)]


def key_quotations(project: Project, theory: Theory, settings: Settings,
                   keys: list[Any] | None = None) -> list[dict[str, Any]]:
    """The excerpts marked as key for ``theory``: quote, attribution, codes and stance
    (``keys``: :func:`key_excerpts`, when already picked out)."""
    keys = keys if keys is not None else key_excerpts(project)
    excerpts = [e for e in keys if theory.id in e.theories]
    if not excerpts:
        return []
    from realist.coding import load_participants, load_transcripts  # type: ignore[attr-defined,unused-ignore]

    people, transcripts = load_participants(project), load_transcripts(project)
    out = []
    for e in excerpts:
        person = people.get(e.participant) if e.participant else None
        order = [el.id for el in theory.elements]  # C, I, M, O as in the theory file
        elements = sorted((c.split(":", 1)[1] for c in e.codes if c.startswith(f"{theory.id}:")),
                          key=lambda x: order.index(x) if x in order else len(order))
        out.append({"id": e.id, "quote": " ".join(e.quote.split()),
                    "attribution": attribute(settings, person, transcripts.get(e.transcript)),
                    "codes": ", ".join(elements) or theory.id, "stance": e.stance})
    return out


def quotation_drafts(project: Project, settings: Settings) -> Iterator[Draft]:
    """One table per theory with key quotations: quotation | attributed to | codes."""
    import pandas as pd

    from realist.export.catalogue import Draft

    if not _installed("realist.coding.query"):
        return
    keys = key_excerpts(project)
    for theory in ordered_theories(project, settings):
        quotes = key_quotations(project, theory, settings, keys)
        if not quotes:
            continue
        rows = [[f"“{q['quote']}”", q["attribution"],
                 q["codes"] + ("" if q["stance"] == "supports" else f" ({q['stance']})")] for q in quotes]
        columns = [settings.say("quotation"), settings.say("attributed_to"), settings.say("codes")]
        yield Draft(f"quotations-{theory.id}", settings.say("quotations_caption", theory=theory.title),
                    pd.DataFrame(rows, columns=columns))
