"""Name variants: one name spelled two ways in one story, across articles or within one (a typo).

Mentions (checker.names.mentions) are clustered by the one name key across all articles of a story; keys one edit
apart join too (a dropped, added, swapped or replaced letter: "بوتفليقة" / "بوتفلية", "سيمبسون" / "سيبمسون") when
they are long enough to be told from other names. Blocking is by hashing keys and their one-deletion forms, never
a scan of all pairs. Within a cluster, every pair of articles of one story whose spellings differ in one script is
one finding; a clitic or an inflection is grammar, not a spelling, and makes none.
"""
from __future__ import annotations

from collections import defaultdict
from difflib import SequenceMatcher
from typing import Sequence

from checker.compare import stable_id
from checker.model import Article, Claim, Finding, Side
from checker.names.cities import city_slots, one_city
from checker.names.key import deletions, one_edit, opening, word_key
from checker.names.mentions import NameToken, joined, name_like, read_tokens, thresholds, with_stems
from checker.names.words import CONJUNCTIONS, definite_frequency, glued_frequency, verb_frequency, written_definite
from checker.text import ARABIC_CLITICS
from checker.values.attributes import gazetteer
from checker.wording import explain_variant


def _support(tokens: list[NameToken], index: int) -> set[tuple[str, bool]]:
    """Keys of the words beside a mention, each with whether it is rare: a first name and a surname agree across
    spellings of one person."""
    out = set()
    for step in (-1, 1):
        j = index
        # A name goes on over its particles ("إيتوري دي ماركو"): the word after them agrees.
        while joined(tokens, j, step) and tokens[j + step].particle:
            j += step
        if not joined(tokens, j, step):
            continue
        neighbour = tokens[j + step]
        if neighbour.key and not neighbour.particle and neighbour.rarity < thresholds()["support"]:
            out.add((neighbour.key, neighbour.rarity < thresholds()["rare"]))
    return out


