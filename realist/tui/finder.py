"""Pop-up screens: the fuzzy code finder, the memo editor, a one-line prompt and the help."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from realist.tui.session import Choice


def rank(choices: list[Choice], query: str, limit: int = 60) -> list[Choice]:
    """The choices that best match ``query`` (all of them, in codebook order, when it is empty).

    Each word of the query is matched against the words of a choice: a word that starts the
    same way counts most, one inside a word a little less, a misspelt one (rapidfuzz) less
    again. Words of the choice's own text count more than its theory's title.

    >>> rank([Choice("a", "Alpha", "alpha trust"), Choice("b", "Beta", "beta deter")], "trst")[0].code
    'a'
    """
    return [choice for _, choice in scored(choices, query, limit)]


def scored(choices: list[Choice], query: str, limit: int = 60) -> list[tuple[float, Choice]]:
    """``rank`` with each choice's score: 100 a word that starts the same, 90 one inside a word,
    below that a misspelling (at most about one letter in four wrong)."""
    words = query.lower().split()
    if not words:
        return [(0.0, c) for c in (choices[:limit] if limit else choices)]
    from rapidfuzz.distance import Levenshtein

    def word_score(word: str, tokens: list[str]) -> float:
        best = 0.0
        for token in tokens:
            if token.startswith(word):
                return 100.0
            if word in token:
                best = max(best, 90.0)
            elif len(word) > 2:
                similar = max(Levenshtein.normalized_similarity(word, token[: len(word) + n]) for n in (0, 1))
                if similar >= 0.75:
                    best = max(best, similar * 88)
        return best

    found = []
    for index, choice in enumerate(choices):
        own = choice.search.lower().replace(":", " ").split()
        around = choice.context.lower().replace(":", " ").split()
        total = 0.0
        for word in words:
            total += max(word_score(word, own), 0.85 * word_score(word, around))
        score = total / len(words)
        if choice.code.lower() == query.strip().lower():
            score = 102.0
        elif choice.code == choice.theory:
            score += 1.0  # a theory before its own elements when both match
        if score >= 60:
            found.append((-score, index))
    found.sort()
    return [(-score, choices[index]) for score, index in found[: limit or None]]


class CodeFinder(ModalScreen[str | None]):
    """Type a few letters of a theory title, an element's text or a free code; Enter applies."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
        Binding("pagedown", "move(8)", show=False),
        Binding("pageup", "move(-8)", show=False),
    ]
    DEFAULT_CSS = """
    CodeFinder { align: center middle; }
    CodeFinder > Vertical { width: 90%; max-width: 110; height: 80%; max-height: 30;
                            border: round $accent; background: $panel; padding: 0 1; }
    CodeFinder Input { margin: 0; }
    CodeFinder OptionList { height: 1fr; border: none; }
    CodeFinder .hint { color: $text-muted; }
    """

    def __init__(self, choices: list[Choice], title: str, ink: Any = None, allow_new: bool = False) -> None:
        super().__init__()
        self.choices = choices
        self.allow_new = allow_new
        self.codes = {c.code for c in choices}
        self.heading = title
        self.ink = ink
        self.shown: list[Choice] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.heading)
            yield Input(placeholder="type to search theories, elements, free codes")
            yield OptionList()
            yield Static("↑↓ choose · Enter apply · Esc cancel", classes="hint")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()

    def _fill(self, query: str) -> None:
        options = self.query_one(OptionList)
        ranked = scored(self.choices, query, limit=0 if not query else 60)
        self.shown = [choice for _, choice in ranked]
        options.clear_options()
        prompts = []
        for choice in self.shown:
            label = _escape(choice.label)
            ink = self.ink(choice.theory) if self.ink and choice.theory else "default"
            if choice.theory and choice.code == choice.theory:
                prompts.append(Option(f"[bold {ink}]{_escape(choice.tag)}[/] [b]{label}[/b]  [dim]{choice.code}[/]"))
            elif choice.theory:
                element, _, text = label.partition(" ")
                prompts.append(Option(f"  [{ink}]{_escape(choice.tag)}[/] [b]{element}[/b] {text}"))
            else:
                prompts.append(Option(label))
        name = new_code_name(query)
        if self.allow_new and name and f"free:{name}" not in self.codes and name not in self.codes:
            self.shown.append(Choice(f"new:{name}", "", ""))
            prompts.append(Option(f"[i]+ new free code [b]{name}[/b] (added to codebook.yaml)[/i]"))
        options.add_options(prompts)
        hint = self.query_one(".hint", Static)
        if prompts and (not query.strip() or not ranked or ranked[0][0] >= 90):
            options.highlighted = 0
            hint.update("↑↓ choose · Enter apply · Esc cancel")
        elif prompts:
            # only near misses (or nothing) match: Enter must not apply a code the coder did not mean
            options.highlighted = None
            hint.update("no exact match: ↓ to choose one · Esc cancel")
        else:
            options.add_option(Option(f"[dim]nothing matches '{_escape(query)}'[/dim]", disabled=True))

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._pick()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option_index)

    def _pick(self, index: int | None = None) -> None:
        options = self.query_one(OptionList)
        index = options.highlighted if index is None else index
        if index is None or not self.shown:
            self.app.bell()
            return
        self.dismiss(self.shown[index].code)

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if not self.shown:
            return
        current = options.highlighted
        target = (0 if step > 0 else len(self.shown) - 1) if current is None else current + step
        options.highlighted = min(max(target, 0), len(self.shown) - 1)


