"""CSV and JSON exports: UPR recommendation tables, paragraph lists; non-documents told apart."""

from __future__ import annotations

from recsearch.csv_exports import normalise_response, parse_csv, split_states
from recsearch.non_documents import NotADocument
from recsearch.paragraph_lists import paragraph_entries, parse_json
from recsearch.symbol_names import UPR_SESSION_YEAR, symbol_from_name, year_from_symbol

# The formats' parsers live in csv_exports and paragraph_lists; these names stay importable
# from here for the dispatcher and the Word parser.
__all__ = [
    "UPR_SESSION_YEAR",
    "NotADocument",
    "normalise_response",
    "paragraph_entries",
    "parse_csv",
    "parse_json",
    "split_states",
    "symbol_from_name",
    "year_from_symbol",
]