def name_variants(
    articles: Sequence[Article], stories: set[tuple[int, int]], claims_by_article: dict[str, list[Claim]],
) -> list[Finding]:
    """One finding per pair of articles of one story (or one article) spelling one name two ways."""
    limits = thresholds()
    per_article: list[list[NameToken]] = []
    for article in articles:
        tokens = []
        for claim in claims_by_article.get(article.id, []):
            for token in read_tokens(claim.text, article.lang):
                tokens.append(NameToken(token.start + claim.start, token.end + claim.start, token.text, token.script,
                                        token.form, token.key, token.rarity, token.cued, token.particle, token.joined))
        per_article.append(tokens)
    vocabulary = {t.form for tokens in per_article for t in tokens}
    # Keys of the words the story writes as names, long enough to say which name: a conjunction is read off a rare
    # word whose rest has one of them (mentions.with_stems).
    names: dict[str, set[str]] = defaultdict(set)
    for tokens in per_article:
        for i, token in enumerate(tokens):
            if len(token.key) >= limits["min_key"] and name_like(tokens, i):
                names[token.key].add(token.form)
    per_article = [with_stems(tokens, vocabulary, names) for tokens in per_article]

    # Spellings by form: where each first stands in each article, and what evidence of a name it has.
    first_at: dict[tuple[int, str], int] = {}
    evidence: dict[str, float] = {}  # form -> lowest Zipf frequency seen (rarer is surer)
    named: set[str] = set()  # forms read as a name somewhere (rare, cued, or beside a rare word)
    cued: set[str] = set()  # forms written right after a title, role or place noun somewhere ("إعصار مكونو")
    supports: dict[str, set[str]] = defaultdict(set)
    key_of: dict[str, tuple[str, str]] = {}
    common: dict[str, float] = {}  # form -> how common it is as a noun of the language (names.words)
    verbs: dict[str, float] = {}  # form -> how common the imperfect of the verb it can be is (names.words)
    definite: set[str] = set()  # forms written with the article somewhere ("المتراجعة" read as "متراجعة")
    for a, tokens in enumerate(per_article):
        for t, token in enumerate(tokens):
            if not token.key or token.particle or len(token.form) < 3 or token.rarity >= limits["possible"]:
                continue
            if _inflected(token.form, token.script):
                continue
            if not articles[a].in_title(token.start):
                first_at.setdefault((a, token.form), t)
            evidence[token.form] = min(evidence.get(token.form, 9.0), token.rarity)
            if name_like(tokens, t):
                named.add(token.form)
            if token.cued:
                cued.add(token.form)
            if token.script == "arabic" and written_definite(token.text):
                definite.add(token.form)
            supports[token.form] |= _support(tokens, t)
            key_of[token.form] = (token.key, token.script)
            if token.script == "arabic" and not _place_name(token.form):
                common[token.form] = max(common.get(token.form, 0.0), definite_frequency(token.text),
                                         glued_frequency(token.text))
                verbs[token.form] = max(verbs.get(token.form, 0.0), verb_frequency(token.text))

    places = {form for form in key_of if _place_name(form)}

    # Block spellings by key and by one-deletion forms of long keys: candidate spellings of one name.
    # A key sits in the block of itself and of each of its one-deletion forms, so two keys one substitution or swap
    # apart share a block, and so do a key and the key one class longer (a letter added: "بوتفلية" / "بوتفليقة").
    # A short key (fewer than min_edit_key classes) blocks its edits only beside a name word it shares (a surname).
    blocks: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for form, (key, script) in key_of.items():
        blocks[(script, key)].add(form)
        if len(key) >= limits["min_edit_key"] - 1:
            for near in ({key} | deletions(key) if len(key) >= limits["min_edit_key"] else {key}):
                blocks[(script, "~" + near)].add(form)
        if limits["min_agreed_edit_key"] <= len(key) < limits["min_edit_key"]:
            for near in {key} | deletions(key):
                for beside, _ in supports[form]:
                    blocks[(script, "~" + near, beside)].add(form)
    # Two spellings GeoNames gives for one city meet whatever their keys ("مالاغا" / "ملقة").
    for form, (key, script) in key_of.items():
        if script == "arabic":
            for slot in city_slots(form):
                blocks[("city", *slot)].add(form)
    pairs: set[tuple[str, str]] = set()
    for block in blocks.values():
        forms = sorted(block)
        if len(forms) > 1 and len(forms) <= 8:  # a crowded block is a common short key, not one name
            pairs.update((x, y) for i, x in enumerate(forms) for y in forms[i + 1:] if _variant(
                x, y, key_of, evidence, named, supports, common, cued, verbs, places, definite))
    # A pair that only the surname beside it joins (a short first name one letter off) holds where that surname
    # stands: "أليكس" beside "ميناسيان" is the suspect, "أليكس شاكر" in another article is a witness. A spelling
    # joined by such pairs only counts, in an article, where one of those surnames stands beside it.
    bound: dict[str, set[str]] = {}
    free: set[str] = set()
    for x, y in pairs:
        beside = _surnames(x, y, key_of, supports)
        for form in (x, y):
            if beside is None:
                free.add(form)
            else:
                bound.setdefault(form, set()).update(beside)
    bound = {form: keys for form, keys in bound.items() if form not in free}

    # Clusters: spellings joined by variant pairs (union-find over forms, in sorted order for stable output).
    parent: dict[str, str] = {}

    def root(form: str) -> str:
        while parent.get(form, form) != form:
            form = parent[form]
        return form

    for x, y in sorted(pairs):
        rx, ry = root(x), root(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)
    clusters: dict[str, set[str]] = defaultdict(set)
    for x, y in pairs:
        clusters[root(x)].update((x, y))

    stories_of = defaultdict(set)
    for a, b in stories:
        stories_of[a].add(b)
        stories_of[b].add(a)
    # A spelling the article writes only in its title is quoted there; otherwise where the body first writes it: a
    # headline shortens a name ("يقيل لوبيتيجي") that the body gives in full ("جولين لوبيتيجي").
    for a, tokens in enumerate(per_article):
        for t, token in enumerate(tokens):
            if token.form in evidence and articles[a].in_title(token.start):
                first_at.setdefault((a, token.form), t)
    # Where each spelling stands, so that a name's articles are found without reading every article per name.
    where: dict[str, list[tuple[int, int]]] = defaultdict(list)
    clustered = {form for forms in clusters.values() for form in forms}
    for a, tokens in enumerate(per_article):
        for t, token in enumerate(tokens):
            if token.form in clustered and (a, token.form) in first_at:
                where[token.form].append((a, t))
    found: dict[tuple[int, int, int, int], tuple[str, str]] = {}
    for name in sorted(clusters):
        # Each article's spelling of the name: the one it writes most (first written on a tie); a second spelling
        # written once beside a main one written more, or beside another written once with other consonants, is a
        # typo within the article.
        counted: dict[int, dict[str, int]] = defaultdict(dict)
        for a, t in sorted(place for form in clusters[name] for place in where[form]):
            tokens, form = per_article[a], per_article[a][t].form
            if form in bound and not {k for k, _ in _support(tokens, t)} & bound[form]:
                continue  # a short first name away from the surname that made it this name
            counted[a][form] = counted[a].get(form, 0) + 1
        spelling: dict[int, str] = {}
        for a in sorted(counted):
            counts = counted[a]
            ranked = sorted(counts, key=lambda f: (-counts[f], first_at[(a, f)]))
            spelling[a] = ranked[0]
            for other in ranked[1:]:
                # Both written once: only a slip of consonants ("سيبمسون" / "سيبسمون", keys one edit apart) is a
                # typo; a long vowel written once and left out once ("بطرسبورغ" / "بطرسبرغ") is a desk's loose
                # transliteration within one article.
                slip = counts[ranked[0]] >= 2 or key_of[ranked[0]][0] != key_of[other][0]
                if counts[other] == 1 and slip and tuple(sorted((ranked[0], other))) in pairs:
                    t, u = sorted((first_at[(a, ranked[0])], first_at[(a, other)]))
                    found.setdefault((a, t, a, u), (ranked[0], other))
        for a in sorted(spelling):
            for b in sorted(stories_of[a] & spelling.keys()):
                if b <= a or spelling[a] == spelling[b]:
                    continue
                if articles[a].lang != articles[b].lang:
                    continue  # a translation spells names its language's way (Macedonians / Macédoniens)
                # Joined through a third spelling ("أضرم" / "أضرمه" / "أضرموا"): two forms of one word, unless a
                # rare name word beside both says it is one name ("كورنتان توليسو" / "كورنتين توليسو").
                ends = (spelling[a], spelling[b])
                agreed, agreed_rare = _agreeing(*ends, key_of, supports)
                if _grammar(*ends, key_of, definite) and not agreed_rare:
                    continue
                if _adjective_of(*ends, definite) or _adjective_of(*ends[::-1], definite) or _gender(*ends, definite):
                    continue  # a place and its people's adjective, an adjective's genders, whatever stands beside both
                # Joined only through other spellings, the ends are one name where a name word beside both says so
                # ("طوني فريكسا" / "طوني فريثا"); otherwise a chain of one-letter steps, long in a large story, can
                # walk from one name to another.
                if tuple(sorted(ends)) not in pairs and not agreed:
                    continue
                found.setdefault((a, first_at[(a, spelling[a])], b, first_at[(b, spelling[b])]),
                                 (spelling[a], spelling[b]))
    return _merged(articles, per_article, claims_by_article, found)


