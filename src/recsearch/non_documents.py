"""Files that are data about documents (manifests, metadata tables, labelled sets), told apart."""

from __future__ import annotations

from typing import Any


class NotADocument(Exception):
    """A file that is data about documents (a manifest, a metadata table, a labelled dataset)."""


def json_shape_reason(value: Any) -> str | None:
    """Why a JSON value is not a paragraph list, or None when it is one."""
    if not isinstance(value, list) or not value:
        return "JSON is not a list of paragraphs"
    if all(isinstance(v, str) for v in value):
        return "a list of labels, not a document"
    dicts = [v for v in value if isinstance(v, dict)]
    if not dicts:
        return "JSON is not a list of paragraphs"
    keys = {k.lower() for d in dicts[:50] for k in d}
    if "text" in keys and "label" in keys and "id" not in keys:
        return "a labelled dataset (label/text pairs), not a document"
    if "text" not in keys:
        return "a metadata table (keys: " + ", ".join(sorted(keys)[:6]) + "), not a document"
    return None
