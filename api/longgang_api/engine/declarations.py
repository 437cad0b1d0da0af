"""The one declaration of each list resource of ``/v1``.

From a :class:`Listing` come the handler's query parameters and their
descriptions, the sortable fields (in the ``sort`` pattern and in the
operation's description), the CSV columns, the text that ``q`` and
``/v1/search`` look in, and the runtime :class:`~longgang_api.engine.query.Collection`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Literal, NamedTuple, TypeVar

import msgspec

from longgang_api.data import addresses
from longgang_api.data.addresses import API_ROOT
from longgang_api.data.artifact import LoadedDataset
from longgang_api.data.envelopes import (
    GlossaryPage,
    GlossaryTerm,
    HitKind,
    IndicatorDetail,
    IndicatorPage,
    ObservationPage,
    Project,
    ProjectPage,
    Promise,
    PromisePage,
    PromiseVerdict,
    Report,
    SearchHit,
    SearchPage,
    SectionPage,
    Target,
    TargetPage,
    Verdict,
)
from longgang_api.data.ledger import ledger, promises
from longgang_api.data.model import (
    Comparison,
    IndicatorCategory,
    LocalizedText,
    Measure,
    MentionStatus,
    Observation,
    ObservationKind,
    Period,
    ProjectCategory,
    Qualifier,
    Section,
    SectionKind,
    Year,
)
from longgang_api.data.tabular import csv_columns
from longgang_api.engine.query import MAX_Q_LENGTH, Q_PATTERN, Collection, Ids, Scalar
from longgang_api.engine.text_search import Match, Synonyms, release_prepared, snippet

R = TypeVar("R")
L = TypeVar("L", bound=msgspec.Struct)
#: A searched field of a record: its name (``name.en``, ``observations.source.quote`` …) and text.
Field = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Text:
    """A text query parameter: what it means and the text it takes.

    Declared without the web framework's types, so that the query engine's side
    of the declarations loads without it; the handlers' parameters are made from it.
    """

    description: str
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None


#: The ``q`` of every list: optional.
Q = Text(
    description=(
        "Search terms, separated by spaces or punctuation, all of which must match the "
        "record's Chinese or English text: Chinese as written anywhere in the text, English "
        "as whole words, case-insensitive, plurals folded (places = place); a term of the "
        "dataset's synonym table (地铁 = 轨道 = metro = subway …) matches as any of its "
        "synonyms. NFKC-normalised, so full-width and half-width forms match."
    ),
    max_length=MAX_Q_LENGTH,
    pattern=Q_PATTERN,
)
#: The ``q`` of ``/v1/search``: required.
SearchQ = Text(
    description=(
        "Search terms, all of which must match (Chinese as written, English as whole "
        "words with plurals folded, synonyms of the dataset's table included), "
        "case-insensitive and NFKC-normalised."
    ),
    min_length=1,
    max_length=MAX_Q_LENGTH,
    pattern=Q_PATTERN,
)


@dataclass(frozen=True, slots=True)
class Filter(Generic[R]):
    """An equality filter: its query parameter and the values a record has for it."""

    name: str
    type: Any
    description: str
    values: Callable[[R, LoadedDataset], Iterable[Scalar]]
    #: The values the dataset allows (its years); None where the type says it all.
    choices: Callable[[LoadedDataset], Iterable[Scalar]] | None = None
    #: The ids the filter takes, where its values are those of another list's records.
    ids: Callable[[LoadedDataset], Ids] | None = None


@dataclass(frozen=True, slots=True)
class Item:
    """The get-one-record operation of a list resource."""

    operation_id: str
    summary: str
    description: str
    parameter: str
    parameter_description: str
    type: type[msgspec.Struct]


@dataclass(frozen=True, slots=True)
class Listing(Generic[R]):
    """A list resource of ``/v1``, declared once."""

    name: str
    #: What one record is called (``indicator``, ``glossary term``).
    noun: str
    tag: str
    operation_id: str
    summary: str
    lead: str
    page_type: type[msgspec.Struct]
    record_type: type[msgspec.Struct]
    #: The records served, made from the dataset and the server's public base URL
    #: (the records that link to their page for people carry it).
    records: Callable[[LoadedDataset, str], tuple[R, ...]]
    id_of: Callable[[R], str]
    filters: tuple[Filter[R], ...]
    sorts: Mapping[str, Callable[[R], Scalar]]
    text_of: Callable[[R, LoadedDataset], Iterable[Field]]
    default_sort: tuple[str, ...] = ("id",)
    order_note: str = ""
    csv_note: str = ""
    q: Text = Q
    q_required: bool = False
    item: Item | None = None
    #: Replaces the description made from the lead and the sortable fields.
    description_text: str | None = None
    #: The sort field that, leading the order, puts better matches of ``q`` first.
    relevance: str | None = None
    #: Adds to each record of a page how it matched ``q`` (the records, their matches).
    annotate: Callable[[Sequence[R], Sequence[Match]], tuple[R, ...]] | None = None
    #: The lists whose records, one after the other, make this list's (each with the
    #: same searched text): its text index joins theirs.
    made_of: tuple[str, ...] = ()
    #: Rewrites the filters asked for into those the index answers (vintages).
    rewrite: Callable[[dict[str, tuple[str, ...]]], dict[str, tuple[str, ...]]] | None = None
    #: Filters the index holds that no parameter names: what ``rewrite`` maps onto.
    index_only: tuple[Filter[R], ...] = ()

    @property
    def path(self) -> str:
        return f"{API_ROOT}/{self.name}"

    @property
    def description(self) -> str:
        if self.description_text is not None:
            return self.description_text
        order = ", ".join(self.default_sort) + self.order_note
        return (
            f"{self.lead} Sortable by {', '.join(self.sorts)}; default order: {order}. "
            f"Also as CSV{self.csv_note} and NDJSON."
        )

    def collection(
        self,
        dataset: LoadedDataset,
        public_base_url: str,
        made_of: Mapping[str, Collection[Any]] | None = None,
    ) -> Collection[R]:
        """The runtime collection; ``made_of`` holds the collections it is made of, if built."""
        parts = tuple((made_of or {}).get(name) for name in self.made_of)
        return Collection(
            name=self.name,
            noun=self.noun,
            records=self.records(dataset, public_base_url),
            id_of=self.id_of,
            filters={f.name: _bound(f.values, dataset) for f in self.filters},
            choices={
                f.name: frozenset(f.choices(dataset)) for f in self.filters if f.choices is not None
            },
            ids={f.name: f.ids(dataset) for f in self.filters if f.ids is not None},
            sorts=self.sorts,
            csv_columns=csv_columns(self.record_type),
            text_of=_bound(self.text_of, dataset),
            default_sort=self.default_sort,
            synonyms=synonyms_of(dataset),
            relevance=self.relevance,
            annotate=self.annotate,
            parts=tuple(p for p in parts if p is not None) if all(parts) else (),
            rewrite=self.rewrite,
            index_only={f.name: _bound(f.values, dataset) for f in self.index_only},
        )


@functools.lru_cache(maxsize=8)
def synonyms_of(dataset: LoadedDataset) -> Synonyms:
    return Synonyms((group.terms, group.broader) for group in dataset.artifact.synonyms)


T = TypeVar("T")


def _bound(
    function: Callable[[R, LoadedDataset], Iterable[T]], dataset: LoadedDataset
) -> Callable[[R], Iterable[T]]:
    return lambda record: function(record, dataset)


def texts(**items: LocalizedText | None) -> Iterator[Field]:
    """``name.zh`` and ``name.en`` fields of each localized text given by name."""
    for name, text in items.items():
        if text is not None:
            yield f"{name}.zh", text.zh
            yield f"{name}.en", text.en


def indicator_ids(dataset: LoadedDataset) -> Ids:
    return Ids("an indicator", INDICATORS.path, frozenset(dataset.indicators))


def section_ids(dataset: LoadedDataset) -> Ids:
    return Ids("a section", SECTIONS.path, frozenset(s.id for s in dataset.artifact.sections))


def report_ids(dataset: LoadedDataset) -> Ids:
    # Where the reports served are listed (not a list of the query grammar: a handful at most).
    return Ids("a report", addresses.href(addresses.REPORTS), frozenset(dataset.report_ids))


def report_filter(what: str, values: Callable[[R, LoadedDataset], Iterable[Scalar]]) -> Filter[R]:
    """The ``report`` filter of a list: the same parameter, with what it selects in words."""
    return Filter(
        "report", str, f"{what} of this report (an id of /v1/reports); repeat for any of several.",
        values, ids=report_ids,
    )  # fmt: skip


#: ``vintage``: the latest statement of each value, or every statement of it.
VINTAGES = ("latest", "all")


def _vintages(o: Observation, dataset: LoadedDataset) -> tuple[str, ...]:
    """The values of ``vintage`` an observation matches: ``all``, and ``latest`` unless revised."""
    return ("all",) if o.revised_by is not None else ("all", "latest")


#: The index's name of a statement's vintage as of a report (:func:`_statement_tokens`).
STATEMENT = "statement"


def _statement_tokens(o: Observation, dataset: LoadedDataset) -> Iterator[str]:
    """The tokens an observation matches: ``latest``, ``all``, ``latest@R``, ``all@R``.

    ``latest@R`` is matched by what was the latest statement once report R was
    published, ``all@R`` by every statement published up to R.
    """
    reports = dataset.report_ids
    own = reports.index(o.report_id) if o.report_id in reports else 0
    revised_at = _revised_at(dataset).get(o.id, len(reports))
    yield "all"
    if o.revised_by is None:
        yield "latest"
    for position in range(own, len(reports)):
        yield f"all@{reports[position]}"
        if position < revised_at:
            yield f"latest@{reports[position]}"


@functools.lru_cache(maxsize=8)
def _revised_at(dataset: LoadedDataset) -> dict[str, int]:
    """Each revised observation's id and the place in the series of the report revising it."""
    reports = dataset.report_ids
    by_id = {o.id: o for o in dataset.artifact.observations}
    return {
        o.id: reports.index(by_id[o.revised_by].report_id or reports[0])
        for o in dataset.artifact.observations
        if o.revised_by is not None
    }


