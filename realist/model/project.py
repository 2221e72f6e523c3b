"""The project model: manifest, theories, their elements, links, phases and evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: element kind -> (section key in a theory file, id letter)
ELEMENT_KINDS: dict[str, tuple[str, str]] = {
    "context": ("contexts", "C"),
    "intervention": ("interventions", "I"),
    "mechanism": ("mechanisms", "M"),
    "outcome": ("outcomes", "O"),
}
ELEMENT_PREFIX: dict[str, str] = {letter: kind for kind, (_, letter) in ELEMENT_KINDS.items()}

STATUSES = ("proposed", "supported", "revised", "refuted", "merged", "split", "retired")
STANCES = ("supports", "refutes", "refines")
CONTEXT_ROLES = ("requirement", "supportive", "barrier")
MECHANISM_KINDS = ("resource", "reasoning")
OUTCOME_TERMS = ("short", "medium", "long")


@dataclass
class Statement:
    """The "If ... then ... because ..." of a theory."""

    if_: str = ""
    then: str = ""
    because: str = ""

    def sentence(self) -> str:
        """One line: ``If X, then Y, because Z.`` ("Staff ..." reads "if staff ...", "IOM" stays "IOM")."""
        def lower(text: str) -> str:
            text = text.strip().rstrip(".")
            return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text

        parts = [f"If {lower(self.if_)}", f"then {lower(self.then)}"]
        if self.because:
            parts.append(f"because {lower(self.because)}")
        return ", ".join(parts) + "."


@dataclass
class Element:
    """A context, intervention, mechanism or outcome of one theory."""

    id: str
    kind: str  # context | intervention | mechanism | outcome
    text: str
    role: str | None = None  # contexts: requirement | supportive | barrier
    mechanism_kind: str | None = None  # mechanisms: resource | reasoning
    term: str | None = None  # outcomes: short | medium | long
    definition: str | None = None

    @property
    def letter(self) -> str:
        return ELEMENT_KINDS[self.kind][1]


@dataclass
class Strength:
    rating: str | None = None
    sources: list[str] = field(default_factory=list)
    note: str | None = None


@dataclass
class Link:
    """A connection from one theory to another (Figure 6.1 of the worked example)."""

    to: str
    via: str | None = None
    label: str | None = None


@dataclass
class PhaseEntry:
    """One step of a theory's iteration: what happened to it in a phase."""

    phase: str
    status: str
    note: str | None = None
    into: list[str] = field(default_factory=list)
    from_: list[str] = field(default_factory=list)
    previous: Statement | None = None
    date: str | None = None


@dataclass
class Theory:
    """A programme theory: a C(I)MO configuration with its evidence and history."""

    id: str
    title: str
    statement: Statement
    group: str | None = None
    strength: Strength = field(default_factory=Strength)
    elements: list[Element] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    history: list[PhaseEntry] = field(default_factory=list)
    path: Path | None = None

    def element(self, element_id: str) -> Element | None:
        for element in self.elements:
            if element.id == element_id:
                return element
        return None

    def elements_of(self, kind: str) -> list[Element]:
        return [e for e in self.elements if e.kind == kind]

    @property
    def contexts(self) -> list[Element]:
        return self.elements_of("context")

    @property
    def interventions(self) -> list[Element]:
        return self.elements_of("intervention")

    @property
    def mechanisms(self) -> list[Element]:
        return self.elements_of("mechanism")

    @property
    def outcomes(self) -> list[Element]:
        return self.elements_of("outcome")

    @property
    def latest_status(self) -> str | None:
        return self.history[-1].status if self.history else None


@dataclass
class BearsOn:
    """Which theory (``theory``) or element (``theory:O1``) an evidence node speaks to."""

    target: str
    stance: str = "supports"

    @property
    def theory(self) -> str:
        return self.target.split(":", 1)[0]

    @property
    def element(self) -> str | None:
        parts = self.target.split(":", 1)
        return parts[1] if len(parts) == 2 else None


@dataclass
class Evidence:
    """A quantitative evidence node. ``data`` keeps every field of the file as written."""

    id: str
    title: str
    strand: str | None
    design: str  # matched-comparison | paired-change | descriptive
    data: dict[str, Any] = field(default_factory=dict)
    bears_on: list[BearsOn] = field(default_factory=list)
    path: Path | None = None

    @property
    def measure(self) -> str | None:
        return self.data.get("measure")


@dataclass
class Strand:
    id: str
    label: str
    kind: str = "qualitative"  # qualitative | quantitative


@dataclass
class ToCEntry:
    text: str
    theories: list[str] = field(default_factory=list)


@dataclass
class TheoryOfChange:
    """A logic model: inputs, activities, outputs, outcomes by term, impact."""

    inputs: list[ToCEntry] = field(default_factory=list)
    activities: list[ToCEntry] = field(default_factory=list)
    outputs: list[ToCEntry] = field(default_factory=list)
    outcomes: dict[str, list[ToCEntry]] = field(default_factory=dict)
    impact: list[ToCEntry] = field(default_factory=list)
    path: Path | None = None


@dataclass
class Manifest:
    """``realist.yaml``."""

    title: str
    programme: str | None = None
    format: int = 1
    theories_dir: str = "theories"
    transcripts_dir: str = "transcripts"
    evidence_dir: str | None = None
    toc: str | None = None
    phases: list[str] = field(default_factory=list)
    strength_scale: list[str] = field(default_factory=lambda: ["convincing", "plausible", "tentative"])
    strength_rules: dict[str, Any] = field(default_factory=dict)
    strands: dict[str, Strand] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # wording, attribution and other settings


@dataclass
class Project:
    """A loaded project. Tool-managed data (transcripts, codings) is loaded on demand."""

    root: Path
    manifest: Manifest
    theories: dict[str, Theory] = field(default_factory=dict)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    toc: TheoryOfChange | None = None
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def manifest_path(self) -> Path:
        return self.root / "realist.yaml"

    @property
    def theories_path(self) -> Path:
        return self.root / self.manifest.theories_dir

    @property
    def transcripts_path(self) -> Path:
        return self.root / self.manifest.transcripts_dir

    @property
    def evidence_path(self) -> Path | None:
        return self.root / self.manifest.evidence_dir if self.manifest.evidence_dir else None

    def theory(self, theory_id: str) -> Theory:
        """The theory with this id; raises UsageError with a did-you-mean when unknown."""
        from realist.errors import UsageError
        from realist.text import did_you_mean

        try:
            return self.theories[theory_id]
        except KeyError:
            raise UsageError(f"no theory '{theory_id}'{did_you_mean(theory_id, self.theories)}") from None

    def resolve_element(self, code: str) -> tuple[Theory, Element | None]:
        """``theory`` or ``theory:E1`` -> (theory, element or None)."""
        from realist.errors import UsageError
        from realist.text import did_you_mean

        theory_id, _, element_id = code.partition(":")
        theory = self.theory(theory_id)
        if not element_id:
            return theory, None
        element = theory.element(element_id)
        if element is None:
            ids = [e.id for e in theory.elements]
            raise UsageError(f"theory '{theory_id}' has no element '{element_id}'{did_you_mean(element_id, ids)}")
        return theory, element

    def phase_index(self, phase: str) -> int:
        return self.manifest.phases.index(phase)
