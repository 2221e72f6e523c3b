"""`realist report`: one document with the appendix; the HTML opened in headless Chromium."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from realist.export.report import FigureBlock, Heading, Quote, TableBlock, report_blocks
from realist.store.project import load_project
from tests.conftest import REPO

CAN_DRAW = importlib.util.find_spec("realist.render") is not None and shutil.which("dot") is not None
needs_figures = pytest.mark.skipif(not CAN_DRAW, reason="the diagrams module or Graphviz's dot is missing")


@pytest.fixture(scope="module")
def example():
    return load_project(REPO)


def test_report_holds_every_table_in_appendix_order(example):
    from realist.export.catalogue import build_tables

    report = report_blocks(example)
    tables = build_tables(example)
    # key quotations appear in each theory's section as quotations, not as tables
    assert [t.number for t in report.tables] == [t.number for t in tables if t.kind != "quotations"]
    quoted = {b.text for b in report.blocks if isinstance(b, Quote)}
    for table in (t for t in tables if t.kind == "quotations"):
        assert table.frame.shape[0] > 0
        for quote in table.frame.iloc[:, 0]:
            assert any(str(quote).strip("“”\"") in q for q in quoted), quote
    headings = [b.text for b in report.blocks if isinstance(b, Heading) and b.level == 2]
    assert headings[:2] == ["Appendix A: Theory of change", "Appendix B: Programme theories"]
    assert "Quantitative results" in headings  # numbered "5" in the worked example: a chapter, not an appendix
    theory_headings = [b.text for b in report.blocks if isinstance(b, Heading) and b.level == 4]
    assert theory_headings == [example.theories[t].title for t in example.manifest.extra["report"]["theory_order"]]


def test_report_without_figures_keeps_the_statements(make_project, run, tmp_path):
    root = make_project()
    out = tmp_path / "r.html"
    r = run(["report", "--out", str(out)], cwd=root)
    assert r.code == 0, r.err
    page = out.read_text(encoding="utf-8")
    assert "<caption>Table B.1: The carrot</caption>" in page
    assert "If staff listen, then people engage, because they feel heard." in page or CAN_DRAW
    assert r.err.splitlines()[-1].startswith(f"wrote {out} (3 tables, ")


def test_report_refuses_a_mismatched_suffix(make_project, run, tmp_path):
    root = make_project()
    r = run(["report", "--format", "docx", "--out", str(tmp_path / "r.html")], cwd=root)
    assert r.code == 2
    assert r.err == (f"error: --out {tmp_path / 'r.html'} does not end in .docx; give a file name ending in .docx "
                     "or choose --format html\n")


def test_html_report_is_self_contained(example, tmp_path):
    from realist.export.report_html import report_html

    report = report_blocks(example)
    page = report_html(report)
    assert not re.search(r'(src|href)="(?!#)', page)  # nothing to fetch: no images, styles or scripts
    assert "<script" not in page
    assert page.count('<figure id="figure-') == len(report.figures)
    for table in report.tables:
        assert f"<caption>{table.title}</caption>" in page.replace("&#x27;", "'")
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))  # inline SVGs do not collide


PROBE = """
<script>
window.addEventListener('load', () => {
  const figures = [...document.querySelectorAll('figure.realist-figure')].map(f => {
    const svg = f.querySelector('svg');
    const box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
    return {id: f.id, width: box.width, height: box.height,
            shapes: svg ? svg.querySelectorAll('g.node, g.cluster').length : 0};
  });
  const out = document.createElement('pre');
  out.id = 'probe';
  out.textContent = JSON.stringify({figures, errors: window.__errors || []});
  document.body.appendChild(out);
});
window.__errors = [];
window.addEventListener('error', e => window.__errors.push(String(e.message)));
</script>
"""


@pytest.mark.slow
@needs_figures
@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed (bash dev/setup)")
def test_html_report_renders_every_figure_in_chromium(example, run, tmp_path):
    out = tmp_path / "report.html"
    r = run(["report", "--format", "html", "--out", str(out)], cwd=REPO)
    assert r.code == 0, r.err
    expected = len(report_blocks(example).figures)
    assert expected >= 3 + len(example.theories)  # theory of change, phases, connections, one per theory
    probe = tmp_path / "probe.html"
    probe.write_text(out.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
             "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000", "--dump-dom", probe.as_uri()],
            capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    found = re.search(r'<pre id="probe">(.*?)</pre>', done.stdout, re.S)
    assert found, done.stdout[-2000:]
    result = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert result["errors"] == []
    assert "Uncaught" not in done.stderr
    assert len(result["figures"]) == expected
    for fig in result["figures"]:
        assert fig["width"] > 100 and fig["height"] > 50, fig
        assert fig["shapes"] > 0, fig


@pytest.mark.slow
@needs_figures
def test_docx_report_has_figures_tables_and_headings(example, run, tmp_path):
    from docx import Document

    out = tmp_path / "report.docx"
    r = run(["report", "--format", "docx", "--out", str(out)], cwd=REPO)
    assert r.code == 0, r.err
    report = report_blocks(example)
    doc = Document(str(out))
    assert len(doc.inline_shapes) == len(report.figures)
    assert len(doc.tables) == len(report.tables)
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    figure_labels = [b.label(report.settings) for b in report.blocks if isinstance(b, FigureBlock)]
    table_labels = [b.table.title for b in report.blocks if isinstance(b, TableBlock)]
    assert sorted(captions) == sorted(figure_labels + table_labels)
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 3"] == \
        [example.theories[t].title for t in example.manifest.extra["report"]["theory_order"]]
    quotes = [b for b in report.blocks if isinstance(b, Quote)]
    assert len([p for p in doc.paragraphs if p.style.name == "Quote"]) == len(quotes)


def test_docx_report_without_figures(make_project, run, tmp_path):
    from docx import Document

    root = make_project()
    out = tmp_path / "r.docx"
    r = run(["report", "--out", str(out)], cwd=root)
    assert r.code == 0, r.err
    doc = Document(str(out))
    assert doc.paragraphs[0].text == "Test evaluation: appendix"
    assert doc.paragraphs[0].style.name == "Title"
    assert [t.rows[0].cells[0].text for t in doc.tables] == ["Theory title", "Theory title", "Theory"]


def test_png_size_reads_the_header():
    from realist.export.report_docx import png_size

    header = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + (640).to_bytes(4, "big") + (480).to_bytes(4, "big")
    assert png_size(header) == (640, 480)
    with pytest.raises(ValueError):
        png_size(b"GIF89a" + b"\x00" * 30)


def test_report_path_is_a_folder(make_project, run, tmp_path):
    root = make_project()
    folder = tmp_path / "outdir"
    folder.mkdir()
    r = run(["report", "--out", str(folder)], cwd=root)
    assert r.code == 2
    assert "is a folder" in r.err or "directory" in r.err
    assert Path(folder).is_dir()
