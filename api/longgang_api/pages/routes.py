"""The pages' routes: lists, record pages, the source, the releases, problem types and the
stylesheet.

A list page is made from the declaration of its ``/v1`` twin
(:mod:`longgang_api.engine.declarations`): the same filters with the same types, the
same sortable fields, the same collection, answered through the API's query
grammar (:func:`~longgang_api.engine.query.build_query`, ``select``, ``paginate``), so
a page and its twin always hold the same records; cursors are the API's own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

import msgspec
from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.handlers import HTTPRouteHandler
from litestar.params import FromPath, PathParameter
from litestar.response import Redirect
from litestar.status_codes import HTTP_303_SEE_OTHER

from longgang_api.data import addresses, media_types
from longgang_api.data.envelopes import (
    GlossaryTerm,
    IndicatorDetail,
    Project,
    SearchHit,
    Statement,
    Target,
)
from longgang_api.data.model import LocalizedText
from longgang_api.data.source_layout import SourceView
from longgang_api.engine.declarations import (
    GLOSSARY,
    INDICATORS,
    OBSERVATIONS,
    PROJECTS,
    SEARCH,
    SECTIONS,
    TARGETS,
    Listing,
)
from longgang_api.engine.list_request import ListParser, ListRequest, query_items
from longgang_api.engine.query import (
    Collection,
    build_query,
    paginate,
)
from longgang_api.pages import csp, texts
from longgang_api.pages import releases as release_page
from longgang_api.pages.chart import BarInput, GroupInput, bar_chart
from longgang_api.pages.errors import PAGE_EXCEPTION_HANDLERS, unserved
from longgang_api.pages.figures import shown_number, unit_label, value_text
from longgang_api.pages.landing import render_landing
from longgang_api.pages.language import Lang, chosen_language, page_language, page_url
from longgang_api.pages.rendering import (
    IMMUTABLE,
    STYLESHEET,
    STYLESHEET_PATH,
    page_response,
    render,
)
from longgang_api.pages.structured_data import script_data, statistical_variable
from longgang_api.web.links import record_href
from longgang_api.web.routed import check_single, find, respond
from longgang_api.web.served import Served

_RECORD_KINDS: dict[str, texts.Pair] = {
    "indicator": ("指标", "indicator"),
    "project": ("项目", "project"),
    "glossary": ("名词", "term"),
}


@dataclass(frozen=True, slots=True)
class Column:
    label: str
    sort_href: str | None = None
    arrow: str = ""
    numeric: bool = False


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    href: str | None = None
    numeric: bool = False


@dataclass(frozen=True, slots=True)
class Row:
    id: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class Filter:
    name: str
    label: str
    options: tuple[tuple[str, str], ...]
    selected: frozenset[str]


def _pick(pair: texts.Pair, lang: Lang) -> str:
    return texts.pick(pair, lang)


class _ListPage:
    """One list page: the API's query over a collection, written as a table."""

    def __init__(
        self,
        request: Request[Any, Any, Any],
        served: Served,
        collection: Collection[Any],
        read: ListRequest,
        sort: str | None,
        lang: Lang,
        needs_q: bool = False,
    ) -> None:
        self.lang = lang
        self.request = request
        self.served = served
        self.collection = collection
        self.path = request.url.path.rstrip("/") or "/"
        self.sort = sort
        q = self.q = read.q
        self.kept = [
            (k, v) for k, v in request.query_params.multi_items() if k not in ("cursor", "lang")
        ]
        if needs_q and q is None:
            # Nothing asked yet: the form alone, no list of everything.
            self.items: Sequence[Any] = ()
            self.total, self.first, self.last = 0, 0, 0
            self.next_href: str | None = None
            self.previous_href: str | None = None
            self.waiting = True
            return
        self.waiting = False
        query = build_query(
            collection, served.codec, read.filters, q, sort, read.limit, read.cursor
        )
        page = paginate(collection, query)
        # A cursor names a place, not a number: the records before it are those not after it.
        after = len(paginate(collection, query, whole=True).items) if query.after else page.total
        before = page.total - after
        self.items = page.items
        self.total = page.total
        self.first = before + 1 if page.items else 0
        self.last = before + len(page.items)
        scope = f"{collection.name}|{query.scope}"
        kept = self.kept
        self.next_href = (
            page_url(
                self.path,
                self.lang,
                [*kept, ("cursor", served.codec.encode(scope, page.next_key))],
            )
            if page.next_key is not None
            else None
        )
        if before:
            back = before - query.limit
            # The previous page starts after the record that ends a first page of ``back``
            # records (a ListQuery is a msgspec Struct: msgspec replaces its fields).
            key = (
                paginate(
                    collection, msgspec.structs.replace(query, after=None, limit=back)
                ).next_key
                if back > 0
                else None
            )
            extra = [("cursor", served.codec.encode(scope, key))] if key is not None else []
            self.previous_href = page_url(self.path, self.lang, [*kept, *extra])
        else:
            self.previous_href = None

    def column(self, label: str, field: str | None, numeric: bool = False) -> Column:
        if field is None:
            return Column(label, numeric=numeric)
        ascending = self.sort == field
        target = f"-{field}" if ascending else field
        params = [(k, v) for k, v in self.kept if k != "sort"] + [("sort", target)]
        arrow = " ↑" if ascending else " ↓" if self.sort == f"-{field}" else ""
        return Column(label, page_url(self.path, self.lang, params), arrow, numeric)

    def filter(self, name: str, label: str, options: Sequence[tuple[str, str]]) -> Filter:
        selected = frozenset(self.request.query_params.getall(name, []))
        return Filter(name, label, tuple(options), selected)

    def years(self, name: str, label: str) -> Filter:
        """A filter whose values are the dataset's years, as the collection allows them."""
        values = sorted(str(v) for v in self.collection.choices[name])
        return self.filter(name, label, [(v, v) for v in values])

    def twin(self, api_path: str) -> list[tuple[str, str, str]]:
        query = urlencode(
            [(k, v) for k, v in self.request.query_params.multi_items() if k != "lang"]
        )
        json_href = f"{api_path}?{query}" if query else api_path
        csv_href = f"{json_href}{'&' if query else '?'}format=csv"
        return [(media_types.JSON, json_href, "JSON"), (media_types.CSV, csv_href, "CSV")]

    def respond(
        self,
        served: Served,
        title: str,
        columns: list[Column],
        rows: list[Row],
        filters: list[Filter],
        api_path: str,
    ) -> Response[bytes]:
        return page_response(
            self.request,
            served,
            self.lang,
            lambda: render(
                "list.html",
                self.lang,
                self.path,
                base_url=served.public_base_url,
                query=[(k, v) for k, v in self.request.query_params.multi_items() if k != "lang"],
                title=title,
                columns=columns,
                rows=rows,
                filters=filters,
                q=self.q,
                # The form keeps an order the reader chose, not the page's default one.
                sort=self.request.query_params.get("sort"),
                total=self.total,
                first=self.first,
                last=self.last,
                next_href=self.next_href,
                previous_href=self.previous_href,
                alternates=[] if self.waiting else self.twin(api_path),
                waiting=self.waiting,
            ),
            policy=csp.FORM_PAGE,
        )


