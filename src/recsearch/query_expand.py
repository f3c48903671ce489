"""Query expansion: what a parsed node means against the forms the index holds.

search() expands a parsed query before running it: irregular plurals, general
recommendation numbers (records citing it and the document itself) and bare article
numbers (that article of any treaty).
"""

from __future__ import annotations

from recsearch import analysis
from recsearch.query_fields import GR_SERIES, TREATIES
from recsearch.query_nodes import And, Keyword, Node, Or, Phrase, Term, map_children


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        while n >= value:
            out += letters
            n -= value
    return out


def _gr_node(value: str) -> Node:
    """gr:13 / gr:"GC 20" / gr:"CERD GR 31": records citing it, and the document itself."""
    parts = value.split()
    if not parts or not parts[-1].isdigit():
        return Keyword("general_recommendations", value)
    num = parts[-1]
    body = parts[0] if len(parts) == 3 else None
    kind = parts[-2] if len(parts) >= 2 else None
    series = [(b, k) for b, k in GR_SERIES if (body in (None, b)) and (kind in (None, k))]
    if body and not series and kind:
        series = [(body, kind)]
    cited: list[Node] = [Keyword("general_recommendations", f"{b} {k} {num}") for b, k in series]
    names = {"GR": ("recommendation",), "GC": ("comment",)}.get(
        kind or "", ("recommendation", "comment")
    )
    titles: list[Node] = []
    for word in names:
        for n in (num, _roman(int(num))):
            titles.append(Phrase(("general", word, n), "title"))
            titles.append(Phrase(("general", word, "no", n), "title"))
    itself: list[Node] = [Keyword("doc_type", "general-recommendation"), Or(tuple(titles))]
    if body:
        itself.insert(0, Keyword("body", body))
    return Or((*cited, And(tuple(itself))))


def expand(node: Node) -> Node:
    """Irregular plurals, general-recommendation numbers and bare article numbers."""
    if isinstance(node, Term) and node.field is None:
        forms = analysis.word_forms(node.text)
        if len(forms) > 1:
            return Or(tuple(Term(f) for f in forms))
        return node
    if isinstance(node, Phrase) and node.field is None and len(node.words) == 1:
        return node
    if isinstance(node, Keyword) and node.field == "general_recommendations":
        return _gr_node(node.value)
    if isinstance(node, Keyword) and node.field == "articles" and not node.value[:1].isalpha():
        return Or(tuple(Keyword("articles", f"{t} {node.value}") for t in TREATIES))
    return map_children(node, expand)
