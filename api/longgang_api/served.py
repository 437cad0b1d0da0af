"""Everything the handlers read, built once from the loaded artifact."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import msgspec

from longgang_api.artifact import LoadedDataset
from longgang_api.cursor import CursorCodec
from longgang_api.downloads import Downloads
from longgang_api.envelopes import IndicatorDetail, SearchHit
from longgang_api.http_caching import CachePolicy
from longgang_api.model import GlossaryTerm, LocalizedText, Observation, Project, Section
from longgang_api.query import Collection, Scalar
from longgang_api.representation import csv_columns

if TYPE_CHECKING:
    from longgang_api.catalog import Catalog

_KIND_ORDER = {"actual": 0, "target": 1, "plan": 2}


def _texts(*texts: LocalizedText | None) -> Iterator[str]:
    for text in texts:
        if text is not None:
            yield text.zh
            yield text.en


def _observation_order(o: Observation) -> tuple[str, int, str]:
    return (o.period, _KIND_ORDER[o.kind], o.id)


#: Sortable fields of each collection (the keys are the documented ``sort`` values).
_RANK = {"indicator": 0, "project": 1, "glossary": 2, "section": 3}
INDICATOR_SORTS: dict[str, Callable[[IndicatorDetail], Scalar]] = {
    "id": lambda i: i.id,
    "category": lambda i: i.category,
    "name_zh": lambda i: i.name.zh,
    "name_en": lambda i: i.name.en.casefold(),
    "order": lambda i: i.order,
}
OBSERVATION_SORTS: dict[str, Callable[[Observation], Scalar]] = {
    "id": lambda o: o.id,
    "indicator_id": lambda o: o.indicator_id,
    "period": lambda o: o.period,
    "kind": lambda o: o.kind,
    "value": lambda o: o.value,
    "base_value": lambda o: o.base_value,
    "line": lambda o: o.source.line,
}
PROJECT_SORTS: dict[str, Callable[[Project], Scalar]] = {
    "id": lambda p: p.id,
    "category": lambda p: p.category,
    "name_zh": lambda p: p.name.zh,
    "name_en": lambda p: p.name.en.casefold(),
    "line": lambda p: p.mentions[0].source.line,
}
GLOSSARY_SORTS: dict[str, Callable[[GlossaryTerm], Scalar]] = {
    "number": lambda g: g.number,
    "id": lambda g: g.id,
}
SECTION_SORTS: dict[str, Callable[[Section], Scalar]] = {
    "line": lambda s: s.line,
    "id": lambda s: s.id,
    "kind": lambda s: s.kind,
}
SEARCH_SORTS: dict[str, Callable[[SearchHit], Scalar]] = {
    "rank": lambda h: _RANK[h.kind],
    "id": lambda h: f"{_RANK[h.kind]}:{h.id}",
}


class Syndication:
    """Downloads and the catalogue, made on first use.

    Building them (and importing rdflib) costs about a third of a second; the
    API answers before any portal asks for them, which keeps start-up short.
    """

    def __init__(self, dataset: LoadedDataset, public_base_url: str) -> None:
        self._dataset = dataset
        self._base_url = public_base_url

    @functools.cached_property
    def downloads(self) -> Downloads:
        return Downloads.build(self._dataset, self._dataset.data)

    @functools.cached_property
    def catalog(self) -> Catalog:
        from longgang_api.catalog import build_catalog

        return build_catalog(self._dataset, self.downloads, self._base_url)


@dataclass(frozen=True, slots=True)
class Served:
    """The dataset, its collections and the HTTP policies of one running server."""

    dataset: LoadedDataset
    indicators: Collection[IndicatorDetail]
    observations: Collection[Observation]
    projects: Collection[Project]
    glossary: Collection[GlossaryTerm]
    sections: Collection[Section]
    search: Collection[SearchHit]
    codec: CursorCodec
    cache: CachePolicy
    csv_columns: dict[str, tuple[str, ...]]
    syndication: Syndication
    public_base_url: str

    @property
    def downloads(self) -> Downloads:
        return self.syndication.downloads

    @property
    def catalog(self) -> Catalog:
        return self.syndication.catalog

    @classmethod
    def build(cls, dataset: LoadedDataset, max_age: int, public_base_url: str) -> Served:
        artifact = dataset.artifact
        indicator_of = dataset.indicators
        details = tuple(
            IndicatorDetail(
                **msgspec.structs.asdict(indicator),
                observations=tuple(
                    sorted(dataset.observations_by_indicator[indicator.id], key=_observation_order)
                ),
            )
            for indicator in artifact.indicators
        )
        indicators = Collection(
            name="indicators",
            records=details,
            id_of=lambda i: i.id,
            filters={
                "category": lambda i: (i.category,),
                "headline": lambda i: (i.headline,),
                "period": lambda i: {o.period for o in i.observations},
                "kind": lambda i: {o.kind for o in i.observations},
                "measure": lambda i: (i.measure,),
            },
            sorts=INDICATOR_SORTS,
            text_of=lambda i: (i.id, *_texts(i.name), i.unit or ""),
            default_sort=("order",),
        )
        observations = Collection(
            name="observations",
            records=artifact.observations,
            id_of=lambda o: o.id,
            filters={
                "indicator_id": lambda o: (o.indicator_id,),
                "period": lambda o: (o.period,),
                "kind": lambda o: (o.kind,),
                "category": lambda o: (indicator_of[o.indicator_id].category,),
                "headline": lambda o: (indicator_of[o.indicator_id].headline,),
                "qualifier": lambda o: (o.qualifier,),
                "comparison": lambda o: (o.comparison,),
                "measure": lambda o: (o.measure,),
                "base_unit": lambda o: (o.base_unit.code if o.base_unit else None,),
            },
            sorts=OBSERVATION_SORTS,
            text_of=lambda o: (
                o.id,
                *_texts(indicator_of[o.indicator_id].name, o.status),
                o.source.quote,
                o.note or "",
            ),
        )
        projects = Collection(
            name="projects",
            records=artifact.projects,
            id_of=lambda p: p.id,
            filters={
                "category": lambda p: (p.category,),
                "year": lambda p: {m.year for m in p.mentions},
                "status": lambda p: {m.status for m in p.mentions},
            },
            sorts=PROJECT_SORTS,
            text_of=lambda p: (
                p.id,
                *_texts(p.name),
                *(m.source.quote for m in p.mentions),
            ),
        )
        glossary = Collection(
            name="glossary",
            records=artifact.glossary,
            id_of=lambda g: g.id,
            filters={},
            sorts=GLOSSARY_SORTS,
            text_of=lambda g: (g.id, *_texts(g.term, g.definition)),
            default_sort=("number",),
        )
        sections = Collection(
            name="sections",
            records=artifact.sections,
            id_of=lambda s: s.id,
            filters={
                "kind": lambda s: (s.kind,),
                "parent_id": lambda s: (s.parent_id,),
            },
            sorts=SECTION_SORTS,
            text_of=lambda s: (s.id, *_texts(s.heading), s.text),
            default_sort=("line",),
        )
        hits, hit_texts = _search_hits(
            details, artifact.projects, artifact.glossary, artifact.sections
        )
        search = Collection(
            name="search",
            records=hits,
            id_of=lambda h: f"{h.kind}:{h.id}",
            filters={"kind": lambda h: (h.kind,)},
            sorts=SEARCH_SORTS,
            text_of=lambda h: hit_texts[f"{h.kind}:{h.id}"],
            default_sort=("rank",),
        )
        return cls(
            syndication=Syndication(dataset, public_base_url),
            public_base_url=public_base_url,
            dataset=dataset,
            indicators=indicators,
            observations=observations,
            projects=projects,
            glossary=glossary,
            sections=sections,
            search=search,
            codec=CursorCodec(dataset.sha256),
            cache=CachePolicy.for_release(dataset.sha256, artifact.dataset.release_date, max_age),
            csv_columns={
                "indicators": csv_columns(IndicatorDetail),
                "observations": csv_columns(Observation),
                "projects": csv_columns(Project),
                "glossary": csv_columns(GlossaryTerm),
                "sections": csv_columns(Section),
                "search": csv_columns(SearchHit),
            },
        )


def _search_hits(
    indicators: tuple[IndicatorDetail, ...],
    projects: tuple[Project, ...],
    glossary: tuple[GlossaryTerm, ...],
    sections: tuple[Section, ...],
) -> tuple[tuple[SearchHit, ...], dict[str, tuple[str, ...]]]:
    hits: list[SearchHit] = []
    texts: dict[str, tuple[str, ...]] = {}
    for i in indicators:
        hits.append(
            SearchHit(kind="indicator", id=i.id, title=i.name, url=f"/v1/indicators/{i.id}")
        )
        texts[f"indicator:{i.id}"] = (
            i.id,
            *_texts(i.name),
            *(o.source.quote for o in i.observations),
        )
    for p in projects:
        hits.append(SearchHit(kind="project", id=p.id, title=p.name, url=f"/v1/projects/{p.id}"))
        texts[f"project:{p.id}"] = (p.id, *_texts(p.name), *(m.source.quote for m in p.mentions))
    for g in glossary:
        hits.append(SearchHit(kind="glossary", id=g.id, title=g.term, url=f"/v1/glossary/{g.id}"))
        texts[f"glossary:{g.id}"] = (g.id, *_texts(g.term, g.definition))
    for s in sections:
        hits.append(SearchHit(kind="section", id=s.id, title=s.heading, url=f"/v1/sections/{s.id}"))
        texts[f"section:{s.id}"] = (s.id, *_texts(s.heading), s.text)
    return tuple(hits), texts
