"""Where front matter is read: one :class:`~.data.Note` per document.

Sphinx exposes MyST front matter and a leading rST field list alike as
``env.metadata[docname]``.  myst-parser stores values that are not strings as
JSON text (``tags: [a, b]`` arrives as ``'["a", "b"]'``); rST field lists give
plain strings (``:tags: a, b``).  Both are decoded here, and values of the
wrong shape are reported as ``hubs.metadata`` warnings at the key's line.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util import docname_join
from sphinx.util.nodes import clean_astext

from .warning_types import HubsWarning, warn

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

#: Containers whose paragraphs are never taken as a note's excerpt.
_NOT_BODY = (
    nodes.docinfo,
    nodes.field_list,
    nodes.Admonition,
    nodes.sidebar,
    nodes.topic,
    nodes.table,
    nodes.footnote,
    nodes.citation,
    nodes.system_message,
    nodes.comment,
    nodes.rubric,
)


def one_line(text: str) -> str:
    """*text* on one line, as valid Unicode.

    YAML's ``\\u`` escapes can leave halves of a character (surrogates) in a
    string, which no output could encode: pairs are joined, strays replaced.
    """
    if not text.isascii() and any("\ud800" <= char <= "\udfff" for char in text):
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return " ".join(text.split())


def excerpt(text: str, limit: int) -> str:
    """*text* cut at *limit* characters on a word boundary, with "…"."""
    text = one_line(text)
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    cut = cut.rsplit(" ", 1)[0] if " " in cut else cut[:limit]
    return cut.rstrip(" ,;:.-\u2013\u2014") + "\u2026"


#: What a reader does not see as text of a paragraph: footnote and citation
#: marks, images (and so badges, links around an image), raw markup (an
#: icon), and what is not shown at all.
_NOT_TEXT = (
    nodes.footnote_reference,
    nodes.citation_reference,
    nodes.image,
    nodes.raw,
    nodes.substitution_definition,
    nodes.system_message,
    nodes.problematic,
    nodes.comment,
    nodes.target,
)

#: What a lead-in paragraph ("To install it, run:") introduces.
_INTRODUCED = (
    nodes.bullet_list,
    nodes.enumerated_list,
    nodes.definition_list,
    nodes.field_list,
    nodes.option_list,
    nodes.literal_block,
    nodes.doctest_block,
    nodes.line_block,
    nodes.table,
    nodes.container,  # a code block with a caption, a tab set, a grid
    nodes.Admonition,
    nodes.figure,
    nodes.image,
    nodes.math_block,
)


def first_paragraph(
    doctree: nodes.document, skip: tuple[type, ...] = ()
) -> tuple[Part, ...]:
    """The text of the first body paragraph of *doctree* that a reader sees
    as text (see :func:`text_parts`): not one of badges or images only, nor
    a lead-in ending in a colon that introduces a list or code block.
    Empty if there is none."""
    blocked = _NOT_BODY + skip
    introduced: set[int] = set()  # what a skipped lead-in introduces
    for paragraph in doctree.findall(nodes.paragraph):
        parent = paragraph.parent
        while not (parent is None or isinstance(parent, blocked)):
            if id(parent) in introduced:
                break
            parent = parent.parent
        if parent is not None:
            continue
        parts = text_parts(paragraph)
        shown = "".join(part if isinstance(part, str) else "x" for part in parts)
        text = one_line(shown)
        if not text:
            continue
        following = paragraph.next_node(descend=False, siblings=True, ascend=False)
        if text.endswith(":") and isinstance(following, _INTRODUCED):
            introduced.add(id(following))
            continue
        return parts
    return ()


#: A piece of text as the page shows it: plain text, or a link without text
#: of its own, which shows the title of what it links to --
#: ``("doc", docname, text as written)``, ``("ref", label, text as
#: written)``, or ``("any", docname, target as written)`` for a Markdown
#: link that names a page or a label.
Part = str | tuple[str, str, str]


def text_parts(node: nodes.Node) -> tuple[Part, ...]:
    """The text of *node* as readers see it: every link shows its text,
    and a link without text of its own (``{doc}``, ``{ref}``, ``{note}``,
    ``[](page.md)``, ``[](#label)``) the title of what it links to, which
    is only known once every page is read (see :func:`join_parts`); no
    footnote marks, images or raw markup."""
    parts: list[Part] = []
    pending: list[nodes.Node] = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, nodes.footnote_reference | nodes.citation_reference):
            parts.append(_MARK)
        if isinstance(current, _NOT_TEXT):
            continue
        link = _link_of(current) if isinstance(current, addnodes.pending_xref) else None
        if link is not None:
            parts.append(link)
        elif isinstance(current, nodes.Text):
            parts.append(current.astext())
        elif isinstance(current, nodes.Element):
            pending.extend(reversed(current.children))
    merged: list[Part] = []
    for part in parts:  # runs of text as one string, without the marks
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        else:
            merged.append(part)
    return tuple(
        _unmarked(part) if isinstance(part, str) else part for part in merged
    ) or ("",)


#: Where a footnote mark was: the space before it goes with it before
#: punctuation ("a claim [1]." reads "a claim.").
_MARK = "\x00"


def _unmarked(text: str) -> str:
    return re.sub(r"\s*\x00(?=[.,;:!?)\]])", "", text).replace(_MARK, "")


def link_target(xref: addnodes.pending_xref) -> tuple[str, str] | None:
    """What a link of this project leads to: ``("doc", docname)`` (``{doc}``,
    ``{note}``, ``{hub}``, ``:doc:``), ``("ref", label)`` (``{ref}``,
    ``:ref:``), ``("any", docname or label)`` (a Markdown link to a page or
    a label); None for other links."""
    domain, kind, target = xref.get("refdomain"), xref.get("reftype"), xref["reftarget"]
    refdoc = xref.get("refdoc", "")
    if domain == "hubs" and kind in ("note", "hub"):
        return ("doc", str(target))
    if domain == "std" and kind == "doc":
        if ":" in str(target):
            return ("doc", str(target))  # in another project
        return ("doc", docname_join(refdoc, target))
    if domain == "std" and kind == "ref":
        return ("ref", str(target).lower())
    if kind == "myst":
        # a page (from the source root with "/", else relative) or a label
        path = str(target)
        docname = path.lstrip("/") if path.startswith("/") else path
        if domain != "doc" and not path.startswith("/"):
            docname = docname_join(refdoc, path)
        return ("any", posixpath.normpath(docname))
    return None


def _link_of(xref: addnodes.pending_xref) -> tuple[str, str, str] | None:
    """What a link without text of its own shows the title of (None for a
    link that shows its own text)."""
    if xref.get("refexplicit") or xref.get("reftargetid"):
        return None
    link = link_target(xref)
    if link is None:
        return None
    written = str(xref["reftarget"]) if link[0] == "any" else xref.astext()
    return (*link, written)


def join_parts(
    parts: tuple[Part, ...],
    title: Callable[[str], str | None],
    label: Callable[[str], str | None] = lambda name: None,
) -> str:
    """*parts* as one line of text, each link named by the *title* of its
    page or the *label*'s heading (or, for a target that does not exist, by
    the text as written)."""

    def shown(part: Part) -> str:
        if isinstance(part, str):
            return part
        kind, target, written = part
        if kind == "doc":
            return title(target) or written
        if kind == "ref":
            return label(target) or written
        return title(target) or label(written.lower()) or written

    return one_line("".join(shown(part) for part in parts))


def page_title(env: BuildEnvironment, docname: str) -> str:
    """The page's title as plain text, as Sphinx shows it (without an
    icon's markup, on one line); the docname for a page without one."""
    title = env.titles.get(docname)
    text = one_line(clean_astext(title)) if title is not None else ""
    return text if text and text != "<no title>" else docname


def source_line(env: BuildEnvironment, docname: str, key: str) -> int | None:
    """Line of ``key:`` (front matter) or ``:key:`` (field list) in the source.

    Only called when a warning is about to be emitted, so a build without
    warnings reads no file twice.  The file is read in the project's
    ``source_encoding``, as Sphinx reads it.
    """
    try:
        path = env.doc2path(docname)
        encoding = env.config.source_encoding or "utf-8"
        with open(path, encoding=encoding, errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                if re.match(rf"\s*:?{re.escape(key)}\s*:", line):
                    return number
                if number > 200:
                    break
    except (OSError, LookupError):
        pass
    return 1


def key_location(
    env: BuildEnvironment, docname: str, key: str
) -> tuple[str, int | None]:
    return (docname, source_line(env, docname, key))


def string_value(
    env: BuildEnvironment, docname: str, metadata: dict[str, Any], key: str
) -> str:
    value = metadata.get(key)
    if value is None or value == "null":  # ``key:`` with no value in YAML
        return ""
    if isinstance(value, str) and value.startswith(("[", "{")):
        try:
            decoded = json.loads(value)
        except ValueError:
            decoded = value
        if not isinstance(decoded, str):
            warn(
                HubsWarning.metadata,
                f"front matter {key!r} must be text, not {type(decoded).__name__}; "
                "it is ignored",
                key_location(env, docname, key),
            )
            return ""
    return one_line(str(value))


#: A number as YAML writes one (no ``nan``/``inf``/exponents).
NUMBER = re.compile(r"[-+]?\d+(\.\d+)?")


def is_markdown(env: BuildEnvironment, docname: str) -> bool:
    """Whether *docname*'s metadata comes from YAML front matter (MyST)."""
    suffix = env.doc2path(docname).suffix
    return bool(env.config.source_suffix.get(suffix) == "markdown")


def list_value(
    env: BuildEnvironment,
    docname: str,
    metadata: dict[str, Any],
    key: str,
    *,
    yaml: bool = False,
) -> tuple[str, ...]:
    """A list of strings: a JSON list (front matter) or a comma list (field list).

    In YAML front matter a single number or boolean (``hubs: 17``) is never
    a list of names, and a plain string is taken as a one-item list, with a
    warning that it should be written as a list.  In a field list, comma
    text is the list syntax.
    """
    value = metadata.get(key)
    if value is None or value in ("null", ""):  # ``key:`` with no value
        return ()
    if yaml and isinstance(value, str) and _is_scalar_literal(value):
        warn(
            HubsWarning.metadata,
            f"front matter {key!r} must be a list, not {value}; it is ignored",
            key_location(env, docname, key),
        )
        return ()
    if yaml and isinstance(value, str) and not value.lstrip().startswith(("[", "{")):
        warn(
            HubsWarning.metadata,
            f"front matter {key!r} should be a list: write {key}: [{value}]",
            key_location(env, docname, key),
        )
    items: Any
    if isinstance(value, str) and value.lstrip().startswith(("[", "{", '"')):
        try:
            items = json.loads(value)
        except ValueError:
            warn(
                HubsWarning.metadata,
                f"front matter {key!r} could not be read as a list: {value!r}",
                key_location(env, docname, key),
            )
            return ()
    elif isinstance(value, str):
        items = [item for item in (part.strip() for part in value.split(",")) if item]
    else:
        items = value
    if isinstance(items, str):
        items = [items]
    if not isinstance(items, list) or not all(
        isinstance(item, str | int | float) and not isinstance(item, bool)
        for item in items
    ):
        warn(
            HubsWarning.metadata,
            f"front matter {key!r} must be a list of strings, not {value!r}; "
            "it is ignored",
            key_location(env, docname, key),
        )
        return ()
    seen: dict[str, None] = {}
    for item in items:
        text = one_line(str(item))
        if text:
            seen.setdefault(text, None)
    return tuple(seen)


def _is_scalar_literal(value: str) -> bool:
    """``17``, ``2.5``, ``True``, ``null``: YAML scalars that are not names
    (as myst-parser hands them over: ``str(value)``, or JSON for ``null``)."""
    return value in ("True", "False") or bool(NUMBER.fullmatch(value))


def resolve_path(docname: str, path: str, env: BuildEnvironment) -> str:
    """A front-matter path as a docname: from the source root, or relative
    to the note when it starts with ``./`` or ``../``."""
    written = path.strip()
    path = strip_suffix(written, env)
    if path.startswith(("./", "../")):
        name = posixpath.normpath(posixpath.join(posixpath.dirname(docname), path))
    else:
        name = posixpath.normpath(path.lstrip("/"))
    # a path that leaves the source folder or names it is no document
    return written if name == "." or name.split("/")[0] == ".." else name


def docname_of(env: BuildEnvironment, fromdoc: str, target: str) -> str:
    """A directive's or role's target as a docname, named exactly as the
    ``{doc}`` role names it: relative to *fromdoc* unless it starts with
    ``/``, normalised (``/notes/./a``, ``/notes//a`` and ``/notes/../notes/a``
    are ``notes/a``); a source suffix may be given.  A target that names no
    document at all (``/``, ``.``) is returned as written, so that it is
    reported as missing."""
    written = target.strip()
    docname = docname_join(fromdoc, strip_suffix(written, env))
    return docname or written


def strip_suffix(path: str, env: BuildEnvironment) -> str:
    """``notes/x.md`` -> ``notes/x`` for any configured source suffix."""
    for suffix in env.config.source_suffix:
        if path.endswith(suffix):
            return path[: -len(suffix)]
    return path
