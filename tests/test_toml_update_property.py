"""Property: comments a person adds anywhere survive any update mentorlog makes, and the
updated file reads back as exactly the new data (issue 7, hole 5)."""

from __future__ import annotations

import re
import tomllib
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorlog.core.files import dump_toml, model_to_toml, updated_toml
from mentorlog.core.models import Goal, GoalNote, GoalsFile

WORDS = st.text(alphabet="abcdefgh xyz", min_size=1, max_size=12).filter(str.strip)
TEXT = st.lists(WORDS, min_size=1, max_size=3).map("\n".join)  # sometimes several lines
DAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def goals_files(draw: st.DrawFn) -> GoalsFile:
    count = draw(st.integers(0, 5))
    goals = [
        Goal(
            id=f"g{n + 1}",
            title=draw(TEXT),
            progress=draw(st.integers(0, 100)),
            created=draw(DAYS),
            why=draw(st.one_of(st.just(""), TEXT)),
            history=[
                GoalNote(date=draw(DAYS), note=draw(WORDS)) for _ in range(draw(st.integers(0, 2)))
            ],
        )
        for n in range(count)
    ]
    return GoalsFile(goals=goals)


KEY_LINE = re.compile(r'^[a-z_]+ = (?:\d+|\d{4}-\d\d-\d\d|"[^"\\]*")$')
ELEMENT_LINE = re.compile(r"^    \{.*\},$")
PLACE = re.compile(r"^(?:[a-z_]+ = |\[\[goals\]\])")


def with_comments(text: str, picks: list[int]) -> tuple[str, dict[str, str | None]]:
    """Comments above key lines and headers and at the end of plain lines, each `# cN`;
    returns the text and, for each comment, the goal id whose body holds it (or None)."""
    out: list[str] = []
    owner: dict[str, str | None] = {}
    current: str | None = None
    for number, line in enumerate(text.split("\n")):
        mode = picks[number % len(picks)] if picks else 0
        if line.startswith("id = "):
            current = tomllib.loads(line)["id"]
        if mode == 1 and PLACE.match(line):
            # a comment above a header belongs to no entry's body: it must always survive
            owner[f"# c{number}a"] = None if line.startswith("[[") or current is None else current
            out.append(f"# c{number}a")
        if mode == 2 and (KEY_LINE.match(line) or ELEMENT_LINE.match(line)):
            owner[f"# c{number}b"] = current
            line = f"{line}  # c{number}b"
        out.append(line)
    return "\n".join(out), owner


@st.composite
def changes(draw: st.DrawFn, before: GoalsFile) -> GoalsFile:
    after = before.model_copy(deep=True)
    for goal in after.goals:
        if draw(st.booleans()):
            goal.progress = draw(st.integers(0, 100))
        if draw(st.booleans()):
            goal.history.append(GoalNote(date=draw(DAYS), note=draw(WORDS)))
        if draw(st.booleans()):
            goal.title = draw(TEXT)
        if draw(st.booleans()):
            goal.closed = draw(DAYS)
    if draw(st.booleans()) and after.goals:
        del after.goals[draw(st.integers(0, len(after.goals) - 1))]
    for n in range(draw(st.integers(0, 2))):
        after.goals.append(Goal(id=f"g{100 + n}", title=draw(TEXT), created=draw(DAYS)))
    return after


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_comments_survive_any_update_and_the_data_is_exact(data: st.DataObject) -> None:
    before = data.draw(goals_files())
    picks = data.draw(st.lists(st.integers(0, 2), min_size=1, max_size=7))
    text, owner = with_comments(dump_toml(model_to_toml(before)), picks)
    if data.draw(st.booleans()):  # a person leaves out keys that hold their default
        text = re.sub(r'(?m)^(why = ""|success = ""|status = "open"|history = \[\])\n', "", text)
    assert GoalsFile.model_validate(tomllib.loads(text)) == before
    after = data.draw(changes(before))

    updated = updated_toml(text, model_to_toml(after), model=GoalsFile)

    assert updated is not None, "the update fell back to a fresh write"
    assert GoalsFile.model_validate(tomllib.loads(updated)) == after
    kept_ids = {goal.id for goal in after.goals}
    for comment, goal_id in owner.items():
        if goal_id is None or goal_id in kept_ids:
            assert comment in updated, f"{comment} was lost:\n{text}\n----\n{updated}"


def test_an_unchanged_file_is_left_byte_for_byte() -> None:
    text = '# mine\nschema_version = 1   # odd spacing kept\n\n[[goals]]\nid = "g1"\n'
    text += "title = 'literal'  # mine too\nwhy = ''\nsuccess = ''\nstatus = 'open'\n"
    text += "progress = 0\ncreated = 2026-01-01\nhistory = [ ]\n"
    goals = GoalsFile.model_validate(tomllib.loads(text))
    assert updated_toml(text, model_to_toml(goals)) == text