def _variant(x: str, y: str, key_of: dict, evidence: dict, named: set, supports: dict, common: dict,
             cued: set, verbs: dict | None = None, places: set | None = None, definite: set | None = None) -> bool:
    """Two spellings are one name's: one key (or one edit apart), not one word's grammar, at least one of them
    read as a name, and both rare, or both beside a name word that agrees ("ساديو ماني" / "ساديو مانيه"). A
    spelling that is a common word of the language (it takes the article: names.words) is that word, inflected
    ("صاروخا" / "صواريخ", "منافسه" / "منافسيه") or mistyped ("متفوقا" / "متوفقا"), unless a rare name word beside
    both agrees (a surname that is also a word: "ساديو ماني" / "ساديو مانيه"); a word commoner still is a word
    even beside a name ("الانتحاري فهد" / "القباع الانتحار")."""
    limits = thresholds()
    (kx, sx), (ky, sy) = key_of[x], key_of[y]
    # A spelling with the key of a gazetteer place is that place written otherwise ("كابل" / "كابول"), even where
    # it is also a word of the language less common than a dictionary word (cable). Two
    # gazetteer names are two places (Tunis / Tunisie), or one place the gazetteer already knows both ways.
    place_twin = kx == ky and bool(places) and (x in places) != (y in places)
    # GeoNames writes the city both ways ("ميونخ" / "ميونيخ", "لوس أنجلوس" / "لوس أنجليس"). Its alternate names
    # hold odd forms too ("ورا" beside "فيرا", which then read "لورا" as ل + ورا in a mixed day's news): a city's
    # two spellings are trusted where they are as close in letters as one name's two spellings.
    if sx == sy == "arabic" and one_city(x, y) and _close(x, y, limits["min_ratio"]) and not _clitic(x, y):
        return True
    if sx != sy or _clitic(x, y) or not (x in named or y in named or place_twin) or _morphology(x, y, kx, ky):
        return False
    if _adjective_ending(x, y, definite or set()):
        return False
    if _adjective_of(x, y, definite or set()) or _adjective_of(y, x, definite or set()) or _gender(x, y, definite or set()):
        return False  # a place and its adjective, the article read off the adjective ("النمسا" / "نمساوي"); genders
    if not _close(x, y, limits["min_ratio"]):
        return False
    agreed, agreed_rare = _agreeing(x, y, key_of, supports)
    word = max(common.get(x, 0.0), common.get(y, 0.0))
    if sx == "arabic" and (word >= limits["common_word"] and not (agreed_rare or place_twin)
                           or word >= limits["dictionary_word"]):
        return False
    if sx == "arabic" and max((verbs or {}).get(x, 0.0), (verbs or {}).get(y, 0.0)) >= limits["verb_word"]:
        return False  # a verb of the language conjugated ("غمرت" / "غادرت", "وتولى" / "تولاه"): verbs take no article
    if sx == "arabic" and not agreed_rare and _ending_added(x, y):
        return False
    # Each spelling is a name by itself: rare, or announced by a title or place noun somewhere in the story (a
    # storm's name that is also an inflected word: "إعصار مكونو", "مكونو" read as "مكون").
    both = all(evidence[f] < limits["rare"] or f in cued for f in (x, y))
    if sx == "arabic" and (_nisba(x) or _nisba(y)) and not agreed_rare:
        return False  # "الإنجليزي" / "الإنكليزي": an adjective of the language, unless a first name stands by
    if kx == ky:
        # A vowel-heavy transliteration has few consonant classes but many letters ("أوساكا" / "أوزاكا").
        long_enough = len(kx) >= limits["min_key"] or (
            len(kx) == limits["min_key"] - 1 and min(len(x), len(y)) >= limits["short_key_letters"])
        # A famous name is no rare word (سان جيرمان, تشيلسي and كابول are common in news text): two spellings of
        # one key that each read as a name somewhere in the story are one name however often the web writes them.
        # One alone is not enough: a verb beside a name reads as one (فأصاب / وأصاب): on the labelled train and
        # dev events, both-named found 17 more variants for 2 false ones, either-named 29 for 62.
        return agreed or (long_enough and (both or x in named and y in named or place_twin))
    if not one_edit(kx, ky):
        return False
    if min(len(kx), len(ky)) < limits["min_key"]:
        # A short first name one letter off beside a surname that agrees ("أليك" / "أليكس ميناسيان", "غايث" /
        # "غاريث بيل"): the surname says it is one person; without it two short keys one edit apart are two names.
        return (min(len(kx), len(ky)) >= limits["min_agreed_edit_key"] and agreed and (agreed_rare or both)
                and _close(x, y, limits["min_edit_ratio"]))
    if agreed:
        return True
    # A misspelling is a word no corpus holds: against a name the language knows (Simpson, Zipf 3.8), a spelling
    # absent from the word list one slip away is that name mistyped ("سيمبسون" / "سيبمسون").
    # A slip is one letter: the spellings' lengths differ by one at most.
    slip = (any(evidence[f] < limits["misspelt"] for f in (x, y)) and all(evidence[f] < limits["possible"] for f in (x, y))
            and abs(len(x) - len(y)) <= 1)
    return ((both or slip) and min(len(kx), len(ky)) >= limits["min_edit_key"]
            and _close(x, y, limits["min_edit_ratio"]))


