"""Is an Arabic spelling a word of the language (a noun or adjective), or may it be a name?

wordfreq alone cannot tell: a news corpus writes "بوتين" and "ترامب" as often as "صاروخ", so a famous name is as
frequent as a dictionary word, while an inflection of a common word ("صاروخا", "منافسيه", "كيمياوية") may be
rarer than the name. What separates them is grammar: a noun or adjective of the language takes the article, and
news writes it with the article often ("الصواريخ", "المنافس", "الكيماوي"); a transliterated name almost never
("الترامب", "البوتين", "السكريبال" are absent or noise). So a word's reading as a common word is the Zipf
frequency of its definite form, taken over its bare readings: the word without its article or a glued
preposition, without the accusative alif ("صاروخا"), the masculine of a feminine relational adjective
("كيمياوية" -> "كيمياوي"), and its Snowball light stem where the stemmer only took an attached pronoun or a feminine plural
off ("منافسيه" -> "منافس"). The Snowball Arabic light stemmer (nltk's, already a dependency) finds the endings; its prefix
stripping is not trusted ("بوتين" -> "بوت" or "وتين"), so a stem that is not a prefix of the word, or that took
off more than an attached pronoun or a feminine plural, is dropped. Root analysers on the package index
(tashaphyne, qalsadi) are GPL, which an Apache-2.0 package cannot depend on, and a root alone cannot tell a name
from a word: "سكريبال" and "سكريبل" share a root as much as "صاروخ" and "صواريخ" do.
"""
from __future__ import annotations

from functools import lru_cache

from nltk.stem.snowball import ArabicStemmer

from checker.text import strip_marks
from checker.values.entities import zipf

# The article with the prepositions and conjunctions that glue to it, longest first: only these come off, since a
# lone ب/و/ف/ك/ل may be a name's first letter ("بوتين", "ويد").
_ARTICLES = ("وبال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال")
_MIN_BARE = 3  # letters a reading keeps: shorter readings meet unrelated words
# Endings the stemmer may take off: attached pronouns and the feminine plural. Not the dual or masculine plural
# (-ان, -ين, -ون), nor a nisba (-اني), nor a lone و or ي: names end so ("سلمان", "ياسين", "مكونو", "طالباني"), and
# their stems are common words ("السلم", "الياس", "المكون", "الطالب").
_STEM_ENDINGS = frozenset({"ه", "ها", "هم", "هما", "هن", "كم", "نا", "يه", "يها", "يهم", "ته", "تها", "ات"})


@lru_cache(maxsize=1)
def _stemmer():
    return ArabicStemmer()


def _bare(word: str) -> list[str]:
    """The word without its article; a name may begin like a preposition and the article ("فالديسي", "بالي"),
    so the word as written stays a reading then."""
    for article in _ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= _MIN_BARE:
            rest = word[len(article):]
            return [rest] if article == "ال" else [word, rest]
    return [word]


def written_definite(word: str) -> bool:
    """The spelling carries the article (maybe behind a glued preposition): "المتراجعة", "وبالإريترية". A name
    rarely takes it, an adjective of the language often does."""
    plain, _ = strip_marks(word)
    return any(article != plain and len(plain) - len(article) >= _MIN_BARE for article in _ARTICLES
               if plain.startswith(article))


def readings(word: str) -> list[str]:
    """The bare readings of an Arabic spelling, as written (ta marbuta and hamza kept, marks dropped)."""
    plain, _ = strip_marks(word)
    out = []
    for bare in _bare(plain.replace("\u0640", "")):
        out.append(bare)
        if bare.endswith("ا") and len(bare) > _MIN_BARE:
            out.append(bare[:-1])  # the accusative's alif: "صاروخا" is "صاروخ"
        if bare.endswith("ية") and len(bare) > _MIN_BARE + 1:
            out.append(bare[:-1])  # a feminine nisba and its masculine: "كيمياوية" / "كيمياوي"
        stem = _stemmer().stem(bare)
        if len(stem) >= _MIN_BARE and bare.startswith(stem) and bare[len(stem):] in _STEM_ENDINGS:
            out.append(stem)
    return list(dict.fromkeys(r for r in out if len(r) >= _MIN_BARE))


@lru_cache(maxsize=100_000)
def definite_frequency(word: str) -> float:
    """Zipf frequency of the word's commonest bare reading written with the article: high for a noun or adjective
    of the language ("الصواريخ", "المنافس"), near zero for a transliterated name."""
    return max((zipf("ال" + reading, "ar") for reading in readings(word)), default=0.0)


