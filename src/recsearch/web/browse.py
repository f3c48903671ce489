"""Browse pages: GNR, convention articles, general recommendations, themes and countries."""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, abort, current_app, render_template, request, url_for

from recsearch.search import SearchRequest, SearchResult
from recsearch.web import index_version, run_search
from recsearch.web.guard import clean_text, parse_request
from recsearch.web.listing import pagination, search_url

bp = Blueprint("browse", __name__, url_prefix="/browse")

GNR_RANGE = range(1, 20)

# Treaty and committee order of the browse pages: the Convention this project starts from first.
TREATY_ORDER = ("ICERD", "ICCPR", "ICESCR", "CEDAW", "CAT", "CRC", "CMW", "CRPD", "CPED")
BODY_ORDER = ("CERD", "CCPR", "CESCR", "CEDAW", "CAT", "CRC", "CMW", "CRPD", "CED")


def overview() -> SearchResult:
    """Every record's facets (the browse pages' counts), cached until the index changes."""
    cache = current_app.extensions.setdefault("recsearch.overview", {})
    version = index_version() or ""
    result = cache.get(version)
    if result is None:
        result = run_search(SearchRequest(per_page=1))
        cache.clear()  # one entry: the index as it is now
        cache[version] = result
    return result


def facet_counts(name: str) -> list[tuple[str, int]]:
    """Every value of one facet with its count over the whole index."""
    return [(str(fc.value), fc.count) for fc in overview().facets.get(name, [])]


def _natural(value: str) -> list[Any]:
    return [int(p) if p.isdigit() else p.lower() for p in re.split(r"(\d+)", value)]


def grouped(
    values: list[tuple[str, int]], order: tuple[str, ...] = ()
) -> list[tuple[str, list[tuple[str, int]]]]:
    """'ICERD 5(e)' / 'CERD GR 31' grouped by their first word, known groups in `order` first."""
    groups: dict[str, list[tuple[str, int]]] = {}
    for value, count in sorted(values, key=lambda vc: _natural(vc[0])):
        groups.setdefault(value.split(" ", 1)[0], []).append((value, count))
    rank = {name: i for i, name in enumerate(order)}
    return sorted(groups.items(), key=lambda g: (rank.get(g[0], len(rank)), g[0]))


def _this_page(n: int) -> str:
    """This page's URL at page n (page 1 without the parameter)."""
    args: dict[str, Any] = dict(request.view_args or {})
    if n > 1:
        args["page"] = n
    return url_for(str(request.endpoint), **args)


def _records_page(title: str, intro: str, name: str, value: str) -> str:
    page = parse_request(request.args).page
    req = SearchRequest(q="", filters={name: [value]}, sort="document", page=page, per_page=50)
    result = run_search(req)
    return render_template(
        "browse_records.html",
        title=title,
        intro=intro,
        result=result,
        req=req,
        **pagination(req, result.total, _this_page),
        search_link=search_url(add=(name, value)),
    )


def _facet_page(title: str, name: str, groups: list[Any], detail: str | None = None) -> str:
    return render_template(
        "browse_facet.html", title=title, name=name, groups=groups, detail=detail
    )


@bp.route("")
def browse() -> str:
    """Entry points: GNR, articles, general recommendations, themes, countries."""
    result = overview()
    sizes = {name: len(values) for name, values in result.facets.items()}
    return render_template("browse.html", total=result.total, sizes=sizes)


@bp.route("/gnr")
def browse_gnr() -> str:
    """GNR 1–19 with how many records invoke each."""
    counts = dict(facet_counts("gnr"))
    rows = [(n, counts.get(str(n), 0)) for n in GNR_RANGE]
    return render_template("browse_gnr.html", rows=rows)


@bp.route("/gnr/<int:n>")
def browse_gnr_one(n: int) -> str:
    """Every record that invokes one Guidance Note recommendation."""
    if n not in GNR_RANGE:
        abort(404, description="the Guidance Note has recommendations 1 to 19")
    return _records_page(
        f"GNR {n}", f"Records tagged with Guidance Note recommendation {n}.", "gnr", str(n)
    )


@bp.route("/articles")
def browse_articles() -> str:
    """Convention articles by treaty, with counts."""
    groups = grouped(facet_counts("articles"), TREATY_ORDER)
    return _facet_page("Convention articles", "articles", groups)


@bp.route("/gr")
def browse_gr() -> str:
    """General recommendations and general comments by body, with counts."""
    groups = grouped(facet_counts("general_recommendations"), BODY_ORDER)
    return _facet_page(
        "General recommendations and comments",
        "general_recommendations",
        groups,
        detail="browse.browse_gr_one",
    )


@bp.route("/gr/<path:value>")
def browse_gr_one(value: str) -> str:
    """Every record that invokes one general recommendation or comment."""
    value = clean_text(value)[:100]
    return _records_page(value, f"Records that invoke {value}.", "general_recommendations", value)


@bp.route("/themes")
def browse_themes() -> str:
    """Themes with counts."""
    values = sorted(facet_counts("themes"), key=lambda vc: (-vc[1], vc[0]))
    return _facet_page("Themes", "themes", [("", values)])


@bp.route("/countries")
def browse_countries() -> str:
    """Countries with counts."""
    values = sorted(facet_counts("country"), key=lambda vc: vc[0])
    return _facet_page("Countries", "country", [("", values)])