def _agreeing(x: str, y: str, key_of: dict, supports: dict) -> tuple[bool, bool]:
    """Whether a name word beside both spellings agrees, and whether a rare one does."""
    limits = thresholds()
    kx, ky = key_of[x][0], key_of[y][0]
    # A neighbour keyed as one of the two spellings is the name's own word again ("بيونغ يانغ" beside "يونغ"),
    # not a second word of the name that agrees.
    # A neighbour one letter off agrees only when both are rare: the name's other word spelled two ways too
    # ("أليكسي نافالي" / "ألكسي نافالني"), not two words of the language one letter apart.
    meet = [rare_p and rare_q for p, rare_p in supports[x] for q, rare_q in supports[y]
            if (p == q or rare_p and rare_q and min(len(p), len(q)) >= limits["min_key"] and one_edit(p, q))
            and not {p, q} & {kx, ky}]
    return bool(meet), any(meet)


def _grammar(x: str, y: str, key_of: dict, definite: set) -> bool:
    """Two spellings of one cluster that are one word's grammar: a cluster chains spellings pair by pair, and the
    ends of a chain can be a verb and its plural though no link between them is."""
    return _clitic(x, y) or _morphology(x, y, key_of[x][0], key_of[y][0]) or _adjective_ending(x, y, definite)


