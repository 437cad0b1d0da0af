# generated from openapi/v1.json (sha256 00fbd7b799dd211643ef02d746fcb1d5dd02b3f4a3d224710a23f81a8621abc8) — do not edit.
# Regenerate with `make sdk`.
"""Resources of the API: one per tag, one method per operation, sync and async."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, Literal, TypedDict

from longgang_opendata._base_client import AsyncAPIClient, SyncAPIClient, path_segment
from longgang_opendata._pagination import AsyncPager, SyncPage
from longgang_opendata.types import (
    ApiIndex,
    ChangeList,
    Dataset,
    GlossaryPage,
    GlossaryTerm,
    Health,
    IndicatorDetail,
    IndicatorPage,
    Observation,
    ObservationPage,
    Project,
    ProjectPage,
    Promise,
    PromisePage,
    ReleaseList,
    Report,
    ReportList,
    SearchHit,
    SearchPage,
    Section,
    SectionPage,
    Target,
    TargetPage,
)

__all__ = [
    "CSV_COLUMNS",
    "MAX_LIMIT",
    "AsyncGlossaryResource",
    "AsyncIndicatorsResource",
    "AsyncObservationsResource",
    "AsyncOperations",
    "AsyncProjectsResource",
    "AsyncPromisesResource",
    "AsyncSectionsResource",
    "AsyncTargetsResource",
    "GlossaryListParams",
    "GlossaryResource",
    "IndicatorsListParams",
    "IndicatorsResource",
    "ObservationsListParams",
    "ObservationsResource",
    "ProjectsListParams",
    "ProjectsResource",
    "PromisesListParams",
    "PromisesResource",
    "SectionsListParams",
    "SectionsResource",
    "SyncOperations",
    "TargetsListParams",
    "TargetsResource",
]

#: The largest ``limit`` of the API: a whole list in as few pages as possible.
MAX_LIMIT: Final = 500
#: The columns of each list's CSV in the API's order, by the model of its items.
CSV_COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    "GlossaryTerm": (
        "id",
        "number",
        "term_zh",
        "term_en",
        "definition_zh",
        "definition_en",
        "source_section_id",
        "source_quote",
        "source_line",
        "source_document_id",
        "source_selector_text_quote_exact",
        "source_selector_text_quote_prefix",
        "source_selector_text_quote_suffix",
        "source_selector_text_position_start",
        "source_selector_text_position_end",
        "report_id",
        "html_url",
    ),
    "IndicatorDetail": (
        "id",
        "name_zh",
        "name_en",
        "category",
        "unit",
        "headline",
        "order",
        "measure",
        "base_unit_code",
        "base_unit_zh",
        "base_unit_en",
        "better",
        "html_url",
    ),
    "Observation": (
        "id",
        "indicator_id",
        "period",
        "kind",
        "value",
        "unit",
        "qualifier",
        "comparison",
        "status_zh",
        "status_en",
        "note",
        "source_section_id",
        "source_quote",
        "source_line",
        "source_document_id",
        "source_selector_text_quote_exact",
        "source_selector_text_quote_prefix",
        "source_selector_text_quote_suffix",
        "source_selector_text_position_start",
        "source_selector_text_position_end",
        "measure",
        "unit_multiplier",
        "base_unit_code",
        "base_unit_zh",
        "base_unit_en",
        "base_value",
        "period_start",
        "period_end",
        "period_start_stated",
        "report_id",
        "revised_by",
        "value_upper",
        "base_value_upper",
    ),
    "Project": (
        "id",
        "name_zh",
        "name_en",
        "category",
        "html_url",
    ),
    "Promise": (
        "id",
        "project_id",
        "project_name_zh",
        "project_name_en",
        "category",
        "year",
        "report_id",
        "promised_report_id",
        "promised_status",
        "promised_status_text",
        "promised_quote",
        "promised_source_section_id",
        "promised_source_quote",
        "promised_source_line",
        "promised_source_document_id",
        "promised_source_selector_text_quote_exact",
        "promised_source_selector_text_quote_prefix",
        "promised_source_selector_text_quote_suffix",
        "promised_source_selector_text_position_start",
        "promised_source_selector_text_position_end",
        "outcome_report_id",
        "outcome_status",
        "outcome_status_text",
        "outcome_quote",
        "outcome_source_section_id",
        "outcome_source_quote",
        "outcome_source_line",
        "outcome_source_document_id",
        "outcome_source_selector_text_quote_exact",
        "outcome_source_selector_text_quote_prefix",
        "outcome_source_selector_text_quote_suffix",
        "outcome_source_selector_text_position_start",
        "outcome_source_selector_text_position_end",
        "verdict",
        "rule",
    ),
    "SearchHit": (
        "kind",
        "id",
        "title_zh",
        "title_en",
        "url",
        "html_url",
        "snippet",
    ),
    "Section": (
        "id",
        "kind",
        "number",
        "heading_zh",
        "heading_en",
        "parent_id",
        "line",
        "line_end",
        "text",
        "report_id",
    ),
    "Target": (
        "id",
        "indicator_id",
        "indicator_name_zh",
        "indicator_name_en",
        "category",
        "headline",
        "period",
        "kind",
        "report_id",
        "better",
        "target_observation_id",
        "target_report_id",
        "target_value",
        "target_value_upper",
        "target_unit",
        "target_qualifier",
        "target_base_value",
        "target_base_value_upper",
        "target_base_unit_code",
        "target_base_unit_zh",
        "target_base_unit_en",
        "target_status_zh",
        "target_status_en",
        "target_quote",
        "target_source_section_id",
        "target_source_quote",
        "target_source_line",
        "target_source_document_id",
        "target_source_selector_text_quote_exact",
        "target_source_selector_text_quote_prefix",
        "target_source_selector_text_quote_suffix",
        "target_source_selector_text_position_start",
        "target_source_selector_text_position_end",
        "actual_observation_id",
        "actual_report_id",
        "actual_value",
        "actual_value_upper",
        "actual_unit",
        "actual_qualifier",
        "actual_base_value",
        "actual_base_value_upper",
        "actual_base_unit_code",
        "actual_base_unit_zh",
        "actual_base_unit_en",
        "actual_status_zh",
        "actual_status_en",
        "actual_quote",
        "actual_source_section_id",
        "actual_source_quote",
        "actual_source_line",
        "actual_source_document_id",
        "actual_source_selector_text_quote_exact",
        "actual_source_selector_text_quote_prefix",
        "actual_source_selector_text_quote_suffix",
        "actual_source_selector_text_position_start",
        "actual_source_selector_text_position_end",
        "margin",
        "verdict",
        "rule",
    ),
}


class GlossaryListParams(TypedDict, total=False):
    """The keyword filters of ``client.glossary.list()``."""

    report: str | Sequence[str] | None
    q: str | None
    sort: str | None
    limit: int | None
    cursor: str | None


class IndicatorsListParams(TypedDict, total=False):
    """The keyword filters of ``client.indicators.list()``."""

    category: (
        Literal[
            "economy",
            "investment",
            "industry",
            "innovation",
            "business",
            "education",
            "health",
            "culture-sports",
            "employment-welfare",
            "housing",
            "safety",
            "environment",
            "urban",
            "transport",
            "governance",
        ]
        | Sequence[
            Literal[
                "economy",
                "investment",
                "industry",
                "innovation",
                "business",
                "education",
                "health",
                "culture-sports",
                "employment-welfare",
                "housing",
                "safety",
                "environment",
                "urban",
                "transport",
                "governance",
            ]
        ]
        | None
    )
    headline: bool | Sequence[bool] | None
    period: Literal["2023", "2024"] | Sequence[Literal["2023", "2024"]] | None
    kind: Literal["actual", "target", "plan"] | Sequence[Literal["actual", "target", "plan"]] | None
    measure: (
        Literal["growth-rate", "change", "level", "count", "share", "rank", "qualitative"]
        | Sequence[
            Literal["growth-rate", "change", "level", "count", "share", "rank", "qualitative"]
        ]
        | None
    )
    report: str | Sequence[str] | None
    q: str | None
    sort: str | None
    limit: int | None
    cursor: str | None


class ObservationsListParams(TypedDict, total=False):
    """The keyword filters of ``client.observations.list()``."""

    indicator_id: str | Sequence[str] | None
    period: Literal["2023", "2024"] | Sequence[Literal["2023", "2024"]] | None
    kind: Literal["actual", "target", "plan"] | Sequence[Literal["actual", "target", "plan"]] | None
    category: (
        Literal[
            "economy",
            "investment",
            "industry",
            "innovation",
            "business",
            "education",
            "health",
            "culture-sports",
            "employment-welfare",
            "housing",
            "safety",
            "environment",
            "urban",
            "transport",
            "governance",
        ]
        | Sequence[
            Literal[
                "economy",
                "investment",
                "industry",
                "innovation",
                "business",
                "education",
                "health",
                "culture-sports",
                "employment-welfare",
                "housing",
                "safety",
                "environment",
                "urban",
                "transport",
                "governance",
            ]
        ]
        | None
    )
    headline: bool | Sequence[bool] | None
    qualifier: (
        Literal["over", "at_least", "about", "at_most"]
        | Sequence[Literal["over", "at_least", "about", "at_most"]]
        | None
    )
    comparison: (
        Literal["year_on_year", "like_for_like"]
        | Sequence[Literal["year_on_year", "like_for_like"]]
        | None
    )
    measure: (
        Literal["growth-rate", "change", "level", "count", "share", "rank", "qualitative"]
        | Sequence[
            Literal["growth-rate", "change", "level", "count", "share", "rank", "qualitative"]
        ]
        | None
    )
    base_unit: str | Sequence[str] | None
    report: str | Sequence[str] | None
    vintage: Literal["latest", "all"] | Sequence[Literal["latest", "all"]] | None
    as_of: str | Sequence[str] | None
    q: str | None
    sort: str | None
    limit: int | None
    cursor: str | None


class ProjectsListParams(TypedDict, total=False):
    """The keyword filters of ``client.projects.list()``."""

    category: (
        Literal[
            "education",
            "health",
            "research",
            "industrial-park",
            "enterprise",
            "commercial",
            "culture",
            "sports",
            "park-greenery",
            "water-environment",
            "rail",
            "road",
            "transport-hub",
            "energy-utilities",
            "housing-welfare",
            "urban-renewal",
            "public-service",
            "finance",
            "platform",
            "zone",
        ]
        | Sequence[
            Literal[
                "education",
                "health",
                "research",
                "industrial-park",
                "enterprise",
                "commercial",
                "culture",
                "sports",
                "park-greenery",
                "water-environment",
                "rail",
                "road",
                "transport-hub",
                "energy-utilities",
                "housing-welfare",
                "urban-renewal",
                "public-service",
                "finance",
                "platform",
                "zone",
            ]
        ]
        | None
    )
    year: Literal[2023, 2024] | Sequence[Literal[2023, 2024]] | None
    status: (
        Literal[
            "completed",
            "delivered",
            "in_operation",
            "opened",
            "started",
            "under_construction",
            "accelerating",
            "preliminary",
            "planned",
            "introduced",
            "approved",
            "supported",
            "designated",
        ]
        | Sequence[
            Literal[
                "completed",
                "delivered",
                "in_operation",
                "opened",
                "started",
                "under_construction",
                "accelerating",
                "preliminary",
                "planned",
                "introduced",
                "approved",
                "supported",
                "designated",
            ]
        ]
        | None
    )
    report: str | Sequence[str] | None
    q: str | None
    sort: str | None
    limit: int | None
    cursor: str | None


class PromisesListParams(TypedDict, total=False):
    """The keyword filters of ``client.promises.list()``."""

    report: str | Sequence[str] | None
    year: Literal[2023, 2024] | Sequence[Literal[2023, 2024]] | None
    verdict: (
        Literal["kept", "slipped", "pending", "not_reported"]
        | Sequence[Literal["kept", "slipped", "pending", "not_reported"]]
        | None
    )
    category: (
        Literal[
            "education",
            "health",
            "research",
            "industrial-park",
            "enterprise",
            "commercial",
            "culture",
            "sports",
            "park-greenery",
            "water-environment",
            "rail",
            "road",
            "transport-hub",
            "energy-utilities",
            "housing-welfare",
            "urban-renewal",
            "public-service",
            "finance",
            "platform",
            "zone",
        ]
        | Sequence[
            Literal[
                "education",
                "health",
                "research",
                "industrial-park",
                "enterprise",
                "commercial",
                "culture",
                "sports",
                "park-greenery",
                "water-environment",
                "rail",
                "road",
                "transport-hub",
                "energy-utilities",
                "housing-welfare",
                "urban-renewal",
                "public-service",
                "finance",
                "platform",
                "zone",
            ]
        ]
        | None
    )
    status: (
        Literal[
            "completed",
            "delivered",
            "in_operation",
            "opened",
            "started",
            "under_construction",
            "accelerating",
            "preliminary",
            "planned",
            "introduced",
            "approved",
            "supported",
            "designated",
        ]
        | Sequence[
            Literal[
                "completed",
                "delivered",
                "in_operation",
                "opened",
                "started",
                "under_construction",
                "accelerating",
                "preliminary",
                "planned",
                "introduced",
                "approved",
                "supported",
                "designated",
            ]
        ]
        | None
    )
    q: str | None
    sort: str | None
    limit: int | None
    cursor: str | None


class SectionsListParams(TypedDict, total=False):
    """The keyword filters of ``client.sections.list()``."""

    kind: (
        Literal["document", "part", "subpart", "item"]
        | Sequence[Literal["document", "part", "subpart", "item"]]
        | None
    )
    parent_id: str | Sequence[str] | None
    report: str | Sequence[str] | None
    q: str | None
    sort: str | None
    limit: int | None
    cursor: str | None


class TargetsListParams(TypedDict, total=False):
    """The keyword filters of ``client.targets.list()``."""

    report: str | Sequence[str] | None
    period: Literal["2023", "2024"] | Sequence[Literal["2023", "2024"]] | None
    verdict: (
        Literal["met", "missed", "pending", "not_comparable", "not_reported", "not_assessable"]
        | Sequence[
            Literal["met", "missed", "pending", "not_comparable", "not_reported", "not_assessable"]
        ]
        | None
    )
    indicator_id: str | Sequence[str] | None
    category: (
        Literal[
            "economy",
            "investment",
            "industry",
            "innovation",
            "business",
            "education",
            "health",
            "culture-sports",
            "employment-welfare",
            "housing",
            "safety",
            "environment",
            "urban",
            "transport",
            "governance",
        ]
        | Sequence[
            Literal[
                "economy",
                "investment",
                "industry",
                "innovation",
                "business",
                "education",
                "health",
                "culture-sports",
                "employment-welfare",
                "housing",
                "safety",
                "environment",
                "urban",
                "transport",
                "governance",
            ]
        ]
        | None
    )
    headline: bool | Sequence[bool] | None
    q: str | None
    sort: str | None
    limit: int | None
    cursor: str | None


class GlossaryResource:
    """The report's glossary (名词解释)."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    def list(
        self,
        *,
        report: str | Sequence[str] | None = None,
        q: str | None = None,
        sort: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> SyncPage[GlossaryTerm]:
        """
        List glossary terms.

        Every entry of the glossary, the Chinese definition verbatim. Sortable by number,
        id; default order: number. Also as CSV and NDJSON. JSON pages carry total, the
        number of items matching the query. As CSV or NDJSON without limit, the answer holds
        every matching record, streamed; with limit, it pages like JSON, the next page in
        the Link header.

        Args:
            report: Terms defined in the glossary of this report (an id of /v1/reports);
                repeat for any of several.
            q: Search terms, separated by spaces or punctuation, all of which must match the
                record's Chinese or English text: Chinese as written anywhere in the text,
                English as whole words, case-insensitive, plurals folded (places = place); a
                term of the dataset's synonym table (地铁 = 轨道 = metro = subway …) matches as
                any of its synonyms. NFKC-normalised, so full-width and half-width forms
                match.
            sort: Comma-separated fields to sort by, '-' before a field for descending: id,
                number. The record id always closes the order, so pages are stable.
            limit: Records per page (1–500); JSON pages hold 50 without it. CSV and NDJSON
                without limit answer every matching record in one streamed answer; with
                limit they page like JSON, the next page in the Link header.
            cursor: Opaque cursor from the previous page's next_cursor; valid for the same
                query.

        (operationId: listGlossary)
        """
        return SyncPage(
            self._client,
            "/v1/glossary",
            {"report": report, "q": q, "sort": sort, "limit": limit, "cursor": cursor},
            GlossaryPage,
        )

    def get(self, term_id: str) -> GlossaryTerm:
        """
        Get a glossary term.

        One glossary entry.

        Args:
            term_id: Id of the term.

        (operationId: getGlossaryTerm)
        """
        return self._client.get(
            f"/v1/glossary/{path_segment(term_id, 'term_id')}", None, GlossaryTerm
        )


