"""Build a synthetic mentorlog home: about ten years of an active mentor's notes.

    python benchmarks/make_store.py /tmp/bench-home            # 50 x 10,000 recaps
    python benchmarks/make_store.py /tmp/bench-1k --recaps 1000

It writes the files directly in the documented format (docs/FORMAT.md), without going
through mentorlog, so a big store takes seconds, not hours. Everything is drawn from one
seeded random generator: the same options make the same files, ids included. Dates end at
--today (default 2026-12-01); run mentorlog on it with MENTORLOG_TODAY set to that day.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import tomli_w
import words

TODAY = date(2026, 12, 1)
ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford base32, as core/ids.py
CADENCES = {"weekly": 7, "biweekly": 14, "every 3 weeks": 21, "monthly": 30}
QUALITIES = (
    "articulation", "listening", "respect", "goal_clarity", "challenge", "self_awareness",
    "learning", "reflection",
)  # fmt: skip
Layout = Literal["split", "lists"]
Entity = dict[str, Any]
# keys in the order mentorlog writes them (the models' field order), so diffs stay small
GOAL_KEYS = (
    "id", "title", "why", "success", "target", "status", "progress", "created", "closed",
    "history",
)  # fmt: skip
ACTION_KEYS = ("id", "text", "owner", "due", "status", "created", "closed", "recap")


def ordered(entity: Entity, keys: tuple[str, ...]) -> Entity:
    return {key: entity[key] for key in keys if key in entity}


@dataclass(frozen=True)
class Sizes:
    relationships: int = 50
    recaps: int = 10_000
    reflections: int = 2_000
    checkins: int = 500
    milestones: int = 30
    seed: int = 9
    today: date = TODAY


@dataclass
class Counts:
    files: int = 0
    recaps: int = 0
    commitments: int = 0
    goals: int = 0


@dataclass
class Writer:
    """Writes files as mentorlog does: folders 0700, files 0600, UTF-8 with `\\n`."""

    home: Path
    layout: Layout
    counts: Counts = field(default_factory=Counts)
    lists: dict[Path, list[Entity]] = field(default_factory=dict)

    def text(self, path: Path, content: str) -> None:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(content)
        self.counts.files += 1

    def toml(self, path: Path, data: Entity) -> None:
        self.text(path, tomli_w.dumps({"schema_version": 1, **data}, multiline_strings=True))

    def document(self, path: Path, front: Entity, body: str) -> None:
        head = tomli_w.dumps({"schema_version": 1, **front})  # one line per string
        self.text(path, f"+++\n{head}+++\n\n{body}\n" if body else f"+++\n{head}+++\n")

    # -- one small function per kind of entity file --------------------------------------
    def goal(self, folder: Path, goal: Entity) -> None:
        goal = ordered(goal, GOAL_KEYS)
        if self.layout == "split":
            self.toml(folder / "goals" / f"{goal['id']}.toml", goal)
        else:
            self.lists.setdefault(folder / "goals.toml", []).append(goal)
        self.counts.goals += 1

    def commitment(self, folder: Path, action: Entity) -> None:
        action = ordered(action, ACTION_KEYS)
        if self.layout == "split":
            self.toml(folder / "commitments" / f"{action['id']}.toml", action)
        else:
            self.lists.setdefault(folder / "actions.toml", []).append(action)
        self.counts.commitments += 1

    def milestone(self, milestone: Entity) -> None:
        if self.layout == "split":
            self.toml(self.home / "journey" / f"{milestone['id']}.toml", milestone)
        else:
            self.lists.setdefault(self.home / "journey.toml", []).append(milestone)

    def finish(self) -> None:
        """The v2 layout's shared files (`goals.toml`, `actions.toml`, `journey.toml`)."""
        keys = {"goals.toml": "goals", "actions.toml": "actions", "journey.toml": "milestones"}
        for path, entries in self.lists.items():
            self.toml(path, {keys[path.name]: entries})