def _adjective_ending(x: str, y: str, definite: set) -> bool:
    """A feminine ة against the accusative's alif ("متراجعة" / "متراجعا") on a word the story writes with the
    article somewhere ("المتراجعة"): one adjective in two genders or cases. Bare spellings that differ so are a
    desk's choice for one name ("بنزيمة" / "بنزيما"), and names seldom take the article."""
    return (x[:-1] == y[:-1] and {x[-1:], y[-1:]} == {"ه", "ا"} and bool({x, y} & definite))


def _gender(x: str, y: str, definite: set) -> bool:
    """One definite adjective in two genders ("المستمد" / "المستمدة"): both written with the article, one with the
    feminine ة added. A name beside both ("الحنيف") is the noun they describe, not a name they spell."""
    short, long = sorted((x, y), key=len)
    return long == short + "ه" and short in definite and long in definite


def _surnames(x: str, y: str, key_of: dict, supports: dict) -> set[str] | None:
    """The keys of the name words beside both spellings that joined them, when only those could (keys shorter than
    min_key one edit apart); None when the spellings are one name wherever they stand."""
    limits = thresholds()
    (kx, _), (ky, _) = key_of[x], key_of[y]
    if kx == ky or min(len(kx), len(ky)) >= limits["min_key"]:
        return None
    return {p for p, rare_p in supports[x] for q, rare_q in supports[y]
            if (p == q or rare_p and rare_q and min(len(p), len(q)) >= limits["min_key"] and one_edit(p, q))
            and not {p, q} & {kx, ky}}


def _place_name(form: str) -> bool:
    """A place of the gazetteer is a name even where it is also a word ("كابل", Kabul and cable)."""
    names = gazetteer().names
    return (form,) in names or form.startswith("ال") and (form[2:],) in names


_ENDINGS = ("ا", "ه", "ي", "ء")


def _ending_added(x: str, y: str) -> bool:
    """One word ends in a vowel letter the other lacks: a case ending, a feminine or an adjective's ending of one
    word ("مسلحا" / "المسلح", "شاحنة" / "شحن", "الإسعافية" / "الإسعاف"). Names swap an ending ("بنزيما" /
    "بنزيمة"); adding one is a variant only with a first name beside both ("ساديو ماني" / "ساديو مانيه")."""
    short, long = sorted((x, y), key=len)
    return x.endswith(_ENDINGS) != y.endswith(_ENDINGS) or (long[:-1] == short and long.endswith(_ENDINGS))