class IndicatorsResource:
    """Measured concepts of the report, with their observations."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    def list(
        self,
        *,
        category: Literal[
            "economy",
            "investment",
            "industry",
            "innovation",
            "business",
            "education",
            "health",
            "culture-sports",
            "employment-welfare",
            "housing",
            "safety",
            "environment",
            "urban",
            "transport",
            "governance",
        ]
        | Sequence[
            Literal[
                "economy",
                "investment",
                "industry",
                "innovation",
                "business",
                "education",
                "health",
                "culture-sports",
                "employment-welfare",
                "housing",
                "safety",
                "environment",
                "urban",
                "transport",
                "governance",
            ]
        ]
        | None = None,
        headline: bool | Sequence[bool] | None = None,
        period: Literal["2023", "2024"] | Sequence[Literal["2023", "2024"]] | None = None,
        kind: Literal["actual", "target", "plan"]
        | Sequence[Literal["actual", "target", "plan"]]
        | None = None,
        measure: Literal["growth-rate", "change", "level", "count", "share", "rank", "qualitative"]
        | Sequence[
            Literal["growth-rate", "change", "level", "count", "share", "rank", "qualitative"]
        ]
        | None = None,
        report: str | Sequence[str] | None = None,
        q: str | None = None,
        sort: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> SyncPage[IndicatorDetail]:
        """
        List indicators.

        Indicators with their observations embedded. Sortable by id, category, name_zh,
        name_en, order; default order: order (the report's). Also as CSV (observations left
        out) and NDJSON. JSON pages carry total, the number of items matching the query. As
        CSV or NDJSON without limit, the answer holds every matching record, streamed; with
        limit, it pages like JSON, the next page in the Link header.

        Args:
            category: Policy area; repeat for any of several.
            headline: Only headline indicators (true) or only others (false).
            period: Indicators observed in this year; repeat for any of several.
            kind: Indicators with an observation of this kind.
            measure: What the indicator measures; repeat for any of several.
            report: Indicators observed in a statement of this report (an id of
                /v1/reports); repeat for any of several.
            q: Search terms, separated by spaces or punctuation, all of which must match the
                record's Chinese or English text: Chinese as written anywhere in the text,
                English as whole words, case-insensitive, plurals folded (places = place); a
                term of the dataset's synonym table (地铁 = 轨道 = metro = subway …) matches as
                any of its synonyms. NFKC-normalised, so full-width and half-width forms
                match.
            sort: Comma-separated fields to sort by, '-' before a field for descending:
                category, id, name_en, name_zh, order. The record id always closes the
                order, so pages are stable.
            limit: Records per page (1–500); JSON pages hold 50 without it. CSV and NDJSON
                without limit answer every matching record in one streamed answer; with
                limit they page like JSON, the next page in the Link header.
            cursor: Opaque cursor from the previous page's next_cursor; valid for the same
                query.

        (operationId: listIndicators)
        """
        return SyncPage(
            self._client,
            "/v1/indicators",
            {
                "category": category,
                "headline": headline,
                "period": period,
                "kind": kind,
                "measure": measure,
                "report": report,
                "q": q,
                "sort": sort,
                "limit": limit,
                "cursor": cursor,
            },
            IndicatorPage,
        )

    def get(self, indicator_id: str) -> IndicatorDetail:
        """
        Get an indicator.

        One indicator with every observation of it.

        Args:
            indicator_id: Id of the indicator.

        (operationId: getIndicator)
        """
        return self._client.get(
            f"/v1/indicators/{path_segment(indicator_id, 'indicator_id')}", None, IndicatorDetail
        )


class ObservationsResource:
    """Values of indicators: results of the report's year, targets and plan quantities."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    def list(
        self,
        *,
        indicator_id: str | Sequence[str] | None = None,
        period: Literal["2023", "2024"] | Sequence[Literal["2023", "2024"]] | None = None,
        kind: Literal["actual", "target", "plan"]
        | Sequence[Literal["actual", "target", "plan"]]
        | None = None,
        category: Literal[
            "economy",
            "investment",
            "industry",
            "innovation",
            "business",
            "education",
            "health",
            "culture-sports",
            "employment-welfare",
            "housing",
            "safety",
            "environment",
            "urban",
            "transport",
            "governance",
        ]
        | Sequence[
            Literal[
                "economy",
                "investment",
                "industry",
                "innovation",
                "business",
                "education",
                "health",
                "culture-sports",
                "employment-welfare",
                "housing",
                "safety",
                "environment",
                "urban",
                "transport",
                "governance",
            ]
        ]
        | None = None,
        headline: bool | Sequence[bool] | None = None,
        qualifier: Literal["over", "at_least", "about", "at_most"]
        | Sequence[Literal["over", "at_least", "about", "at_most"]]
        | None = None,
        comparison: Literal["year_on_year", "like_for_like"]
        | Sequence[Literal["year_on_year", "like_for_like"]]
        | None = None,
        measure: Literal["growth-rate", "change", "level", "count", "share", "rank", "qualitative"]
        | Sequence[
            Literal["growth-rate", "change", "level", "count", "share", "rank", "qualitative"]
        ]
        | None = None,
        base_unit: str | Sequence[str] | None = None,
        report: str | Sequence[str] | None = None,
        vintage: Literal["latest", "all"] | Sequence[Literal["latest", "all"]] | None = None,
        as_of: str | Sequence[str] | None = None,
        q: str | None = None,
        sort: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> SyncPage[Observation]:
        """
        List observations.

        Every value of every indicator, one row each, with its verbatim source quote.
        Sortable by id, indicator_id, period, kind, value, base_value, line; default order:
        id. Also as CSV and NDJSON. JSON pages carry total, the number of items matching the
        query. As CSV or NDJSON without limit, the answer holds every matching record,
        streamed; with limit, it pages like JSON, the next page in the Link header.

        Args:
            indicator_id: Id of the indicator; repeat for any of several.
            period: Year the value refers to.
            kind: 'actual', 'target' or 'plan'.
            category: Policy area of the observed indicator.
            headline: Only values of headline indicators.
            qualifier: Qualifier of the value ('over', 'at_least', 'about').
            comparison: Basis of a change ('year_on_year', 'like_for_like').
            measure: What the value measures, e.g. 'growth-rate', 'count'.
            base_unit: Code of the base unit, e.g. 'place', 'yuan'; repeat for any.
            report: Values stated in a statement of this report (an id of /v1/reports);
                repeat for any of several.
            vintage: 'latest' (the default): the latest statement of each indicator, period
                and kind; 'all': every statement, revised ones included (see revised_by).
            as_of: What was published up to this report (an id of /v1/reports): the
                statements that were the latest then (every one up to it with vintage=all).
            q: Search terms, separated by spaces or punctuation, all of which must match the
                record's Chinese or English text: Chinese as written anywhere in the text,
                English as whole words, case-insensitive, plurals folded (places = place); a
                term of the dataset's synonym table (地铁 = 轨道 = metro = subway …) matches as
                any of its synonyms. NFKC-normalised, so full-width and half-width forms
                match.
            sort: Comma-separated fields to sort by, '-' before a field for descending:
                base_value, id, indicator_id, kind, line, period, value. The record id
                always closes the order, so pages are stable.
            limit: Records per page (1–500); JSON pages hold 50 without it. CSV and NDJSON
                without limit answer every matching record in one streamed answer; with
                limit they page like JSON, the next page in the Link header.
            cursor: Opaque cursor from the previous page's next_cursor; valid for the same
                query.

        (operationId: listObservations)
        """
        return SyncPage(
            self._client,
            "/v1/observations",
            {
                "indicator_id": indicator_id,
                "period": period,
                "kind": kind,
                "category": category,
                "headline": headline,
                "qualifier": qualifier,
                "comparison": comparison,
                "measure": measure,
                "base_unit": base_unit,
                "report": report,
                "vintage": vintage,
                "as_of": as_of,
                "q": q,
                "sort": sort,
                "limit": limit,
                "cursor": cursor,
            },
            ObservationPage,
        )

    def get(self, observation_id: str) -> Observation:
        """
        Get an observation.

        One value of an indicator with its verbatim source quote.

        Args:
            observation_id: Id of the observation.

        (operationId: getObservation)
        """
        return self._client.get(
            f"/v1/observations/{path_segment(observation_id, 'observation_id')}", None, Observation
        )


