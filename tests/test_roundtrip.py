"""Property tests: any valid theory survives load -> save -> load, and revise keeps it valid."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from realist.store.build import theory_from
from realist.store.project import scan

words = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs", "P")), min_size=1,
                max_size=40).map(str.strip).filter(bool)


def elements(letter: str, extra: dict) -> st.SearchStrategy:
    return st.lists(st.fixed_dictionaries({"text": words, **extra}), max_size=4).map(
        lambda items: [{"id": f"{letter}{i + 1}", **item} for i, item in enumerate(items)])


theories = st.fixed_dictionaries({
    "id": st.just("gamma"),
    "title": words,
    "group": st.sampled_from(["carrot", "stick"]),
    "statement": st.fixed_dictionaries({"if": words, "then": words, "because": words}),
    "strength": st.fixed_dictionaries({
        "rating": st.sampled_from(["convincing", "plausible", "tentative"]),
        "sources": st.lists(st.sampled_from(["staff-interviews", "recipient-interviews", "psm"]), unique=True)}),
    "contexts": elements("C", {"role": st.sampled_from(["requirement", "supportive", "barrier"])}),
    "interventions": elements("I", {}),
    "mechanisms": elements("M", {"kind": st.sampled_from(["resource", "reasoning"])}),
    "outcomes": elements("O", {"term": st.sampled_from(["short", "medium", "long"])}),
    "history": st.lists(st.sampled_from(["proposed", "supported", "revised"]), max_size=3).map(
        lambda statuses: [{"phase": p, "status": s} for p, s in zip(["initial", "second", "third"], statuses,
                                                                       strict=False)]),
})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(theories)
def test_valid_theory_round_trips(make_project, data):
    root = make_project({"theories/gamma.yaml": yaml.safe_dump(data, allow_unicode=True, sort_keys=False)})
    project, report = scan(root)
    assert report.errors == [], report.errors
    assert project is not None
    loaded = project.theories["gamma"]
    assert loaded == theory_from(yaml.safe_load((root / "theories/gamma.yaml").read_text()), loaded.path)
    assert [e.text for e in loaded.contexts] == [c["text"] for c in data["contexts"]]
    assert loaded.statement.because == data["statement"]["because"]
    # saving the model's view of it again and reloading gives the same theory
    (root / "theories/gamma.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=True))
    again, report2 = scan(root)
    assert report2.errors == [] and again is not None
    assert again.theories["gamma"] == loaded
