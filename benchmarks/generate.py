"""A synthetic realist project at a chosen scale, the same every time for a given seed.

    python benchmarks/generate.py /tmp/national --scale national          # 1,000 transcripts, ~90,000 excerpts
    python benchmarks/generate.py /tmp/small --transcripts 20 --coders 2  # any knob by hand

The project is written in the file formats of version 1 (docs/coding.md), through the same
writers the toolkit uses for codings and transcript metadata, so `realist check` passes on
it. The text is made-up filler from a small word list: nothing in it is real.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import asdict, dataclass, replace
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from realist.coding.anchor import context, excerpt_id  # noqa: E402
from realist.model import Excerpt  # noqa: E402
from realist.store.codings import dumps_codings  # noqa: E402
from realist.store.transcripts import dump, sha256_text  # noqa: E402


@dataclass(frozen=True)
class Scale:
    """How big a project to make."""

    transcripts: int = 1000
    words: int = 8000             # per transcript, roughly
    turn_words: int = 100         # words in a participant's answer, roughly
    excerpts: int = 90            # per transcript, all coders together
    theories: int = 60
    elements: int = 12            # per theory: C, I, M and O in proportion
    coders: int = 3
    seed: int = 1


SCALES = {
    "tiny": Scale(transcripts=6, words=600, turn_words=60, excerpts=12, theories=5, elements=8, coders=2),
    "small": Scale(transcripts=50, words=2000, excerpts=30, theories=12, coders=2),
    "medium": Scale(transcripts=250, excerpts=90, theories=30),
    "national": Scale(),
}

WORDS = """
the a to and of in that it for was on with as they we but about have not what this be so at
there because some people would when like just think really know more time going get work
support staff team meeting probation police officer housing service case plan week month
visit home office phone call contact trust help change life family money job court order
licence recall risk need needs worker mentor group session appointment drug test alcohol
treatment script benefit flat hostel release prison day morning evening early late first
last again always never often sometimes usually quite very much little lot bit better worse
good hard easy difficult honest open quick slow long short new old same different next
talk listen ask tell say said told asked come came go went see saw feel felt make made
give gave take took keep kept start started stop stopped try tried leave left stay stayed
""".split()  # noqa: SIM905 (a word list reads better as text)
ROLES = [("Probation Officer", "staff", "staff-interviews"), ("Police Officer", "staff", "staff-interviews"),
         ("Housing Worker", "staff", "staff-interviews"), ("Person receiving IOM", "recipient", "recipient-interviews"),
         ("Peer Mentor", "peer-mentor", "recipient-interviews")]
SITES = [f"Region {c}" for c in "ABCDEF"]
PHASES = ["initial", "second", "third"]
GROUPS = {"foundations": "Foundations", "carrot": "The carrot", "stick": "The stick"}
FREE = [f"inductive-{i}" for i in range(1, 11)]
CREATED = "2026-01-15T10:00:00Z"


def _sentence(rng: random.Random, low: int = 8, high: int = 20) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + rng.choice(".....?!")


def _elements(n: int) -> list[str]:
    """``n`` element ids, C/I/M/O in about 4:2:3:3."""
    shares = {"C": 4, "I": 2, "M": 3, "O": 3}
    counts = {k: max(1, round(n * v / 12)) for k, v in shares.items()}
    return [f"{k}{i}" for k, c in counts.items() for i in range(1, c + 1)]


def theory_yaml(i: int, scale: Scale, rng: random.Random) -> str:
    tid = f"theory-{i:02d}"
    els = _elements(scale.elements)
    group = list(GROUPS)[i % len(GROUPS)]
    lines = [f"id: {tid}", f"title: Synthetic theory {i}", f"group: {group}", "statement:",
             f"  if: {_sentence(rng, 6, 10)}", f"  then: {_sentence(rng, 6, 10)}",
             f"  because: {_sentence(rng, 6, 10)}", "strength:",
             f"  rating: {rng.choice(['convincing', 'plausible', 'tentative'])}",
             "  sources: [staff-interviews, recipient-interviews]"]
    sections = {"C": "contexts", "I": "interventions", "M": "mechanisms", "O": "outcomes"}
    for letter, section in sections.items():
        lines.append(f"{section}:")
        for e in (e for e in els if e[0] == letter):
            extra = {"C": f", role: {rng.choice(['requirement', 'supportive', 'barrier'])}",
                     "M": f", kind: {rng.choice(['resource', 'reasoning'])}",
                     "O": f", term: {rng.choice(['short', 'medium', 'long'])}", "I": ""}[letter]
            lines.append(f"  - {{id: {e}, text: {_sentence(rng, 4, 9).rstrip('.?!')}{extra}}}")
    others = [j for j in range(1, scale.theories + 1) if j != i]
    if others:
        lines.append("links:")
        for j in rng.sample(others, min(2, len(others))):
            lines.append(f"  - {{to: theory-{j:02d}, via: O1, label: synthetic link}}")
    lines += ["history:", "  - {phase: initial, status: proposed}",
              f"  - {{phase: second, status: {rng.choice(['supported', 'revised'])}}}",
              "  - {phase: third, status: supported}"]
    return "\n".join(lines) + "\n"


def manifest() -> str:
    return "\n".join([
        "format: 1", "title: Synthetic national evaluation (benchmark)", "programme: Synthetic programme",
        "theories: theories", "transcripts: transcripts", f"phases: [{', '.join(PHASES)}]",
        "strength:", "  scale: [convincing, plausible, tentative]", "strands:",
        "  staff-interviews: {label: Interviews with staff, kind: qualitative}",
        "  recipient-interviews: {label: Interviews with people receiving the programme, kind: qualitative}",
        "groups:", *[f"  {k}: {v}" for k, v in GROUPS.items()], ""])


def transcript_text(scale: Scale, rng: random.Random) -> tuple[str, list[tuple[int, int]]]:
    """The text, and the (start, end) of every sentence spoken by the participant."""
    parts: list[str] = []
    sentences: list[tuple[int, int]] = []
    offset = words = 0
    while words < scale.words:
        question = "Interviewer: " + _sentence(rng) + "\n"
        parts.append(question)
        offset += len(question)
        line = "Resp: "
        offset += len(line)
        answer: list[str] = []
        said = 0
        while said < scale.turn_words:
            s = _sentence(rng)
            if answer:
                offset += 1  # the space between sentences
            sentences.append((offset, offset + len(s)))
            offset += len(s)
            answer.append(s)
            said += s.count(" ") + 1
        parts.append(line + " ".join(answer) + "\n")
        offset += 1
        words += said + 15
    return "".join(parts), sentences


def generate(root: Path, scale: Scale) -> dict[str, object]:
    """Write the project under ``root`` (which must not hold a project yet); return what was made."""
    rng = random.Random(scale.seed)
    if (root / "realist.yaml").exists():
        raise SystemExit(f"{root} already holds a project; give an empty or new folder")
    (root / "theories").mkdir(parents=True, exist_ok=True)
    (root / "transcripts" / "codings").mkdir(parents=True, exist_ok=True)
    (root / "realist.yaml").write_text(manifest(), encoding="utf-8")
    (root / ".gitignore").write_text(".realist-cache/\n.realist-trash/\n", encoding="utf-8")
    (root / "codebook.yaml").write_text(
        "codes:\n" + "".join(f"- name: {f}\n  definition: Synthetic inductive code\n  created: '2026-01-15'\n"
                             for f in FREE), encoding="utf-8")
    theories = [f"theory-{i:02d}" for i in range(1, scale.theories + 1)]
    elements = _elements(scale.elements)
    for i in range(1, scale.theories + 1):
        (root / "theories" / f"theory-{i:02d}.yaml").write_text(theory_yaml(i, scale, rng), encoding="utf-8")
    weights = [1 / (k + 1) ** 0.8 for k in range(len(theories))]  # some theories are busier than others
    coders = [f"coder-{c + 1}" for c in range(scale.coders)]
    people = []
    numbers: dict[str, int] = {}
    counts: dict[str, int] = {}
    total = 0
    for n in range(1, scale.transcripts + 1):
        tid = f"t{n:04d}"
        role, group, strand = ROLES[n % len(ROLES)]
        numbers[role] = numbers.get(role, 0) + 1
        pid = f"p{n:04d}"
        site = SITES[n % len(SITES)]
        people.append({"id": pid, "role": role, "number": numbers[role], "group": group, "site": site,
                       "strand": strand})
        text, sentences = transcript_text(scale, rng)
        (root / "transcripts" / f"{tid}.txt").write_text(text, encoding="utf-8")
        meta = {"id": tid, "type": "interview", "stage": PHASES[n % len(PHASES)], "site": site,
                "date": f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}", "participants": [pid],
                "speakers": {"Interviewer": None, "Resp": pid},
                "source": {"file": f"{tid}.docx", "sha256": sha256_text(f"source {tid}")},
                "text_sha256": sha256_text(text), "imported": CREATED}
        (root / "transcripts" / f"{tid}.yaml").write_text(dump(meta), encoding="utf-8")
        by_coder: dict[str, list[Excerpt]] = {c: [] for c in coders}
        for k in range(scale.excerpts):
            coder = coders[k % len(coders)]
            first = rng.randrange(len(sentences))
            last = min(len(sentences) - 1, first + rng.choice([0, 0, 1, 2]))
            start, end = sentences[first][0], sentences[last][1]
            if text[start:end].count("\n"):  # keep an excerpt inside one answer
                end = sentences[first][1]
            if any(e.start == start and e.end == end for e in by_coder[coder]):
                continue
            theory = rng.choices(theories, weights)[0]
            codes = [f"{theory}:{e}" for e in sorted(rng.sample(elements, rng.choice([1, 1, 2, 3])))]
            if rng.random() < 0.1:
                codes.append(f"{rng.choices(theories, weights)[0]}:{rng.choice(elements)}")
            if rng.random() < 0.05:
                codes.append(f"free:{rng.choice(FREE)}")
            codes = list(dict.fromkeys(codes))
            prefix, suffix = context(text, start, end)
            e = Excerpt(id=excerpt_id(tid, start, end, coder), transcript=tid, start=start, end=end,
                        quote=text[start:end], prefix=prefix, suffix=suffix, codes=codes,
                        stance=rng.choices(["supports", "refutes", "refines"], [8, 1, 1])[0], coder=coder,
                        key=rng.random() < 0.02, created=CREATED)
            by_coder[coder].append(e)
            for code in codes:
                counts[code] = counts.get(code, 0) + 1
            total += 1
        for coder, excerpts in by_coder.items():
            if excerpts:
                folder = root / "transcripts" / "codings" / tid
                folder.mkdir(parents=True, exist_ok=True)
                excerpts.sort(key=lambda e: (e.start, e.end, e.id))
                (folder / f"{coder}.yaml").write_text(dumps_codings(tid, coder, excerpts), encoding="utf-8")
    (root / "transcripts" / "participants.yaml").write_text(dump({"participants": people}), encoding="utf-8")
    return {"scale": asdict(scale), "transcripts": scale.transcripts, "excerpts": total,
            "theories": theories, "coders": coders, "code_counts": counts}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="where to write the project (created; must not hold one)")
    parser.add_argument("--scale", choices=sorted(SCALES), default="national")
    for name in Scale.__dataclass_fields__:
        parser.add_argument(f"--{name.replace('_', '-')}", type=int, default=None)
    args = parser.parse_args(argv)
    scale = replace(SCALES[args.scale], **{k: v for k, v in vars(args).items()
                                           if k in Scale.__dataclass_fields__ and v is not None})
    made = generate(args.folder, scale)
    summary = {k: v for k, v in made.items() if k != "code_counts"}
    (args.folder / ".benchmark.json").write_text(json.dumps(made, indent=1), encoding="utf-8")
    print(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