class ProjectsResource:
    """Named projects, facilities and sites, with their mentions."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    def list(
        self,
        *,
        category: Literal[
            "education",
            "health",
            "research",
            "industrial-park",
            "enterprise",
            "commercial",
            "culture",
            "sports",
            "park-greenery",
            "water-environment",
            "rail",
            "road",
            "transport-hub",
            "energy-utilities",
            "housing-welfare",
            "urban-renewal",
            "public-service",
            "finance",
            "platform",
            "zone",
        ]
        | Sequence[
            Literal[
                "education",
                "health",
                "research",
                "industrial-park",
                "enterprise",
                "commercial",
                "culture",
                "sports",
                "park-greenery",
                "water-environment",
                "rail",
                "road",
                "transport-hub",
                "energy-utilities",
                "housing-welfare",
                "urban-renewal",
                "public-service",
                "finance",
                "platform",
                "zone",
            ]
        ]
        | None = None,
        year: Literal[2023, 2024] | Sequence[Literal[2023, 2024]] | None = None,
        status: Literal[
            "completed",
            "delivered",
            "in_operation",
            "opened",
            "started",
            "under_construction",
            "accelerating",
            "preliminary",
            "planned",
            "introduced",
            "approved",
            "supported",
            "designated",
        ]
        | Sequence[
            Literal[
                "completed",
                "delivered",
                "in_operation",
                "opened",
                "started",
                "under_construction",
                "accelerating",
                "preliminary",
                "planned",
                "introduced",
                "approved",
                "supported",
                "designated",
            ]
        ]
        | None = None,
        report: str | Sequence[str] | None = None,
        q: str | None = None,
        sort: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> SyncPage[Project]:
        """
        List projects.

        Named projects, facilities and sites with their mentions in the report on the past
        year and in the plan for the next. Sortable by id, category, name_zh, name_en, line;
        default order: id. Also as CSV (mentions left out) and NDJSON. JSON pages carry
        total, the number of items matching the query. As CSV or NDJSON without limit, the
        answer holds every matching record, streamed; with limit, it pages like JSON, the
        next page in the Link header.

        Args:
            category: Kind of project; repeat for any of several.
            year: Projects mentioned in this year's part of the report.
            status: Projects with a mention of this status.
            report: Projects mentioned in a statement of this report (an id of /v1/reports);
                repeat for any of several.
            q: Search terms, separated by spaces or punctuation, all of which must match the
                record's Chinese or English text: Chinese as written anywhere in the text,
                English as whole words, case-insensitive, plurals folded (places = place); a
                term of the dataset's synonym table (地铁 = 轨道 = metro = subway …) matches as
                any of its synonyms. NFKC-normalised, so full-width and half-width forms
                match.
            sort: Comma-separated fields to sort by, '-' before a field for descending:
                category, id, line, name_en, name_zh. The record id always closes the order,
                so pages are stable.
            limit: Records per page (1–500); JSON pages hold 50 without it. CSV and NDJSON
                without limit answer every matching record in one streamed answer; with
                limit they page like JSON, the next page in the Link header.
            cursor: Opaque cursor from the previous page's next_cursor; valid for the same
                query.

        (operationId: listProjects)
        """
        return SyncPage(
            self._client,
            "/v1/projects",
            {
                "category": category,
                "year": year,
                "status": status,
                "report": report,
                "q": q,
                "sort": sort,
                "limit": limit,
                "cursor": cursor,
            },
            ProjectPage,
        )

    def get(self, project_id: str) -> Project:
        """
        Get a project.

        One project with every mention of it.

        Args:
            project_id: Id of the project.

        (operationId: getProject)
        """
        return self._client.get(
            f"/v1/projects/{path_segment(project_id, 'project_id')}", None, Project
        )


class PromisesResource:
    """Every project planned for a year checked against what a later report says."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    def list(
        self,
        *,
        report: str | Sequence[str] | None = None,
        year: Literal[2023, 2024] | Sequence[Literal[2023, 2024]] | None = None,
        verdict: Literal["kept", "slipped", "pending", "not_reported"]
        | Sequence[Literal["kept", "slipped", "pending", "not_reported"]]
        | None = None,
        category: Literal[
            "education",
            "health",
            "research",
            "industrial-park",
            "enterprise",
            "commercial",
            "culture",
            "sports",
            "park-greenery",
            "water-environment",
            "rail",
            "road",
            "transport-hub",
            "energy-utilities",
            "housing-welfare",
            "urban-renewal",
            "public-service",
            "finance",
            "platform",
            "zone",
        ]
        | Sequence[
            Literal[
                "education",
                "health",
                "research",
                "industrial-park",
                "enterprise",
                "commercial",
                "culture",
                "sports",
                "park-greenery",
                "water-environment",
                "rail",
                "road",
                "transport-hub",
                "energy-utilities",
                "housing-welfare",
                "urban-renewal",
                "public-service",
                "finance",
                "platform",
                "zone",
            ]
        ]
        | None = None,
        status: Literal[
            "completed",
            "delivered",
            "in_operation",
            "opened",
            "started",
            "under_construction",
            "accelerating",
            "preliminary",
            "planned",
            "introduced",
            "approved",
            "supported",
            "designated",
        ]
        | Sequence[
            Literal[
                "completed",
                "delivered",
                "in_operation",
                "opened",
                "started",
                "under_construction",
                "accelerating",
                "preliminary",
                "planned",
                "introduced",
                "approved",
                "supported",
                "designated",
            ]
        ]
        | None = None,
        q: str | None = None,
        sort: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> SyncPage[Promise]:
        """
        List project promises with their outcomes.

        Every project a report plans for its plan year (开工, 建成, 投用 …) with what a later
        report says of it for that year, the verdict (kept, slipped, pending, not_reported)
        and the rule that decided it, in words. Sortable by id, year, verdict, line; default
        order: year, line. Also as CSV and NDJSON. JSON pages carry total, the number of
        items matching the query. As CSV or NDJSON without limit, the answer holds every
        matching record, streamed; with limit, it pages like JSON, the next page in the Link
        header.

        Args:
            report: Promises made in a statement of this report (an id of /v1/reports);
                repeat for any of several.
            year: The year the project was planned for.
            verdict: The verdict; repeat for any of several.
            category: Kind of project; repeat for any of several.
            status: The status promised; repeat for any of several.
            q: Search terms, separated by spaces or punctuation, all of which must match the
                record's Chinese or English text: Chinese as written anywhere in the text,
                English as whole words, case-insensitive, plurals folded (places = place); a
                term of the dataset's synonym table (地铁 = 轨道 = metro = subway …) matches as
                any of its synonyms. NFKC-normalised, so full-width and half-width forms
                match.
            sort: Comma-separated fields to sort by, '-' before a field for descending: id,
                line, verdict, year. The record id always closes the order, so pages are
                stable.
            limit: Records per page (1–500); JSON pages hold 50 without it. CSV and NDJSON
                without limit answer every matching record in one streamed answer; with
                limit they page like JSON, the next page in the Link header.
            cursor: Opaque cursor from the previous page's next_cursor; valid for the same
                query.

        (operationId: listPromises)
        """
        return SyncPage(
            self._client,
            "/v1/promises",
            {
                "report": report,
                "year": year,
                "verdict": verdict,
                "category": category,
                "status": status,
                "q": q,
                "sort": sort,
                "limit": limit,
                "cursor": cursor,
            },
            PromisePage,
        )

    def get(self, promise_id: str) -> Promise:
        """
        Get a project promise with its outcome.

        One project planned for a year with what a later report says of it.

        Args:
            promise_id: Id of the promise.

        (operationId: getPromise)
        """
        return self._client.get(
            f"/v1/promises/{path_segment(promise_id, 'promise_id')}", None, Promise
        )


