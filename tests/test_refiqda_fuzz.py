"""Hostile and broken .qdpx files end in a report line or one clear error, never a traceback,
and never write outside the new project's folder."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_refiqda_roundtrip import coded

NASTY = ["", "../../evil", "/etc/passwd", "-5", "999999999999", "{not-a-guid}", "C1", "x" * 300, "é😀",
         "realist file: ../x.yaml", "internal://../../x.txt", "absolute:///etc/passwd", "true", "0"]


@pytest.fixture
def exported(make_project, tmp_path) -> bytes:
    root = coded(make_project, tmp_path)
    from realist.refiqda.write import project_archive
    from realist.store.project import load_project

    qde, _, _, _ = project_archive(load_project(root))
    return qde


def mutate(qde: bytes, data: st.DataObject) -> bytes:
    root = ET.fromstring(qde)
    elements = list(root.iter())
    for _ in range(data.draw(st.integers(1, 6))):
        el = data.draw(st.sampled_from(elements))
        action = data.draw(st.sampled_from(["attr", "drop-attr", "text", "remove"]))
        if action == "attr" and el.attrib:
            el.set(data.draw(st.sampled_from(sorted(el.attrib))), data.draw(st.sampled_from(NASTY)))
        elif action == "drop-attr" and el.attrib:
            del el.attrib[data.draw(st.sampled_from(sorted(el.attrib)))]
        elif action == "text":
            el.text = data.draw(st.sampled_from(NASTY))
        elif action == "remove" and el is not root:
            for parent in root.iter():
                if el in list(parent):
                    parent.remove(el)
                    break
    return ET.tostring(root, encoding="utf-8")


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_mangled_project_never_ends_in_a_traceback(exported, tmp_path_factory, run, data):
    work: Path = tmp_path_factory.mktemp("fuzz")
    path = work / "m.qdpx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("project.qde", mutate(exported, data))
    r = run(["import", "qdpx", str(path), "--new", str(work / "new")])
    assert "unexpected problem" not in r.err, r.err
    assert r.code in (0, 2), r.err
    if r.code == 2:
        assert r.err.startswith("error: ") and r.err.count("\n") == 1
    outside = [p for p in work.rglob("*") if p != path and not p.is_relative_to(work / "new")]
    assert outside == []
