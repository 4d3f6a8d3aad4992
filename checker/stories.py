"""Stories first: a mixed feed grouped into stories before any value is compared.

One vector per article (its title and lead, embedded once), its publication date and the rare names it shares
with others make a sparse graph over the faiss neighbours of each article (never all pairs); a community
detection over that graph (Louvain, networkx) cuts the long chains that plain connected components make on a
day's wire, where one story's neighbours lead to the next. Findings are only looked for inside a story.

The numbers it decides with live in `stories.yaml` beside this module, fitted by `benchmarks/stories.py`.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import PurePath
from typing import Mapping, Sequence

import numpy as np
import yaml

from checker.model import Article, DateValue, Entity, Mention, Quantity, Story
from checker.subjects import name_keys


@lru_cache(maxsize=1)
def settings() -> dict:
    """checker/stories.yaml: the grouping's documented numbers."""
    return yaml.safe_load(resources.files("checker").joinpath("stories.yaml").read_text(encoding="utf-8"))


def lead_text(article: Article, words: int | None = None) -> str:
    """What an article is about, as an editor skims it: its title and the first words of its body."""
    limit = words or settings()["lead_words"]
    body = article.body.split()
    title = (article.title or "").strip()
    if title and body and " ".join(body[:len(title.split())]) == " ".join(title.split()):
        body = body[len(title.split()):]  # a feed's text often repeats its title as the first line
    return " ".join(([title] if title else []) + body[:limit])


def article_vectors(articles: Sequence[Article], embedder) -> np.ndarray:
    """One unit vector per article, from its lead: the only embedding grouping needs."""
    return embedder.encode([lead_text(article) for article in articles])


def article_names(articles: Sequence[Article], mentions: Sequence[Mention]) -> list[frozenset[str]]:
    """What marks the event each article reports, as keys two reports of it would share: the cross-script keys of
    the proper names its values reader found (people, places; one key per name word), and, where stories.yaml says
    so, the exact figures it states ("#1460") and the calendar days it names ("@2018-06-04"). Which of them are
    rare enough to say "one event" is decided over the run (`rare`)."""
    conf = settings()
    index = {article.id: i for i, article in enumerate(articles)}
    names: list[set[str]] = [set() for _ in articles]
    for mention in mentions:
        if mention.article_id not in index:
            continue
        found, value = names[index[mention.article_id]], mention.value
        if isinstance(value, Entity):
            found |= name_keys([value.text])
        elif conf["numbers"] and isinstance(value, Quantity) and _telling(value, conf["number_min"]):
            found.add(f"#{value.value:g}")
        elif conf["dates"] and isinstance(value, DateValue) and not value.relative and \
                value.granularity == "day" and value.low is not None:
            found.add(f"@{value.low.isoformat()}")
    if conf["lead_names"]:
        for found, article in zip(names, articles):
            found |= lead_names(article)
    return [frozenset(found) for found in names]


def lead_names(article: Article) -> set[str]:
    """Keys of the words of an article's title and lead that read as proper names (checker.names.mentions: rare in
    the language, or cued by a title or a place noun): the place and people an event is told by ("كيرتش",
    "ميانمار"), which the values reader only finds where they fill a role."""
    from checker.names.mentions import name_like, read_tokens

    longest = settings()["lead_name_letters"]  # a run of letters with no space (a hostile file) is no name
    tokens = read_tokens(" ".join(w for w in lead_text(article).split() if len(w) <= longest), article.lang)
    return {token.key for index, token in enumerate(tokens)
            if len(token.key) >= settings()["lead_name_key"] and name_like(tokens, index)}


def _telling(value: Quantity, least: float) -> bool:
    """A figure that could tell one event from another: exact (no "tens of"), not an ordinal ("the 2nd round"),
    large enough not to be in every story, and not a bare year."""
    if value.modifier == "vague" or value.ordinal or value.value < least:
        return False
    return not (value.unit is None and value.value.is_integer() and 1900 <= value.value <= 2100)


def rare(names: Sequence[frozenset[str]], share: float | None = None, frequency: Mapping[str, int] | None = None,
         total: int | None = None) -> list[frozenset[str]]:
    """Each article's names that few articles of the run carry: a name every other article has ("Trump",
    "Syria") says nothing about which story an article belongs to. `frequency` (articles per key) and `total`
    (articles) are those of `names` unless given: an index regrouping a few of its articles counts over all."""
    share = settings()["rare_share"] if share is None else share
    frequency = Counter(key for found in names for key in found) if frequency is None else frequency
    most = max(settings()["rare_min"], int(share * (len(names) if total is None else total)))
    return [frozenset(key for key in found if frequency.get(key, 0) <= most) for found in names]