def _options(table: Mapping[str, texts.Pair], lang: Lang) -> list[tuple[str, str]]:
    return [(code, _pick(pair, lang)) for code, pair in table.items()]


def _record_page(
    request: Request[Any, Any, Any],
    served: Served,
    template: str,
    alternates: list[tuple[str, str, str]],
    **context: Any,
) -> Response[bytes]:
    check_single(request, frozenset({"lang"}), frozenset())
    lang = page_language(request)
    path = request.url.path
    return page_response(
        request,
        served,
        lang,
        lambda: render(
            template,
            lang,
            path,
            base_url=served.public_base_url,
            alternates=alternates,
            # The report /source shows: a quote of another report links to its own page.
            source_report=served.dataset.artifact.dataset.id,
            **context,
        ),
    )


def _named_record_page(
    request: Request[Any, Any, Any],
    served: Served,
    listing: Listing[Any],
    record_id: str,
    template: str,
    key: str,
    title_of: Callable[[Any], LocalizedText],
) -> Response[bytes]:
    """The page of a record titled by its name, its JSON the one alternate; the template
    sees the record as ``key``."""
    record = find(served.collections[listing.name], record_id)
    title = title_of(record)
    return _record_page(
        request,
        served,
        template,
        [(media_types.JSON, record_href(listing, record.id), "JSON")],
        title=title.en if page_language(request) == "en" else title.zh,
        **{key: record},
    )


