"""Page images of a document for the web preview, straight from typst (no PDF round trip).

The last few rendered documents are kept in memory, keyed by their JSON, so showing page 2, 3…
of the same document does not lay it out again."""

from __future__ import annotations

import threading
from collections import OrderedDict

import typst

from prongsai.documents import model as m
from prongsai.documents.render_pdf import fonts, template_source, typst_input, typst_root

PREVIEW_PPI = 80
_CACHE_SIZE = 4
_cache: OrderedDict[str, list[bytes]] = OrderedDict()
_lock = threading.Lock()


def render_pages_png(document: m.Document, ppi: int = PREVIEW_PPI) -> list[bytes]:
    data, files = typst_input(document)  # images by their hash: the JSON still tells them apart
    key = f"{ppi}:{data}"
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    with typst_root(files) as root:
        # typst's stubs tie root's type to the input's (bytes); a str path is what it takes
        result = typst.compile(  # type: ignore[call-overload]
            template_source(),
            root=root,
            font_paths=fonts(),
            sys_inputs={"doc": data},
            format="png",
            ppi=ppi,
        )
    pages = result if isinstance(result, list) else [result]
    with _lock:
        _cache[key] = pages
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return pages


def page_count(document: m.Document) -> int:
    return len(render_pages_png(document))


def render_page_png(document: m.Document, page: int) -> bytes | None:
    """Page `page` (1-based) as PNG, or None when the document has no such page."""
    pages = render_pages_png(document)
    return pages[page - 1] if 1 <= page <= len(pages) else None
