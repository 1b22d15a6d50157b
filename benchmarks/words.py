"""Words for the synthetic journal of benchmarks/make_store.py: names, sentences, answers.

Varied enough that a full-text search has something to rank (and accents to fold: Zoë,
Ångström), plain enough to read like a mentor's notes.
"""

from __future__ import annotations

import random
import unicodedata

FIRST = (
    "Ada", "Zoë", "José", "Björn", "Chloé", "Søren", "Núria", "François", "Łukasz", "Amara",
    "Renée", "Kwame", "Mei", "Ines", "Tomás", "Priya", "Oluwaseun", "Hana", "Mateo", "Aoife",
    "Dmitri", "Fatima", "Emeka", "Leilani", "Yusuf", "Astrid", "Rafael", "Noor", "Camille",
    "Jonas", "Siobhán", "Kenji", "Lucía", "Henrik", "Thandiwe", "Élodie", "Arjun", "Maren",
)  # fmt: skip
LAST = (
    "Lovelace", "Ångström", "Okafor", "García", "Müller", "Nakamura", "Dvořák", "Ferreira",
    "Kowalski", "Haddad", "Lindqvist", "O'Brien", "Mensah", "Rossi", "Park", "Nguyen",
    "Dubois", "Svensson", "Achebe", "Moreau", "Castillo", "Ibrahim", "Jansen", "Kaur",
)  # fmt: skip
AREAS = (
    "research", "writing", "public speaking", "leadership", "data science", "teaching",
    "grant writing", "career change", "negotiation", "management", "open source",
    "statistics", "project planning", "networking", "work-life balance", "design",
)  # fmt: skip
TOPICS = (
    "the grant proposal", "the conference talk", "a difficult colleague", "the promotion case",
    "the literature review", "feedback on the draft", "the team reorganisation",
    "time management", "the first paper", "the job market", "the budget review",
    "the hiring panel", "a failed experiment", "the teaching load", "the data pipeline",
    "the department seminar", "the thesis outline", "imposter feelings", "the new manager",
    "delegation", "the reading group", "the workshop plan", "saying no to extra work",
    "the open-source release", "the reviewer comments", "the five-year plan",
)  # fmt: skip
VERBS = (
    "talked through", "went back to", "mapped out", "questioned", "celebrated",
    "untangled", "rehearsed", "sketched", "compared notes on", "made a plan for",
)  # fmt: skip
FEELINGS = (
    "calmer", "more confident", "stuck", "energised", "a little overwhelmed", "curious",
    "relieved", "impatient", "hopeful", "tired but clear",
)  # fmt: skip
SENTENCES = (
    "We {verb} {topic}, and {name} asked what success would look like by spring.",
    "{name} shared a story about {topic} from early in their career.",
    "I left feeling {feeling}; the question about {topic} keeps coming back.",
    "We agreed that {topic} matters more than {topic2} this season.",
    "The honest answer on {topic} was that it is outside {name}'s expertise, so we listed "
    "who else to ask.",
    "Most of the hour went to {topic}; we only touched on {topic2} at the end.",
    "{name} suggested trying a small experiment with {topic} before the next meeting.",
    "We looked at the feedback on {topic} line by line and found two clear patterns.",
    "There was a good laugh about {topic2}, which made the harder part easier.",
    "I noticed I interrupted twice when we {verb} {topic}; listening is still a practice.",
    "We set a milestone for {topic}: a first version shared with {name} in two weeks.",
    "The mentorship feels {feeling} lately, and saying so out loud helped.",
    "{name} pointed out that {topic} and {topic2} are really the same question.",
)  # fmt: skip
COMMITMENTS = (
    "send the revised outline of {topic}", "read two papers on {topic}",
    "draft one page about {topic}", "ask {name} for an introduction about {topic}",
    "book a practice run of {topic}", "write down three options for {topic}",
    "share the slides for {topic}", "find a second mentor for {topic}",
    "block two mornings for {topic}", "email the committee about {topic}",
)  # fmt: skip
TAKEAWAYS = (
    "Start with the question, not the method", "Small weekly steps beat big pushes",
    "Ask for feedback earlier", "Say no to one thing this month",
    "Write it down before the meeting", "Name the goal out loud",
    "Progress is not linear", "Borrow structure from people who did it before",
)  # fmt: skip
DECISIONS = (
    "Meet every other week until the deadline", "Drop the side project for now",
    "Apply in the spring round", "Present the draft at the group meeting",
    "Keep the agreement as it is", "Move the next session to video",
)  # fmt: skip
GOALS = (
    "Publish the first paper", "Give a talk at a national conference", "Lead a small team",
    "Win a first grant", "Move into data science", "Teach a course of my own",
    "Build a wider network in {area}", "Get promoted to senior", "Finish the thesis",
    "Learn to negotiate a raise", "Ship the open-source release", "Mentor someone myself",
)  # fmt: skip
MILESTONES = (
    "First research job", "Finished the PhD", "First paper accepted", "Moved abroad",
    "First time leading a team", "Changed fields", "Gave the keynote", "Won the fellowship",
    "Started mentoring others", "Took a career break", "Joined the lab", "First grant",
)  # fmt: skip
_TO_ASCII = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "æ": "ae", "ß": "ss"})


def slugify(name: str) -> str:
    """`Zoë Ångström` -> `zoe-angstrom`, as mentorlog makes a slug from a partner's name."""
    plain = unicodedata.normalize("NFKD", name.translate(_TO_ASCII))
    ascii_only = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    words = "".join(c if c.isascii() and c.isalnum() else " " for c in ascii_only).split()
    return "-".join(words)[:60].strip("-")


def sentence(rng: random.Random) -> str:
    template = rng.choice(SENTENCES)
    topic, topic2 = rng.sample(TOPICS, 2)
    name = rng.choice(FIRST)
    verb, feeling = rng.choice(VERBS), rng.choice(FEELINGS)
    filled = template.format(topic=topic, topic2=topic2, name=name, verb=verb, feeling=feeling)
    return filled[0].upper() + filled[1:]


def paragraphs(rng: random.Random, low: int, high: int) -> str:
    count = rng.randint(low, high)
    return "\n\n".join(
        " ".join(sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(count)
    )


def commitment(rng: random.Random) -> str:
    return rng.choice(COMMITMENTS).format(topic=rng.choice(TOPICS), name=rng.choice(FIRST))


def goal_title(rng: random.Random) -> str:
    return rng.choice(GOALS).format(area=rng.choice(AREAS))