#: What a list page shows: its title, columns, rows and the filters offered.
Written = tuple[str, list[Column], list[Row], list[Filter]]


def _indicator_list(listing: _ListPage) -> Written:
    lang = listing.lang
    ui = texts.UI
    items: Sequence[IndicatorDetail] = listing.items
    columns = [
        listing.column(_pick(ui["name"], lang), "name_en" if lang == "en" else "name_zh"),
        listing.column(_pick(ui["category"], lang), "category"),
        listing.column(_pick(ui["observations"], lang), None),
    ]
    rows = [
        Row(
            i.id,
            (
                Cell(
                    i.name.en if lang == "en" else i.name.zh,
                    page_url(f"/indicators/{i.id}", lang),
                ),
                Cell(_pick(texts.INDICATOR_CATEGORY[i.category], lang)),
                Cell(
                    " · ".join(
                        f"{o.period} {_pick(texts.KIND[o.kind], lang)} {value_text(o, lang)}"
                        for o in i.observations
                    )
                ),
            ),
        )
        for i in items
    ]
    filters = [
        listing.filter(
            "category", _pick(ui["category"], lang), _options(texts.INDICATOR_CATEGORY, lang)
        ),
        listing.filter(
            "headline",
            _pick(ui["headline"], lang),
            [("true", _pick(ui["yes"], lang)), ("false", _pick(ui["no"], lang))],
        ),
        listing.years("period", _pick(ui["period"], lang)),
        listing.filter("kind", _pick(ui["kind"], lang), _options(texts.KIND, lang)),
    ]
    return _pick(ui["indicators"], lang), columns, rows, filters


def _project_list(listing: _ListPage) -> Written:
    lang = listing.lang
    ui = texts.UI
    items: Sequence[Project] = listing.items
    columns = [
        listing.column(_pick(ui["name"], lang), "name_en" if lang == "en" else "name_zh"),
        listing.column(_pick(ui["category"], lang), "category"),
        listing.column(_pick(ui["mentions"], lang), "line"),
    ]
    rows = [
        Row(
            p.id,
            (
                Cell(
                    p.name.en if lang == "en" else p.name.zh,
                    page_url(f"/projects/{p.id}", lang),
                ),
                Cell(_pick(texts.PROJECT_CATEGORY[p.category], lang)),
                Cell(
                    " · ".join(
                        f"{m.year} {_pick(texts.MENTION_STATUS[m.status], lang)}"
                        for m in p.mentions
                    )
                ),
            ),
        )
        for p in items
    ]
    filters = [
        listing.filter(
            "category", _pick(ui["category"], lang), _options(texts.PROJECT_CATEGORY, lang)
        ),
        listing.years("year", _pick(ui["year"], lang)),
        listing.filter("status", _pick(ui["status"], lang), _options(texts.MENTION_STATUS, lang)),
    ]
    return _pick(ui["projects"], lang), columns, rows, filters


def _glossary_list(listing: _ListPage) -> Written:
    lang = listing.lang
    ui = texts.UI
    items: Sequence[GlossaryTerm] = listing.items
    columns = [
        listing.column(_pick(ui["number"], lang), "number", numeric=True),
        listing.column(_pick(ui["term"], lang), None),
        listing.column(_pick(ui["definition"], lang), None),
    ]
    rows = [
        Row(
            g.id,
            (
                Cell(str(g.number), numeric=True),
                Cell(
                    g.term.en if lang == "en" else g.term.zh,
                    page_url(f"/glossary/{g.id}", lang),
                ),
                Cell(g.definition.en if lang == "en" else g.definition.zh),
            ),
        )
        for g in items
    ]
    return _pick(ui["glossary"], lang), columns, rows, []


def _stated(statement: Statement, lang: Lang) -> str:
    """A target's or an actual's value as written, or its wording when qualitative."""
    if statement.value is None:
        status = statement.status
        return (status.en if lang == "en" else status.zh) if status else "—"
    upper = f"–{statement.value_upper:g}" if statement.value_upper is not None else ""
    written = f"{statement.value:g}{upper}{statement.unit or ''}"
    if statement.qualifier is not None:
        written = _pick(texts.QUALIFIER[statement.qualifier], lang).format(written)
    return written


