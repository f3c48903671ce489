"""Bytes of a text file to str: UTF-8 or UTF-16 where marked, else the most plausible codec."""

from __future__ import annotations

from recsearch.records import ParseError

# Candidate single-byte encodings, tried when the bytes are not UTF-8. UPR Info
# exports are MacRoman (classic Mac, CR line ends), where 0x8E is "é"; in cp1252
# the same byte is "Ž", so a plausibility score tells them apart.
_FALLBACK_ENCODINGS = ("mac_roman", "cp1252", "latin-1")
_PLAUSIBLE = set("áàâäãåçéèêëíìîïñóòôöõúùûüýÿæœøßÁÀÂÄÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŒØ’‘“”–—…«»°·€£")


def _plausibility(text: str) -> int:
    """Score a decoding: accented letters and typographic punctuation up, odd symbols down."""
    score = 0
    for ch in text:
        if ord(ch) < 128:
            continue
        score += 1 if ch in _PLAUSIBLE else -3
    return score


def decode_text(data: bytes) -> str:
    """Bytes of a text file to str: UTF-8 (with or without BOM), else the most plausible codec."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    sample = data[:400_000]
    candidates: list[str] = list(_FALLBACK_ENCODINGS)
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(sample).best()
        if best is not None and best.encoding not in candidates:
            candidates.insert(0, best.encoding)
    except Exception:  # the detector is advisory only; the scored candidates remain
        pass
    scored = []
    for enc in candidates:
        try:
            scored.append((_plausibility(sample.decode(enc)), enc))
        except (UnicodeDecodeError, LookupError):
            continue
    if not scored:
        raise ParseError("text is in an encoding that cannot be decoded")
    # max() keeps the first of equal scores, so MacRoman wins ties (it is the common case here).
    best_enc = max(scored, key=lambda pair: pair[0])[1]
    return data.decode(best_enc, errors="replace")
