"""Theory diagrams: DOT snapshots of the worked example, graph structure, the command, rendering."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from realist.render import connections_figure, figures, phases_figure, theory_figure, toc_figure
from realist.render.dot import wrap
from realist.store.project import load_project

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden" / "diagrams"
UPDATE = os.environ.get("REALIST_UPDATE_GOLDEN") == "1"

EDGE = re.compile(r'^\s*"([^"]+)" -> "([^"]+)"(?: \[(.*)\])?$')
NODE = re.compile(r'^\s*"([^"]+)" \[(.*)\]$')


def edges(dot: str) -> dict[tuple[str, str], str]:
    """(tail, head) -> attribute text of every visible edge."""
    found = {}
    for line in dot.splitlines():
        m = EDGE.match(line)
        if m and 'style="invis"' not in (m.group(3) or ""):
            found[(m.group(1), m.group(2))] = m.group(3) or ""
    return found


def nodes(dot: str) -> dict[str, str]:
    found = {}
    for line in dot.splitlines():
        m = NODE.match(line)
        if m and not EDGE.match(line):
            found[m.group(1)] = m.group(2)
    return found


# -- the worked example, as snapshots ------------------------------------------------------------

def example_figures():
    return figures(load_project(REPO))


def test_worked_example_has_every_figure_kind():
    ids = [f.id for f in example_figures()]
    assert ids[:3] == ["toc", "connections", "phases"]
    project = load_project(REPO)
    assert sorted(ids[3:]) == sorted(f"theory-{t}" for t in project.theories)


@pytest.mark.parametrize("fig", example_figures(), ids=lambda f: f.id)
def test_dot_snapshot_of_the_worked_example(fig):
    path = GOLDEN / f"{fig.id}.dot"
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(fig.dot, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"new golden file {path.name} written; read it, then run again")
    assert fig.dot == path.read_text(encoding="utf-8"), (
        f"{fig.id} changed; look at the figure, then REALIST_UPDATE_GOLDEN=1 pytest tests/test_diagram.py")


def test_same_input_gives_byte_identical_dot_whatever_the_load_order():
    first = {f.id: f.dot for f in example_figures()}
    project = load_project(REPO)
    project.theories = dict(reversed(list(project.theories.items())))
    project.evidence = dict(reversed(list(project.evidence.items())))
    assert {f.id: f.dot for f in figures(project)} == first


# -- structure -------------------------------------------------------------------------------------

def test_theory_figure_has_every_element_and_cimo_arrows(make_project):
    project = load_project(make_project())
    dot = theory_figure(project, project.theory("alpha")).dot
    assert {"alpha:C1", "alpha:C2", "alpha:I1", "alpha:M1", "alpha:O1"} <= set(nodes(dot))
    arrows = edges(dot)
    # requirement -> mechanisms (needed to fire), barrier -> mechanisms (dampen, a flat tee), I -> M, M -> O
    assert 'label="needed to fire"' in arrows[("alpha:C1", "alpha:M1")]
    assert 'arrowhead="tee"' in arrows[("alpha:C2", "alpha:M1")]
    assert 'style="dotted"' in arrows[("alpha:C2", "alpha:M1")]
    assert 'label="trigger"' in arrows[("alpha:I1", "alpha:M1")]
    assert 'label="generate"' in arrows[("alpha:M1", "alpha:O1")]
    assert "If</B>" in dot and "Because</B>" in dot
    assert "Strength of evidence: Plausible" in dot


def test_a_theory_without_mechanisms_shows_the_gap(make_project):
    files = {"theories/gamma.yaml": HISTORY_THEORY.format(id="gamma", title="Gamma", history=(
        "  - {phase: initial, status: proposed}")) + "contexts:\n  - {id: C1, text: " + "x" * 70 + "}\n"
        + "outcomes:\n  - {id: O1, text: y}\n"}
    project = load_project(make_project(files))
    dot = theory_figure(project, project.theory("gamma")).dot
    assert "no mechanism stated yet" in nodes(dot)["gamma:no-mechanism"]
    assert 'label="generate"' in edges(dot)[("gamma:no-mechanism", "gamma:O1")]
    assert "Role not stated" in dot and "Term not stated" in dot
    assert "x" * 30 + "<BR/>" + "x" * 30 + "<BR/>" + "x" * 10 in nodes(dot)["gamma:C1"]  # a long word is cut


def test_barrier_and_supportive_contexts_differ_by_more_than_colour(make_project):
    project = load_project(make_project({"theories/alpha.yaml": (REPO / "tests/conftest.py").read_text()
                                         .split('THEORY_A = """\\\n')[1].split('"""')[0].replace(
        "  - {id: C2, text: Housing shortage, role: barrier}",
        "  - {id: C2, text: Housing shortage, role: barrier}\n  - {id: C3, text: Peer mentors, role: supportive}")}))
    found = nodes(theory_figure(project, project.theory("alpha")).dot)
    assert 'style="filled,diagonals"' in found["alpha:C2"]
    assert 'style="filled,dashed"' in found["alpha:C3"]
    assert 'style="filled"' in found["alpha:C1"]


EVIDENCE = """\
id: {id}
title: Days to first reoffence
strand: psm
design: matched-comparison
measure: time
treatment: {{n: 100, estimate: 10, ci: [8, 12]}}
comparison: {{n: 100, estimate: 11, ci: [9, 13]}}
difference: {{estimate: -1, ci: [{lo}, {hi}]}}
p_value: {p}
bears_on:
  - {{target: alpha:O1, stance: {stance}}}