def _quoted_at(statement: Statement, lang: Lang) -> str:
    """The line of a statement's quote, on the source page of its own report."""
    return f"{page_url(f'/source/{statement.report_id}', lang)}#L{statement.source.line}"


def _target_list(listing: _ListPage) -> Written:
    lang = listing.lang
    ui = texts.UI
    items: Sequence[Target] = listing.items
    columns = [
        listing.column(_pick(ui["period"], lang), "period"),
        listing.column(_pick(ui["indicator"], lang), "indicator_id"),
        listing.column(_pick(ui["target"], lang), None),
        listing.column(_pick(ui["actual"], lang), None),
        listing.column(_pick(ui["margin"], lang), "margin", numeric=True),
        listing.column(_pick(ui["verdict"], lang), "verdict"),
    ]
    rows = [
        Row(
            t.id,
            (
                Cell(t.period),
                Cell(
                    t.indicator_name.en if lang == "en" else t.indicator_name.zh,
                    page_url(f"/indicators/{t.indicator_id}", lang),
                ),
                Cell(f"{_stated(t.target, lang)} — {t.target.quote}", _quoted_at(t.target, lang)),
                Cell(
                    f"{_stated(t.actual, lang)} — {t.actual.quote}" if t.actual else "—",
                    _quoted_at(t.actual, lang) if t.actual else None,
                ),
                Cell(f"{t.margin:+g}" if t.margin is not None else "—", numeric=True),
                Cell(_pick(texts.VERDICT[t.verdict], lang)),
            ),
        )
        for t in items
    ]
    filters = [
        listing.years("period", _pick(ui["period"], lang)),
        listing.filter("verdict", _pick(ui["verdict"], lang), _options(texts.VERDICT, lang)),
        listing.filter(
            "headline",
            _pick(ui["headline"], lang),
            [("true", _pick(ui["yes"], lang)), ("false", _pick(ui["no"], lang))],
        ),
    ]
    return _pick(ui["targets"], lang), columns, rows, filters


def _hit_page(listing: _ListPage, hit: SearchHit) -> str:
    """The page of a search hit: its record's page, or a section's first line in the source."""
    if hit.kind == "section":
        section = find(listing.served.collections[SECTIONS.name], hit.id)
        return f"{page_url('/source', listing.lang)}#L{section.line}"
    collection = {"indicator": "indicators", "project": "projects", "glossary": "glossary"}
    return page_url(f"/{collection[hit.kind]}/{hit.id}", listing.lang)


def _search_list(listing: _ListPage) -> Written:
    """The hits of ``/v1/search`` for people; without words to look for, only the form."""
    lang = listing.lang
    ui = texts.UI
    hits: Sequence[SearchHit] = listing.items
    columns = [
        listing.column(_pick(ui["kind"], lang), None),
        listing.column(_pick(ui["name"], lang), None),
        listing.column(_pick(ui["matched"], lang), None),
    ]
    rows = [
        Row(
            f"{hit.kind}-{hit.id}",
            (
                Cell(_pick(texts.HIT_KIND[hit.kind], lang)),
                Cell(hit.title.en if lang == "en" else hit.title.zh, _hit_page(listing, hit)),
                Cell(hit.snippet or ""),
            ),
        )
        for hit in hits
    ]
    filters = [listing.filter("kind", _pick(ui["kind"], lang), _options(texts.HIT_KIND, lang))]
    return _pick(ui["search_title"], lang), columns, rows, filters


#: The lists whose page, asked for no order and no search, lists its records by the
#: name it shows in its language (``sort=name_en`` or ``name_zh``), not by the ids a
#: reader never sees. (Indicators keep the report's order; glossary terms their number.)
BY_NAME = frozenset({PROJECTS.name})


def page_sort(listing_name: str, sort: str | None, q: str | None, lang: Lang) -> str | None:
    """The order a list page shows: the one asked for, else its default (:data:`BY_NAME`)."""
    if listing_name in BY_NAME and sort is None and q is None:
        return f"name_{lang}"
    return sort


