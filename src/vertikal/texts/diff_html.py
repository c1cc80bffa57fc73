"""A diff result as one self-contained HTML page: inline CSS, no scripts, no external resources."""

from __future__ import annotations

from html import escape
from typing import Any

_CSS = """
body { font: 15px/1.5 Georgia, serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin: 2rem 0 .3rem; }
table { border-collapse: collapse; } td, th { padding: .2rem .8rem; border-bottom: 1px solid #ddd; }
.text { white-space: pre-wrap; background: #fafafa; padding: .6rem .8rem; border-left: 3px solid #ccc; }
ins { background: #d4f7d4; text-decoration: none; } del { background: #fbd3d3; }
.status { font: 12px sans-serif; padding: .1rem .4rem; border-radius: 3px; background: #eee; }
.added .status { background: #d4f7d4; } .removed .status { background: #fbd3d3; }
.meta { color: #555; font-size: .9rem; margin: .2rem 0; }
"""


def _heading(e: dict[str, Any]) -> str:
    renumbered = e["status"] == "renumbered"
    label = f"Article {e['a']} → {e['b']}" if renumbered else f"Article {e['article']}"
    status = f'<span class="status">{escape(e["status"])}</span>'
    return f'<h2 id="art-{escape(e["article"])}">{escape(label)} {status}</h2>'


def _body(e: dict[str, Any]) -> str:
    if e["status"] in ("added", "removed"):
        tag = "ins" if e["status"] == "added" else "del"
        return f'<div class="text"><{tag}>{escape(e["text"] or "")}</{tag}></div>'
    if not e["segments"]:
        return '<p class="meta">Text unchanged.</p>'
    out = []
    for op, text in e["segments"]:
        t = escape(text)
        out.append(f"<del>{t}</del>" if op == "delete" else f"<ins>{t}</ins>" if op == "insert" else t)
    return f'<div class="text">{"".join(out)}</div>'


def _meta(e: dict[str, Any]) -> str:
    parts = []
    if e["from"]:
        parts.append(f"Mostly taken from article {escape(e['from'])} of A.")
    if e["into"]:
        parts.append(f"Mostly carried into article {escape(e['into'])} of B.")
    hist = e["history"]
    for side in ("a", "b"):
        if hist[side]:
            parts.append(f"Amended per the footnotes of {side.upper()}: {escape(', '.join(hist[side]))}.")
    return "".join(f'<p class="meta">{p}</p>' for p in parts)


def diff_html(result: dict[str, Any]) -> str:
    """Render the result of :func:`vertikal.texts.compare.diff` as a standalone page."""
    a, b = result["a"], result["b"]
    title = f"{a['name']} → {b['name']}"
    rows = "".join(f"<tr><td>{escape(k)}</td><td>{v}</td></tr>" for k, v in result["summary"].items())
    items = []
    for e in result["articles"]:
        body = _heading(e) + _meta(e) + _body(e)
        items.append(f'<section class="{escape(e["status"])}">{body}</section>')
    listing = "".join(items) or "<p>No article differs.</p>"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{escape(title)}</h1>"
        f'<p class="meta">A: {escape(a["name"])} ({a["articles"]} articles, {escape(a["lang"])}); '
        f"B: {escape(b['name'])} ({b['articles']} articles, {escape(b['lang'])})</p>"
        f"<table><tr><th>articles</th><th>count</th></tr>{rows}</table>{listing}</body></html>\n"
    )
