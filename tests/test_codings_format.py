"""The codings file: any excerpt survives write -> read, through json and through libyaml alike."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from realist.model import Excerpt
from realist.store.codings import dumps_codings, read_codings

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
excerpts = st.builds(
    Excerpt, id=st.from_regex(r"[a-z][a-z2-7]{7}", fullmatch=True), transcript=st.just("t1"),
    start=st.integers(0, 10_000), end=st.integers(1, 20_000), quote=text.filter(bool), prefix=text, suffix=text,
    codes=st.lists(st.sampled_from(["alpha", "alpha:C1", "beta:M1", "free:x"]), min_size=1, max_size=3),
    stance=st.sampled_from(["supports", "refutes", "refines"]), coder=st.just("alice"),
    memo=st.none() | text.filter(bool), key=st.booleans(), created=st.just("2026-11-23T16:40:00Z"))


@settings(max_examples=150, deadline=None)
@given(st.lists(excerpts, max_size=5))
def test_round_trip(tmp_path_factory, items):
    path = Path(tmp_path_factory.mktemp("c")) / "alice.yaml"
    raw = dumps_codings("t1", "alice", items)
    path.write_text(raw, encoding="utf-8")
    back = read_codings(path)
    fields = ("id", "start", "end", "quote", "prefix", "suffix", "codes", "stance", "memo", "key")
    assert [tuple(getattr(e, f) for f in fields) for e in back] == \
        [tuple(getattr(e, f) for f in fields) for e in items]
    assert yaml.load(raw, Loader=yaml.CSafeLoader) == json.loads(raw)