def _clitic(x: str, y: str) -> bool:
    """One word with and without a glued clitic ("وفالديسي" / "فالديسي"); a last letter that differs is left to
    the rest, since names end in ا or ة by desk ("بنزيما" / "بنزيمة")."""
    short, long = sorted((x, y), key=len)
    return any(long == clitic + short for clitic in ARABIC_CLITICS)


def _nisba(form: str) -> bool:
    return form.startswith("ال") and form.endswith("ي")


# Attached pronouns and plural endings: a word that carries one is a common word inflected, not a name.
_INFLECTIONS = ("ها", "هم", "هما", "هن", "كم", "نا", "ته", "تها", "ات", "يين", "يون")


def _inflected(form: str, script: str) -> bool:
    """An inflected word of the language: a pronoun or plural ending, or a definite feminine adjective
    ("الكيماويه"); a name ending in ة stays a name ("بنزيمة")."""
    if script != "arabic" or len(form) <= 4:
        return False
    return form.endswith(_INFLECTIONS) or (form.startswith("ال") and form.endswith("يه"))


# Endings that alternate within one word's grammar (case of a sound plural, dual, accusative): "مصابون" /
# "المصابين", "فدائيو" / "فدائيي".
_CASE_ENDINGS = ("ون", "ين", "ان", "وا", "و", "ي", "ا")  # وا / ا: a past verb's plural and dual ("تضرروا" / "تضررا")

# The imperfect's person prefixes (he, she, we), as they follow a glued conjunction.
_PERSON_PREFIXES = ("ي", "ت", "ن")


# Dual and plural endings added to a word: "يتعهد" / "يتعهدان", "مسلح" / "مسلحون".
_NUMBER_ENDINGS = ("ان", "ون", "ين", "وا")


# English and French endings of one name's adjective or plural (Macedonia / Macedonian / Macedonians).
_LATIN_ENDINGS = ("s", "n", "ns", "an", "ans", "ian", "ians", "e", "es", "ne", "nes")