def list_page(listing: Listing[Any], write: Callable[[_ListPage], Written]) -> HTTPRouteHandler:
    """The page of a list resource, its request read by the list's parser (page parameters)."""

    async def handler(request: Request[Any, Any, Any], served: NamedDependency[Served]) -> Any:
        collection = served.collections[listing.name]
        read = ListParser(listing, collection, page=True).parse_page(request.scope["query_string"])
        lang = chosen_language(read.lang, request)
        sort = page_sort(listing.name, read.sort, read.q, lang)
        page = _ListPage(request, served, collection, read, sort, lang, needs_q=listing.q_required)
        title, columns, rows, shown = write(page)
        return page.respond(served, title, columns, rows, shown, listing.path)

    return get(
        f"/{listing.name}",
        include_in_schema=False,
        exception_handlers=PAGE_EXCEPTION_HANDLERS,
        before_request=_blank_fields_left_out(listing),
        name=f"page-{listing.name}",
    )(handler)


def _blank_fields_left_out(
    listing: Listing[Any],
) -> Callable[[Request[Any, Any, Any]], Response[Any] | None]:
    """The list page's before-request hook: a field of its form sent blank is no filter.

    A form sends every field, those left on "any" or empty too, and a blank
    value is refused by the query grammar; so the page sends the browser to the
    same address without them (303), the one its own links would write.
    """
    fields = frozenset(f.name for f in listing.filters) | {"q"}

    def hook(request: Request[Any, Any, Any]) -> Response[Any] | None:
        items = query_items(request.scope["query_string"], keep_blank=True)
        kept = [(name, value) for name, value in items if value or name not in fields]
        if len(kept) < len(items):
            target = f"{request.url.path}?{urlencode(kept)}" if kept else request.url.path
            return Redirect(target, status_code=HTTP_303_SEE_OTHER)
        return None

    return hook


def list_pages() -> list[HTTPRouteHandler]:
    """The list pages, each a fresh handler (an app owns its handlers)."""
    return [
        list_page(INDICATORS, _indicator_list),
        list_page(PROJECTS, _project_list),
        list_page(GLOSSARY, _glossary_list),
        list_page(SEARCH, _search_list),
        list_page(TARGETS, _target_list),
    ]


