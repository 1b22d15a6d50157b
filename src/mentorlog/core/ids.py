"""Ids made without a shared counter, so two machines never mint the same one.

An id is a kind letter and ten characters of lower-case Crockford base32 (`0-9a-z` without
`i l o u`): `a7fk2qm4x9`. Fifty random bits: two of 13,000 commitments share one with a
chance of about 1e-7, and the store draws again if a file already has it. People see and
type the shortest prefix that is unique (`a7f`); see docs/design/store-v2.md.

`MENTORLOG_ID_SEED` makes the draws repeatable, for tests that compare a store before and
after a command (the crash harness). `reseed()` starts the sequence again.
"""

from __future__ import annotations

import hashlib
import os
import random
import secrets

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford base32, lower case
LENGTH = 10  # characters after the kind letter

_seeded: random.Random | None = None


def reseed() -> None:
    """Read `MENTORLOG_ID_SEED` again and start its sequence from the top."""
    global _seeded
    seed = os.environ.get("MENTORLOG_ID_SEED", "")
    _seeded = random.Random(seed) if seed else None


reseed()


def mint(letter: str) -> str:
    """A fresh random id of one kind: `mint("a")` -> `a7fk2qm4x9`."""
    if _seeded is not None:
        return letter + "".join(_seeded.choice(ALPHABET) for _ in range(LENGTH))
    return letter + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def derived(letter: str, *facts: str) -> str:
    """An id made from facts that never change (used by migrations), so two clones that
    migrate the same history make the same id."""
    digest = hashlib.sha256("\x1f".join(facts).encode("utf-8")).digest()
    number = int.from_bytes(digest[:8], "big")
    chars = []
    for _ in range(LENGTH):
        number, index = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[index])
    return letter + "".join(chars)
