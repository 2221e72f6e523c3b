"""The meaning layer: cross-references between the manifest, theories and evidence."""

from __future__ import annotations

from collections.abc import Mapping

from realist.model import ELEMENT_KINDS, Project, ToCEntry
from realist.store.findings import Report
from realist.store.yamlio import YamlDoc
from realist.text import did_you_mean, one_of


def check_meaning(project: Project, docs: Mapping[str, YamlDoc], evidence_docs: Mapping[str, YamlDoc],
                  toc_doc: YamlDoc | None, report: Report) -> None:
    """Add a finding for every broken cross-reference."""
    manifest = project.manifest
    phases = manifest.phases
    theory_ids = set(project.theories)

    for theory in project.theories.values():
        doc = docs.get(theory.id)
        if doc is None or theory.path is None:
            continue

        def add(message: str, *keys: object, rule: str, key: bool = False, doc: YamlDoc = doc) -> None:
            line, col = doc.key_pos(*keys) if key else doc.pos(*keys)
            report.add(doc.path, line, col, message, rule=rule)

        if theory.id != theory.path.stem:
            add(f"id '{theory.id}' must equal the file name '{theory.path.stem}' "
                f"(rename the file to {theory.id}.yaml or change the id)", "id", rule="id.stem")
        if theory.group is not None and theory.group not in manifest.groups:
            add(f"group '{theory.group}' is not one of the groups in realist.yaml"
                f"{did_you_mean(theory.group, manifest.groups) or '; add it under groups:'}", "group",
                rule="ref.group")
        rating = theory.strength.rating
        if rating is not None and rating not in manifest.strength_scale:
            add(f"rating '{rating}' is not on the strength scale ({one_of(manifest.strength_scale)})"
                f"{did_you_mean(rating, manifest.strength_scale)}", "strength", "rating", rule="ref.rating")
        for i, source in enumerate(theory.strength.sources):
            if source not in manifest.strands:
                add(f"source '{source}' is not a strand in realist.yaml{did_you_mean(source, manifest.strands)}",
                    "strength", "sources", i, rule="ref.strand")

        seen: dict[str, tuple[str, int]] = {}
        for kind, (section, letter) in ELEMENT_KINDS.items():
            items = doc.data.get(section) if isinstance(doc.data, dict) else None
            for i, item in enumerate(items if isinstance(items, list) else []):
                eid = item.get("id") if isinstance(item, dict) else None
                if not isinstance(eid, str):
                    continue
                if not eid.startswith(letter):
                    add(f"{kind} id '{eid}' must start with '{letter}'", section, i, "id", rule="element.letter")
                if eid in seen:
                    other_section, other_i = seen[eid]
                    first_line = doc.pos(other_section, other_i)[0]
                    add(f"element id '{eid}' is used twice in this theory (first on line {first_line})",
                        section, i, "id", rule="element.unique")
                else:
                    seen[eid] = (section, i)

        element_ids = [e.id for e in theory.elements]
        for i, link in enumerate(theory.links):
            if link.to not in theory_ids:
                add(f"link to unknown theory '{link.to}'{did_you_mean(link.to, theory_ids)}", "links", i, "to",
                    rule="ref.link")
            elif link.to == theory.id:
                add("a theory cannot link to itself", "links", i, "to", rule="ref.link")
            if link.via is not None and link.via not in element_ids:
                add(f"link via unknown element '{link.via}' (this theory has {', '.join(element_ids) or 'none'})"
                    f"{did_you_mean(link.via, element_ids)}", "links", i, "via", rule="ref.via")

        last = -1
        for i, entry in enumerate(theory.history):
            if entry.phase not in phases:
                add(f"phase '{entry.phase}' is not in the phases of realist.yaml ({one_of(phases)})"
                    f"{did_you_mean(entry.phase, phases)}", "history", i, "phase", rule="ref.phase")
                continue
            index = phases.index(entry.phase)
            if index < last:
                add(f"phase '{entry.phase}' comes before '{phases[last]}' in realist.yaml; "
                    "keep the history in phase order", "history", i, "phase", rule="history.order")
            last = max(last, index)
            for key, names in (("into", entry.into), ("from", entry.from_)):
                for j, name in enumerate(names):
                    if name not in theory_ids:
                        add(f"'{key}' names unknown theory '{name}'{did_you_mean(name, theory_ids)}",
                            "history", i, key, j, rule="ref.lineage")
            if entry.status == "merged" and not entry.into:
                add("a 'merged' entry must say which theories it merged into (into: [...])", "history", i,
                    rule="history.merged")
            if entry.status == "split" and not entry.from_:
                add("a 'split' entry must say which theory it was split from (from: [...])", "history", i,
                    rule="history.split")

    for ev in project.evidence.values():
        edoc = evidence_docs.get(ev.id)
        if edoc is None or ev.path is None:
            continue
        if ev.id != ev.path.stem:
            line, col = edoc.pos("id")
            report.add(edoc.path, line, col, f"id '{ev.id}' must equal the file name '{ev.path.stem}'",
                       rule="id.stem")
        if ev.strand is not None and ev.strand not in manifest.strands:
            line, col = edoc.pos("strand")
            report.add(edoc.path, line, col, f"strand '{ev.strand}' is not in realist.yaml"
                       f"{did_you_mean(ev.strand, manifest.strands)}", rule="ref.strand")
        for i, b in enumerate(ev.bears_on):
            line, col = edoc.pos("bears_on", i, "target")
            if b.theory not in project.theories:
                report.add(edoc.path, line, col, f"bears_on names unknown theory '{b.theory}'"
                           f"{did_you_mean(b.theory, theory_ids)}", rule="ref.bears_on")
            elif b.element is not None and project.theories[b.theory].element(b.element) is None:
                ids = [e.id for e in project.theories[b.theory].elements]
                report.add(edoc.path, line, col, f"theory '{b.theory}' has no element '{b.element}'"
                           f"{did_you_mean(b.element, ids)}", rule="ref.bears_on")

    if project.toc is not None and toc_doc is not None:
        sections: list[tuple[tuple[str, ...], list[ToCEntry]]] = [
            (("inputs",), project.toc.inputs), (("activities",), project.toc.activities),
                    (("outputs",), project.toc.outputs), (("impact",), project.toc.impact)]
        sections += [(("outcomes", term), items) for term, items in project.toc.outcomes.items()]
        for keys, items in sections:
            for i, toc_entry in enumerate(items):
                for j, tid in enumerate(toc_entry.theories):
                    if tid not in theory_ids:
                        line, col = toc_doc.pos(*keys, i, "theories", j)
                        report.add(toc_doc.path, line, col, f"unknown theory '{tid}'{did_you_mean(tid, theory_ids)}",
                                   rule="ref.toc")