# Prepositions glued to a noun ("برصاص": with bullets; "وبجروح": and with wounds), a conjunction maybe before them.
# Not a lone و or ف: first names open so ("وليد", "فريد") and their rest is a word ("اليد").
_PREPOSITIONS = ("وب", "فب", "ول", "فل", "وك", "فك", "ب", "ل", "ك")


@lru_cache(maxsize=100_000)
def glued_frequency(word: str) -> float:
    """Zipf frequency, with the article, of the noun left when a glued preposition is read off ("برصاص" -> "الرصاص"):
    high for a word of the language behind a preposition, near zero for a name that merely opens with its letter
    ("برايز", "بوتين", "لندن"). Kept apart from definite_frequency, which also decides whether a cued word fills a
    role: a first name such as "كمال" reads as "ك" + "مال" here, harmless for spellings, wrong for a role."""
    plain, _ = strip_marks(word)
    plain = plain.replace("\u0640", "")
    for clitic in _PREPOSITIONS:
        if plain.startswith(clitic) and len(plain) - len(clitic) >= _MIN_BARE + 1 and not plain.startswith(clitic + "ال"):
            return max((zipf("ال" + reading, "ar") for reading in readings(plain[len(clitic):])), default=0.0)
    return 0.0


# A past verb's endings and the imperfect they point to: the feminine ت ("غادرت" -> "يغادر"), the plural وا
# ("تنشروا" -> "ينشر", an imperfect's ت or ن prefix taken off too; "استقبلوا" -> "يستقبل"), the object pronoun after a final alif
# ("تولاه" -> "يتولى"), and a final alif maqsura ("تصدى" -> "يتصدى"). A name almost never has an imperfect: "يبوتين",
# "يبيرو" are in no word list, while "يغادر" is common.
# Conjunctions glued to a verb (read off before its ending is: "وغادرت").
CONJUNCTIONS = ("و", "ف")


@lru_cache(maxsize=100_000)
def verb_frequency(word: str) -> float:
    """Zipf frequency of the imperfect of the past verb (or plural imperative) the spelling can be, read off its
    ending: high for a verb of the language ("غادرت", "تولاه"), zero for a name. Verbs take no article, so
    definite_frequency cannot see them."""
    plain, _ = strip_marks(word)
    plain = plain.replace("\u0640", "")
    forms = [plain] + [plain[1:] for c in CONJUNCTIONS if plain.startswith(c) and len(plain) > 4]
    # A verb whose past opens with a bare alif ("استقبل", "انطلق") has an imperfect without it ("يستقبل").
    # Only the verb patterns that open so: استفعل, انفعل, افتعل ("اوتاوا" is no verb: a vowel follows its alif).
    forms += [form[1:] for form in forms if len(form) > 4 and form.startswith("ا") and form[1] not in "اوي"
              and (form[1:3] == "ست" or form[1] == "ن" or form[2] == "ت")]
    # A form IV past opens with a hamza its imperfect drops ("أخمدت" -> "يخمد", "أضرموا" -> "يضرم"); only where an
    # ending says verb, since أفعل is also the pattern of many first names ("أحمد", "أشرف"), and only before a
    # consonant: a vowel after the hamza is a transliteration ("أوتاوا").
    forms += [form[1:] for form in forms if form.startswith("أ") and len(form) >= 5 and form[1] not in "اوي"
              and form.endswith(("ت", "وا"))]
    # Form IV of a root opening with و keeps it ("أوردت" -> "يورد", "أوقفت" -> "يوقف"): only before the feminine ت,
    # since "أوتاوا" ends like a plural.
    forms += [form[1:] for form in forms if form.startswith("أو") and len(form) >= 5 and form[2] not in "اوي"
              and form.endswith("ت")]
    candidates = []
    # A hollow form IV past ("أفادت", "أشاروا") has its long vowel as ي in the imperfect ("يفيد", "يشير").
    candidates += ["ي" + form[1] + "ي" + form[3:-1] for form in forms
                   if len(form) == 5 and form.startswith("أ") and form[2] == "ا" and form.endswith("ت")]
    candidates += ["ي" + form[1] + "ي" + form[3:-2] for form in forms
                   if len(form) == 6 and form.startswith("أ") and form[2] == "ا" and form.endswith("وا")]
    for form in forms:
        if form.endswith("ت") and len(form) >= 4:
            candidates.append("ي" + form[:-1])
        if form.endswith("وا") and len(form) >= 5:
            candidates.append("ي" + form[:-2])
            if form[0] in "تن":
                candidates.append("ي" + form[1:-2])
        if form.endswith("اه") and len(form) >= 5:
            candidates.append("ي" + form[:-2] + "ى")
        if form.endswith("ى") and len(form) >= 3:
            candidates.append("ي" + form)
    return max((zipf(candidate, "ar") for candidate in candidates), default=0.0)