def _published_by(o: Observation, dataset: LoadedDataset) -> tuple[str, ...]:
    """The reports by which ``o`` was published: its own and every later one.

    ``as_of`` is answered with ``vintage`` (:func:`_vintage_of`); these values
    only say which reports an example of the parameter can name.
    """
    reports = dataset.report_ids
    own = reports.index(o.report_id) if o.report_id in reports else 0
    return reports[own:]


def _vintage_of(filters: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """``vintage`` (latest by default) and ``as_of`` as the one token the index holds."""
    asked = dict(filters)
    vintages = asked.pop("vintage", ("latest",))
    as_of = asked.pop("as_of", ())
    tokens = {f"{v}@{r}" for v in vintages for r in as_of} if as_of else set(vintages)
    asked[STATEMENT] = tuple(sorted(tokens))
    return asked


@functools.lru_cache(maxsize=8)
def _defined_in(dataset: LoadedDataset) -> dict[str, tuple[Scalar, ...]]:
    """Each glossary term's id and every report that defines it (its record is the latest's)."""
    found: dict[str, list[Scalar]] = {}
    for part in dataset.parts:
        for term in part.artifact.glossary:
            found.setdefault(term.id, []).append(part.artifact.dataset.id)
    return {term_id: tuple(reports) for term_id, reports in found.items()}


def periods(dataset: LoadedDataset) -> Iterator[str]:
    """Every year the dataset covers, as the text a period is written in."""
    return iter(dataset.artifact.dataset.periods())


def years(dataset: LoadedDataset) -> Iterator[int]:
    return (int(period) for period in periods(dataset))


_KIND_ORDER = {"actual": 0, "target": 1, "plan": 2}


@functools.lru_cache(maxsize=8)
def indicator_details(dataset: LoadedDataset, public_base_url: str) -> tuple[IndicatorDetail, ...]:
    def order(o: Observation) -> tuple[str, int, str]:
        return (o.period, _KIND_ORDER[o.kind], o.id)

    return tuple(
        IndicatorDetail(
            **msgspec.structs.asdict(indicator),
            observations=tuple(sorted(dataset.observations_by_indicator[indicator.id], key=order)),
            html_url=f"{public_base_url}/indicators/{indicator.id}",
        )
        for indicator in dataset.artifact.indicators
    )


def _with_pages(
    name: str, record_type: type[L], records_of: Callable[[LoadedDataset], Iterable[Any]]
) -> Callable[[LoadedDataset, str], tuple[L, ...]]:
    """The records of one list, each given the address of its page (``html_url``)."""

    @functools.lru_cache(maxsize=8)
    def records(dataset: LoadedDataset, public_base_url: str) -> tuple[L, ...]:
        return tuple(
            record_type(
                **msgspec.structs.asdict(record),
                html_url=f"{public_base_url}/{name}/{record.id}",
            )
            for record in records_of(dataset)
        )

    return records


INDICATORS: Listing[IndicatorDetail] = Listing(
    name="indicators",
    noun="indicator",
    tag="indicators",
    operation_id="listIndicators",
    summary="List indicators",
    lead="Indicators with their observations embedded.",
    csv_note=" (observations left out)",
    page_type=IndicatorPage,
    record_type=IndicatorDetail,
    records=indicator_details,
    id_of=lambda i: i.id,
    filters=(
        Filter("category", IndicatorCategory, "Policy area; repeat for any of several.",
               lambda i, _: (i.category,)),
        Filter("headline", bool, "Only headline indicators (true) or only others (false).",
               lambda i, _: (i.headline,)),
        Filter("period", Period, "Indicators observed in this year; repeat for any of several.",
               lambda i, _: {o.period for o in i.observations}, periods),
        Filter("kind", ObservationKind, "Indicators with an observation of this kind.",
               lambda i, _: {o.kind for o in i.observations}),
        Filter("measure", Measure, "What the indicator measures; repeat for any of several.",
               lambda i, _: (i.measure,)),
        report_filter("Indicators observed in a statement",
                      lambda i, _: {o.report_id for o in i.observations}),
    ),
    sorts={
        "id": lambda i: i.id,
        "category": lambda i: i.category,
        "name_zh": lambda i: i.name.zh,
        "name_en": lambda i: i.name.en.casefold(),
        "order": lambda i: i.order,
    },
    default_sort=("order",),
    order_note=" (the report's)",
    text_of=lambda i, _: (
        ("id", i.id), *texts(name=i.name), ("unit", i.unit or ""),
        *(("observations.source.quote", o.source.quote) for o in i.observations),
    ),
    item=Item("getIndicator", "Get an indicator", "One indicator with every observation of it.",
              "indicator_id", "Id of the indicator.", IndicatorDetail),
)  # fmt: skip

OBSERVATIONS: Listing[Observation] = Listing(
    name="observations",
    noun="observation",
    tag="observations",
    operation_id="listObservations",
    summary="List observations",
    lead=(
        "Every value of every indicator, one row each, with its verbatim source quote."
    ),
    page_type=ObservationPage,
    record_type=Observation,
    records=lambda d, _: d.artifact.observations,
    id_of=lambda o: o.id,
    rewrite=_vintage_of,
    index_only=(Filter(STATEMENT, str, "", _statement_tokens),),
    filters=(
        Filter("indicator_id", str, "Id of the indicator; repeat for any of several.",
               lambda o, _: (o.indicator_id,), ids=indicator_ids),
        Filter("period", Period, "Year the value refers to.", lambda o, _: (o.period,), periods),
        Filter("kind", ObservationKind, "'actual', 'target' or 'plan'.", lambda o, _: (o.kind,)),
        Filter("category", IndicatorCategory, "Policy area of the observed indicator.",
               lambda o, d: (d.indicators[o.indicator_id].category,)),
        Filter("headline", bool, "Only values of headline indicators.",
               lambda o, d: (d.indicators[o.indicator_id].headline,)),
        Filter("qualifier", Qualifier, "Qualifier of the value ('over', 'at_least', 'about').",
               lambda o, _: (o.qualifier,)),
        Filter("comparison", Comparison, "Basis of a change ('year_on_year', 'like_for_like').",
               lambda o, _: (o.comparison,)),
        Filter("measure", Measure, "What the value measures, e.g. 'growth-rate', 'count'.",
               lambda o, _: (o.measure,)),
        Filter("base_unit", str, "Code of the base unit, e.g. 'place', 'yuan'; repeat for any.",
               lambda o, _: (o.base_unit.code if o.base_unit else None,)),
        report_filter("Values stated in a statement", lambda o, _: (o.report_id,)),
        Filter("vintage", Literal["latest", "all"],
               "'latest' (the default): the latest statement of each indicator, period and "
               "kind; 'all': every statement, revised ones included (see revised_by).",
               _vintages),
        Filter("as_of", str,
               "What was published up to this report (an id of /v1/reports): the statements "
               "that were the latest then (every one up to it with vintage=all).",
               _published_by, ids=report_ids),
    ),
    sorts={
        "id": lambda o: o.id,
        "indicator_id": lambda o: o.indicator_id,
        "period": lambda o: o.period,
        "kind": lambda o: o.kind,
        "value": lambda o: o.value,
        "base_value": lambda o: o.base_value,
        "line": lambda o: o.source.line,
    },
    text_of=lambda o, d: (
        ("id", o.id), *texts(indicator_name=d.indicators[o.indicator_id].name, status=o.status),
        ("source.quote", o.source.quote), ("note", o.note or ""),
    ),
    item=Item("getObservation", "Get an observation",
              "One value of an indicator with its verbatim source quote.",
              "observation_id", "Id of the observation.", Observation),
)  # fmt: skip

PROJECTS: Listing[Project] = Listing(
    name="projects",
    noun="project",
    tag="projects",
    operation_id="listProjects",
    summary="List projects",
    lead=(
        "Named projects, facilities and sites with their mentions in the report on the past "
        "year and in the plan for the next."
    ),
    csv_note=" (mentions left out)",
    page_type=ProjectPage,
    record_type=Project,
    records=_with_pages("projects", Project, lambda d: d.artifact.projects),
    id_of=lambda p: p.id,
    filters=(
        Filter("category", ProjectCategory, "Kind of project; repeat for any of several.",
               lambda p, _: (p.category,)),
        Filter("year", Year, "Projects mentioned in this year's part of the report.",
               lambda p, _: {m.year for m in p.mentions}, years),
        Filter("status", MentionStatus, "Projects with a mention of this status.",
               lambda p, _: {m.status for m in p.mentions}),
        report_filter("Projects mentioned in a statement",
                      lambda p, _: {m.report_id for m in p.mentions}),
    ),
    sorts={
        "id": lambda p: p.id,
        "category": lambda p: p.category,
        "name_zh": lambda p: p.name.zh,
        "name_en": lambda p: p.name.en.casefold(),
        "line": lambda p: p.mentions[0].source.line,
    },
    text_of=lambda p, _: (
        ("id", p.id), *texts(name=p.name),
        *(("mentions.source.quote", m.source.quote) for m in p.mentions),
    ),
    item=Item("getProject", "Get a project", "One project with every mention of it.",
              "project_id", "Id of the project.", Project),
)  # fmt: skip

GLOSSARY: Listing[GlossaryTerm] = Listing(
    name="glossary",
    noun="glossary term",
    tag="glossary",
    operation_id="listGlossary",
    summary="List glossary terms",
    lead="Every entry of the glossary, the Chinese definition verbatim.",
    page_type=GlossaryPage,
    record_type=GlossaryTerm,
    records=_with_pages("glossary", GlossaryTerm, lambda d: d.artifact.glossary),
    id_of=lambda g: g.id,
    filters=(
        report_filter("Terms defined in the glossary",
                      lambda g, d: _defined_in(d).get(g.id, ())),
    ),
    sorts={"number": lambda g: g.number, "id": lambda g: g.id},
    text_of=lambda g, _: (("id", g.id), *texts(term=g.term, definition=g.definition)),
    default_sort=("number",),
    item=Item("getGlossaryTerm", "Get a glossary term", "One glossary entry.",
              "term_id", "Id of the term.", GlossaryTerm),
)  # fmt: skip

SECTIONS: Listing[Section] = Listing(
    name="sections",
    noun="section",
    tag="sections",
    operation_id="listSections",
    summary="List sections",
    lead="The outline of the source document with each section's own text.",
    page_type=SectionPage,
    record_type=Section,
    records=lambda d, _: d.artifact.sections,
    id_of=lambda s: s.id,
    filters=(
        Filter("kind", SectionKind, "Level in the outline; repeat for any of several.",
               lambda s, _: (s.kind,)),
        Filter("parent_id", str, "Only children of this section.", lambda s, _: (s.parent_id,),
               ids=section_ids),
        report_filter("Sections of the source document", lambda s, _: (s.report_id,)),
    ),
    sorts={"line": lambda s: s.line, "id": lambda s: s.id, "kind": lambda s: s.kind},
    text_of=lambda s, _: (("id", s.id), *texts(heading=s.heading), ("text", s.text)),
    default_sort=("line",),
    order_note=" (document order)",
    item=Item("getSection", "Get a section", "One section of the source document with its text.",
              "section_id", "Id of the section.", Section),
)  # fmt: skip


class Searched(NamedTuple, Generic[R]):
    """A list ``/v1/search`` looks through: the kind of its hits, a record's title and page."""

    kind: HitKind
    listing: Listing[R]
    title: Callable[[R], LocalizedText]
    #: The absolute address of a record's page for people, given the public base URL and
    #: the default report (whose source page is ``/source``).
    page: Callable[[R, str, str], str]


#: What ``/v1/search`` looks through, in its default order.
SEARCHED: tuple[Searched[Any], ...] = (
    Searched("indicator", INDICATORS, lambda i: i.name, lambda i, _, __: i.html_url),
    Searched("project", PROJECTS, lambda p: p.name, lambda p, _, __: p.html_url),
    Searched("glossary", GLOSSARY, lambda g: g.term, lambda g, _, __: g.html_url),
    # A section has no page of its own: it is read where it stands in its own report's
    # source page.
    Searched("section", SECTIONS, lambda s: s.heading,
             lambda s, base, default: base
             + addresses.source_line_href(s.line, s.report_id, default)),
)  # fmt: skip
_RANK = {searched.kind: rank for rank, searched in enumerate(SEARCHED)}


def _search_hits(dataset: LoadedDataset, public_base_url: str) -> tuple[SearchHit, ...]:
    default = dataset.artifact.dataset.id
    return tuple(
        SearchHit(kind=kind, id=listing.id_of(r), title=title(r),
                  url=f"{listing.path}/{listing.id_of(r)}",
                  html_url=page(r, public_base_url, default))
        for kind, listing, title, page in SEARCHED
        for r in listing.records(dataset, public_base_url)
    )  # fmt: skip


@functools.lru_cache(maxsize=8)
def _hit_texts(dataset: LoadedDataset) -> dict[tuple[str, str], tuple[Field, ...]]:
    # A hit is searched in the same text as the record in its own collection; that
    # text never holds the page address, so any base URL gives the same texts.
    return {
        (kind, listing.id_of(r)): tuple(listing.text_of(r, dataset))
        for kind, listing, _, _ in SEARCHED
        for r in listing.records(dataset, "")
    }


@functools.lru_cache(maxsize=8)
def _hit_reports(dataset: LoadedDataset) -> dict[tuple[str, str], tuple[Scalar, ...]]:
    found: dict[tuple[str, str], tuple[Scalar, ...]] = {}
    for kind, listing, _, _ in SEARCHED:
        report = next(f for f in listing.filters if f.name == "report")
        for r in listing.records(dataset, ""):
            found[(kind, listing.id_of(r))] = tuple(report.values(r, dataset))
    return found


def _hit_text(hit: SearchHit, dataset: LoadedDataset) -> Iterable[Field]:
    return _hit_texts(dataset)[(hit.kind, hit.id)]


def release_build_memos() -> None:
    """Forget what only building the text indexes needed, once they are all built.

    That is each hit's texts and the prepared fields shared between collections
    (the indexes keep the fields they hold); a later build makes them again.
    """
    _hit_texts.cache_clear()
    _hit_reports.cache_clear()
    release_prepared()


def _annotated_hits(hits: Sequence[SearchHit], matches: Sequence[Match]) -> tuple[SearchHit, ...]:
    # One pass a page, not a call a hit: a page holds up to a hundred. A short field is
    # its own snippet, whole, with nothing to cut.
    return tuple(
        [
            msgspec.structs.replace(
                hit,
                matched_fields=match.fields,
                snippet=snippet(match) if match.best.whole is None else match.best.whole,
            )
            for hit, match in zip(hits, matches, strict=True)
        ]
    )


SEARCH: Listing[SearchHit] = Listing(
    name="search",
    noun="search hit",
    tag="search",
    operation_id="search",
    summary="Search the dataset",
    lead="",
    description_text=(
        "Records of every collection matching every term of q, with the kind of each hit, "
        "the fields it matched in and a snippet. Default order (rank): the best matches "
        "first (the id or name exactly, then a name, then a definition or quote, then a "
        "section's text; in each, the terms as written before a term matched only through "
        "a synonym), then indicators, projects, glossary, sections, each by id."
    ),
    page_type=SearchPage,
    record_type=SearchHit,
    records=_search_hits,
    id_of=lambda h: f"{h.kind}:{h.id}",
    filters=(
        Filter("kind", HitKind, "Only hits of this kind; repeat for any of several.",
               lambda h, _: (h.kind,)),
        report_filter("Hits of records stated in a statement",
                      lambda h, d: _hit_reports(d).get((h.kind, h.id), ())),
    ),
    sorts={"rank": lambda h: _RANK[h.kind], "id": lambda h: f"{_RANK[h.kind]}:{h.id}"},
    text_of=_hit_text,
    default_sort=("rank",),
    q=SearchQ,
    q_required=True,
    relevance="rank",
    made_of=tuple(searched.listing.name for searched in SEARCHED),
    annotate=_annotated_hits,
)  # fmt: skip


def reports_of(dataset: LoadedDataset) -> tuple[Report, ...]:
    """Every report served, in report order, as ``/v1/reports`` lists them."""
    ids = dataset.report_ids
    return tuple(
        Report(
            id=meta.id,
            title=meta.title,
            publisher=meta.publisher,
            temporal_start=meta.temporal_start,
            temporal_end=meta.temporal_end,
            version=meta.version,
            release_date=meta.release_date,
            artifact_sha256=part.sha256,
            source_document=meta.source_document,
            releases=meta.releases,
            counts=meta.counts,
            position=n + 1,
            previous_id=ids[n - 1] if n > 0 else None,
            next_id=ids[n + 1] if n + 1 < len(ids) else None,
        )
        for n, part in enumerate(dataset.parts)
        for meta in (part.artifact.dataset,)
    )


TARGETS: Listing[Target] = Listing(
    name="targets",
    noun="target",
    tag="targets",
    operation_id="listTargets",
    summary="List targets with their outcomes",
    lead=(
        "Every target and plan quantity (its latest statement) with the actual a later report "
        "states for the same indicator and year, the margin (actual minus target, in base "
        "units), the verdict and the rule that decided it, in words."
    ),
    page_type=TargetPage,
    record_type=Target,
    records=lambda d, _: ledger(d),
    id_of=lambda t: t.id,
    filters=(
        report_filter("Targets stated in a statement", lambda t, _: (t.report_id,)),
        Filter("period", Period, "Year the target is for.", lambda t, _: (t.period,), periods),
        Filter("verdict", Verdict, "The verdict; repeat for any of several.",
               lambda t, _: (t.verdict,)),
        Filter("indicator_id", str, "Id of the indicator; repeat for any of several.",
               lambda t, _: (t.indicator_id,), ids=indicator_ids),
        Filter("category", IndicatorCategory, "Policy area of the indicator.",
               lambda t, _: (t.category,)),
        Filter("headline", bool, "Only targets of headline indicators.",
               lambda t, _: (t.headline,)),
    ),
    sorts={
        "id": lambda t: t.id,
        "period": lambda t: t.period,
        "indicator_id": lambda t: t.indicator_id,
        "verdict": lambda t: t.verdict,
        "margin": lambda t: t.margin,
        "line": lambda t: t.target.source.line,
    },
    default_sort=("period", "line"),
    text_of=lambda t, _: (
        ("id", t.id), *texts(indicator_name=t.indicator_name),
        ("target.quote", t.target.quote), ("actual.quote", t.actual.quote if t.actual else ""),
    ),
    item=Item("getTarget", "Get a target with its outcome",
              "One target or plan quantity with its outcome, verdict and rule.",
              "target_id", "Id of the target's observation.", Target),
)  # fmt: skip

PROMISES: Listing[Promise] = Listing(
    name="promises",
    noun="promise",
    tag="promises",
    operation_id="listPromises",
    summary="List project promises with their outcomes",
    lead=(
        "Every project a report plans for its plan year (开工, 建成, 投用 …) with what a later "
        "report says of it for that year, the verdict (kept, slipped, pending, not_reported) and "
        "the rule that decided it, in words."
    ),
    page_type=PromisePage,
    record_type=Promise,
    records=lambda d, _: promises(d),
    id_of=lambda p: p.id,
    filters=(
        report_filter("Promises made in a statement", lambda p, _: (p.report_id,)),
        Filter("year", Year, "The year the project was planned for.", lambda p, _: (p.year,),
               years),
        Filter("verdict", PromiseVerdict, "The verdict; repeat for any of several.",
               lambda p, _: (p.verdict,)),
        Filter("category", ProjectCategory, "Kind of project; repeat for any of several.",
               lambda p, _: (p.category,)),
        Filter("status", MentionStatus, "The status promised; repeat for any of several.",
               lambda p, _: (p.promised.status,)),
    ),
    sorts={
        "id": lambda p: p.id,
        "year": lambda p: p.year,
        "verdict": lambda p: p.verdict,
        "line": lambda p: p.promised.source.line,
    },
    default_sort=("year", "line"),
    text_of=lambda p, _: (
        ("id", p.id), *texts(project_name=p.project_name),
        ("promised.quote", p.promised.quote),
        ("outcome.quote", p.outcome.quote if p.outcome else ""),
    ),
    item=Item("getPromise", "Get a project promise with its outcome",
              "One project planned for a year with what a later report says of it.",
              "promise_id", "Id of the promise.", Promise),
)  # fmt: skip

LISTINGS: tuple[Listing[Any], ...] = (
    INDICATORS,
    OBSERVATIONS,
    PROJECTS,
    GLOSSARY,
    SECTIONS,
    SEARCH,
    TARGETS,
    PROMISES,
)