class SectionsResource:
    """The outline and text of the source document."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    def list(
        self,
        *,
        kind: Literal["document", "part", "subpart", "item"]
        | Sequence[Literal["document", "part", "subpart", "item"]]
        | None = None,
        parent_id: str | Sequence[str] | None = None,
        report: str | Sequence[str] | None = None,
        q: str | None = None,
        sort: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> SyncPage[Section]:
        """
        List sections.

        The outline of the source document with each section's own text. Sortable by line,
        id, kind; default order: line (document order). Also as CSV and NDJSON. JSON pages
        carry total, the number of items matching the query. As CSV or NDJSON without limit,
        the answer holds every matching record, streamed; with limit, it pages like JSON,
        the next page in the Link header.

        Args:
            kind: Level in the outline; repeat for any of several.
            parent_id: Only children of this section.
            report: Sections of the source document of this report (an id of /v1/reports);
                repeat for any of several.
            q: Search terms, separated by spaces or punctuation, all of which must match the
                record's Chinese or English text: Chinese as written anywhere in the text,
                English as whole words, case-insensitive, plurals folded (places = place); a
                term of the dataset's synonym table (地铁 = 轨道 = metro = subway …) matches as
                any of its synonyms. NFKC-normalised, so full-width and half-width forms
                match.
            sort: Comma-separated fields to sort by, '-' before a field for descending: id,
                kind, line. The record id always closes the order, so pages are stable.
            limit: Records per page (1–500); JSON pages hold 50 without it. CSV and NDJSON
                without limit answer every matching record in one streamed answer; with
                limit they page like JSON, the next page in the Link header.
            cursor: Opaque cursor from the previous page's next_cursor; valid for the same
                query.

        (operationId: listSections)
        """
        return SyncPage(
            self._client,
            "/v1/sections",
            {
                "kind": kind,
                "parent_id": parent_id,
                "report": report,
                "q": q,
                "sort": sort,
                "limit": limit,
                "cursor": cursor,
            },
            SectionPage,
        )

    def get(self, section_id: str) -> Section:
        """
        Get a section.

        One section of the source document with its text.

        Args:
            section_id: Id of the section.

        (operationId: getSection)
        """
        return self._client.get(
            f"/v1/sections/{path_segment(section_id, 'section_id')}", None, Section
        )


class TargetsResource:
    """Every target and plan quantity checked against its outcome."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    def list(
        self,
        *,
        report: str | Sequence[str] | None = None,
        period: Literal["2023", "2024"] | Sequence[Literal["2023", "2024"]] | None = None,
        verdict: Literal[
            "met", "missed", "pending", "not_comparable", "not_reported", "not_assessable"
        ]
        | Sequence[
            Literal["met", "missed", "pending", "not_comparable", "not_reported", "not_assessable"]
        ]
        | None = None,
        indicator_id: str | Sequence[str] | None = None,
        category: Literal[
            "economy",
            "investment",
            "industry",
            "innovation",
            "business",
            "education",
            "health",
            "culture-sports",
            "employment-welfare",
            "housing",
            "safety",
            "environment",
            "urban",
            "transport",
            "governance",
        ]
        | Sequence[
            Literal[
                "economy",
                "investment",
                "industry",
                "innovation",
                "business",
                "education",
                "health",
                "culture-sports",
                "employment-welfare",
                "housing",
                "safety",
                "environment",
                "urban",
                "transport",
                "governance",
            ]
        ]
        | None = None,
        headline: bool | Sequence[bool] | None = None,
        q: str | None = None,
        sort: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> SyncPage[Target]:
        """
        List targets with their outcomes.

        Every target and plan quantity (its latest statement) with the actual a later report
        states for the same indicator and year, the margin (actual minus target, in base
        units), the verdict and the rule that decided it, in words. Sortable by id, period,
        indicator_id, verdict, margin, line; default order: period, line. Also as CSV and
        NDJSON. JSON pages carry total, the number of items matching the query. As CSV or
        NDJSON without limit, the answer holds every matching record, streamed; with limit,
        it pages like JSON, the next page in the Link header.

        Args:
            report: Targets stated in a statement of this report (an id of /v1/reports);
                repeat for any of several.
            period: Year the target is for.
            verdict: The verdict; repeat for any of several.
            indicator_id: Id of the indicator; repeat for any of several.
            category: Policy area of the indicator.
            headline: Only targets of headline indicators.
            q: Search terms, separated by spaces or punctuation, all of which must match the
                record's Chinese or English text: Chinese as written anywhere in the text,
                English as whole words, case-insensitive, plurals folded (places = place); a
                term of the dataset's synonym table (地铁 = 轨道 = metro = subway …) matches as
                any of its synonyms. NFKC-normalised, so full-width and half-width forms
                match.
            sort: Comma-separated fields to sort by, '-' before a field for descending: id,
                indicator_id, line, margin, period, verdict. The record id always closes the
                order, so pages are stable.
            limit: Records per page (1–500); JSON pages hold 50 without it. CSV and NDJSON
                without limit answer every matching record in one streamed answer; with
                limit they page like JSON, the next page in the Link header.
            cursor: Opaque cursor from the previous page's next_cursor; valid for the same
                query.

        (operationId: listTargets)
        """
        return SyncPage(
            self._client,
            "/v1/targets",
            {
                "report": report,
                "period": period,
                "verdict": verdict,
                "indicator_id": indicator_id,
                "category": category,
                "headline": headline,
                "q": q,
                "sort": sort,
                "limit": limit,
                "cursor": cursor,
            },
            TargetPage,
        )

    def get(self, target_id: str) -> Target:
        """
        Get a target with its outcome.

        One target or plan quantity with its outcome, verdict and rule.

        Args:
            target_id: Id of the target's observation.

        (operationId: getTarget)
        """
        return self._client.get(f"/v1/targets/{path_segment(target_id, 'target_id')}", None, Target)


