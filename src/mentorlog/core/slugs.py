"""Slugs name a relationship's folder: `[a-z0-9-]+`, so they can never leave the home."""

from __future__ import annotations

import re
import unicodedata

from mentorlog.core.errors import InvalidInput

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_LENGTH = 60


# Letters that Unicode does not decompose into a base letter and an accent.
_FOLD = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
     "ß": "ss", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "\u0131": "i"}
)  # fmt: skip


def slugify(text: str) -> str:
    """'Ada Lovelace' -> 'ada-lovelace'; accents folded, everything else becomes a dash."""
    plain = unicodedata.normalize("NFKD", text.translate(_FOLD))
    folded = plain.encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return slug[:MAX_LENGTH].rstrip("-")


def check_slug(slug: str) -> str:
    if not SLUG_RE.match(slug) or len(slug) > MAX_LENGTH:
        raise InvalidInput(
            f"'{slug}' is not a valid slug",
            "use lowercase letters, digits and dashes, e.g. ada-lovelace",
        )
    return slug
