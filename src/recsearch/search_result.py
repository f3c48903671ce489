"""The search request and the one plain result object the CLI, the page and the API render."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from recsearch.engine import Hit


@dataclass
class SearchRequest:
    """Everything a search page URL holds."""

    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    facet_limit: int | None = None  # None: every value of every facet; 0: no facets


@dataclass
class FacetCount:
    value: str
    count: int
    selected: bool = False


@dataclass
class SearchResult:
    request: SearchRequest
    understood: str  # the query as the parser read it, e.g. 'women AND NOT country:France'
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetCount]]
    suggestion: str | None = None  # "did you mean": a corrected query that has results
    message: str | None = None  # a one-line note for the user (syntax repaired, empty result)

    def to_json(self) -> dict[str, Any]:
        """records.md shape: query, total, hits (record + score + snippet), facets."""
        return {
            "query": self.request.q,
            "understood": self.understood,
            "filters": self.request.filters,
            "total": self.total,
            "page": self.request.page,
            "per_page": self.request.per_page,
            "sort": self.request.sort,
            "suggestion": self.suggestion,
            "message": self.message,
            "hits": [
                {**h.record.to_dict(), "score": h.score, "snippet": h.snippet} for h in self.hits
            ],
            "facets": {
                name: [{"value": f.value, "count": f.count} for f in values]
                for name, values in self.facets.items()
            },
        }
