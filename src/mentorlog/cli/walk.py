"""One guided answer that is saved as soon as it is given, and never lost on Ctrl-C."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from mentorlog.cli.prompts import Asker, Interrupted, keep_unfinished
from mentorlog.core import drafts
from mentorlog.core.context import Context


def ask_and_save(
    asker: Asker,
    ctx: Context,
    draft_name: str,
    question: str,
    hint: str,
    earlier: str,
    save: Callable[[str], object],
    resume: str,
    slug: str | None = None,
) -> str:
    """Ask one multi-line question; save a changed answer at once.

    Text kept from an interrupted earlier try (in `drafts/<draft_name>`) is shown, and
    let go once a new answer is given.
    """
    pending = drafts.folder(ctx, slug) / draft_name
    kept = drafts.read(pending) if pending.is_file() else ""
    try:
        answer = asker.multiline(question, hint, earlier, kept)
    except Interrupted as stop:
        keep_unfinished(
            asker.console,
            stop.partial,
            earlier,
            save,
            partial(drafts.save, ctx, draft_name, slug=slug),
            resume,
        )
        raise
    if answer != earlier:
        save(answer)
        drafts.discard(pending)
    return answer