def _apart(a: dt.date | None, b: dt.date | None) -> int:
    return abs((a - b).days) if a is not None and b is not None else 0


def story_edges(articles: Sequence[Article], vectors: np.ndarray, names: Sequence[frozenset[str]] | None = None,
                ) -> list[tuple[int, int, float]]:
    """Weighted edges (i < j) between articles that may report one event: the faiss neighbours of each article
    (`candidate_pairs`) weighed by `linked`, with the names that are rare in this run."""
    names = rare(names) if names is not None else [frozenset()] * len(articles)
    return linked(articles, candidate_pairs(vectors), names)


def candidate_pairs(vectors: np.ndarray) -> list[tuple[int, int, float]]:
    """(i, j, cosine), i < j: each article's `neighbours` nearest whose cosine shared names could lift to `link`."""
    from checker.cluster import neighbour_pairs

    return neighbour_pairs(vectors, k=settings()["neighbours"], threshold=link_floor())


def link_floor() -> float:
    """The lowest lead cosine that can still be linked: `link` less the most shared names can add."""
    conf = settings()
    return conf["link"] - conf["name_bonus"] * conf["names_counted"]


def linked(articles: Sequence[Article], pairs: Sequence[tuple[int, int, float]],
           names: Sequence[frozenset[str]], link: float | None = None) -> list[tuple[int, int, float]]:
    """The candidate `pairs` (i, j, cosine) that are edges, with their weight: published within `window_days` of
    each other, their lead cosine plus `name_bonus` per shared rare key (`names`, already rare; at most
    `names_counted`), less `day_cost` per day between them, reaching `link`; and, unless their leads alone are as
    close as `alone`, sharing at least `evidence_min` rare keys: two leads of one topic read alike, two reports of
    one event also name its people, places, figures or day. `link` replaces stories.yaml's when given."""
    conf = settings()
    link = conf["link"] if link is None else link
    edges = []
    for i, j, cosine in pairs:
        days = _apart(articles[i].published, articles[j].published)
        if days > conf["window_days"]:
            continue
        shared = len(names[i] & names[j])
        if shared < conf["evidence_min"] and cosine < conf["alone"]:
            continue
        weight = cosine + conf["name_bonus"] * min(shared, conf["names_counted"]) - conf["day_cost"] * days
        if weight >= link:
            edges.append((i, j, round(weight, 6)))
    return edges


def communities(count: int, edges: Sequence[tuple[int, int, float]]) -> list[int]:
    """Story label of each of `count` articles: Louvain communities of the edge graph (fixed seed, so the same
    input gives the same stories), labelled by their smallest member index.

    A connected component of the graph is one story unless Louvain finds a split that raises modularity; a
    component of `whole_below` articles or fewer is never split (a small story is one story).
    """
    import networkx as nx

    from checker.cluster import components

    labels = components(count, [(i, j) for i, j, _ in edges])
    members: dict[int, list[int]] = defaultdict(list)
    for node, label in enumerate(labels):
        members[label].append(node)
    conf = settings()
    out = list(labels)
    by_component: dict[int, list[tuple[int, int, float]]] = defaultdict(list)
    for i, j, weight in edges:
        by_component[labels[i]].append((i, j, weight))
    for label, nodes in members.items():
        if len(nodes) <= conf["whole_below"]:
            continue
        graph = nx.Graph()
        graph.add_nodes_from(nodes)
        graph.add_weighted_edges_from(by_component[label])
        # Above resolution 1 modularity splits even a clique (ten copies of one wire story); a group that plain
        # modularity (resolution 1) keeps whole is one story, and only the others are cut finer.
        if len(nx.community.louvain_communities(graph, weight="weight", resolution=1.0, seed=conf["seed"])) == 1:
            continue
        for part in nx.community.louvain_communities(graph, weight="weight", resolution=conf["resolution"],
                                                     seed=conf["seed"]):
            first = min(part)
            for node in part:
                out[node] = first
    return out


def group(articles: Sequence[Article], vectors: np.ndarray, mentions: Sequence[Mention] = (),
          names: Sequence[frozenset[str]] | None = None) -> list[int]:
    """The story label of each article (the smallest index among its story's articles), from its vector, its
    date and the names among its values (`names`, when already known, as `article_names` gives them)."""
    names = article_names(articles, mentions) if names is None else names
    return group_pairs(articles, candidate_pairs(vectors), rare(names))


