"""Re-locate excerpts after a transcript's text changed.

For each excerpt whose quote is no longer at its position: the exact quote
elsewhere (the occurrence whose prefix and suffix agree best, then the nearest) is
*moved*; else the passage between its prefix and suffix, or the best fuzzy match,
above a similarity threshold is *fuzzy*; else it is *orphaned* and kept where it
was, for a person to decide. Nothing is written unless ``apply`` is true.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from realist.coding.anchor import context
from realist.ingest.normalise import normalise
from realist.model import Excerpt, Project, Transcript
from realist.store.atomic import project_lock
from realist.store.codings import coding_files, read_codings, write_codings
from realist.store.transcripts import attach_text, load_transcripts, save_transcript, sha256_text

THRESHOLD = 85.0  # percent similarity (rapidfuzz ratio) a fuzzy match needs


@dataclass
class Relocation:
    """Where one excerpt is now: ``status`` is in-place, moved, fuzzy or orphaned."""

    excerpt: Excerpt
    status: str
    start: int | None = None
    end: int | None = None
    score: float = 100.0
    quote: str | None = None  # the text at the new position

    def as_dict(self) -> dict[str, Any]:
        e = self.excerpt
        return {"id": e.id, "transcript": e.transcript, "coder": e.coder, "status": self.status,
                "old": [e.start, e.end], "new": None if self.start is None else [self.start, self.end],
                "score": round(self.score, 1), "old_quote": e.quote, "new_quote": self.quote}


@dataclass
class ReanchorReport:
    items: list[Relocation] = field(default_factory=list)
    updated_transcripts: list[str] = field(default_factory=list)  # text hash recorded anew (with apply)
    normalised: list[str] = field(default_factory=list)  # text re-normalised (with apply)
    stale: list[str] = field(default_factory=list)  # text changed since import or the last --apply
    applied: bool = False

    def of(self, status: str) -> list[Relocation]:
        return [r for r in self.items if r.status == status]

    def counts(self) -> dict[str, int]:
        return {s: len(self.of(s)) for s in ("in-place", "moved", "fuzzy", "orphaned")}

    def as_dict(self) -> dict[str, Any]:
        return {"applied": self.applied, "counts": self.counts(), "updated_transcripts": self.updated_transcripts,
                "changed_transcripts": self.stale,
                "excerpts": [r.as_dict() for r in self.items if r.status != "in-place"]}


def _agree_before(a: str, b: str) -> int:
    """How many code points at the end of ``a`` and ``b`` agree."""
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _agree_after(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _exact(text: str, e: Excerpt) -> tuple[int, int] | None:
    hits = []
    at = text.find(e.quote)
    while at >= 0:
        hits.append(at)
        at = text.find(e.quote, at + 1)
    if not hits:
        return None

    def rank(s: int) -> tuple[int, int]:
        prefix, suffix = context(text, s, s + len(e.quote))
        return (-(_agree_before(prefix, e.prefix) + _agree_after(suffix, e.suffix)), abs(s - e.start))

    best = min(hits, key=rank)
    return best, best + len(e.quote)


def _between_context(text: str, e: Excerpt, threshold: float) -> tuple[int, int, float] | None:
    """The passage framed by the excerpt's prefix and suffix (an edit inside the excerpt)."""
    from rapidfuzz import fuzz

    pre, suf = e.prefix[-16:], e.suffix[:16]
    if len(pre.strip()) < 4 or len(suf.strip()) < 4:
        return None
    best: tuple[int, int, float] | None = None
    p = text.find(pre)
    while p >= 0:
        start = p + len(pre)
        s = text.find(suf, start)
        if s >= 0 and s - start <= 2 * len(e.quote) + 40:
            score = fuzz.ratio(e.quote, text[start:s])
            if score >= threshold and (best is None or score > best[2]):
                best = (start, s, score)
        p = text.find(pre, p + 1)
    return best


