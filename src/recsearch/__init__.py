"""recsearch: search what UN human-rights mechanisms recommend to States."""

from recsearch import native

native.guard()  # before any compiled module is imported: a stale build is left unused
