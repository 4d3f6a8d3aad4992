"""Name variants: the same name spelled two ways in two articles of one story (فالديسي / فالديزي أوركيزا)."""
from __future__ import annotations

from collections import defaultdict
from typing import Sequence

from checker.compare import stable_id
from checker.model import Article, Claim, Finding, Side
from checker.values.entities import FUNCTION_ZIPF, is_clitic_variant, tokens
from checker.wording import explain_variant


def name_variants(
    articles: Sequence[Article], stories: set[tuple[int, int]], claims_by_article: dict[str, list[Claim]],
) -> list[Finding]:
    """One finding per name spelled two ways between two articles of one story.

    Tokens are grouped by transliteration key (a hash, not a pairwise scan); two rare tokens with one key but
    different spellings are a variant when a neighbouring word agrees on both sides too, which is what makes
    them one multi-word name rather than two rare words that happen to sound alike.
    """
    per_article = []
    by_key: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for a_index, article in enumerate(articles):
        toks = []
        for claim in claims_by_article.get(article.id, []):
            for token in tokens(claim.text):
                toks.append(type(token)(token.start + claim.start, token.end + claim.start, token.text,
                                        token.form, token.key, token.rarity))
        per_article.append(toks)
        for t_index, token in enumerate(toks):
            if token.name_like and len(token.key) >= 2:
                by_key[token.key].append((a_index, t_index))

    def neighbour_agrees(a_index: int, t: int, b_index: int, u: int) -> tuple[int, int] | None:
        """The neighbouring word that agrees on both sides, the rarer of the two when both agree: in
        "المبعوث الأوروبي جوزيب بوريل" the surname, not the adjective before the first name."""
        ta, tb = per_article[a_index], per_article[b_index]
        found = []
        for step in (-1, 1):
            x, y = t + step, u + step
            if 0 <= x < len(ta) and 0 <= y < len(tb):
                na, nb = ta[x], tb[y]
                gap_a = articles[a_index].text[min(na.end, ta[t].end):max(na.start, ta[t].start)]
                gap_b = articles[b_index].text[min(nb.end, tb[u].end):max(nb.start, tb[u].start)]
                if gap_a.strip() or gap_b.strip():
                    continue  # a name's words are separated by spaces only
                if na.key == nb.key and na.rarity < FUNCTION_ZIPF and nb.rarity < FUNCTION_ZIPF:
                    found.append((max(na.rarity, nb.rarity), step, (x, y)))
        return min(found)[2] if found else None

    spans: dict[tuple[int, int, str, str], tuple[int, int, int, int]] = {}
    for key in sorted(by_key):
        places = by_key[key]
        for x, (a_index, t) in enumerate(places):
            for b_index, u in places[x + 1:]:
                if a_index == b_index or (min(a_index, b_index), max(a_index, b_index)) not in stories:
                    continue
                ta, tb = per_article[a_index][t], per_article[b_index][u]
                if ta.form == tb.form or is_clitic_variant(ta.form, tb.form):
                    continue
                support = neighbour_agrees(a_index, t, b_index, u)
                if support is None:
                    continue
                lo_a, hi_a = sorted((t, support[0]))
                lo_b, hi_b = sorted((u, support[1]))
                name_a = " ".join(tok.form for tok in per_article[a_index][lo_a:hi_a + 1])
                name_b = " ".join(tok.form for tok in per_article[b_index][lo_b:hi_b + 1])
                if a_index > b_index:
                    a_index, b_index, lo_a, hi_a, lo_b, hi_b, name_a, name_b = (
                        b_index, a_index, lo_b, hi_b, lo_a, hi_a, name_b, name_a)
                # Both words of one name may differ: key the finding by the names' word keys so it is reported once.
                first_name, second_name = sorted((name_a, name_b))
                spans.setdefault((a_index, b_index, first_name, second_name), (lo_a, hi_a, lo_b, hi_b))

    # Merge findings that overlap on both sides (two differing words of one name).
    findings: list[Finding] = []
    taken: list[tuple[int, int, int, int, int, int]] = []
    for (a_index, b_index, _, _), (lo_a, hi_a, lo_b, hi_b) in sorted(spans.items()):
        if any(a == a_index and b == b_index and lo_a <= h1 and l1 <= hi_a and lo_b <= h2 and l2 <= hi_b
               for a, b, l1, h1, l2, h2 in taken):
            continue
        taken.append((a_index, b_index, lo_a, hi_a, lo_b, hi_b))
        findings.append(_variant_finding(articles, per_article, claims_by_article, a_index, b_index,
                                         (lo_a, hi_a), (lo_b, hi_b)))
    return findings


def _variant_finding(articles, per_article, claims_by_article, a_index, b_index, span_a, span_b) -> Finding:
    sides = []
    for index, (lo, hi) in ((a_index, span_a), (b_index, span_b)):
        article = articles[index]
        first, last = per_article[index][lo], per_article[index][hi]
        claim = next(c for c in claims_by_article[article.id] if c.start <= first.start < c.end)
        text = article.text[first.start:last.end]
        sides.append(Side(source=article.source, start=first.start, end=last.end, text=text, article_id=article.id,
                          outlet=article.outlet, published=article.published, sentence=claim.text,
                          normalized=f"name {text}"))
    return Finding(id=stable_id("variant", sides[0].source, sides[0].start, sides[1].source, sides[1].start),
                   kind="variant", type="entity", sides=(sides[0], sides[1]),
                   explanation=explain_variant(sides[0].text, sides[1].text))
