"""`export --format site`: a folder that Hugo builds as it is, with no theme.

`content/<slug>/_index.md` for each relationship, one page per session beside it, the
reflections under `content/journal/`, and a minimal `hugo.toml` and `layouts/`. Every
page has a `title` and a `date` in its front matter. A folder is written only if it is
new, empty, or a site mentorlog wrote before (it holds `.mentorlog-site`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from mentorlog.core.document import overview, recap_text, reflection_text
from mentorlog.core.errors import InvalidInput
from mentorlog.core.export import ExportFile, RelationshipExport
from mentorlog.core.files import atomic_write, render_document
from mentorlog.core.models import HugoKeys, Recap, Reflection
from mentorlog.core.visible import visible

MARK = ".mentorlog-site"
CONFIG = """\
baseURL = "/"
title = "Mentoring journal"
relativeURLs = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
"""
HEAD = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body>
<nav><a href="{{ "/" | relURL }}">{{ site.Title }}</a></nav>
<main>
<h1>{{ .Title }}</h1>
<p><time>{{ .Date.Format "2006-01-02" }}</time></p>
{{ .Content }}
"""
PAGES = """<ul>
{{ range .Pages.ByDate }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> \
<time>{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}</ul>
"""
FOOT = "</main>\n</body>\n</html>\n"
LAYOUTS = {
    "single.html": HEAD + FOOT,
    "list.html": HEAD + PAGES + FOOT,
}


def write_site(data: ExportFile, folder: Path) -> None:
    """Write the site into `folder` (see the module's docstring for which folders)."""
    _check_folder(folder)
    for name, text in pages(data).items():  # pages show control characters, as the
        atomic_write(folder.joinpath(*name.split("/")), visible(text))  # document does


def _check_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise InvalidInput(f"{folder} is a file", "give a folder for the site, e.g. -o site")
    if folder.is_dir() and any(folder.iterdir()) and not (folder / MARK).exists():
        raise InvalidInput(
            f"{folder} is not empty and is not a site mentorlog made",
            "give a new or empty folder; nothing was written",
        )


def pages(data: ExportFile) -> dict[str, str]:
    """Every file of the site, by its path inside the site's folder."""
    files = {
        MARK: "A site written by `mentorlog export --format site`.\n",
        "hugo.toml": CONFIG,
        "content/_index.md": _page("Mentoring journal", data.exported, {}, _home(data)),
    }
    files.update({f"layouts/_default/{name}": text for name, text in LAYOUTS.items()})
    files["layouts/index.html"] = LAYOUTS["list.html"]
    for each in data.relationships:
        files.update(_relationship(each))
    if data.reflections:
        journal = _journal_name(data)
        files[f"content/{journal}/_index.md"] = _page("Reflections", data.exported, {}, "")
        for reflection in data.reflections:
            files[f"content/{journal}/{reflection.id}.md"] = _reflection(reflection)
    return files


def _page(title: str, day: date, keys: dict[str, Any], body: str) -> str:
    return render_document({"title": title, "date": day, **keys}, body)


def _home(data: ExportFile) -> str:
    lines = [f"Exported from mentorlog on {data.exported.isoformat()}."]
    if data.journey:
        lines += ["", "## Journey", ""]
        lines += [f"- {m.date.isoformat()}: {m.title}" for m in data.journey]
    return "\n".join(lines)


def _relationship(each: RelationshipExport) -> dict[str, str]:
    r = each.relationship
    body = "\n".join(overview(each, 1))
    files = {f"content/{r.slug}/_index.md": _page(r.partner, r.started, {}, body)}
    for recap in each.recaps:
        title = recap.title or f"Session with {r.partner} on {recap.date.isoformat()}"
        text = "\n".join(recap_text(recap, 1))
        files[f"content/{r.slug}/{recap.id}.md"] = _page(title, recap.date, _hugo(recap), text)
    return files


def _reflection(reflection: Reflection) -> str:
    title = f"{reflection.title or reflection.set}, {reflection.date.isoformat()}"
    body = "\n".join(reflection_text(reflection, 1))
    return _page(title, reflection.date, _hugo(reflection), body)


def _hugo(entry: Recap | Reflection) -> dict[str, Any]:
    """The Hugo keys the person added to an entry by hand, as they wrote them."""
    return {key: getattr(entry, key) for key in HugoKeys.QUIET if getattr(entry, key) is not None}


def _journal_name(data: ExportFile) -> str:
    slugs = {each.relationship.slug for each in data.relationships}
    name = "journal"
    while name in slugs:
        name += "-reflections"
    return name