def _fuzzy(text: str, e: Excerpt, threshold: float) -> tuple[int, int, float] | None:
    from rapidfuzz import fuzz

    framed = _between_context(text, e, threshold)
    if framed is not None:
        return framed
    pad = len(e.quote) + 400
    windows = [(max(0, e.start - pad), min(len(text), e.end + pad)), (0, len(text))]
    for lo, hi in windows:
        found = fuzz.partial_ratio_alignment(e.quote, text[lo:hi], score_cutoff=threshold)
        if found is None or found.dest_end <= found.dest_start:
            continue
        start, end = _refine(text, e.quote, lo + found.dest_start, lo + found.dest_end)
        score = fuzz.ratio(e.quote, text[start:end])
        if score >= threshold:
            return start, end, score
    return None


def _refine(text: str, quote: str, start: int, end: int, reach: int = 24) -> tuple[int, int]:
    """Move each end of an approximate match to where the whole quote agrees best."""
    from rapidfuzz import fuzz

    def score(s: int, t: int) -> tuple[float, int]:
        boundary = int(s == 0 or not text[s - 1].isalnum()) + int(t >= len(text) or not text[t].isalnum())
        return fuzz.ratio(quote, text[s:t]), boundary

    best_s = max(range(max(0, start - reach), min(end, start + reach) + 1), key=lambda s: (score(s, end), -abs(s - start)))
    best_e = max(range(max(best_s + 1, end - reach), min(len(text), end + reach) + 1),
                 key=lambda t: (score(best_s, t), -abs(t - end)))
    return best_s, best_e


def locate(text: str, e: Excerpt, threshold: float = THRESHOLD) -> Relocation:
    """Where excerpt ``e`` is in ``text`` now."""
    if text[e.start:e.end] == e.quote:
        return Relocation(e, "in-place", e.start, e.end, 100.0, e.quote)
    exact = _exact(text, e)
    if exact is not None:
        return Relocation(e, "moved", exact[0], exact[1], 100.0, e.quote)
    fuzzy = _fuzzy(text, e, threshold)
    if fuzzy is not None:
        start, end, score = fuzzy
        return Relocation(e, "fuzzy", start, end, score, text[start:end])
    return Relocation(e, "orphaned", None, None, 0.0, None)


def reanchor(project: Project, *, apply: bool = False, transcripts: list[str] | None = None,
             threshold: float = THRESHOLD) -> ReanchorReport:
    """Re-locate every excerpt (of ``transcripts``); write the new anchors only with ``apply``.

    >>> report = reanchor(project)  # doctest: +SKIP
    >>> report.counts()  # doctest: +SKIP
    {'in-place': 40, 'moved': 3, 'fuzzy': 1, 'orphaned': 0}
    """
    from realist.store.transcripts import get_transcript

    for tid in transcripts or []:
        get_transcript(project, tid)
    import contextlib

    report = ReanchorReport(applied=apply)
    with project_lock(project.root) if apply else contextlib.nullcontext():
        project._cache.clear()
        known = load_transcripts(project)
        for tid in transcripts if transcripts is not None else list(known):
            t = known[tid]
            text = normalise(t.text)
            if text != t.text or t.text_sha256 != sha256_text(text):
                report.stale.append(tid)
            changes: dict[str, list[Excerpt]] = {}
            for path in coding_files(project, [tid]):
                kept, changed = [], False
                for e in read_codings(path):
                    r = locate(text, e, threshold)
                    report.items.append(r)
                    if r.status in ("moved", "fuzzy") and r.start is not None and r.end is not None:
                        prefix, suffix = context(text, r.start, r.end)
                        kept.append(replace(e, start=r.start, end=r.end, quote=text[r.start:r.end],
                                            prefix=prefix, suffix=suffix))
                        changed = True
                    else:
                        kept.append(e)
                if changed:
                    changes[path.stem] = kept
            if apply:
                _apply(project, t, text, changes, report)
    return report


def _apply(project: Project, t: Transcript, text: str, changes: dict[str, list[Excerpt]],
           report: ReanchorReport) -> None:
    renormalised = text != t.text
    if renormalised or t.text_sha256 != sha256_text(text):
        attach_text(t, text)
        t.text_sha256 = sha256_text(text)
        save_transcript(project, t, write_text=renormalised)
        report.updated_transcripts.append(t.id)
        if renormalised:
            report.normalised.append(t.id)
    for coder, excerpts in changes.items():
        write_codings(project, t.id, coder, excerpts)
