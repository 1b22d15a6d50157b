#!/usr/bin/env bash
# A scripted week with mentorlog, as someone drives it from shell aliases and cron:
# every command gets --no-input, nothing reads a terminal, and every read is run twice,
# once for people and once with --json, whose output must load as JSON.
#
# Run by tests/test_week_script.py with stdin from /dev/null; by hand:
#     PATH=.venv/bin:$PATH bash tests/scripts/week.sh
# It works in a temporary home of its own and removes it afterwards.
set -euo pipefail
shopt -s expand_aliases

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export MENTORLOG_HOME="$work/home" XDG_CACHE_HOME="$work/cache" NO_COLOR=1 COLUMNS=100
export EDITOR=true # `config edit` asks for an editor by name; `true` saves the file as it is
unset VISUAL MENTORLOG_EDITOR MENTORLOG_PAGER MENTORLOG_DEBUG
export GIT_AUTHOR_NAME=Sam GIT_AUTHOR_EMAIL=sam@example.com
export GIT_COMMITTER_NAME=Sam GIT_COMMITTER_EMAIL=sam@example.com

# What a person keeps in ~/.bashrc: an alias, and a function for JSON (which goes last).
alias ml='mentorlog'
mlj() { mentorlog "$@" --json; }

# jq when it is there, else Python's own checker: either way the JSON must load.
if command -v jq >/dev/null; then
    loads() { jq -e . >/dev/null; }
else
    loads() { python3 -m json.tool >/dev/null; }
fi

# `read ARGS`: a read command, for people and then as JSON (which must load).
reads() {
    mentorlog "$@" --no-input >/dev/null
    mentorlog "$@" --no-input --json | loads
}

# `pick KEY...` walks the JSON on stdin (inside the envelope's "data") to one value.
pick() {
    python3 -c '
import json, sys
value = json.load(sys.stdin)["data"]
for key in sys.argv[1:]:
    value = value[int(key)] if isinstance(value, list) else value[key]
print(value)' "$@"
}

day() {
    export MENTORLOG_TODAY=$1
    echo "== $1"
}

day 2026-03-02 # Monday: two new pairings, direction, goals, the agreement
ml config set name Sam --no-input
ml config set default_cadence weekly --no-input
reads config get name
reads config list
ml config edit --no-input
ml config unset default_cadence --no-input
mlj new-relationship "Grace Hopper" --role mentee --cadence weekly \
    --purpose "grow into compiler work" --area compilers --area leadership \
    --hopes "learn to give talks" --no-input | loads
ml new-relationship "Alan Kay" --role mentor --cadence biweekly --area design --no-input
ml rapport grace-hopper --common-ground "we both like sailing" --no-input
ml direction grace-hopper --aspirations "lead a compiler team" --goal "Give a talk" --no-input
goal=$(mlj goal add grace-hopper "Ship a parser" --why "my first real one" \
    --target "in 3 weeks" --no-input | pick goal id)
talk=$(mlj goal list grace-hopper --no-input | pick 0 id)
reads goal list
mentorlog --no-input goal list >/dev/null # the flag before the command, as an alias puts it
ml agreement grace-hopper --agreed today --no-input >/dev/null
reads agreement grace-hopper
ml agreement grace-hopper --markdown --no-input >/dev/null
ml agreement grace-hopper -o "$work/agreement.md" --no-input
ml network want "public speaking" finance --no-input
ml network unwant finance --no-input
reads network
reads list
reads show grace-hopper
ml edit grace-hopper --channel video --no-input

day 2026-03-03 # Tuesday: the first session, and its recap
recap=$(mlj recap grace-hopper --minutes 45 --summary "Parsers, and the talk" \
    --takeaway "start from the grammar" --decision "talk at the March meetup" \
    --action "send the outline @me due:friday" --action "review the outline @partner due:+10d" \
    --action "book the room @both due:thursday" --progress "$goal=20" --no-input)
session=$(pick recap id <<<"$recap")
outline=$(pick created 0 id <<<"$recap")
room=$(pick created 2 id <<<"$recap")
reads actions
reads actions grace-hopper --mine
reads recaps
reads read "$session"
reads log grace-hopper
ml goal update "$goal" --progress 35 --note "the lexer works" --no-input
reads read "$goal"

day 2026-03-04 # Wednesday: follow through, renegotiate, check in
ml done "$outline" --no-input
ml renegotiate "$room" --due "next tuesday" --text "book a bigger room" --no-input
reads read "$room"
ml checkin grace-hopper --rate articulation=4 --rate listening=5 --rate respect=5 \
    --rate goal_clarity=3 --rate challenge=2 --rate self_awareness=4 \
    --rate learning=4 --rate reflection=3 --note challenge="could stretch more" --no-input
reads health
reads health grace-hopper
reads seasons grace-hopper

day 2026-03-05 # Thursday: reflect, and give Alan a season off
reads reflect --list-sets
reads reflect grace-hopper --suggest
entry=$(mlj reflect grace-hopper --set after-session --answer "the grammar first" \
    --answer "" --answer "book the room" --no-input | pick id)
ml reflect --set gratitude --answer "her patience" --no-input
reads journal
reads journal grace-hopper --set after-session
reads read "$entry"
ml pause alan-kay --until "in 3 weeks" --no-input
reads list --status all
ml resume alan-kay --no-input

day 2026-03-06 # Friday: get ready for next week
reads prep grace-hopper
ml prep grace-hopper --markdown --no-input >/dev/null
reads due
status=0
ml due --quiet --no-input || status=$?
[[ $status -eq 0 || $status -eq 3 ]] || { echo "due --quiet exited $status" >&2; exit 1; }
ml reindex --no-input
reads search "grammar"
reads search "room" --rel grace-hopper --kind commitment
ml journey add "Gave my first talk" --date "last friday" --why "I was scared" --no-input
reads journey

day 2026-03-07 # Saturday: tidy up
ml goal done "$talk" --no-input
ml goal drop "$goal" --no-input
dropped=$(mlj delete commitment "$room" --yes --no-input | pick id)
reads trash
ml restore "$dropped" --no-input
ml close alan-kay --drop-open --achieved "a design review habit" --thanks "your time" --no-input
reads doctor

day 2026-03-08 # Sunday: back up, move, keep in git
ml export --format json -o "$work/journal.json" --no-input
ml export grace-hopper --shared -o "$work/grace.md" --no-input
mlj export --format ics -o "$work/mentoring.ics" --no-input | loads
ml export --format site -o "$work/site" --no-input
ml export --format json --no-input | loads # the export itself, on stdout
MENTORLOG_HOME="$work/elsewhere" ml import "$work/journal.json" --dry-run --no-input
MENTORLOG_HOME="$work/elsewhere" mlj import "$work/journal.json" --no-input | loads
MENTORLOG_HOME="$work/elsewhere" reads show grace-hopper
ml migrate --dry-run --no-input
ml home --no-input >/dev/null
ml help recap --no-input >/dev/null
if command -v git >/dev/null; then
    mlj init --git --no-input | loads
    ml git --no-input status --short
    mlj sync --no-input | loads # no remote yet: it says so and asks nothing
fi
# git's merge driver, as git would run it on two machines' versions of a file
for side in base ours theirs; do cp "$MENTORLOG_HOME/network.toml" "$work/$side.toml"; done
ml merge-file "$work/base.toml" "$work/ours.toml" "$work/theirs.toml" network.toml --no-input
echo "== a week, unattended"