class Ids:
    """Ids as mentorlog mints them (a kind letter, ten Crockford base32 characters),
    drawn from the seeded generator, never twice."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.seen: set[str] = set()

    def __call__(self, letter: str) -> str:
        while True:
            made = letter + "".join(self.rng.choices(ALPHABET, k=10))
            if made not in self.seen:
                self.seen.add(made)
                return made


@dataclass
class Pairing:
    """One relationship as planned: who, when, and what became of it."""

    slug: str
    folder: Path
    partner: str
    role: str
    status: str
    started: date
    end: date  # the last day it could have met
    cadence: str
    areas: list[str]
    recap_days: list[date] = field(default_factory=list)


class Builder:
    def __init__(self, home: Path, sizes: Sizes, layout: Layout) -> None:
        self.sizes, self.today = sizes, sizes.today
        self.rng = random.Random(sizes.seed)
        self.ids = Ids(self.rng)
        self.out = Writer(home, layout)
        self.home = home

    def build(self) -> Counts:
        marker = {"schema_version": 2, "migrations": migrations()}  # the home's format
        self.out.text(self.home / "mentorlog.toml", tomli_w.dumps(marker))
        pairings = self.plan()
        shares = spread(self.sizes.recaps, len(pairings))
        for pairing, count in zip(pairings, shares, strict=True):
            pairing.recap_days = self.days(pairing.started, pairing.end, count)
            Relationship(self, pairing).write()
        self.checkins(pairings)
        self.reflections(pairings)
        self.network()
        self.journey()
        self.out.finish()
        return self.out.counts

    def plan(self) -> list[Pairing]:
        pairings: list[Pairing] = []
        taken: set[str] = set()
        for index in range(self.sizes.relationships):
            partner = f"{self.rng.choice(words.FIRST)} {self.rng.choice(words.LAST)}"
            slug = words.slugify(partner)
            slug = slug if slug not in taken else f"{slug}-{index}"
            taken.add(slug)
            status = {3: "paused", 7: "closed"}.get(index % 10, "active")
            started = self.today - timedelta(days=self.rng.randint(400, 3650))
            span = (self.today - started).days
            end = {
                "closed": started + timedelta(days=span * 7 // 10),
                "paused": self.today - timedelta(days=40),
            }.get(status, self.today - timedelta(days=self.rng.randint(0, 10)))
            folder = self.home / "relationships" / f"{slug}.{self.ids('p')}"
            pairings.append(
                Pairing(
                    slug=slug,
                    folder=folder,
                    partner=partner,
                    role=("mentor", "mentee", "peer")[index % 3],
                    status=status,
                    started=started,
                    end=end,
                    cadence=list(CADENCES)[index % len(CADENCES)],
                    areas=self.rng.sample(words.AREAS, 2),
                )
            )
        return pairings

    def days(self, start: date, end: date, count: int) -> list[date]:
        """`count` meeting days after `start`, the last on `end`: one a day while there
        is room."""
        span = max(1, (end - start).days)
        offsets = (
            self.rng.sample(range(1, span + 1), count)
            if count <= span
            else self.rng.choices(range(1, span + 1), k=count)
        )
        days = [start + timedelta(days=offset) for offset in sorted(offsets)]
        return [*days[:-1], end] if days and days[-1] < end else days  # met lately

    def checkins(self, pairings: list[Pairing]) -> None:
        for number in range(self.sizes.checkins):
            pairing = pairings[number % len(pairings)]
            day = self.between(pairing.started, pairing.end)
            rated = self.rng.sample(QUALITIES, self.rng.randint(3, 8))
            data: Entity = {"date": day, "ratings": {q: self.rng.randint(2, 5) for q in rated}}
            if self.rng.random() < 0.4:
                data["notes"] = {rated[0]: words.sentence(self.rng)}
            name = f"{day.isoformat()}-{self.ids('h')}.toml"
            self.out.toml(pairing.folder / "checkins" / name, data)

    def reflections(self, pairings: list[Pairing]) -> None:
        sets = prompt_sets()
        for _ in range(self.sizes.reflections):
            name, title, questions = self.rng.choice(sets)
            pairing = self.rng.choice(pairings)
            about = pairing.slug if self.rng.random() < 0.7 else ""
            day = self.between(pairing.started, pairing.end) if about else self.any_day()
            entries = [
                {"question": q, "answer": words.paragraphs(self.rng, 1, 1)}
                if self.rng.random() < 0.85
                else {"question": q, "answer": ""}
                for q in questions
            ]
            front = {"date": day, "set": name, "title": title, "relationship": about}
            front["entries"] = entries
            body = words.sentence(self.rng) if self.rng.random() < 0.3 else ""
            stem = f"{day.isoformat()}-{name}-{self.ids('f')}"
            self.out.document(self.home / "reflections" / f"{stem}.md", front, body)

    def network(self) -> None:
        self.out.toml(self.home / "network.toml", {"wants": self.rng.sample(words.AREAS, 6)})

    def journey(self) -> None:
        for _ in range(self.sizes.milestones):
            day = self.any_day() - timedelta(days=self.rng.randint(0, 3650))
            title = self.rng.choice(words.MILESTONES)
            milestone = {"id": self.ids("m"), "date": day, "title": title}
            self.out.milestone({**milestone, "why": words.sentence(self.rng)})

    def between(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def any_day(self) -> date:
        return self.today - timedelta(days=self.rng.randint(0, 3650))


class Relationship:
    """One relationship's files: relationship.toml, its recaps with the commitments they
    made and closed, its goals with the progress recorded, an agreement."""

    GOALS_AT_ONCE = 3

    def __init__(self, builder: Builder, pairing: Pairing) -> None:
        self.b, self.p = builder, pairing
        self.rng = builder.rng
        self.open_actions: list[Entity] = []
        self.open_goals: list[Entity] = []

    def write(self) -> None:
        for day in self.p.recap_days:
            self.recap(day)
        last = self.p.recap_days[-1] if self.p.recap_days else self.p.end
        if self.p.status == "closed":
            self.close_open(last)
        for entity in self.open_actions:
            self.b.out.commitment(self.p.folder, entity)
        for goal in self.open_goals:
            self.b.out.goal(self.p.folder, goal)
        self.relationship(last)
        if self.rng.random() < 0.5:
            agreed = {"agreed": self.p.started + timedelta(days=14)}
            self.b.out.document(self.p.folder / "agreement.md", agreed, "")

    def recap(self, day: date) -> None:
        recap_id = f"{day.isoformat()}-{self.b.ids('s')}"
        done = self.close_some(day)
        made = [self.commit(day, recap_id) for _ in range(self.rng.choice((0, 1, 1, 1, 2, 2, 3)))]
        front: Entity = {"date": day}
        if self.rng.random() < 0.8:
            front["minutes"] = self.rng.choice((30, 45, 45, 60, 50, 90))
        front["takeaways"] = self.rng.sample(words.TAKEAWAYS, self.rng.randint(0, 2))
        front["decisions"] = self.rng.sample(words.DECISIONS, self.rng.randint(0, 1))
        front["actions_created"] = [a["id"] for a in made]
        front["actions_done"] = done
        front["progress"] = self.progress(day, recap_id)
        front["next"] = day + timedelta(days=CADENCES[self.p.cadence])
        body = words.paragraphs(self.rng, 2, 3)
        self.b.out.document(self.p.folder / "recaps" / f"{recap_id}.md", front, body)
        self.b.out.counts.recaps += 1

    def commit(self, day: date, recap_id: str) -> Entity:
        action: Entity = {"id": self.b.ids("a"), "text": words.commitment(self.rng)}
        action["owner"] = self.rng.choice(("me", "me", "partner", "both"))
        if self.rng.random() < 0.5:
            action["due"] = day + timedelta(days=14)
        action.update(status="open", created=day, recap=recap_id)
        self.open_actions.append(action)
        return action

    def close_some(self, day: date) -> list[str]:
        """Most commitments are done by the next session or the one after; a few are
        dropped; the rest stay open. Closed ones are written now, open ones at the end."""
        done: list[str] = []
        still_open: list[Entity] = []
        for action in self.open_actions:
            roll = self.rng.random()
            if roll < 0.6:
                done.append(action["id"])
                self.b.out.commitment(self.p.folder, {**action, "status": "done", "closed": day})
            elif roll < 0.65:
                self.b.out.commitment(self.p.folder, {**action, "status": "dropped", "closed": day})
            else:
                still_open.append(action)
        self.open_actions = still_open
        return done

    def progress(self, day: date, recap_id: str) -> dict[str, int]:
        if len(self.open_goals) < self.GOALS_AT_ONCE and self.rng.random() < 0.1:
            self.open_goals.append(self.new_goal(day))
        if not self.open_goals or self.rng.random() < 0.5:
            return {}
        goal = self.rng.choice(self.open_goals)
        goal["progress"] = min(100, goal["progress"] + self.rng.randint(5, 25))
        goal["history"].append(
            {"date": day, "progress": goal["progress"], "note": f"recap {recap_id}"}
        )
        if goal["progress"] == 100:
            self.open_goals.remove(goal)
            self.b.out.goal(self.p.folder, {**goal, "status": "achieved", "closed": day})
        return {goal["id"]: goal["progress"]}

    def new_goal(self, day: date) -> Entity:
        goal: Entity = {"id": self.b.ids("g"), "title": words.goal_title(self.rng)}
        goal.update(why=words.sentence(self.rng), success=words.sentence(self.rng))
        if self.rng.random() < 0.4:
            goal["target"] = day + timedelta(days=180)
        goal.update(status="open", progress=0, created=day, history=[])
        return goal

    def close_open(self, day: date) -> None:
        for action in self.open_actions:
            self.b.out.commitment(self.p.folder, {**action, "status": "dropped", "closed": day})
        for goal in self.open_goals:
            self.b.out.goal(self.p.folder, {**goal, "status": "dropped", "closed": day})
        self.open_actions, self.open_goals = [], []

    def relationship(self, last: date) -> None:
        p = self.p
        data: Entity = {"slug": p.slug, "partner": p.partner, "role": p.role}
        data.update(status=p.status, phase="progress", started=p.started)
        data.update(purpose=words.sentence(self.rng), context="the department's program")
        data.update(cadence=p.cadence, channel=self.rng.choice(("video", "in person")))
        data["areas"] = p.areas
        history = [
            {"date": p.started, "event": "started", "detail": f"{p.role} with {p.partner}"},
            {"date": p.started + timedelta(days=7), "event": "phase", "detail": "direction"},
            {"date": p.started + timedelta(days=21), "event": "phase", "detail": "progress"},
        ]
        if p.status == "paused":
            data["paused_until"] = self.b.today + timedelta(days=30)
            history.append({"date": last + timedelta(days=1), "event": "paused", "detail": ""})
        data["rapport"] = {"background": words.paragraphs(self.rng, 1, 1), "norms": "be candid"}
        data["direction"] = {"aspirations": words.sentence(self.rng)}
        if p.status == "closed":
            data["closing"] = {"date": last, "achieved": words.sentence(self.rng)}
            history.append({"date": last, "event": "closed", "detail": "by agreement"})
        data["history"] = history
        self.b.out.toml(p.folder / "relationship.toml", data)


def spread(total: int, parts: int) -> list[int]:
    """`total` split into `parts` nearly equal shares."""
    return [total // parts + (1 if index < total % parts else 0) for index in range(parts)]


def migrations() -> list[str]:
    """The migrations this mentorlog knows: a new home has had them all."""
    from mentorlog.core.migrations import NAMES

    return list(NAMES)


def prompt_sets() -> list[tuple[str, str, list[str]]]:
    """(name, title, questions) of each prompt set shipped with mentorlog."""
    found = []
    for item in sorted(resources.files("mentorlog").joinpath("prompts").iterdir(), key=str):
        data = tomllib.loads(item.read_text(encoding="utf-8"))
        found.append((data["name"], data["title"], [q["text"] for q in data["questions"]]))
    return found


def installed_layout() -> Layout:
    """`split` when this mentorlog keeps one file per goal and commitment (issue 8's
    store-v2 section 9), else `lists` (goals.toml, actions.toml, journey.toml)."""
    from mentorlog.core import layout

    names = {value for value in vars(layout).values() if isinstance(value, str)}
    return "split" if "commitments" in names else "lists"


def count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of 0 or more")
    return int(text)


def parse(argv: list[str] | None) -> tuple[Path, Sizes, Layout]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("home", type=Path, help="where to build it (must be new or empty)")
    defaults = Sizes()
    for name in ("relationships", "recaps", "reflections", "checkins", "milestones", "seed"):
        default = getattr(defaults, name)
        parser.add_argument(
            f"--{name}", type=count, default=default, metavar="N", help=f"{default}"
        )
    parser.add_argument(
        "--today", type=date.fromisoformat, default=TODAY, metavar="DATE", help="2026-12-01"
    )
    parser.add_argument(
        "--layout",
        choices=("split", "lists"),
        help="one file per goal and commitment, or goals.toml and actions.toml "
        "(default: what the installed mentorlog reads)",
    )
    args = parser.parse_args(argv)
    sizes = Sizes(
        relationships=max(1, args.relationships),
        recaps=args.recaps,
        reflections=args.reflections,
        checkins=args.checkins,
        milestones=args.milestones,
        seed=args.seed,
        today=args.today,
    )
    return args.home, sizes, args.layout or installed_layout()


def main(argv: list[str] | None = None) -> int:
    home, sizes, layout = parse(argv)
    if home.exists() and (not home.is_dir() or any(home.iterdir())):
        print(f"error: {home} is not an empty folder; give a new one", file=sys.stderr)
        return 2
    os.umask(0o077)  # the home is private: folders 0700, files 0600
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    started = time.perf_counter()
    counts = Builder(home, sizes, layout).build()
    print(
        f"built {home} ({layout} layout) in {time.perf_counter() - started:.1f} s: "
        f"{sizes.relationships} relationships, {counts.recaps} recaps, "
        f"{counts.commitments} commitments, {counts.goals} goals, {sizes.reflections} "
        f"reflections, {sizes.checkins} check-ins; {counts.files} files. "
        f"Use MENTORLOG_TODAY={sizes.today.isoformat()}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