def _morphology(x: str, y: str, kx: str = "", ky: str = "") -> bool:
    """Two words of one Arabic root, not two spellings of one name: a letter added before the word (a verb's
    or a noun pattern's prefix: "يشتبه" / "الاشتباه", "أرباح" / "ربح") or a case ending swapped."""
    short, long = sorted((x, y), key=len)
    if short.isascii() and long.startswith(short) and long[len(short):] in _LATIN_ENDINGS:
        return True
    if short.isascii() and long.isascii() and _demonym(short, long):
        return True  # a country and its people ("Macédoine" / "Macédoniens", "Albania" / "Albanians")
    if not short.isascii() and (_adjective_of(short, long) or _adjective_of(long, short)):
        return True  # a place and the adjective made from it ("إريتريا" / "الإريتري")
    if _feminine_adjective_of(x, y) or _feminine_adjective_of(y, x):
        return True
    if len(short) == 4 and short[0] == "ا" and long == short[:3] + "ا" + short[3]:
        return True  # a form IV verb and its verbal noun ("أحرز" / "إحراز", "أعلن" / "إعلان")
    if long == short + "ا":
        return True  # the accusative's alif ("عاجل" / "عاجلا"): one word in two cases
    if long == short + "ت" and not short.isascii():
        return True  # a past verb and its feminine ("وسقط" / "وسقطت"): one verb, two subjects
    if not short.isascii() and long[len(short):] in _NUMBER_ENDINGS and long.startswith(short):
        return True  # a dual or plural ending added ("يتعهد" / "يتعهدان"): one word, two numbers
    if not short.isascii() and long.endswith("ت") and kx and ky and max(kx, ky, key=len) == min(kx, ky, key=len) + "T":
        return True  # a final ت whose class is the only one added: a verb's feminine ("انتشلت" / "انتشال")
    # The article comes off where the key read one: "أليكسي" folds to "اليكسي", but its hamza opened no article.
    a, b = (w[2:] if w.startswith("ال") and len(w) > 4 and (not k or word_key(w[2:]) == k) else w
            for w, k in ((x, kx), (y, ky)))
    first_a, first_b = opening(a), opening(b)  # "تشيبوك" / "شيبوك": one sound written تش or ش, not a prefix
    if first_a != first_b and (not word_key(first_a) or word_key(first_a) != word_key(first_b)):
        return True  # first letters not of one class: one was added in front
    # The future's س before two persons of one imperfect, "I" among them: "سينسحب" / "سأنسحب" (he will / I will
    # withdraw), "ستستأنف" / "سنستأنف". A name seldom opens with س and a person prefix both.
    fa, fb = a.removeprefix("و").removeprefix("ف"), b.removeprefix("و").removeprefix("ف")
    if (fa[:1] == fb[:1] == "س" and fa[1:2] != fb[1:2] and {fa[1:2], fb[1:2]} <= {*_PERSON_PREFIXES, "أ", "ا"}
            and fa[2:] == fb[2:] and len(fa) >= 6):
        return True
    # After one glued conjunction, two person prefixes of one imperfect: "وسيقود" / "وستقود" (he or she will lead).
    # Only a swap: a ي added after و is as often a long vowel a desk writes in a name ("وليد" / "ويليد").
    if a[:1] == b[:1] and a[:1] in CONJUNCTIONS and min(len(a), len(b)) >= 4:
        rest_a, rest_b = a[1:].removeprefix("س"), b[1:].removeprefix("س")
        if rest_a[:1] != rest_b[:1] and {rest_a[:1], rest_b[:1]} <= set(_PERSON_PREFIXES) and rest_a[1:] == rest_b[1:]:
            return True
        # The future's س before one imperfect only: "وسيقود" / "ويقود", "وستغلق" / "وتغلق" (will lead / leads).
        if a[1:] != b[1:] and rest_a == rest_b and rest_a[:1] in _PERSON_PREFIXES:
            return True
    # A definite adjective against the bare word with the accusative's alif ("المتراجعة" / "متراجعا"): one word;
    # two bare spellings ending in ة and ا are a desk's choice for one name ("بنزيمة" / "بنزيما").
    one_definite = (a != x) != (b != y)  # the article came off one spelling only
    if one_definite and a[:-1] == b[:-1] and {a[-1:], b[-1:]} == {"ه", "ا"}:
        return True
    for ending in _CASE_ENDINGS:
        for other in _CASE_ENDINGS:
            if ending != other and a.endswith(ending) and b.endswith(other) and a[:-len(ending)] == b[:-len(other)]:
                return True
    return False


def _feminine_adjective_of(place: str, word: str) -> bool:
    """`word` is the feminine adjective of a gazetteer place in يا, its article read off ("إريتريا" / "الإريترية",
    "ليبيا" / "ليبية"). A spelling the gazetteer knows as the place itself ("سورية") stays the place."""
    return (len(place) >= 4 and place.endswith("يا") and word == place[:-1] + "ه"
            and _place_name(place) and not _place_name(word))


def _adjective_of(name: str, adjective: str, definite: frozenset[str] | set[str] = frozenset()) -> bool:
    """`adjective` is the nisba of `name`: with the article (and maybe a glued clitic), the name with ي added ("مصر"
    / "المصري"), its final ا read as that ي ("إريتريا" / "الإريتري", "كندا" / "الكندي") or kept before وي ("النمسا"
    / "النمساوي"). A people's adjective is a word of the language, not the place's name spelled another way. Without
    the article a final ي is a desk's spelling of a name as often ("فيليب" / "فيليبي", Felipe)."""
    def bare(word: str, definite: bool) -> list[str]:
        forms = [word] + [word[len(c):] for c in ARABIC_CLITICS if word.startswith(c) and len(word) - len(c) >= 3]
        if definite:
            return [f[2:] for f in forms if f.startswith("ال") and len(f) > 4]
        return [f[2:] if f.startswith("ال") and len(f) > 4 else f for f in forms]
    # A form the story writes with the article somewhere ("نمساوي", read off "النمساوي") is definite too.
    adjectives = {a for a in [*bare(adjective, True), *([adjective] if adjective in definite else [])]
                  if a.endswith("ي") and len(a) >= 4}
    for stem in bare(name, False):
        if stem + "ي" in adjectives or stem.endswith("يا") and stem[:-1] in adjectives:
            return True
        # A final ا dropped or kept before وي: "أمريكا" / "الأمريكي", "النمسا" / "النمساوي".
        if stem.endswith("ا") and len(stem) >= 4 and (stem[:-1] + "ي" in adjectives or stem + "وي" in adjectives):
            return True
    return False