"""


def test_non_significant_result_is_inconclusive_never_refuting(make_project):
    root = make_project({"theories/evidence/weak.yaml": EVIDENCE.format(id="weak", lo=-3, hi=1, p=0.32,
                                                                         stance="refutes")})
    project = load_project(root)
    dot = theory_figure(project, project.theory("alpha")).dot
    node = nodes(dot)["evidence:weak:alpha:O1"]
    assert "<B>inconclusive</B>, p = 0.32" in node
    assert "refutes" not in node
    assert 'arrowtail="odot"' in edges(dot)[("alpha:O1", "evidence:weak:alpha:O1")]


def test_significant_result_keeps_its_stance(make_project):
    root = make_project({"theories/evidence/strong.yaml": EVIDENCE.format(id="strong", lo=-2, hi=-0.5, p=0.004,
                                                                           stance="supports")})
    project = load_project(root)
    dot = theory_figure(project, project.theory("alpha")).dot
    assert "<B>supports</B>, p &lt; 0.01" in nodes(dot)["evidence:strong:alpha:O1"]
    assert 'arrowtail="normal"' in edges(dot)[("alpha:O1", "evidence:strong:alpha:O1")]


def test_badge_counts_coded_excerpts_per_strand(make_project, run):
    root = make_project({"po1.txt": "Officer: We listen first.\nOfficer: Then we act.\n",
                         "fg1.txt": "Moderator: Anything else?\nOfficer: People feel heard.\n"})
    r = run(["participants", "add", "--role", "Probation Officer", "--group", "staff", "--id", "P01"], cwd=root)
    assert r.code == 0, r.err
    assert run(["transcripts", "import", "po1.txt", "--stage", "initial", "--participant", "P01"], cwd=root).code == 0
    assert run(["transcripts", "import", "fg1.txt", "--type", "focus-group", "--stage", "initial"], cwd=root).code == 0
    for tid, phrase in (("po1", "We listen first"), ("po1", "Then we act"), ("fg1", "People feel heard")):
        r = run(["code", tid, "--find", phrase, "alpha:M1", "--coder", "ann"], cwd=root)
        assert r.code == 0, r.err
    project = load_project(root)
    dot = theory_figure(project, project.theory("alpha")).dot
    # two excerpts come from an interview with a member of staff (staff-interviews, listed in
    # alpha's sources); one from a focus group, a strand this project does not have
    assert "■ Staff interviews (2 excerpts)" in dot
    assert "■ strand not known (1 excerpt)" in dot


def test_before_any_coding_the_badge_lists_the_sources_uncounted(make_project):
    project = load_project(make_project())
    dot = theory_figure(project, project.theory("beta")).dot
    assert "■ Staff interviews<BR" in dot and "■ Recipient interviews</FONT>" in dot


def test_a_result_on_the_whole_theory_points_at_its_outcomes(make_project):
    text = EVIDENCE.format(id="whole", lo=-2, hi=-0.5, p=0.01, stance="supports").replace("alpha:O1", "alpha")
    project = load_project(make_project({"theories/evidence/whole.yaml": text}))
    dot = theory_figure(project, project.theory("alpha")).dot
    edge = edges(dot)[("alpha:O1", "evidence:whole:alpha")]
    assert 'ltail="cluster_outcomes"' in edge and 'label="whole theory"' in edge


def test_connections_cluster_by_group_and_number_every_link(make_project):
    project = load_project(make_project())
    dot = connections_figure(project).dot
    assert 'subgraph "cluster_carrot"' in dot and 'subgraph "cluster_stick"' in dot
    assert 'label=<<B> 1 </B>>' in edges(dot)[("alpha", "beta")]
    assert ('<TD ALIGN="RIGHT"><B>1</B></TD><TD ALIGN="LEFT">Alpha</TD><TD ALIGN="LEFT">Beta</TD>'
            '<TD ALIGN="LEFT">O1 (outcome)</TD><TD ALIGN="LEFT">engagement opens the door</TD>') in dot
    # the group's name is a node that arrows are routed around
    assert '"group:carrot" [label=<<B>The carrot</B>>' in dot
    # strength by border as well as colour: plausible solid, tentative dashed
    assert 'style="rounded,filled,solid"' in nodes(dot)["alpha"]
    assert 'style="rounded,filled,dashed"' in nodes(dot)["beta"]


HISTORY_THEORY = """\
id: {id}
title: {title}
statement: {{if: a, then: b}}
history:
{history}
"""


def test_phases_draw_versions_and_what_happened(make_project):
    files = {
        "theories/gamma.yaml": HISTORY_THEORY.format(id="gamma", title="Gamma", history=(
            "  - {phase: initial, status: proposed}\n  - {phase: second, status: merged, into: [beta]}")),
        "theories/delta.yaml": HISTORY_THEORY.format(id="delta", title="Delta", history=(
            "  - {phase: initial, status: proposed}\n"
            "  - {phase: second, status: revised, previous: {if: x, then: y}}\n"
            "  - {phase: third, status: refuted}")),
        "theories/epsilon.yaml": HISTORY_THEORY.format(id="epsilon", title="Epsilon", history=(
            "  - {phase: third, status: split, from: [delta]}")),
    }
    project = load_project(make_project(files))
    dot = phases_figure(project).dot
    arrows = edges(dot)
    assert 'label="revised"' in arrows[("delta@0", "delta@1")]
    assert 'label="refuted"' in arrows[("delta@1", "delta@2")]
    assert 'shape="octagon"' in nodes(dot)["delta@2"]
    assert 'label="merged into"' in arrows[("gamma@1", "beta@1")]
    assert 'label="split into"' in arrows[("delta@1", "epsilon@0")]
    assert "Delta*" in nodes(dot)["delta@1"] and "remit changed while the title stayed the same" in dot
    assert "{ rank=same; \"phase:second\"" in dot


def test_phases_run_a_dotted_line_through_a_phase_with_nothing_recorded(make_project):
    files = {"theories/gamma.yaml": HISTORY_THEORY.format(id="gamma", title="Gamma", history=(
        "  - {phase: initial, status: proposed}\n  - {phase: third, status: supported}"))}
    dot = phases_figure(load_project(make_project(files))).dot
    arrows = edges(dot)
    assert 'style="dotted", arrowhead="none"' in arrows[("gamma@0", "gamma@1~second")]
    assert 'label="supported"' in arrows[("gamma@1~second", "gamma@1")]
    assert ("gamma@0", "gamma@1") not in arrows
    assert "nothing was recorded for the theory in that phase" in dot


def test_toc_is_a_left_to_right_chain_of_columns():
    dot = toc_figure(load_project(REPO)).dot  # type: ignore[union-attr]
    chain = [("toc:inputs", "toc:activities"), ("toc:activities", "toc:outputs"), ("toc:outputs", "toc:short"),
             ("toc:short", "toc:medium"), ("toc:medium", "toc:long"), ("toc:long", "toc:impact")]
    assert set(edges(dot)) == set(chain)
    assert 'rankdir="LR"' in dot


def test_text_wraps_inside_boxes():
    assert wrap("Staff feel free to tailor supervision and find creative solutions", 30) == [
        "Staff feel free to tailor", "supervision and find creative", "solutions"]
    for fig in example_figures():
        for text in re.findall(r"<BR[^>]*/>([^<>\n]{71,})<", fig.dot):
            pytest.fail(f"{fig.id}: an unwrapped line of {len(text)} characters: {text!r}")


# -- the command -----------------------------------------------------------------------------------

def test_dot_to_stdout_equals_the_api(run, make_project):
    root = make_project()
    r = run(["diagram", "theory", "alpha", "--format", "dot", "--out", "-"], cwd=root)
    assert r.code == 0, r.err
    project = load_project(root)
    assert r.out == theory_figure(project, project.theory("alpha")).dot


def test_unknown_theory_suggests(run, make_project):
    r = run(["diagram", "theory", "alpah"], cwd=make_project())
    assert r.code == 2
    assert r.err == "error: no theory 'alpah' (did you mean 'alpha'?)\n"


def test_theory_without_an_id_lists_the_theories(run, make_project):
    r = run(["diagram", "theory"], cwd=make_project())
    assert r.code == 2
    assert r.err == ("error: which theory? give its id, e.g. `realist diagram theory ID` (theories: alpha, beta); "
                     "`realist diagram all` draws every figure\n")


def test_toc_missing_says_how_to_add_one(run, make_project):
    r = run(["diagram", "toc"], cwd=make_project())
    assert r.code == 2
    assert r.err.startswith("error: this project has no theory of change;")


def test_all_writes_every_figure_as_dot(run, make_project, tmp_path):
    root = make_project()
    r = run(["diagram", "all", "--format", "dot", "--out", str(tmp_path / "figs")], cwd=root)
    assert r.code == 0, r.err
    names = sorted(p.name for p in (tmp_path / "figs").iterdir())
    assert names == ["connections.dot", "phases.dot", "theory-alpha.dot", "theory-beta.dot"]
    assert r.err == f"wrote 4 figures to {tmp_path / 'figs'}/\n"


def test_out_suffix_chooses_the_format(run, make_project, tmp_path):
    r = run(["diagram", "phases", "--out", str(tmp_path / "p.dot")], cwd=make_project())
    assert r.code == 0, r.err
    assert (tmp_path / "p.dot").read_text().startswith('digraph "phases"')


def test_without_dot_the_source_is_still_written(run, make_project, tmp_path, monkeypatch):
    root = make_project()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    r = run(["diagram", "all", "--out", str(tmp_path / "figs")], cwd=root)
    assert r.code == 2
    assert sorted(p.name for p in (tmp_path / "figs").iterdir()) == [
        "connections.dot", "phases.dot", "theory-alpha.dot", "theory-beta.dot"]
    assert "needs Graphviz's `dot` program; install Graphviz: `sudo apt-get install graphviz`" in r.err
    r = run(["diagram", "theory", "alpha", "--out", str(tmp_path / "one.svg")], cwd=root)
    assert r.code == 2 and (tmp_path / "one.dot").exists() and not (tmp_path / "one.svg").exists()
    assert r.err.startswith(f"error: wrote {tmp_path / 'one.dot'}, but drawing SVG needs Graphviz")


# -- rendering with Graphviz -----------------------------------------------------------------------

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")


@needs_dot
def test_renders_svg_and_png(make_project, tmp_path, run):
    root = make_project()
    r = run(["diagram", "theory", "alpha", "--format", "png", "--out", str(tmp_path)], cwd=root)
    assert r.code == 0, r.err
    assert (tmp_path / "theory-alpha.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    project = load_project(root)
    svg = theory_figure(project, project.theory("alpha")).svg()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg and "Weekly meetings" in svg


@needs_dot
@pytest.mark.slow
def test_every_figure_of_the_worked_example_renders(tmp_path):
    for fig in example_figures():
        assert fig.render("png")[:4] == b"\x89PNG"
        assert "</svg>" in fig.svg()
    assert example_figures()[0].render("pdf")[:5] == b"%PDF-"
