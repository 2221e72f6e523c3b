"""`realist pseudonymise`: replace the key's terms in transcripts, keeping every excerpt anchored.

A transcript's text, speaker labels, title, site and source file name are rewritten;
each coder's excerpts are moved with the text (a name inside an excerpt is replaced
in its quote too), so ``realist check`` finds every excerpt where it was. The
participants' sites and notes are rewritten as well. Memos are the researcher's own
writing and are never rewritten: ``realist check --privacy`` names each one to edit.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from realist.coding.anchor import context
from realist.model import Excerpt, Project, Transcript
from realist.privacy.key import Key
from realist.privacy.match import Matcher, shift
from realist.store import cache


@dataclass
class Changed:
    """What pseudonymising one transcript did (``terms``: term -> times replaced)."""

    transcript: str
    terms: Counter[str] = field(default_factory=Counter)
    excerpts: int = 0

    @property
    def count(self) -> int:
        return sum(self.terms.values())


def pseudonymise_text(text: str, matcher: Matcher) -> tuple[str, list[tuple[int, int, int]], Counter[str]]:
    """The text with the key applied, the edits made and how often each term was replaced."""
    counts = Counter(hit.term for hit in matcher.find(text))
    new, edits = matcher.replace(text)
    return new, edits, counts


def move_excerpt(e: Excerpt, old: str, new: str, edits: list[tuple[int, int, int]], matcher: Matcher) -> Excerpt:
    """The excerpt as it is in the pseudonymised text (quote, context and positions follow the text)."""
    anchored = old[e.start:e.end] == e.quote
    start, end = shift(e.start, edits), shift(e.end, edits, end=True)
    memo = matcher.replace(e.memo)[0] if e.memo else e.memo
    if anchored and 0 <= start <= end <= len(new):
        prefix, suffix = context(new, start, end)
        return replace(e, start=start, end=end, quote=new[start:end], prefix=prefix, suffix=suffix, memo=memo)
    # a drifted excerpt: keep it drifted (reanchor reports it), but without the names
    return replace(e, start=start, end=end, quote=matcher.replace(e.quote)[0], prefix=matcher.replace(e.prefix)[0],
                   suffix=matcher.replace(e.suffix)[0], memo=memo)


def pseudonymise_transcript(t: Transcript, matcher: Matcher) -> tuple[Transcript, list[tuple[int, int, int]], Counter[str]]:
    """A copy of the transcript with the key applied to its text and what describes it."""
    text, edits, counts = pseudonymise_text(t.text, matcher)

    def fix(value: str | None) -> str | None:
        if not value:
            return value
        hits = matcher.find(value)
        counts.update(h.term for h in hits)
        return matcher.replace(value)[0] if hits else value

    speakers = {fix(label) or label: pid for label, pid in t.speakers.items()}
    from realist.store.transcripts import sha256_text

    new = replace(t, text=text, speakers=speakers, title=fix(t.title), site=fix(t.site), source=fix(t.source),
                  text_sha256=sha256_text(text) if edits else t.text_sha256)
    return new, edits, counts


def pseudonymise(project: Project, key: Key, transcripts: list[str] | None = None, *,
                 dry_run: bool = False) -> list[Changed]:
    """Apply the key to transcripts (all of them unless named) and their codings.

    >>> [c.count for c in pseudonymise(project, load_key(path))]  # doctest: +SKIP
    [4, 0]
    """
    from realist.store.atomic import no_undo, project_lock
    from realist.store.codings import coding_files, read_codings, write_codings
    from realist.store.participants import load_participants, save_participants
    from realist.store.transcripts import get_transcript, load_transcripts, save_transcript

    matcher = key.matcher()
    ids = transcripts if transcripts else list(load_transcripts(project))
    for tid in ids:
        get_transcript(project, tid)  # an unknown id: a clear error before anything is written
    out: list[Changed] = []
    with no_undo(), project_lock(project.root):  # the undo history would keep the real names
        project._cache.clear()
        cache.clear(project.root)  # speaker labels and source names may be kept there
        for tid in ids:
            t = get_transcript(project, tid)
            new, edits, counts = pseudonymise_transcript(t, matcher)
            changed = Changed(tid, counts)
            files = []
            for path in coding_files(project, [tid]):
                excerpts = read_codings(path)
                moved = [move_excerpt(e, t.text, new.text, edits, matcher) for e in excerpts]
                if moved != excerpts:
                    changed.excerpts += sum(1 for a, b in zip(excerpts, moved, strict=True) if a != b)
                    files.append((excerpts[0].coder if excerpts else path.stem, moved))
            out.append(changed)
            if dry_run or (not changed.count and not files):
                continue
            save_transcript(project, new, write_text=new.text != t.text)
            for coder, moved in files:
                write_codings(project, tid, coder, moved)
        people = load_participants(project)
        fixed = {pid: replace(p, site=matcher.replace(p.site)[0] if p.site else p.site,
                              note=matcher.replace(p.note)[0] if p.note else p.note) for pid, p in people.items()}
        if fixed != people and not dry_run:
            save_participants(project, fixed)
        project._cache.clear()
        cache.clear(project.root)  # speaker labels and source names may be kept there
    return out
