"""Emerging topics: clusters of contacts found without labels, across the four languages.

Customer text is reduced to content stems per language (`signals.text`: accents folded, stop
words dropped, Snowball stems), so "Népal"/"Nepal", "aardbeving"/"aardbevingen" meet, and names,
places and borrowed words ("Lunetten", "Brexit", "app") tie the languages together. The stems are
weighted by TF-IDF (scikit-learn) and clustered with mini-batch k-means on the unit sphere;
clusters that are too small or not coherent (mean cosine to the centroid below
`min_coherence`) are dropped, clusters sharing most of their top terms are merged. Each topic has
an id (`topic:<top terms>`), its top terms as said (the most frequent surface form of each stem)
and its contacts, which the spike detection then counts like a reason.
"""
from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from signals.text import LANGUAGES, fold, stem, stopwords, term_key, words

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TopicOptions:
    population: str = "other"  # "other": contacts no reason fits; "all": across reasons
    n_clusters: int | None = None  # None: n / 60, between 8 and 80
    min_term_share: float = 0.4  # a topic has >= 2 terms that each occur in this share of its contacts
    min_size: int = 15  # contacts
    min_coherence: float = 0.35
    min_df: int = 5
    max_df: float = 0.2
    top_terms: int = 8
    merge_overlap: int = 3  # clusters sharing this many of their top 5 terms are one topic
    max_docs: int = 400_000  # larger populations are clustered on a sample, then assigned
    seed: int = 0
    threads: int = 1
    bursts: bool = True  # also find topics from terms that burst on a day (new topics, small ones)
    burst_alpha: float = 0.01  # over terms x days
    burst_min: int = 8  # documents with the term on the day
    burst_ratio: float = 3.0  # times the term's expected documents that day
    burst_jaccard: float = 0.3  # bursting terms of a day whose documents overlap this much are one topic
    window_days: int = 28


@dataclass
class Topic:
    id: str
    terms: tuple[str, ...]
    size: int
    coherence: float
    languages: dict[str, int] = field(default_factory=dict)


@dataclass
class TopicModel:
    topics: list[Topic]
    assignment: np.ndarray  # per document: topic index, or -1
    similarity: np.ndarray  # per document: cosine to its topic's centroid


def tokenise(texts: list[str], languages: list[str]) -> tuple[list[list[str]], dict[str, Counter]]:
    """Content stems per document (each once), and per stem the surface words it came from."""
    surface: dict[str, Counter] = {}
    docs: list[list[str]] = []
    sw = {lang: stopwords(lang) for lang in LANGUAGES}
    for text, lang in zip(texts, languages):
        lang = lang if lang in sw else "nl"
        stop = sw[lang]
        seen: dict[str, None] = {}
        for w in words(text or ""):
            if len(w) < 3 or w in stop or w.isdigit():
                continue
            s = term_key(stem(w, lang))
            if s not in seen:
                seen[s] = None
                surface.setdefault(s, Counter())[w] += 1
        docs.append(list(seen))
    return docs, surface