def group_pairs(articles: Sequence[Article], pairs: Sequence[tuple[int, int, float]],
                names: Sequence[frozenset[str]]) -> list[int]:
    """`group` from candidate pairs already found and names already rare (an index finds both over all it holds).

    An item appended after "read also" is another story by the outlet's own account (a shipwreck off Crete under a
    report on one off Libya): it never joins the articles a user gave, only other appended items.
    """
    edges = [(i, j, w) for i, j, w in linked(articles, pairs, names)
             if (articles[i].role == "appended") == (articles[j].role == "appended")]
    return communities(len(articles), edges)


def story_pairs(labels: Sequence[int]) -> set[tuple[int, int]]:
    """Index pairs (i <= j) of articles in one story: what the matcher's `other_story` blocker reads."""
    members: dict[int, list[int]] = defaultdict(list)
    for node, label in enumerate(labels):
        members[label].append(node)
    return {(a, b) for nodes in members.values() for x, a in enumerate(nodes) for b in nodes[x:]}


def comparable_pairs(articles: Sequence[Article], labels: Sequence[int], vectors: np.ndarray,
                     names: Sequence[frozenset[str]]) -> set[tuple[int, int]]:
    """Index pairs (i <= j) of articles whose values may be compared: every pair of a story of at most
    `whole_below` articles, as `story_pairs`; in a larger group, only the pairs whose own leads would link them
    (`linked` with `compare_link` for `link`: cosine, shared rare names, days apart) and that are not one outlet's
    reports more than `outlet_days` apart (`_running`). A large group is a topic that
    Louvain cut from a day's chain ("Yemen war", "World Cup"): its members are joined through one another, and two
    of them that read apart report different events, whose figures (a girl's age and the war's years, two nights of
    protests) are not one fact. `names` are the run's rare keys, as `rare` gives them."""
    conf = settings()
    members: dict[int, list[int]] = defaultdict(list)
    for node, label in enumerate(labels):
        members[label].append(node)
    pairs: set[tuple[int, int]] = set()
    for nodes in members.values():
        if len(nodes) <= conf["whole_below"]:
            pairs.update((a, b) for x, a in enumerate(nodes) for b in nodes[x:])
            continue
        pairs.update((a, a) for a in nodes)
        block = np.asarray(vectors, dtype=np.float32)[nodes]
        cosines = block @ block.T
        candidates = [(a, b, round(float(cosines[x, y]), 6)) for x, a in enumerate(nodes)
                      for y, b in enumerate(nodes) if x < y and not _running(articles[a], articles[b])]
        pairs.update((a, b) for a, b, _ in linked(articles, candidates, names, conf["compare_link"]))
    return pairs


def _running(a: Article, b: Article) -> bool:
    """Two reports of one outlet more than `outlet_days` days apart: inside a topic group, the outlet's running
    coverage (each night's crowd, each day's oil price, the toll of each day's fighting), not two sources."""
    if a.outlet is None or a.outlet != b.outlet or a.published is None or b.published is None:
        return False
    return _apart(a.published, b.published) > settings()["outlet_days"]


def labels_of(count: int, pairs: set[tuple[int, int]]) -> list[int]:
    """Story labels back from the pairs `story_pairs` made (each story is a clique, so its component)."""
    from checker.cluster import components

    return components(count, [(i, j) for i, j in pairs if i != j])


def describe_stories(articles: Sequence[Article], labels: Sequence[int]) -> tuple[list[Story], dict[str, str]]:
    """The run's stories, numbered in the order of their first article, and the story id of each article id."""
    members: dict[int, list[int]] = defaultdict(list)
    for node, label in enumerate(labels):
        members[label].append(node)
    stories, story_of = [], {}
    for number, label in enumerate(sorted(members, key=lambda lab: members[lab][0]), 1):
        nodes = members[label]
        story_id = f"story-{number}"
        dated = [articles[i].published for i in nodes if articles[i].published is not None]
        earliest = min(nodes, key=lambda i: (articles[i].published or dt.date.max, i))
        title = articles[earliest].title or " ".join(lead_text(articles[earliest], 12).split()[:12]) or None
        outlets = sorted({articles[i].outlet or PurePath(articles[i].source.split(":")[0]).name for i in nodes})
        stories.append(Story(id=story_id, title=title, outlets=tuple(outlets), first=min(dated, default=None),
                             last=max(dated, default=None), articles=tuple(articles[i].id for i in nodes)))
        story_of.update((articles[i].id, story_id) for i in nodes)
    return stories, story_of
