"""The coding screen's only door to the files: the same coding API the CLI uses.

``add_excerpt``, ``recode`` and ``remove_excerpt`` (``realist.coding.ops``) each take the
project lock, re-read the one codings file they change and write it atomically, so a
change made by another process while the screen is open is kept, never overwritten.
The screen never writes a codings file itself.
"""

from __future__ import annotations

from pathlib import Path

from realist.model import Excerpt, Project, Transcript
from realist.store.atomic import describe

Signature = tuple[tuple[str, int, int], ...]


class CodingBackend:
    """One transcript's codings, read and changed through ``realist.coding``.

    >>> backend = CodingBackend(project, "probation-officer-region-b", "alice")  # doctest: +SKIP
    >>> transcript, excerpts = backend.load()  # doctest: +SKIP
    """

    def __init__(self, project: Project, transcript_id: str, coder: str | None = None) -> None:
        from realist.coding.ops import default_coder
        from realist.store.transcripts import get_transcript

        self.project = project
        self.transcript_id = get_transcript(project, transcript_id).id  # UsageError when unknown
        self.coder = default_coder(coder)

    # -- reading -------------------------------------------------------------------------------
    def load(self) -> tuple[Transcript, list[Excerpt]]:
        """The transcript and every coder's excerpts of it, read from disk now."""
        from realist.store.transcripts import get_transcript

        return get_transcript(self.project, self.transcript_id), self.excerpts()

    def excerpts(self) -> list[Excerpt]:
        """Every coder's excerpts of the transcript, read from disk now (never from a cache)."""
        from realist.store.codings import coding_files, read_codings
        from realist.store.transcripts import get_transcript

        transcript = get_transcript(self.project, self.transcript_id)
        found: list[Excerpt] = []
        for path in coding_files(self.project, [self.transcript_id]):
            found.extend(read_codings(path))
        for excerpt in found:
            excerpt.participant = transcript.participant_at(excerpt.start)
        return found

    def _watched(self) -> list[Path]:
        from realist.coding.codes import codebook_path
        from realist.store.codings import coding_files

        return [*coding_files(self.project, [self.transcript_id]), codebook_path(self.project)]

    def signature(self) -> Signature:
        """Name, modification time and size of every file the screen shows (cheap to compare)."""
        found = []
        for path in self._watched():
            try:
                stat = path.stat()
            except OSError:
                continue
            found.append((path.name if path.name == "codebook.yaml" else path.stem, stat.st_mtime_ns,
                          stat.st_size))
        signature = tuple(found)
        if getattr(self, "_last", None) != signature:
            self.project._cache.pop("codebook", None)  # a new free code shows in the finder
            self._last = signature
        return signature

    def free_codes(self) -> dict[str, str | None]:
        from realist.coding.codes import load_codebook

        return {name: code.definition for name, code in load_codebook(self.project).items()}

    # -- changing: each call is one locked, atomic write ------------------------------------------
    def add(self, start: int, end: int, codes: list[str], stance: str = "supports",
            memo: str | None = None) -> Excerpt:
        from realist.coding.ops import add_excerpt

        describe(f"coding screen: code {self.transcript_id} ({', '.join(codes)})")  # for `realist undo --list`
        return add_excerpt(self.project, self.transcript_id, start, end, codes, stance=stance,
                           coder=self.coder, memo=memo)

    def update(self, excerpt_id: str, *, codes: list[str] | None = None, stance: str | None = None,
               memo: str | None = None) -> Excerpt:
        from realist.coding.ops import get_excerpt, recode

        if codes is None:
            codes = get_excerpt(self.project, excerpt_id).codes
        describe(f"coding screen: recode {excerpt_id} ({', '.join(codes)})")
        return recode(self.project, excerpt_id, codes, stance=stance, memo=memo)

    def delete(self, excerpt_id: str) -> Excerpt:
        from realist.coding.ops import remove_excerpt

        describe(f"coding screen: uncode {excerpt_id}")
        return remove_excerpt(self.project, excerpt_id)

    def add_free_code(self, name: str) -> str:
        """Add an inductive code to codebook.yaml (as ``realist codebook add`` does)."""
        from realist.coding.codes import add_free_code

        describe(f"coding screen: codebook add {name}")
        return add_free_code(self.project, name).name

    def restore(self, excerpt: Excerpt) -> Excerpt:
        """Put back a removed excerpt (its id is derived from its position, so it comes back the same)."""
        return self.add(excerpt.start, excerpt.end, list(excerpt.codes), excerpt.stance, excerpt.memo)