def discover(texts: list[str], languages: list[str], options: TopicOptions | None = None,
             days: np.ndarray | None = None) -> TopicModel:
    """Topics among `texts`; `days` (each document's day number) adds burst topics."""
    o = options or TopicOptions()
    n = len(texts)
    empty = TopicModel([], np.full(n, -1, dtype=np.int64), np.zeros(n))
    if n < o.min_size:
        return empty
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs, surface = tokenise(texts, languages)
    vec = TfidfVectorizer(analyzer=_identity, min_df=min(o.min_df, max(2, n // 50)), max_df=o.max_df,
                          sublinear_tf=True, norm="l2", dtype=np.float32)
    try:
        X = vec.fit_transform(docs)
    except ValueError:  # no term survives min_df / max_df
        return empty
    vocab = vec.get_feature_names_out()
    nonempty = np.asarray(X.getnnz(axis=1) > 0)
    if nonempty.sum() < o.min_size:
        return empty
    k = o.n_clusters or int(np.clip(round(nonempty.sum() / 60), 8, 80))
    k = min(k, int(nonempty.sum()) // max(2, o.min_size // 2) or 1)
    rng = np.random.default_rng(o.seed)
    idx = np.flatnonzero(nonempty)
    fit_idx = idx if len(idx) <= o.max_docs else rng.choice(idx, o.max_docs, replace=False)
    from threadpoolctl import threadpool_limits

    km = MiniBatchKMeans(n_clusters=max(k, 1), random_state=o.seed, n_init=1, batch_size=2048,
                         max_iter=30, max_no_improvement=5)
    with threadpool_limits(o.threads):  # BLAS threads beyond the cores made it 3-9x slower here
        km.fit(X[fit_idx])
    C = km.cluster_centers_
    C = C / np.maximum(np.linalg.norm(C, axis=1, keepdims=True), 1e-12)
    sim_all = np.asarray(X @ C.T)
    lab = sim_all.argmax(axis=1)
    sim = sim_all[np.arange(n), lab]
    lab[~nonempty] = -1
    topics: list[Topic] = []
    tops: list[list[int]] = []
    cluster_of: dict[int, int] = {}
    order = np.argsort(-np.bincount(lab[lab >= 0], minlength=len(C)))
    for c in order:
        members = lab == c
        size = int(members.sum())
        if size < o.min_size:
            continue
        coh = float(sim[members].mean())
        if coh < o.min_coherence:
            continue
        top = list(np.argsort(-C[c])[: o.top_terms])
        # a topic is terms that go together: one shared word (a cluster around "website") is not
        share = np.asarray((X[members][:, top] > 0).mean(axis=0)).ravel()
        if (share >= o.min_term_share).sum() < 2:
            continue
        merged = None
        for ti, other in enumerate(tops):
            if len(set(top[:5]) & set(other[:5])) >= o.merge_overlap:
                merged = ti
                break
        if merged is not None:
            cluster_of[int(c)] = merged
            topics[merged].size += size
            continue
        cluster_of[int(c)] = len(topics)
        tops.append(top)
        terms = tuple(surface[vocab[t]].most_common(1)[0][0] if vocab[t] in surface else vocab[t] for t in top)
        topics.append(Topic("topic:" + "/".join(terms[:3]), terms, size, round(coh, 3)))
    assign = np.array([cluster_of.get(int(c), -1) if c >= 0 else -1 for c in lab], dtype=np.int64)
    sim = np.where(assign >= 0, sim, 0.0)
    if o.bursts and days is not None:
        for terms_idx, members in _bursts(X, np.asarray(days, dtype=np.int64), o):
            top5 = [set(t[:5]) for t in tops]
            same = next((i for i, t in enumerate(top5) if len(t & set(terms_idx[:5])) >= 2), None)
            if same is None:
                terms = tuple(surface[vocab[t]].most_common(1)[0][0] if vocab[t] in surface else vocab[t]
                              for t in terms_idx[: o.top_terms])
                topics.append(Topic("topic:" + "/".join(terms[:3]), terms, 0, 1.0))
                tops.append(list(terms_idx))
                same = len(topics) - 1
            assign[members] = same
            sim[members] = 1.0
        for i, t in enumerate(topics):
            t.size = int((assign == i).sum())
    for ti, t in enumerate(topics):
        langs = Counter(lang for lang, a in zip(languages, assign) if a == ti)
        t.languages = dict(langs.most_common())
    # ids stay unique when two topics share their first terms
    seen: Counter = Counter()
    for t in topics:
        seen[t.id] += 1
        if seen[t.id] > 1:
            t.id = f"{t.id}#{seen[t.id]}"
    logger.info("topics: %d documents, %d clusters, %d topics kept", n, len(C), len(topics))
    return TopicModel(topics, assign, np.where(assign >= 0, sim, 0.0))


def _bursts(X, days: np.ndarray, o: TopicOptions) -> list[tuple[list[int], np.ndarray]]:  # type: ignore[no-untyped-def]
    """Terms whose documents on a day exceed their trailing-window share beyond chance (Poisson,
    Bonferroni over terms x days), grouped per day by the overlap of their documents: (term
    indices by count, the documents anywhere in the range holding enough of them)."""
    from scipy import sparse, stats

    B = (X > 0).astype(np.float32).tocsc()
    n_docs, V = B.shape
    d0 = int(days.min())
    dd = days - d0
    P = int(dd.max()) + 1
    Dm = sparse.csr_matrix((np.ones(n_docs, dtype=np.float32), (dd, np.arange(n_docs))), shape=(P, n_docs))
    C = np.asarray((Dm @ B).todense())  # days x terms
    n_day = np.bincount(dd, minlength=P).astype(float)
    cc = np.vstack([np.zeros((1, V)), np.cumsum(C, axis=0)])
    cn = np.concatenate([[0.0], np.cumsum(n_day)])
    W = o.window_days
    first = min(14, P)
    tests = max((P - first) * V, 1)
    found: list[tuple[list[int], np.ndarray]] = []
    seen: set[frozenset[int]] = set()
    Bc = B.tocsr()
    for p in range(first, P):
        lo = max(0, p - W)
        base = (cc[p] - cc[lo] + 0.5) / max(cn[p] - cn[lo], 1.0)
        mu = base * n_day[p]
        y = C[p]
        cand = np.flatnonzero((y >= o.burst_min) & (y >= o.burst_ratio * mu))
        if not len(cand):
            continue
        pv = stats.poisson.sf(y[cand] - 1, mu[cand])
        hot = cand[pv < o.burst_alpha / tests]
        if not len(hot):
            continue
        rows = np.flatnonzero(dd == p)
        sub = Bc[rows][:, hot].toarray() > 0  # day's docs x hot terms
        inter = sub.T.astype(np.int64) @ sub.astype(np.int64)
        size = np.diag(inter)
        jac = inter / np.maximum(size[:, None] + size[None, :] - inter, 1)
        parent = list(range(len(hot)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i in range(len(hot)):
            for j in range(i + 1, len(hot)):
                if jac[i, j] >= o.burst_jaccard:
                    parent[find(i)] = find(j)
        comps: dict[int, list[int]] = {}
        for i in range(len(hot)):
            comps.setdefault(find(i), []).append(i)
        for comp in comps.values():
            terms = sorted((int(hot[i]) for i in comp), key=lambda t: -y[t])
            key = frozenset(terms)
            if key in seen:
                continue
            seen.add(key)
            need = min(2, len(terms))
            members = np.flatnonzero(np.asarray(Bc[:, terms].sum(axis=1)).ravel() >= need)
            if len(members) >= o.burst_min:
                found.append((terms, members))
    return found


def _identity(doc: list[str]) -> list[str]:
    return doc


__all__ = ["Topic", "TopicModel", "TopicOptions", "discover", "fold", "tokenise"]
