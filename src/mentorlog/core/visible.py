"""Stored text is data, never terminal control.

A name, a note or a shared prompt set may hold escape sequences (by accident or by
design): printed raw, they could set the window title, write the clipboard (OSC 52),
clear the screen or fake a prompt. `visible` turns every control character into a
harmless, visible stand-in; the files themselves keep the text exactly.

- C0 controls and DEL become their Unicode "control pictures" (ESC shows as ␛), one
  cell wide like the character they stand for; newline and tab are kept.
- C1 controls, bidirectional overrides and isolates (which can reorder what a line
  appears to say) and other invisible format characters show as ⟨U+XXXX⟩.
"""

from __future__ import annotations

import re

KEPT = "\n\t"
_C0 = {code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in KEPT}
_C0[0x7F] = "\u2421"  # ␡
# C1 controls; bidi embeddings, overrides and isolates; zero-width and other format
# characters that can hide or reorder text; line and paragraph separators.
_HIDDEN = (
    "\u0080-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb"
)
_OTHER = re.compile(f"[{_HIDDEN}]")
_ANY = re.compile(f"[\x00-\x08\x0b-\x1f\x7f{_HIDDEN}]")
_JSON_UNSAFE = re.compile(f"[\x7f{_HIDDEN}]")


def _picture(match: re.Match[str]) -> str:
    return f"⟨U+{ord(match.group()):04X}⟩"


def visible(text: str) -> str:
    """`text` with every control character shown instead of obeyed (newlines and tabs kept)."""
    if not _ANY.search(text):
        return text  # the common case: nothing to do
    return _OTHER.sub(_picture, text.translate(_C0))


def has_control(text: str) -> bool:
    return _ANY.search(text) is not None


def json_safe(encoded: str) -> str:
    """Escape, in already encoded JSON, the characters `json.dumps` leaves raw that a
    terminal may obey (DEL, C1, bidi). They only occur inside strings, so the result is
    the same JSON: it decodes to exactly the same values."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)