# Endings of a people or an adjective made from a place's name, English and French, longest first.
# A bare -s or -e is not one: "Boukhris" / "Boukhriss" is a name spelled two ways.
_DEMONYM_ENDINGS = ("iennes", "iens", "ienne", "ien", "ians", "ian", "aises", "aise", "ais", "oises", "oise", "ois",
                    "ese")


def _demonym(short: str, long: str) -> bool:
    """The longer word is the shorter one's people or adjective: what is left of it without a demonym ending
    shares all but the last letter or two of the place's name ("macedoniens" -> "macedon", "macedoine")."""
    for ending in _DEMONYM_ENDINGS:
        if long.endswith(ending) and len(long) - len(ending) >= 4:
            stem = long[:-len(ending)]
            shared = len(stem) - 1
            return short[:shared] == stem[:shared] and len(short) - shared <= 3
    return False


def _close(x: str, y: str, ratio: float) -> bool:
    """Spellings of one name share most of their letters; one key can also join two unlike words."""
    return SequenceMatcher(None, x, y).ratio() >= ratio


def _merged(articles, per_article, claims_by_article, found) -> list[Finding]:
    """One finding per name and article pair: two differing words of one name ("أليكسي نافالي" / "ألكسي نافالني")
    are one finding, spanning both words."""
    spans: dict[tuple[int, int], list[list[int]]] = defaultdict(list)
    for a, t, b, u in sorted(found):
        for span in spans[(a, b)]:
            if _continues(per_article[a], span[1], t) and _continues(per_article[b], span[3], u):
                span[1], span[3] = t, u
                break
        else:
            spans[(a, b)].append([t, t, u, u])
    findings = []
    for (a, b), rows in sorted(spans.items()):
        for row in rows:
            lo_a, hi_a, lo_b, hi_b = _whole_name(per_article[a], per_article[b], *row)
            findings.append(_finding(articles, per_article, claims_by_article, (a, lo_a, hi_a), (b, lo_b, hi_b)))
    return findings


def _whole_name(ta: list[NameToken], tb: list[NameToken], lo_a: int, hi_a: int, lo_b: int, hi_b: int
                ) -> tuple[int, int, int, int]:
    """The differing words widened to the rare name words both sides share around them ("جوزيب بوريل" /
    "جوسيب بوريل"), so a side quotes the name, never the adjective before it."""
    rare = thresholds()["rare"]

    def same(i: int, j: int) -> bool:
        return (0 <= i < len(ta) and 0 <= j < len(tb) and ta[i].key and ta[i].key == tb[j].key
                and ta[i].rarity < rare and tb[j].rarity < rare)

    while same(lo_a - 1, lo_b - 1) and joined(ta, lo_a, -1) and joined(tb, lo_b, -1):
        lo_a, lo_b = lo_a - 1, lo_b - 1
    while same(hi_a + 1, hi_b + 1) and joined(ta, hi_a, 1) and joined(tb, hi_b, 1):
        hi_a, hi_b = hi_a + 1, hi_b + 1
    return lo_a, hi_a, lo_b, hi_b


def _continues(tokens: list[NameToken], last: int, index: int) -> bool:
    """Token `index` goes on the name that ends at `last`: next to it, or past its particles ("ويليم فان دالين")."""
    if not last < index <= last + 3:
        return False
    return all(joined(tokens, j, -1) for j in range(last + 1, index + 1)) and all(
        tokens[j].particle for j in range(last + 1, index))


def _finding(articles, per_article, claims_by_article, side_a, side_b) -> Finding:
    sides = []
    for index, lo, hi in (side_a, side_b):
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