class SyncOperations:
    """The top-level operations of the API (methods of the client)."""

    _client: SyncAPIClient

    def index(self) -> ApiIndex:
        """
        Entry point.

        Links to every collection, with the served dataset version and hash.

        (operationId: getIndex)
        """
        return self._client.get("/v1", None, ApiIndex)

    def catalog(self) -> bytes:
        """
        DCAT-AP catalogue.

        The DCAT-AP 3.0.1 catalogue of the dataset, its distributions and this API: JSON-LD
        (default) or Turtle by Accept. Also at /v1/catalog.jsonld and /v1/catalog.ttl.

        (operationId: getCatalog)
        """
        return self._client.get_bytes("/v1/catalog", None)

    def catalog_json_ld(self) -> bytes:
        """
        DCAT-AP catalogue (JSON-LD).

        The DCAT-AP 3.0.1 catalogue as JSON-LD, whatever Accept says.

        (operationId: getCatalogJsonLd)
        """
        return self._client.get_bytes("/v1/catalog.jsonld", None)

    def catalog_turtle(self) -> bytes:
        """
        DCAT-AP catalogue (Turtle).

        The DCAT-AP 3.0.1 catalogue as Turtle, whatever Accept says.

        (operationId: getCatalogTurtle)
        """
        return self._client.get_bytes("/v1/catalog.ttl", None)

    def data_package(self) -> bytes:
        """
        Data package.

        Frictionless Data Package (v2) describing the downloads: Table Schemas with types,
        constraints, enums and keys, byte sizes and sha256 hashes. JSON, whatever Accept
        says.

        (operationId: getDataPackage)
        """
        return self._client.get_bytes("/v1/datapackage.json", None)

    def dataset(self) -> Dataset:
        """
        Dataset metadata.

        Title, description, issuing body, source document, licence, version, coverage and
        the number of records in each collection.

        (operationId: getDataset)
        """
        return self._client.get("/v1/dataset", None, Dataset)

    def datasette_metadata(self) -> bytes:
        """
        Datasette metadata.

        Metadata of the SQLite download for Datasette (`datasette longgang-2024.sqlite
        --metadata datasette-metadata.json`): title, licence, source, and the label column
        and search table of each table. JSON, whatever Accept says.

        (operationId: getDatasetteMetadata)
        """
        return self._client.get_bytes("/v1/datasette-metadata.json", None)

    def format_download(
        self,
        folder: Literal["parquet", "csvw", "jsonstat", "sdmx", "source", "provenance"],
        name: Literal[
            "indicators.parquet",
            "observations.parquet",
            "projects.parquet",
            "project_mentions.parquet",
            "glossary.parquet",
            "sections.parquet",
            "targets.parquet",
            "promises.parquet",
            "csv-metadata.json",
            "observations.json",
            "observations.csv",
            "structure.xml",
            "text.txt",
            "annotations.jsonld",
        ],
        *,
        bom: bool | None = None,
    ) -> bytes:
        """
        Download a file of a statistical format.

        The data in the formats of official statistics, a folder each: parquet (one Parquet
        file per table, the CSV's columns typed), csvw (the CSV on the Web metadata of the
        CSV files), jsonstat (the observations as a JSON-stat 2.0 collection, one dataset
        per indicator) and sdmx (the observations as SDMX-CSV 2.0 and their SDMX-ML 3.0
        structure); and the provenance of every value: source (the source document's text,
        as the quotes are checked against it) and provenance (every quote as a W3C Web
        Annotation, its TextQuoteSelector and TextPositionSelector in that text). Listed,
        with sizes, hashes and the standard each conforms to, in the data package and the
        catalogue. The file comes as application/octet-stream when Accept prefers that, else
        as its own media type.

        Args:
            folder: Folder of the format.
            name: File name in the folder.
            bom: For a CSV file: prepend the UTF-8 byte order mark (for Excel).

        (operationId: getFormatDownload)
        """
        return self._client.get_bytes(
            f"/v1/downloads/{path_segment(folder, 'folder')}/{path_segment(name, 'name')}",
            {"bom": bom},
        )

    def download(
        self,
        name: Literal[
            "indicators.csv",
            "observations.csv",
            "projects.csv",
            "project_mentions.csv",
            "glossary.csv",
            "sections.csv",
            "targets.csv",
            "promises.csv",
            "longgang-2024.json",
            "longgang-2024.sqlite",
        ],
        *,
        bom: bool | None = None,
    ) -> bytes:
        """
        Download a file.

        A bulk download: one CSV per table (UTF-8, header row), the whole dataset as JSON or
        as a SQLite database. The statistical formats are in folders beside them
        (/v1/downloads/{folder}/{name}). Listed, with sizes and hashes, in the data package.
        The file comes as application/octet-stream when Accept prefers that, else as its own
        media type, whatever Accept says.

        Args:
            name: File name of the download.
            bom: For a CSV file: prepend the UTF-8 byte order mark (for Excel).

        (operationId: getDownload)
        """
        return self._client.get_bytes(f"/v1/downloads/{path_segment(name, 'name')}", {"bom": bom})

    def releases(self) -> ReleaseList:
        """
        Releases.

        Every released version of the dataset, newest first, with its sha256.

        (operationId: getReleases)
        """
        return self._client.get("/v1/releases", None, ReleaseList)

    def releases_feed(self) -> bytes:
        """
        Release feed (Atom).

        Every release as an Atom 1.0 feed, newest first: each entry has the release notes in
        Chinese and English and what its change list says (how many ids were added, removed
        and renamed and how many values changed; the renamed ids old → new and the removed
        ids with what replaces them), and links to the release on the releases page (HTML,
        /releases#v1.2.0) and to the change list. Links resolve against the feed's xml:base,
        the API's public root. Atom, whatever Accept says.

        (operationId: getReleasesFeed)
        """
        return self._client.get_bytes("/v1/releases.atom", None)

    def release_changes(self, version: str) -> ChangeList:
        """
        What a release changed.

        The change list of a release, as data: the ids it added, removed (with the ids that
        replace them and why), renamed (old → new) and the values it changed (old → new).
        The first release has none. A GET of a removed or renamed id answers 404 with these
        facts.

        Args:
            version: A released version, e.g. '1.2.0'.

        (operationId: getReleaseChanges)
        """
        return self._client.get(
            f"/v1/releases/{path_segment(version, 'version')}/changes", None, ChangeList
        )

    def reports(self) -> ReportList:
        """
        Reports.

        The reports served, a series in report order (the earliest first): each with its
        years, version, artifact and source document with their sha256, and its releases.
        Every record says its report in report_id; every list takes report.

        (operationId: getReports)
        """
        return self._client.get("/v1/reports", None, ReportList)

    def report(self, report_id: str) -> Report:
        """
        Report.

        One report served, with its releases.

        Args:
            report_id: Id of the report.

        (operationId: getReport)
        """
        return self._client.get(f"/v1/reports/{path_segment(report_id, 'report_id')}", None, Report)

    def health(self) -> Health:
        """
        Liveness.

        Answers 200 while the process serves requests.

        (operationId: getHealth)
        """
        return self._client.get("/healthz", None, Health)

    def readiness(self) -> Health:
        """
        Readiness.

        Answers 200 once the dataset artifact is loaded and its sha256 verified; the server
        does not start otherwise.

        (operationId: getReadiness)
        """
        return self._client.get("/readyz", None, Health)

    def search(
        self,
        q: str,
        *,
        kind: Literal["indicator", "project", "glossary", "section"]
        | Sequence[Literal["indicator", "project", "glossary", "section"]]
        | None = None,
        report: str | Sequence[str] | None = None,
        sort: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> SyncPage[SearchHit]:
        """
        Search the dataset.

        Records of every collection matching every term of q, with the kind of each hit, the
        fields it matched in and a snippet. Default order (rank): the best matches first
        (the id or name exactly, then a name, then a definition or quote, then a section's
        text; in each, the terms as written before a term matched only through a synonym),
        then indicators, projects, glossary, sections, each by id. JSON pages carry total,
        the number of items matching the query. As CSV or NDJSON without limit, the answer
        holds every matching record, streamed; with limit, it pages like JSON, the next page
        in the Link header.

        Args:
            q: Search terms, all of which must match (Chinese as written, English as whole
                words with plurals folded, synonyms of the dataset's table included), case-
                insensitive and NFKC-normalised.
            kind: Only hits of this kind; repeat for any of several.
            report: Hits of records stated in a statement of this report (an id of
                /v1/reports); repeat for any of several.
            sort: Comma-separated fields to sort by, '-' before a field for descending: id,
                rank. The record id always closes the order, so pages are stable.
            limit: Records per page (1–500); JSON pages hold 50 without it. CSV and NDJSON
                without limit answer every matching record in one streamed answer; with
                limit they page like JSON, the next page in the Link header.
            cursor: Opaque cursor from the previous page's next_cursor; valid for the same
                query.

        (operationId: search)
        """
        return SyncPage(
            self._client,
            "/v1/search",
            {
                "q": q,
                "kind": kind,
                "report": report,
                "sort": sort,
                "limit": limit,
                "cursor": cursor,
            },
            SearchPage,
        )


class AsyncGlossaryResource:
    """The report's glossary (名词解释)."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    def list(
        self,
        *,
        report: str | Sequence[str] | None = None,
        q: str | None = None,
        sort: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> AsyncPager[GlossaryTerm]:
        """
        List glossary terms.

        Every entry of the glossary, the Chinese definition verbatim. Sortable by number,
        id; default order: number. Also as CSV and NDJSON. JSON pages carry total, the
        number of items matching the query. As CSV or NDJSON without limit, the answer holds
        every matching record, streamed; with limit, it pages like JSON, the next page in
        the Link header.

        Args:
            report: Terms defined in the glossary of this report (an id of /v1/reports);
                repeat for any of several.
            q: Search terms, separated by spaces or punctuation, all of which must match the
                record's Chinese or English text: Chinese as written anywhere in the text,
                English as whole words, case-insensitive, plurals folded (places = place); a
                term of the dataset's synonym table (地铁 = 轨道 = metro = subway …) matches as
                any of its synonyms. NFKC-normalised, so full-width and half-width forms
                match.
            sort: Comma-separated fields to sort by, '-' before a field for descending: id,
                number. The record id always closes the order, so pages are stable.
            limit: Records per page (1–500); JSON pages hold 50 without it. CSV and NDJSON
                without limit answer every matching record in one streamed answer; with
                limit they page like JSON, the next page in the Link header.
            cursor: Opaque cursor from the previous page's next_cursor; valid for the same
                query.

        (operationId: listGlossary)
        """
        return AsyncPager(
            self._client,
            "/v1/glossary",
            {"report": report, "q": q, "sort": sort, "limit": limit, "cursor": cursor},
            GlossaryPage,
        )

    async def get(self, term_id: str) -> GlossaryTerm:
        """
        Get a glossary term.

        One glossary entry.

        Args:
            term_id: Id of the term.

        (operationId: getGlossaryTerm)
        """
        return await self._client.get(
            f"/v1/glossary/{path_segment(term_id, 'term_id')}", None, GlossaryTerm
        )


class AsyncIndicatorsResource:
    """Measured concepts of the report, with their observations."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    def list(
        self,
        *,
        category: Literal[
            "economy",
            "investment",
            "industry",
            "innovation",
            "business",
            "education",
            "health",
            "culture-sports",
            "employment-welfare",
            "housing",
            "safety",
            "environment",
            "urban",
            "transport",
            "governance",
        ]
        | Sequence[
            Literal[
                "economy",
                "investment",
                "industry",
                "innovation",
                "business",
                "education",
                "health",
                "culture-sports",
                "employment-welfare",
                "housing",
                "safety",
                "environment",
                "urban",
                "transport",
                "governance",
            ]
        ]
        | None = None,
        headline: bool | Sequence[bool] | None = None,
        period: Literal["2023", "2024"] | Sequence[Literal["2023", "2024"]] | None = None,
        kind: Literal["actual", "target", "plan"]
        | Sequence[Literal["actual", "target", "plan"]]
        | None = None,
        measure: Literal["growth-rate", "change", "level", "count", "share", "rank", "qualitative"]
        | Sequence[
            Literal["growth-rate", "change", "level", "count", "share", "rank", "qualitative"]
        ]
        | None = None,
        report: str | Sequence[str] | None = None,
        q: str | None = None,
        sort: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> AsyncPager[IndicatorDetail]:
        """
        List indicators.

        Indicators with their observations embedded. Sortable by id, category, name_zh,
        name_en, order; default order: order (the report's). Also as CSV (observations left
        out) and NDJSON. JSON pages carry total, the number of items matching the query. As
        CSV or NDJSON without limit, the answer holds every matching record, streamed; with
        limit, it pages like JSON, the next page in the Link header.

        Args:
            category: Policy area; repeat for any of several.
            headline: Only headline indicators (true) or only others (false).
            period: Indicators observed in this year; repeat for any of several.
            kind: Indicators with an observation of this kind.
            measure: What the indicator measures; repeat for any of several.
            report: Indicators observed in a statement of this report (an id of
                /v1/reports); repeat for any of several.
            q: Search terms, separated by spaces or punctuation, all of which must match the
                record's Chinese or English text: Chinese as written anywhere in the text,
                English as whole words, case-insensitive, plurals folded (places = place); a
                term of the dataset's synonym table (地铁 = 轨道 = metro = subway …) matches as
                any of its synonyms. NFKC-normalised, so full-width and half-width forms
                match.
            sort: Comma-separated fields to sort by, '-' before a field for descending:
                category, id, name_en, name_zh, order. The record id always closes the
                order, so pages are stable.
            limit: Records per page (1–500); JSON pages hold 50 without it. CSV and NDJSON
                without limit answer every matching record in one streamed answer; with
                limit they page like JSON, the next page in the Link header.
            cursor: Opaque cursor from the previous page's next_cursor; valid for the same
                query.

        (operationId: listIndicators)
        """
        return AsyncPager(
            self._client,
            "/v1/indicators",
            {
                "category": category,
                "headline": headline,
                "period": period,
                "kind": kind,
                "measure": measure,
                "report": report,
                "q": q,
                "sort": sort,
                "limit": limit,
                "cursor": cursor,
            },
            IndicatorPage,
        )

    async def get(self, indicator_id: str) -> IndicatorDetail:
        """
        Get an indicator.

        One indicator with every observation of it.

        Args:
            indicator_id: Id of the indicator.

        (operationId: getIndicator)
        """
        return await self._client.get(
            f"/v1/indicators/{path_segment(indicator_id, 'indicator_id')}", None, IndicatorDetail
        )


class AsyncObservationsResource:
    """Values of indicators: results of the report's year, targets and plan quantities."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    def list(
        self,
        *,
        indicator_id: str | Sequence[str] | None = None,
        period: Literal["2023", "2024"] | Sequence[Literal["2023", "2024"]] | None = None,
        kind: Literal["actual", "target", "plan"]
        | Sequence[Literal["actual", "target", "plan"]]
        | None = None,
        category: Literal[
            "economy",
            "investment",
            "industry",
            "innovation",
            "business",
            "education",
            "health",
            "culture-sports",
            "employment-welfare",
            "housing",
            "safety",
            "environment",
            "urban",
            "transport",
            "governance",
        ]
        | Sequence[
            Literal[
                "economy",
                "investment",
                "industry",
                "innovation",
                "business",
                "education",
                "health",
                "culture-sports",
                "employment-welfare",
                "housing",
                "safety",
                "environment",
                "urban",
                "transport",
                "governance",
            ]
        ]
        | None = None,
        headline: bool | Sequence[bool] | None = None,
        qualifier: Literal["over", "at_least", "about", "at_most"]
        | Sequence[Literal["over", "at_least", "about", "at_most"]]
        | None = None,
        comparison: Literal["year_on_year", "like_for_like"]
        | Sequence[Literal["year_on_year", "like_for_like"]]
        | None = None,
        measure: Literal["growth-rate", "change", "level", "count", "share", "rank", "qualitative"]
        | Sequence[
            Literal["growth-rate", "change", "level", "count", "share", "rank", "qualitative"]
        ]
        | None = None,
        base_unit: str | Sequence[str] | None = None,
        report: str | Sequence[str] | None = None,
        vintage: Literal["latest", "all"] | Sequence[Literal["latest", "all"]] | None = None,
        as_of: str | Sequence[str] | None = None,
        q: str | None = None,
        sort: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> AsyncPager[Observation]:
        """
        List observations.

        Every value of every indicator, one row each, with its verbatim source quote.
        Sortable by id, indicator_id, period, kind, value, base_value, line; default order:
        id. Also as CSV and NDJSON. JSON pages carry total, the number of items matching the
        query. As CSV or NDJSON without limit, the answer holds every matching record,
        streamed; with limit, it pages like JSON, the next page in the Link header.

        Args:
            indicator_id: Id of the indicator; repeat for any of several.
            period: Year the value refers to.
            kind: 'actual', 'target' or 'plan'.
            category: Policy area of the observed indicator.
            headline: Only values of headline indicators.
            qualifier: Qualifier of the value ('over', 'at_least', 'about').
            comparison: Basis of a change ('year_on_year', 'like_for_like').
            measure: What the value measures, e.g. 'growth-rate', 'count'.
            base_unit: Code of the base unit, e.g. 'place', 'yuan'; repeat for any.
            report: Values stated in a statement of this report (an id of /v1/reports);
                repeat for any of several.
            vintage: 'latest' (the default): the latest statement of each indicator, period
                and kind; 'all': every statement, revised ones included (see revised_by).
            as_of: What was published up to this report (an id of /v1/reports): the
                statements that were the latest then (every one up to it with vintage=all).
            q: Search terms, separated by spaces or punctuation, all of which must match the
                record's Chinese or English text: Chinese as written anywhere in the text,
                English as whole words, case-insensitive, plurals folded (places = place); a
                term of the dataset's synonym table (地铁 = 轨道 = metro = subway …) matches as
                any of its synonyms. NFKC-normalised, so full-width and half-width forms
                match.
            sort: Comma-separated fields to sort by, '-' before a field for descending:
                base_value, id, indicator_id, kind, line, period, value. The record id
                always closes the order, so pages are stable.
            limit: Records per page (1–500); JSON pages hold 50 without it. CSV and NDJSON
                without limit answer every matching record in one streamed answer; with
                limit they page like JSON, the next page in the Link header.
            cursor: Opaque cursor from the previous page's next_cursor; valid for the same
                query.

        (operationId: listObservations)
        """
        return AsyncPager(
            self._client,
            "/v1/observations",
            {
                "indicator_id": indicator_id,
                "period": period,
                "kind": kind,
                "category": category,
                "headline": headline,
                "qualifier": qualifier,
                "comparison": comparison,
                "measure": measure,
                "base_unit": base_unit,
                "report": report,
                "vintage": vintage,
                "as_of": as_of,
                "q": q,
                "sort": sort,
                "limit": limit,
                "cursor": cursor,
            },
            ObservationPage,
        )

    async def get(self, observation_id: str) -> Observation:
        """
        Get an observation.

        One value of an indicator with its verbatim source quote.

        Args:
            observation_id: Id of the observation.

        (operationId: getObservation)
        """
        return await self._client.get(
            f"/v1/observations/{path_segment(observation_id, 'observation_id')}", None, Observation
        )


class AsyncProjectsResource:
    """Named projects, facilities and sites, with their mentions."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    def list(
        self,
        *,
        category: Literal[
            "education",
            "health",
            "research",
            "industrial-park",
            "enterprise",
            "commercial",
            "culture",
            "sports",
            "park-greenery",
            "water-environment",
            "rail",
            "road",
            "transport-hub",
            "energy-utilities",
            "housing-welfare",
            "urban-renewal",
            "public-service",
            "finance",
            "platform",
            "zone",
        ]
        | Sequence[
            Literal[
                "education",
                "health",
                "research",
                "industrial-park",
                "enterprise",
                "commercial",
                "culture",
                "sports",
                "park-greenery",
                "water-environment",
                "rail",
                "road",
                "transport-hub",
                "energy-utilities",
                "housing-welfare",
                "urban-renewal",
                "public-service",
                "finance",
                "platform",
                "zone",
            ]
        ]
        | None = None,
        year: Literal[2023, 2024] | Sequence[Literal[2023, 2024]] | None = None,
        status: Literal[
            "completed",
            "delivered",
            "in_operation",
            "opened",
            "started",
            "under_construction",
            "accelerating",
            "preliminary",
            "planned",
            "introduced",
            "approved",
            "supported",
            "designated",
        ]
        | Sequence[
            Literal[
                "completed",
                "delivered",
                "in_operation",
                "opened",
                "started",
                "under_construction",
                "accelerating",
                "preliminary",
                "planned",
                "introduced",
                "approved",
                "supported",
                "designated",
            ]
        ]
        | None = None,
        report: str | Sequence[str] | None = None,
        q: str | None = None,
        sort: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> AsyncPager[Project]:
        """
        List projects.

        Named projects, facilities and sites with their mentions in the report on the past
        year and in the plan for the next. Sortable by id, category, name_zh, name_en, line;
        default order: id. Also as CSV (mentions left out) and NDJSON. JSON pages carry
        total, the number of items matching the query. As CSV or NDJSON without limit, the
        answer holds every matching record, streamed; with limit, it pages like JSON, the
        next page in the Link header.

        Args:
            category: Kind of project; repeat for any of several.
            year: Projects mentioned in this year's part of the report.
            status: Projects with a mention of this status.
            report: Projects mentioned in a statement of this report (an id of /v1/reports);
                repeat for any of several.
            q: Search terms, separated by spaces or punctuation, all of which must match the
                record's Chinese or English text: Chinese as written anywhere in the text,
                English as whole words, case-insensitive, plurals folded (places = place); a
                term of the dataset's synonym table (地铁 = 轨道 = metro = subway …) matches as
                any of its synonyms. NFKC-normalised, so full-width and half-width forms
                match.
            sort: Comma-separated fields to sort by, '-' before a field for descending:
                category, id, line, name_en, name_zh. The record id always closes the order,
                so pages are stable.
            limit: Records per page (1–500); JSON pages hold 50 without it. CSV and NDJSON
                without limit answer every matching record in one streamed answer; with
                limit they page like JSON, the next page in the Link header.
            cursor: Opaque cursor from the previous page's next_cursor; valid for the same
                query.

        (operationId: listProjects)
        """
        return AsyncPager(
            self._client,
            "/v1/projects",
            {
                "category": category,
                "year": year,
                "status": status,
                "report": report,
                "q": q,
                "sort": sort,
                "limit": limit,
                "cursor": cursor,
            },
            ProjectPage,
        )

    async def get(self, project_id: str) -> Project:
        """
        Get a project.

        One project with every mention of it.

        Args:
            project_id: Id of the project.

        (operationId: getProject)
        """
        return await self._client.get(
            f"/v1/projects/{path_segment(project_id, 'project_id')}", None, Project
        )


class AsyncPromisesResource:
    """Every project planned for a year checked against what a later report says."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    def list(
        self,
        *,
        report: str | Sequence[str] | None = None,
        year: Literal[2023, 2024] | Sequence[Literal[2023, 2024]] | None = None,
        verdict: Literal["kept", "slipped", "pending", "not_reported"]
        | Sequence[Literal["kept", "slipped", "pending", "not_reported"]]
        | None = None,
        category: Literal[
            "education",
            "health",
            "research",
            "industrial-park",
            "enterprise",
            "commercial",
            "culture",
            "sports",
            "park-greenery",
            "water-environment",
            "rail",
            "road",
            "transport-hub",
            "energy-utilities",
            "housing-welfare",
            "urban-renewal",
            "public-service",
            "finance",
            "platform",
            "zone",
        ]
        | Sequence[
            Literal[
                "education",
                "health",
                "research",
                "industrial-park",
                "enterprise",
                "commercial",
                "culture",
                "sports",
                "park-greenery",
                "water-environment",
                "rail",
                "road",
                "transport-hub",
                "energy-utilities",
                "housing-welfare",
                "urban-renewal",
                "public-service",
                "finance",
                "platform",
                "zone",
            ]
        ]
        | None = None,
        status: Literal[
            "completed",
            "delivered",
            "in_operation",
            "opened",
            "started",
            "under_construction",
            "accelerating",
            "preliminary",
            "planned",
            "introduced",
            "approved",
            "supported",
            "designated",
        ]
        | Sequence[
            Literal[
                "completed",
                "delivered",
                "in_operation",
                "opened",
                "started",
                "under_construction",
                "accelerating",
                "preliminary",
                "planned",
                "introduced",
                "approved",
                "supported",
                "designated",
            ]
        ]
        | None = None,
        q: str | None = None,
        sort: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> AsyncPager[Promise]:
        """
        List project promises with their outcomes.

        Every project a report plans for its plan year (开工, 建成, 投用 …) with what a later
        report says of it for that year, the verdict (kept, slipped, pending, not_reported)
        and the rule that decided it, in words. Sortable by id, year, verdict, line; default
        order: year, line. Also as CSV and NDJSON. JSON pages carry total, the number of
        items matching the query. As CSV or NDJSON without limit, the answer holds every
        matching record, streamed; with limit, it pages like JSON, the next page in the Link
        header.

        Args:
            report: Promises made in a statement of this report (an id of /v1/reports);
                repeat for any of several.
            year: The year the project was planned for.
            verdict: The verdict; repeat for any of several.
            category: Kind of project; repeat for any of several.
            status: The status promised; repeat for any of several.
            q: Search terms, separated by spaces or punctuation, all of which must match the
                record's Chinese or English text: Chinese as written anywhere in the text,
                English as whole words, case-insensitive, plurals folded (places = place); a
                term of the dataset's synonym table (地铁 = 轨道 = metro = subway …) matches as
                any of its synonyms. NFKC-normalised, so full-width and half-width forms
                match.
            sort: Comma-separated fields to sort by, '-' before a field for descending: id,
                line, verdict, year. The record id always closes the order, so pages are
                stable.
            limit: Records per page (1–500); JSON pages hold 50 without it. CSV and NDJSON
                without limit answer every matching record in one streamed answer; with
                limit they page like JSON, the next page in the Link header.
            cursor: Opaque cursor from the previous page's next_cursor; valid for the same
                query.

        (operationId: listPromises)
        """
        return AsyncPager(
            self._client,
            "/v1/promises",
            {
                "report": report,
                "year": year,
                "verdict": verdict,
                "category": category,
                "status": status,
                "q": q,
                "sort": sort,
                "limit": limit,
                "cursor": cursor,
            },
            PromisePage,
        )

    async def get(self, promise_id: str) -> Promise:
        """
        Get a project promise with its outcome.

        One project planned for a year with what a later report says of it.

        Args:
            promise_id: Id of the promise.

        (operationId: getPromise)
        """
        return await self._client.get(
            f"/v1/promises/{path_segment(promise_id, 'promise_id')}", None, Promise
        )


class AsyncSectionsResource:
    """The outline and text of the source document."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    def list(
        self,
        *,
        kind: Literal["document", "part", "subpart", "item"]
        | Sequence[Literal["document", "part", "subpart", "item"]]
        | None = None,
        parent_id: str | Sequence[str] | None = None,
        report: str | Sequence[str] | None = None,
        q: str | None = None,
        sort: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> AsyncPager[Section]:
        """
        List sections.

        The outline of the source document with each section's own text. Sortable by line,
        id, kind; default order: line (document order). Also as CSV and NDJSON. JSON pages
        carry total, the number of items matching the query. As CSV or NDJSON without limit,
        the answer holds every matching record, streamed; with limit, it pages like JSON,
        the next page in the Link header.

        Args:
            kind: Level in the outline; repeat for any of several.
            parent_id: Only children of this section.
            report: Sections of the source document of this report (an id of /v1/reports);
                repeat for any of several.
            q: Search terms, separated by spaces or punctuation, all of which must match the
                record's Chinese or English text: Chinese as written anywhere in the text,
                English as whole words, case-insensitive, plurals folded (places = place); a
                term of the dataset's synonym table (地铁 = 轨道 = metro = subway …) matches as
                any of its synonyms. NFKC-normalised, so full-width and half-width forms
                match.
            sort: Comma-separated fields to sort by, '-' before a field for descending: id,
                kind, line. The record id always closes the order, so pages are stable.
            limit: Records per page (1–500); JSON pages hold 50 without it. CSV and NDJSON
                without limit answer every matching record in one streamed answer; with
                limit they page like JSON, the next page in the Link header.
            cursor: Opaque cursor from the previous page's next_cursor; valid for the same
                query.

        (operationId: listSections)
        """
        return AsyncPager(
            self._client,
            "/v1/sections",
            {
                "kind": kind,
                "parent_id": parent_id,
                "report": report,
                "q": q,
                "sort": sort,
                "limit": limit,
                "cursor": cursor,
            },
            SectionPage,
        )

    async def get(self, section_id: str) -> Section:
        """
        Get a section.

        One section of the source document with its text.

        Args:
            section_id: Id of the section.

        (operationId: getSection)
        """
        return await self._client.get(
            f"/v1/sections/{path_segment(section_id, 'section_id')}", None, Section
        )


class AsyncTargetsResource:
    """Every target and plan quantity checked against its outcome."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    def list(
        self,
        *,
        report: str | Sequence[str] | None = None,
        period: Literal["2023", "2024"] | Sequence[Literal["2023", "2024"]] | None = None,
        verdict: Literal[
            "met", "missed", "pending", "not_comparable", "not_reported", "not_assessable"
        ]
        | Sequence[
            Literal["met", "missed", "pending", "not_comparable", "not_reported", "not_assessable"]
        ]
        | None = None,
        indicator_id: str | Sequence[str] | None = None,
        category: Literal[
            "economy",
            "investment",
            "industry",
            "innovation",
            "business",
            "education",
            "health",
            "culture-sports",
            "employment-welfare",
            "housing",
            "safety",
            "environment",
            "urban",
            "transport",
            "governance",
        ]
        | Sequence[
            Literal[
                "economy",
                "investment",
                "industry",
                "innovation",
                "business",
                "education",
                "health",
                "culture-sports",
                "employment-welfare",
                "housing",
                "safety",
                "environment",
                "urban",
                "transport",
                "governance",
            ]
        ]
        | None = None,
        headline: bool | Sequence[bool] | None = None,
        q: str | None = None,
        sort: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> AsyncPager[Target]:
        """
        List targets with their outcomes.

        Every target and plan quantity (its latest statement) with the actual a later report
        states for the same indicator and year, the margin (actual minus target, in base
        units), the verdict and the rule that decided it, in words. Sortable by id, period,
        indicator_id, verdict, margin, line; default order: period, line. Also as CSV and
        NDJSON. JSON pages carry total, the number of items matching the query. As CSV or
        NDJSON without limit, the answer holds every matching record, streamed; with limit,
        it pages like JSON, the next page in the Link header.

        Args:
            report: Targets stated in a statement of this report (an id of /v1/reports);
                repeat for any of several.
            period: Year the target is for.
            verdict: The verdict; repeat for any of several.
            indicator_id: Id of the indicator; repeat for any of several.
            category: Policy area of the indicator.
            headline: Only targets of headline indicators.
            q: Search terms, separated by spaces or punctuation, all of which must match the
                record's Chinese or English text: Chinese as written anywhere in the text,
                English as whole words, case-insensitive, plurals folded (places = place); a
                term of the dataset's synonym table (地铁 = 轨道 = metro = subway …) matches as
                any of its synonyms. NFKC-normalised, so full-width and half-width forms
                match.
            sort: Comma-separated fields to sort by, '-' before a field for descending: id,
                indicator_id, line, margin, period, verdict. The record id always closes the
                order, so pages are stable.
            limit: Records per page (1–500); JSON pages hold 50 without it. CSV and NDJSON
                without limit answer every matching record in one streamed answer; with
                limit they page like JSON, the next page in the Link header.
            cursor: Opaque cursor from the previous page's next_cursor; valid for the same
                query.

        (operationId: listTargets)
        """
        return AsyncPager(
            self._client,
            "/v1/targets",
            {
                "report": report,
                "period": period,
                "verdict": verdict,
                "indicator_id": indicator_id,
                "category": category,
                "headline": headline,
                "q": q,
                "sort": sort,
                "limit": limit,
                "cursor": cursor,
            },
            TargetPage,
        )

    async def get(self, target_id: str) -> Target:
        """
        Get a target with its outcome.

        One target or plan quantity with its outcome, verdict and rule.

        Args:
            target_id: Id of the target's observation.

        (operationId: getTarget)
        """
        return await self._client.get(
            f"/v1/targets/{path_segment(target_id, 'target_id')}", None, Target
        )


class AsyncOperations:
    """The top-level operations of the API (methods of the client)."""

    _client: AsyncAPIClient

    async def index(self) -> ApiIndex:
        """
        Entry point.

        Links to every collection, with the served dataset version and hash.

        (operationId: getIndex)
        """
        return await self._client.get("/v1", None, ApiIndex)

    async def catalog(self) -> bytes:
        """
        DCAT-AP catalogue.

        The DCAT-AP 3.0.1 catalogue of the dataset, its distributions and this API: JSON-LD
        (default) or Turtle by Accept. Also at /v1/catalog.jsonld and /v1/catalog.ttl.

        (operationId: getCatalog)
        """
        return await self._client.get_bytes("/v1/catalog", None)

    async def catalog_json_ld(self) -> bytes:
        """
        DCAT-AP catalogue (JSON-LD).

        The DCAT-AP 3.0.1 catalogue as JSON-LD, whatever Accept says.

        (operationId: getCatalogJsonLd)
        """
        return await self._client.get_bytes("/v1/catalog.jsonld", None)

    async def catalog_turtle(self) -> bytes:
        """
        DCAT-AP catalogue (Turtle).

        The DCAT-AP 3.0.1 catalogue as Turtle, whatever Accept says.

        (operationId: getCatalogTurtle)
        """
        return await self._client.get_bytes("/v1/catalog.ttl", None)

    async def data_package(self) -> bytes:
        """
        Data package.

        Frictionless Data Package (v2) describing the downloads: Table Schemas with types,
        constraints, enums and keys, byte sizes and sha256 hashes. JSON, whatever Accept
        says.

        (operationId: getDataPackage)
        """
        return await self._client.get_bytes("/v1/datapackage.json", None)

    async def dataset(self) -> Dataset:
        """
        Dataset metadata.

        Title, description, issuing body, source document, licence, version, coverage and
        the number of records in each collection.

        (operationId: getDataset)
        """
        return await self._client.get("/v1/dataset", None, Dataset)

    async def datasette_metadata(self) -> bytes:
        """
        Datasette metadata.

        Metadata of the SQLite download for Datasette (`datasette longgang-2024.sqlite
        --metadata datasette-metadata.json`): title, licence, source, and the label column
        and search table of each table. JSON, whatever Accept says.

        (operationId: getDatasetteMetadata)
        """
        return await self._client.get_bytes("/v1/datasette-metadata.json", None)

    async def format_download(
        self,
        folder: Literal["parquet", "csvw", "jsonstat", "sdmx", "source", "provenance"],
        name: Literal[
            "indicators.parquet",
            "observations.parquet",
            "projects.parquet",
            "project_mentions.parquet",
            "glossary.parquet",
            "sections.parquet",
            "targets.parquet",
            "promises.parquet",
            "csv-metadata.json",
            "observations.json",
            "observations.csv",
            "structure.xml",
            "text.txt",
            "annotations.jsonld",
        ],
        *,
        bom: bool | None = None,
    ) -> bytes:
        """
        Download a file of a statistical format.

        The data in the formats of official statistics, a folder each: parquet (one Parquet
        file per table, the CSV's columns typed), csvw (the CSV on the Web metadata of the
        CSV files), jsonstat (the observations as a JSON-stat 2.0 collection, one dataset
        per indicator) and sdmx (the observations as SDMX-CSV 2.0 and their SDMX-ML 3.0
        structure); and the provenance of every value: source (the source document's text,
        as the quotes are checked against it) and provenance (every quote as a W3C Web
        Annotation, its TextQuoteSelector and TextPositionSelector in that text). Listed,
        with sizes, hashes and the standard each conforms to, in the data package and the
        catalogue. The file comes as application/octet-stream when Accept prefers that, else
        as its own media type.

        Args:
            folder: Folder of the format.
            name: File name in the folder.
            bom: For a CSV file: prepend the UTF-8 byte order mark (for Excel).

        (operationId: getFormatDownload)
        """
        return await self._client.get_bytes(
            f"/v1/downloads/{path_segment(folder, 'folder')}/{path_segment(name, 'name')}",
            {"bom": bom},
        )

    async def download(
        self,
        name: Literal[
            "indicators.csv",
            "observations.csv",
            "projects.csv",
            "project_mentions.csv",
            "glossary.csv",
            "sections.csv",
            "targets.csv",
            "promises.csv",
            "longgang-2024.json",
            "longgang-2024.sqlite",
        ],
        *,
        bom: bool | None = None,
    ) -> bytes:
        """
        Download a file.

        A bulk download: one CSV per table (UTF-8, header row), the whole dataset as JSON or
        as a SQLite database. The statistical formats are in folders beside them
        (/v1/downloads/{folder}/{name}). Listed, with sizes and hashes, in the data package.
        The file comes as application/octet-stream when Accept prefers that, else as its own
        media type, whatever Accept says.

        Args:
            name: File name of the download.
            bom: For a CSV file: prepend the UTF-8 byte order mark (for Excel).

        (operationId: getDownload)
        """
        return await self._client.get_bytes(
            f"/v1/downloads/{path_segment(name, 'name')}", {"bom": bom}
        )

    async def releases(self) -> ReleaseList:
        """
        Releases.

        Every released version of the dataset, newest first, with its sha256.

        (operationId: getReleases)
        """
        return await self._client.get("/v1/releases", None, ReleaseList)

    async def releases_feed(self) -> bytes:
        """
        Release feed (Atom).

        Every release as an Atom 1.0 feed, newest first: each entry has the release notes in
        Chinese and English and what its change list says (how many ids were added, removed
        and renamed and how many values changed; the renamed ids old → new and the removed
        ids with what replaces them), and links to the release on the releases page (HTML,
        /releases#v1.2.0) and to the change list. Links resolve against the feed's xml:base,
        the API's public root. Atom, whatever Accept says.

        (operationId: getReleasesFeed)
        """
        return await self._client.get_bytes("/v1/releases.atom", None)

    async def release_changes(self, version: str) -> ChangeList:
        """
        What a release changed.

        The change list of a release, as data: the ids it added, removed (with the ids that
        replace them and why), renamed (old → new) and the values it changed (old → new).
        The first release has none. A GET of a removed or renamed id answers 404 with these
        facts.

        Args:
            version: A released version, e.g. '1.2.0'.

        (operationId: getReleaseChanges)
        """
        return await self._client.get(
            f"/v1/releases/{path_segment(version, 'version')}/changes", None, ChangeList
        )

    async def reports(self) -> ReportList:
        """
        Reports.

        The reports served, a series in report order (the earliest first): each with its
        years, version, artifact and source document with their sha256, and its releases.
        Every record says its report in report_id; every list takes report.

        (operationId: getReports)
        """
        return await self._client.get("/v1/reports", None, ReportList)

    async def report(self, report_id: str) -> Report:
        """
        Report.

        One report served, with its releases.

        Args:
            report_id: Id of the report.

        (operationId: getReport)
        """
        return await self._client.get(
            f"/v1/reports/{path_segment(report_id, 'report_id')}", None, Report
        )

    async def health(self) -> Health:
        """
        Liveness.

        Answers 200 while the process serves requests.

        (operationId: getHealth)
        """
        return await self._client.get("/healthz", None, Health)

    async def readiness(self) -> Health:
        """
        Readiness.

        Answers 200 once the dataset artifact is loaded and its sha256 verified; the server
        does not start otherwise.

        (operationId: getReadiness)
        """
        return await self._client.get("/readyz", None, Health)

    def search(
        self,
        q: str,
        *,
        kind: Literal["indicator", "project", "glossary", "section"]
        | Sequence[Literal["indicator", "project", "glossary", "section"]]
        | None = None,
        report: str | Sequence[str] | None = None,
        sort: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> AsyncPager[SearchHit]:
        """
        Search the dataset.

        Records of every collection matching every term of q, with the kind of each hit, the
        fields it matched in and a snippet. Default order (rank): the best matches first
        (the id or name exactly, then a name, then a definition or quote, then a section's
        text; in each, the terms as written before a term matched only through a synonym),
        then indicators, projects, glossary, sections, each by id. JSON pages carry total,
        the number of items matching the query. As CSV or NDJSON without limit, the answer
        holds every matching record, streamed; with limit, it pages like JSON, the next page
        in the Link header.

        Args:
            q: Search terms, all of which must match (Chinese as written, English as whole
                words with plurals folded, synonyms of the dataset's table included), case-
                insensitive and NFKC-normalised.
            kind: Only hits of this kind; repeat for any of several.
            report: Hits of records stated in a statement of this report (an id of
                /v1/reports); repeat for any of several.
            sort: Comma-separated fields to sort by, '-' before a field for descending: id,
                rank. The record id always closes the order, so pages are stable.
            limit: Records per page (1–500); JSON pages hold 50 without it. CSV and NDJSON
                without limit answer every matching record in one streamed answer; with
                limit they page like JSON, the next page in the Link header.
            cursor: Opaque cursor from the previous page's next_cursor; valid for the same
                query.

        (operationId: search)
        """
        return AsyncPager(
            self._client,
            "/v1/search",
            {
                "q": q,
                "kind": kind,
                "report": report,
                "sort": sort,
                "limit": limit,
                "cursor": cursor,
            },
            SearchPage,
        )
