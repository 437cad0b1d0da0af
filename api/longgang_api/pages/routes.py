"""The pages' routes: lists, record pages, the source, problem types and the stylesheet.

Lists take the API's filters with the API's types and answer through the API's
query grammar (:func:`~longgang_api.query.build_query`, ``select``,
``paginate``), so a page and its ``/v1`` twin always hold the same records;
cursors are the API's own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, PathParameter, QueryParameter

from longgang_api.listing import Cursor, Limit, Q, check_single, find, sort_parameter
from longgang_api.model import (
    IndicatorCategory,
    MentionStatus,
    ObservationKind,
    Period,
    ProjectCategory,
)
from longgang_api.pages import texts
from longgang_api.pages.chart import BarInput, GroupInput, bar_chart
from longgang_api.pages.errors import PAGE_EXCEPTION_HANDLERS
from longgang_api.pages.figures import unit_label, value_text
from longgang_api.pages.language import Lang, page_language, page_url
from longgang_api.pages.rendering import (
    IMMUTABLE,
    STYLESHEET,
    STYLESHEET_ETAG,
    STYLESHEET_PATH,
    page_response,
    render,
)
from longgang_api.pages.source_view import SourceView
from longgang_api.problems import BadParameter
from longgang_api.query import (
    COMMON_PARAMETERS,
    DEFAULT_LIMIT,
    Collection,
    Scalar,
    build_query,
    paginate,
    select,
)
from longgang_api.served import GLOSSARY_SORTS, INDICATOR_SORTS, PROJECT_SORTS, Served

_PAGE_PARAMETERS = (COMMON_PARAMETERS - {"format", "bom"}) | {"lang"}
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
        filters: Mapping[str, Sequence[Scalar] | None],
        q: str | None,
        sort: str | None,
        limit: int,
        cursor: str | None,
    ) -> None:
        check_single(
            request, _PAGE_PARAMETERS | frozenset(collection.filters), frozenset(collection.filters)
        )
        self.lang = page_language(request)
        self.request = request
        self.path = request.url.path.rstrip("/") or "/"
        query = build_query(collection, served.codec, dict(filters), q, sort, limit, cursor)
        records = select(collection, query)
        if query.offset and query.offset >= len(records):
            raise BadParameter("cursor", "cursor points past the end of the list")
        page = paginate(records, query)
        self.items = page.items
        self.total = len(records)
        self.first = query.offset + 1 if page.items else 0
        self.last = query.offset + len(page.items)
        self.sort = sort
        self.q = q
        scope = f"{collection.name}|{query.scope}"
        kept = [
            (k, v) for k, v in request.query_params.multi_items() if k not in ("cursor", "lang")
        ]
        self.kept = kept
        self.next_href = (
            page_url(
                self.path,
                self.lang,
                [*kept, ("cursor", served.codec.encode(scope, page.next_offset))],
            )
            if page.next_offset is not None
            else None
        )
        if query.offset:
            back = max(0, query.offset - query.limit)
            extra = [("cursor", served.codec.encode(scope, back))] if back else []
            self.previous_href: str | None = page_url(self.path, self.lang, [*kept, *extra])
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

    def twin(self, api_path: str) -> list[tuple[str, str, str]]:
        query = urlencode(
            [(k, v) for k, v in self.request.query_params.multi_items() if k != "lang"]
        )
        json_href = f"{api_path}?{query}" if query else api_path
        csv_href = f"{json_href}{'&' if query else '?'}format=csv"
        return [("application/json", json_href, "JSON"), ("text/csv", csv_href, "CSV")]

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
                query=[(k, v) for k, v in self.request.query_params.multi_items() if k != "lang"],
                title=title,
                columns=columns,
                rows=rows,
                filters=filters,
                q=self.q,
                sort=self.sort,
                total=self.total,
                first=self.first,
                last=self.last,
                next_href=self.next_href,
                previous_href=self.previous_href,
                alternates=self.twin(api_path),
            ),
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
        lambda: render(template, lang, path, alternates=alternates, **context),
    )


class PagesController(Controller):
    """Every page for people but the landing page."""

    path = "/"
    include_in_schema = False
    exception_handlers = PAGE_EXCEPTION_HANDLERS

    @get("/indicators")
    async def indicators(
        self,
        request: Request[Any, Any, Any],
        served: NamedDependency[Served],
        category: Annotated[list[IndicatorCategory] | None, QueryParameter()] = None,
        headline: Annotated[list[bool] | None, QueryParameter()] = None,
        period: Annotated[list[Period] | None, QueryParameter()] = None,
        kind: Annotated[list[ObservationKind] | None, QueryParameter()] = None,
        q: Q = None,
        sort: Annotated[str | None, sort_parameter(INDICATOR_SORTS)] = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[bytes]:
        filters = {"category": category, "headline": headline, "period": period, "kind": kind}
        listing = _ListPage(request, served, served.indicators, filters, q, sort, limit, cursor)
        lang = listing.lang
        name_sort = "name_en" if lang == "en" else "name_zh"
        columns = [
            listing.column(texts.pick(texts.UI["name"], lang), name_sort),
            listing.column(texts.pick(texts.UI["category"], lang), "category"),
            listing.column(texts.pick(texts.UI["observations"], lang), None),
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
            for i in listing.items
        ]
        ui = texts.UI
        filters_shown = [
            listing.filter(
                "category", _pick(ui["category"], lang), _options(texts.INDICATOR_CATEGORY, lang)
            ),
            listing.filter(
                "headline",
                _pick(ui["headline"], lang),
                [("true", _pick(ui["yes"], lang)), ("false", _pick(ui["no"], lang))],
            ),
            listing.filter(
                "period", _pick(ui["period"], lang), [("2023", "2023"), ("2024", "2024")]
            ),
            listing.filter("kind", _pick(ui["kind"], lang), _options(texts.KIND, lang)),
        ]
        title = _pick(ui["indicators"], lang)
        return listing.respond(served, title, columns, rows, filters_shown, "/v1/indicators")

    @get("/projects")
    async def projects(
        self,
        request: Request[Any, Any, Any],
        served: NamedDependency[Served],
        category: Annotated[list[ProjectCategory] | None, QueryParameter()] = None,
        year: Annotated[list[Literal[2023, 2024]] | None, QueryParameter()] = None,
        status: Annotated[list[MentionStatus] | None, QueryParameter()] = None,
        q: Q = None,
        sort: Annotated[str | None, sort_parameter(PROJECT_SORTS)] = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[bytes]:
        filters = {"category": category, "year": year, "status": status}
        listing = _ListPage(request, served, served.projects, filters, q, sort, limit, cursor)
        lang = listing.lang
        ui = texts.UI
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
            for p in listing.items
        ]
        filters_shown = [
            listing.filter(
                "category", _pick(ui["category"], lang), _options(texts.PROJECT_CATEGORY, lang)
            ),
            listing.filter("year", _pick(ui["year"], lang), [("2023", "2023"), ("2024", "2024")]),
            listing.filter(
                "status", _pick(ui["status"], lang), _options(texts.MENTION_STATUS, lang)
            ),
        ]
        title = _pick(ui["projects"], lang)
        return listing.respond(served, title, columns, rows, filters_shown, "/v1/projects")

    @get("/glossary")
    async def glossary(
        self,
        request: Request[Any, Any, Any],
        served: NamedDependency[Served],
        q: Q = None,
        sort: Annotated[str | None, sort_parameter(GLOSSARY_SORTS)] = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[bytes]:
        listing = _ListPage(request, served, served.glossary, {}, q, sort, limit, cursor)
        lang = listing.lang
        ui = texts.UI
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
            for g in listing.items
        ]
        title = _pick(ui["glossary"], lang)
        return listing.respond(served, title, columns, rows, [], "/v1/glossary")

    @get("/indicators/{indicator_id:str}")
    async def indicator(
        self,
        request: Request[Any, Any, Any],
        served: NamedDependency[Served],
        indicator_id: Annotated[str, PathParameter()],
    ) -> Response[bytes]:
        indicator = find(served.indicators, indicator_id)
        lang = page_language(request)
        kinds = {k: _pick(v, lang) for k, v in texts.KIND.items()}
        groups = [
            GroupInput(
                f"{o.period} {kinds[o.kind]}",
                [BarInput(o.value, value_text(o, lang), o.kind)],
                scale=unit_label(o, lang),
            )
            for o in indicator.observations
            if o.value is not None
        ]
        present = [k for k in texts.KIND if any(o.kind == k for o in indicator.observations)]
        chart = bar_chart(_pick(texts.UI["chart"], lang), groups, [(k, kinds[k]) for k in present])
        units = sorted({g.scale for g in groups})
        colon = ": " if lang == "en" else "："
        caption = _pick(texts.UI["unit"], lang) + colon + ", ".join(u or "—" for u in units)
        return _record_page(
            request,
            served,
            "indicator.html",
            [
                ("application/json", f"/v1/indicators/{indicator.id}", "JSON"),
                ("text/csv", f"/v1/observations?indicator_id={indicator.id}&format=csv", "CSV"),
            ],
            title=indicator.name.en if lang == "en" else indicator.name.zh,
            indicator=indicator,
            observation_chart=chart,
            has_figures=bool(groups),
            caption=caption,
        )

    @get("/projects/{project_id:str}")
    async def project(
        self,
        request: Request[Any, Any, Any],
        served: NamedDependency[Served],
        project_id: Annotated[str, PathParameter()],
    ) -> Response[bytes]:
        project = find(served.projects, project_id)
        lang = page_language(request)
        return _record_page(
            request,
            served,
            "project.html",
            [("application/json", f"/v1/projects/{project.id}", "JSON")],
            title=project.name.en if lang == "en" else project.name.zh,
            project=project,
        )

    @get("/glossary/{term_id:str}")
    async def glossary_term(
        self,
        request: Request[Any, Any, Any],
        served: NamedDependency[Served],
        term_id: Annotated[str, PathParameter()],
    ) -> Response[bytes]:
        term = find(served.glossary, term_id)
        lang = page_language(request)
        return _record_page(
            request,
            served,
            "glossary_term.html",
            [("application/json", f"/v1/glossary/{term.id}", "JSON")],
            title=term.term.en if lang == "en" else term.term.zh,
            term=term,
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
                ("application/json", "/v1/sections", "JSON"),
                ("text/csv", "/v1/sections?format=csv", "CSV"),
            ],
            title=_pick(texts.UI["source"], lang),
            view=source_view,
            kinds=_RECORD_KINDS,
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
        self, request: Request[Any, Any, Any], name: FromPath[str]
    ) -> Response[bytes]:
        check_single(request, frozenset(), frozenset())
        if f"/assets/{name}" != STYLESHEET_PATH:
            raise NotFoundException(detail=f"no asset {name!r}")
        etag = STYLESHEET_ETAG
        if request.headers.get("if-none-match") == etag:
            return Response(
                content=b"", status_code=304, headers={"ETag": etag, "Cache-Control": IMMUTABLE}
            )
        return Response(
            content=STYLESHEET,
            media_type="text/css",
            headers={"ETag": etag, "Cache-Control": IMMUTABLE},
        )