class PagesController(Controller):
    """The landing page, the record pages, the source and the problem types (lists:
    :func:`list_pages`)."""

    path = "/"
    include_in_schema = False
    exception_handlers = PAGE_EXCEPTION_HANDLERS

    @get("/")
    async def landing(
        self, request: Request[Any, Any, Any], served: NamedDependency[Served]
    ) -> Response[bytes]:
        check_single(request, frozenset({"lang"}), frozenset())
        lang = page_language(request)
        # Its search form is sent to the search page, on this origin.
        return page_response(
            request, served, lang, lambda: render_landing(served, lang), policy=csp.FORM_PAGE
        )

    @get("/indicators/{indicator_id:str}")
    async def indicator(
        self,
        request: Request[Any, Any, Any],
        served: NamedDependency[Served],
        indicator_id: Annotated[str, PathParameter()],
    ) -> Response[bytes]:
        indicator = find(served.collections[INDICATORS.name], indicator_id)
        lang = page_language(request)
        kinds = {k: _pick(v, lang) for k, v in texts.KIND.items()}
        groups = [
            GroupInput(
                f"{o.period} {kinds[o.kind]}",
                [BarInput(shown_number(o, lang), value_text(o, lang), o.kind)],
                scale=unit_label(o, lang),
            )
            for o in indicator.observations
            if o.value is not None
        ]
        present = [k for k in texts.KIND if any(o.kind == k for o in indicator.observations)]
        chart = bar_chart(_pick(texts.UI["chart"], lang), groups, [(k, kinds[k]) for k in present])
        # The units as the page writes its values: in English the English label, never 家.
        units = ", ".join(u or "—" for u in sorted({g.scale for g in groups}))
        colon = ": " if lang == "en" else "："
        caption = _pick(texts.UI["unit"], lang) + colon + units
        return _record_page(
            request,
            served,
            "indicator.html",
            [
                (media_types.JSON, record_href(INDICATORS, indicator.id), "JSON"),
                (
                    media_types.CSV,
                    f"{OBSERVATIONS.path}?indicator_id={indicator.id}&format=csv",
                    "CSV",
                ),
            ],
            title=indicator.name.en if lang == "en" else indicator.name.zh,
            indicator=indicator,
            observation_chart=chart,
            has_figures=bool(groups),
            caption=caption,
            units=units,
            json_ld=script_data(
                statistical_variable(
                    indicator, served.public_base_url, served.dataset.artifact.dataset.id
                )
            ),
        )

    @get("/projects/{project_id:str}")
    async def project(
        self,
        request: Request[Any, Any, Any],
        served: NamedDependency[Served],
        project_id: Annotated[str, PathParameter()],
    ) -> Response[bytes]:
        return _named_record_page(
            request, served, PROJECTS, project_id, "project.html", "project", lambda p: p.name
        )

    @get("/glossary/{term_id:str}")
    async def glossary_term(
        self,
        request: Request[Any, Any, Any],
        served: NamedDependency[Served],
        term_id: Annotated[str, PathParameter()],
    ) -> Response[bytes]:
        return _named_record_page(
            request, served, GLOSSARY, term_id, "glossary_term.html", "term", lambda t: t.term
        )

    @get("/source")
    async def source(
        self,
        request: Request[Any, Any, Any],
        served: NamedDependency[Served],
        source_view: NamedDependency[SourceView],
    ) -> Response[bytes]:
        lang = page_language(request)
        return _record_page(
            request,
            served,
            "source.html",
            [
                (media_types.JSON, SECTIONS.path, "JSON"),
                (media_types.CSV, f"{SECTIONS.path}?format=csv", "CSV"),
            ],
            title=_pick(texts.UI["source"], lang),
            view=source_view,
            kinds=_RECORD_KINDS,
        )

    @get("/source/{report_id:str}")
    async def report_source(
        self,
        request: Request[Any, Any, Any],
        served: NamedDependency[Served],
        report_id: Annotated[str, PathParameter()],
    ) -> Response[bytes]:
        view = served.syndication.source_view_of(report_id)
        if view is None:
            missing = NotFoundException(detail=f"no report with id {report_id!r} is served")
            return unserved(request, missing)
        lang = page_language(request)
        return _record_page(
            request,
            served,
            "source.html",
            [
                (media_types.JSON, f"{SECTIONS.path}?report={report_id}", "JSON"),
                (media_types.CSV, f"{SECTIONS.path}?report={report_id}&format=csv", "CSV"),
            ],
            title=_pick(texts.UI["source"], lang),
            view=view,
            kinds=_RECORD_KINDS,
        )

    @get(addresses.RELEASES_PAGE)
    async def releases(
        self, request: Request[Any, Any, Any], served: NamedDependency[Served]
    ) -> Response[bytes]:
        lang = page_language(request)
        return _record_page(
            request,
            served,
            "releases.html",
            release_page.alternates(lang),
            title=_pick(texts.UI["releases"], lang),
            releases=release_page.shown_releases(served, lang),
        )

    @get("/problems")
    async def problem_types(
        self, request: Request[Any, Any, Any], served: NamedDependency[Served]
    ) -> Response[bytes]:
        return await self._problem(request, served, "bad-request")

    @get("/problems/{slug:str}")
    async def problem_type(
        self,
        request: Request[Any, Any, Any],
        served: NamedDependency[Served],
        slug: Annotated[str, PathParameter()],
    ) -> Response[bytes]:
        return await self._problem(request, served, slug)

    async def _problem(
        self, request: Request[Any, Any, Any], served: Served, slug: str
    ) -> Response[bytes]:
        if slug not in texts.PROBLEM_TYPES:
            raise NotFoundException(detail=f"no problem type {slug!r}")
        status, title, explanation = texts.PROBLEM_TYPES[slug]
        lang = page_language(request)
        return _record_page(
            request,
            served,
            "problem.html",
            [],
            title=_pick(title, lang),
            status=status,
            slug=slug,
            explanation=_pick(explanation, lang),
            others=list(texts.PROBLEM_TYPES),
        )

    @get("/assets/{name:str}")
    async def stylesheet(
        self, request: Request[Any, Any, Any], served: NamedDependency[Served], name: FromPath[str]
    ) -> Response[bytes]:
        check_single(request, frozenset(), frozenset())
        if f"/assets/{name}" != STYLESHEET_PATH:
            raise NotFoundException(detail=f"no asset {name!r}")
        # The address names the content, so the answer never changes: cached for a year.
        return respond(
            request,
            served.cache,
            f"asset|{STYLESHEET_PATH}",
            media_types.CSS,
            lambda: STYLESHEET,
            {"Cache-Control": IMMUTABLE},
        )
