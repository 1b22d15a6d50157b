"""The command table: each command's name, where it lives, its help panel and one-line help.

A command's module is imported only when that command runs (or its own --help is asked
for): `mentorlog due` loads the `due` module, not the fifteen others. The top-level
`--help` lists every command from this table alone, so the one-line help here must match
the first paragraph of the command's docstring (a test checks it).

To add a command: one line below, `"name": Lazy("module:attribute", PANEL, "One line.")`,
where the attribute is the command's function or, for a group of subcommands, its
`typer.Typer` app. The table imports nothing, so it costs nothing to start.
"""

from __future__ import annotations

from typing import NamedTuple


class Lazy(NamedTuple):
    target: str  # "module:attribute" under mentorlog.cli
    panel: str | None  # the --help panel; None for a hidden command
    summary: str  # the one line `mentorlog --help` shows
    settings: str | None = None  # the name of the module's context settings, if any

    @property
    def hidden(self) -> bool:
        return self.panel is None


# The help screen groups commands by the moment you reach for them.
START = "Start and set direction"
SESSION = "Around every session"
SEASONS = "Seasons of a relationship"
LOOK = "Reflect and look back"
DATA = "Your data"
HIDDEN = None

# fmt: off
COMMANDS: dict[str, Lazy] = {
    "new-relationship": Lazy("relationship:new_relationship", START, "Start a new mentoring relationship and get to know each other (rapport)."),  # noqa: E501
    "list": Lazy("relationship:list_relationships", START, "List your relationships."),
    "show": Lazy("relationship:show", START, "Show everything recorded for one relationship."),
    "edit": Lazy("relationship:edit", START, "Change recorded fields; with no options, open the file in $VISUAL or $EDITOR."),  # noqa: E501
    "rapport": Lazy("relationship:rapport", START, "Revisit the rapport questions; your earlier answers are the defaults."),  # noqa: E501
    "direction": Lazy("direction:direction", START, "Set direction: aspirations, where things stand, strengths, and a few goals."),  # noqa: E501
    "agreement": Lazy("agreement:agreement", START, "The partnership agreement: purpose, goals, roles, meetings, confidentiality, ending."),  # noqa: E501
    "goal": Lazy("goal:app", START, "Set goals for a relationship and track progress towards them."),  # noqa: E501
    "prep": Lazy("prep:prep", SESSION, "Prepare for your next session: what happened since, what is open, what to ask."),  # noqa: E501
    "recap": Lazy("recap:recap", SESSION, "Recap a session: what you discussed, took away, decided and promised."),  # noqa: E501
    "actions": Lazy("actions:actions", SESSION, "List commitments; overdue ones stand out."),
    "done": Lazy("actions:done", SESSION, "Mark commitments done."),
    "renegotiate": Lazy("actions:renegotiate", SESSION, "Change a commitment's terms or drop it, openly, instead of letting it slide."),  # noqa: E501
    "due": Lazy("due:due", SESSION, "Who you are due to meet, and which commitments are overdue."),
    "log": Lazy("log:log", SESSION, "The relationship's timeline: start, phases, meetings, goals, pauses, close."),  # noqa: E501
    "pause": Lazy("lifecycle:pause", SEASONS, "Pause a relationship for a season. Nothing is lost; `resume` picks it up."),  # noqa: E501
    "resume": Lazy("lifecycle:resume", SEASONS, "Resume a paused relationship (or reopen a closed one)."),  # noqa: E501
    "close": Lazy("lifecycle:close", SEASONS, "Close a relationship well: a no-fault ending with a short reflection."),  # noqa: E501
    "reflect": Lazy("reflect:reflect", LOOK, "Reflect with a set of guided questions; kept as Markdown in your journal."),  # noqa: E501
    "journal": Lazy("reflect:journal", LOOK, "List your reflections, newest last."),
    "read": Lazy("read:read", LOOK, "Read one entry back: a session's recap, a reflection, a check-in, a goal or a commitment."),  # noqa: E501
    "recaps": Lazy("recaps:recaps", LOOK, "List past sessions, oldest first: when, with whom, what about, what was promised."),  # noqa: E501
    "checkin": Lazy("health:checkin", LOOK, "Check in on the relationship's health: rate the eight qualities from 1 to 5."),  # noqa: E501
    "health": Lazy("health:health", LOOK, "The latest check-in ratings and how each quality is trending."),  # noqa: E501
    "seasons": Lazy("seasons:seasons", LOOK, "Meetings per month as a bar chart; silences over twice the cadence are marked."),  # noqa: E501
    "search": Lazy("search:search", LOOK, "Search everything you wrote: pairings, recaps, reflections, goals, commitments."),  # noqa: E501
    "reindex": Lazy("search:reindex", LOOK, "Build the search index again from your files (it lives in your cache folder)."),  # noqa: E501
    "network": Lazy("network:app", LOOK, "Your mentoring network: who covers which areas, and where the gaps are."),  # noqa: E501
    "journey": Lazy("journey:app", LOOK, "Your professional journey map: milestones, achieved goals, closed relationships."),  # noqa: E501
    "delete": Lazy("trash:delete", DATA, "Move something to the trash; `mentorlog restore` brings it back exactly."),  # noqa: E501
    "trash": Lazy("trash:trash", DATA, "List what you deleted; `--empty` deletes it for good."),
    "restore": Lazy("trash:restore", DATA, "Bring something back from the trash, exactly as it was. Nothing is overwritten."),  # noqa: E501
    "export": Lazy("export:export", DATA, "Export your journal (or one relationship) as Markdown, JSON, a calendar or a site."),  # noqa: E501
    "import": Lazy("importing:import_file", DATA, "Import a JSON export into this journal; nothing already here is overwritten."),  # noqa: E501
    "home": Lazy("home:home", DATA, "Print the folder where mentorlog keeps your data."),
    "doctor": Lazy("doctor:doctor", DATA, "Check every file in your data: broken or unknown files, privacy, leftovers."),  # noqa: E501
    "merge-file": Lazy("mergefile:merge_file", HIDDEN, "Merge two versions of a journal file, entry by entry (git's merge driver)."),  # noqa: E501
    "init": Lazy("git:init", DATA, "Keep your journal in git, to sync it between machines (see mentorlog sync)."),  # noqa: E501
    "sync": Lazy("sync:sync", DATA, "Commit your changes, bring in other machines', and send yours (git pull + push)."),  # noqa: E501
    "git": Lazy("git:git", DATA, "Run git inside your journal's folder (e.g. mentorlog git log).", "PASS_THROUGH"),  # noqa: E501
    "help": Lazy("help:help_command", DATA, "Show how to use mentorlog or one of its commands (the same as --help)."),  # noqa: E501
    "config": Lazy("config:app", DATA, "Your settings: your name, default role and cadence, editor, pager, dates, git."),  # noqa: E501
    "migrate": Lazy("migrate:migrate", DATA, "Upgrade your journal's files to the current format (a backup is kept first)."),  # noqa: E501
}
# fmt: on