def new_code_name(query: str) -> str:
    """The free code name a query would make: ``Family support`` -> ``family-support``."""
    import re

    return re.sub(r"[^a-z0-9_]+", "-", query.strip().lower().removeprefix("free:").lstrip("+")).strip("-_")[:64]


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


class MemoEditor(ModalScreen[str | None]):
    """Write or change the memo of an excerpt. Ctrl+S saves, Esc cancels."""

    BINDINGS = [Binding("ctrl+s", "save", "Save"), Binding("escape", "dismiss(None)", "Cancel")]
    DEFAULT_CSS = """
    MemoEditor { align: center middle; }
    MemoEditor > Vertical { width: 90%; max-width: 100; height: 70%; max-height: 20;
                            border: round $accent; background: $panel; padding: 0 1; }
    MemoEditor TextArea { height: 1fr; }
    MemoEditor .hint { color: $text-muted; }
    """

    def __init__(self, memo: str, title: str) -> None:
        super().__init__()
        self.memo = memo
        self.heading = title

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.heading)
            yield TextArea(self.memo, soft_wrap=True)
            yield Static("Ctrl+S save · Esc cancel", classes="hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text.strip())


class Prompt(ModalScreen[str | None]):
    """A one-line question at the bottom (search)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]
    DEFAULT_CSS = """
    Prompt { align: center bottom; }
    Prompt > Input { width: 100%; border: tall $accent; margin-bottom: 1; }
    """

    def __init__(self, placeholder: str, value: str = "") -> None:
        super().__init__()
        self.placeholder = placeholder
        self.value = value

    def compose(self) -> ComposeResult:
        yield Input(self.value, placeholder=self.placeholder)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)


class HelpScreen(ModalScreen[None]):
    """Every key, grouped."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss(None)", "Close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 100%; max-width: 80; height: 100%; border: round $accent;
                                  background: $panel; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(HELP_TEXT)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()


HELP_TEXT = """\
[b]The coding screen[/b]: every change is saved at once; u takes it back.

[b]Move[/b]
  ↓ ↑  j k       next / previous line
  PgDn PgUp      a screen down / up
  g G            top / bottom (also Home / End)
  ] \\[            next / previous speaker turn
  } {            next / previous turn with no codings yet
  e              next excerpt on this line, when passages overlap
  mouse          click a line; the wheel scrolls

[b]Select a passage[/b]
  v              select whole lines (then move), v again or Esc: drop
  w b            move the end of the selection a word on / back
  W B            move the start of the selection a word on / back
  mouse drag     select exactly the words you drag over

[b]Code[/b]
  c              apply a code: type part of a theory title, an element's
                 text, a tag such as "tr m1", or a free code. With a
                 selection it makes a new excerpt; without one it adds
                 the code to the excerpt under the cursor, or codes the
                 whole turn when there is none. Type a new name and pick
                 "new free code" to add one to codebook.yaml.
  s              stance: supports → refutes → refines
  m              the excerpt's memo (Ctrl+S saves, Esc cancels)
  d              delete the excerpt
  u  Ctrl+R      undo / redo (on disk too)

[b]Find and filter[/b]
  /  n N         search the transcript; next / previous match
  f              show one theory's codings only (f, Esc: all again)
  Tab            move between the transcript and the code tree. In the
                 tree, Enter on a theory filters to it; on an element
                 or a free code it goes to the next excerpt coded so

[b]Reading the screen[/b]
  Shaded passages are your codings, in their theory's colour; underlined
  ones are another coder's (you can see them, not change them). The margin
  shows the codes: "TR C1 M1" is theory TR with elements C1 and M1 (the
  tags are in the code tree); ✗ refutes, ~ refines.

  ?  help (Esc closes)     q  quit: nothing is ever left unsaved
"""
