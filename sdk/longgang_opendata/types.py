# generated from openapi/v1.json (sha256 00fbd7b799dd211643ef02d746fcb1d5dd02b3f4a3d224710a23f81a8621abc8) — do not edit.
# Regenerate with `make sdk`.
"""Models of the API's answers: one msgspec Struct per schema of openapi/v1.json."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

__all__ = [
    "AddedRecord",
    "ApiIndex",
    "BaseUnit",
    "ChangeList",
    "Dataset",
    "GlossaryPage",
    "GlossaryTerm",
    "Health",
    "IndicatorDetail",
    "IndicatorPage",
    "License",
    "Link",
    "LocalizedText",
    "Mention",
    "MentionStatement",
    "Observation",
    "ObservationPage",
    "Problem",
    "Project",
    "ProjectPage",
    "Promise",
    "PromisePage",
    "Publisher",
    "QuoteSelector",
    "Release",
    "ReleaseList",
    "RemovedRecord",
    "RenamedRecord",
    "Report",
    "ReportList",
    "SearchHit",
    "SearchPage",
    "Section",
    "SectionPage",
    "Source",
    "SourceDocument",
    "Statement",
    "Target",
    "TargetPage",
    "TextPositionSelector",
    "TextQuoteSelector",
    "ValueChange",
]


class AddedRecord(msgspec.Struct, frozen=True, kw_only=True):
    """
    A record new in a release.

    Attributes:
        collection: Collection of the record.
        id: Id of the new record.
    """

    collection: Annotated[
        Literal["indicators", "observations", "projects", "glossary", "sections"] | str,
        msgspec.Meta(description="Collection of the record."),
    ]
    id: Annotated[str, msgspec.Meta(description="Id of the new record.")]


class ApiIndex(msgspec.Struct, frozen=True, kw_only=True):
    """
    Entry point of the API: what there is and which dataset version is served.

    Attributes:
        artifact_sha256: sha256 of the served dataset artifact; it drives every ETag.
        dataset_version: Semantic version of the served dataset.
        links: Every collection and document.
        title: Title of the dataset.
    """

    artifact_sha256: Annotated[
        str,
        msgspec.Meta(description="sha256 of the served dataset artifact; it drives every ETag."),
    ]
    dataset_version: Annotated[
        str, msgspec.Meta(description="Semantic version of the served dataset.")
    ]
    links: Annotated[tuple[Link, ...], msgspec.Meta(description="Every collection and document.")]
    title: Annotated[LocalizedText, msgspec.Meta(description="Title of the dataset.")]


class BaseUnit(msgspec.Struct, frozen=True, kw_only=True):
    """
    The counted thing a value is expressed in, scale removed (e.g. school places, yuan).

    Attributes:
        code: Stable lower-case code, e.g. 'percent', 'yuan', 'place', 'person-time'.
        en: English label of the unit (ours).
        zh: Chinese label of the unit.
    """

    code: Annotated[
        str,
        msgspec.Meta(
            description="Stable lower-case code, e.g. 'percent', 'yuan', 'place', 'person-time'."
        ),
    ]
    en: Annotated[str, msgspec.Meta(description="English label of the unit (ours).")]
    zh: Annotated[str, msgspec.Meta(description="Chinese label of the unit.")]


class ChangeList(msgspec.Struct, frozen=True, kw_only=True):
    """
    What changed from the previous release to this one (changes.toml), as data.

    Attributes:
        added: Records new in it.
        previous_version: The release before it.
        removed: Records it removed.
        renamed: Records it gave a new id.
        values_changed: Values it changed, old → new.
        version: The release the changes made.
    """

    added: Annotated[tuple[AddedRecord, ...], msgspec.Meta(description="Records new in it.")]
    previous_version: Annotated[str, msgspec.Meta(description="The release before it.")]
    removed: Annotated[tuple[RemovedRecord, ...], msgspec.Meta(description="Records it removed.")]
    renamed: Annotated[
        tuple[RenamedRecord, ...], msgspec.Meta(description="Records it gave a new id.")
    ]
    values_changed: Annotated[
        tuple[ValueChange, ...], msgspec.Meta(description="Values it changed, old → new.")
    ]
    version: Annotated[str, msgspec.Meta(description="The release the changes made.")]


class Dataset(msgspec.Struct, frozen=True, kw_only=True):
    """
    Metadata of the published dataset, with the sizes of its collections.

    Attributes:
        counts: Number of records in each collection.
        description: What the dataset holds.
        id: Stable identifier: lower-case ASCII words joined by '-' or '.'.
        keywords: Keywords in both languages.
        languages: BCP 47 tags of the languages of the dataset.
        license: Licence of the compiled dataset.
        publisher: Issuing body of the source document.
        release_date: Release date of this version (ISO 8601).
        releases: Every release, newest first.
        source_document: The source document.
        spatial: Area covered.
        temporal_end: Last year covered (ISO 8601).
        temporal_start: First year covered (ISO 8601).
        title: Title of the dataset.
        translation_note: Statement that English texts are unofficial.
        version: Semantic version of the dataset.
    """

    counts: Annotated[
        dict[str, int], msgspec.Meta(description="Number of records in each collection.")
    ]
    description: Annotated[LocalizedText, msgspec.Meta(description="What the dataset holds.")]
    id: Annotated[
        str,
        msgspec.Meta(description="Stable identifier: lower-case ASCII words joined by '-' or '.'."),
    ]
    keywords: Annotated[
        tuple[LocalizedText, ...], msgspec.Meta(description="Keywords in both languages.")
    ]
    languages: Annotated[
        tuple[str, ...], msgspec.Meta(description="BCP 47 tags of the languages of the dataset.")
    ]
    license: Annotated[License, msgspec.Meta(description="Licence of the compiled dataset.")]
    publisher: Annotated[
        Publisher, msgspec.Meta(description="Issuing body of the source document.")
    ]
    release_date: Annotated[
        str, msgspec.Meta(description="Release date of this version (ISO 8601).")
    ]
    releases: Annotated[
        tuple[Release, ...], msgspec.Meta(description="Every release, newest first.")
    ]
    source_document: Annotated[SourceDocument, msgspec.Meta(description="The source document.")]
    spatial: Annotated[LocalizedText, msgspec.Meta(description="Area covered.")]
    temporal_end: Annotated[str, msgspec.Meta(description="Last year covered (ISO 8601).")]
    temporal_start: Annotated[str, msgspec.Meta(description="First year covered (ISO 8601).")]
    title: Annotated[LocalizedText, msgspec.Meta(description="Title of the dataset.")]
    translation_note: Annotated[
        LocalizedText, msgspec.Meta(description="Statement that English texts are unofficial.")
    ]
    version: Annotated[str, msgspec.Meta(description="Semantic version of the dataset.")]


class GlossaryPage(msgspec.Struct, frozen=True, kw_only=True):
    """
    A page of glossary terms.

    Attributes:
        items: Terms of this page.
        next_cursor: Cursor of the next page; null on the last page.
        total: Number of items matching the query, on every page.
    """

    items: Annotated[tuple[GlossaryTerm, ...], msgspec.Meta(description="Terms of this page.")]
    next_cursor: Annotated[
        str | None, msgspec.Meta(description="Cursor of the next page; null on the last page.")
    ]
    total: Annotated[
        int, msgspec.Meta(description="Number of items matching the query, on every page.")
    ]


class GlossaryTerm(msgspec.Struct, frozen=True, kw_only=True):
    """
    An entry of the report's glossary (名词解释).

    Attributes:
        definition: Definition: Chinese verbatim (line breaks removed), English ours.
        html_url: Absolute URL of the record's page for people, in the reader's language
            (?lang=zh or ?lang=en chooses one).
        id: Stable identifier: lower-case ASCII words joined by '-' or '.'.
        number: Number of the entry in the glossary.
        report_id: Id of the report (dataset) that states this record, as listed at
            /v1/reports; set by the build.
        source: Provenance; the quote is the Chinese definition.
        term: The term.
    """

    definition: Annotated[
        LocalizedText,
        msgspec.Meta(
            description="Definition: Chinese verbatim (line breaks removed), English ours."
        ),
    ]
    html_url: Annotated[
        str,
        msgspec.Meta(
            description="Absolute URL of the record's page for people, in the reader's language (?lang=zh or ?lang=en chooses one)."
        ),
    ]
    id: Annotated[
        str,
        msgspec.Meta(description="Stable identifier: lower-case ASCII words joined by '-' or '.'."),
    ]
    number: Annotated[int, msgspec.Meta(description="Number of the entry in the glossary.")]
    report_id: Annotated[
        str | None,
        msgspec.Meta(
            description="Id of the report (dataset) that states this record, as listed at /v1/reports; set by the build."
        ),
    ]
    source: Annotated[
        Source, msgspec.Meta(description="Provenance; the quote is the Chinese definition.")
    ]
    term: Annotated[LocalizedText, msgspec.Meta(description="The term.")]


class Health(msgspec.Struct, frozen=True, kw_only=True):
    """
    Liveness or readiness of the server.

    Attributes:
        artifact_sha256: sha256 of the verified artifact (readiness only).
        dataset_version: Version of the loaded dataset (readiness only).
        status: 'ok' when the check passes.
    """

    artifact_sha256: Annotated[
        str | None, msgspec.Meta(description="sha256 of the verified artifact (readiness only).")
    ]
    dataset_version: Annotated[
        str | None, msgspec.Meta(description="Version of the loaded dataset (readiness only).")
    ]
    status: Annotated[Literal["ok"], msgspec.Meta(description="'ok' when the check passes.")]


class IndicatorDetail(msgspec.Struct, frozen=True, kw_only=True):
    """
    An indicator with every observation of it embedded.

    Attributes:
        base_unit: Unit of every base_value of the indicator; null when qualitative.
        better: Which way the indicator counts as better, 'higher' or 'lower', from the
            report's rules.toml: how a target of it is checked against its outcome; null
            where no rule states it.
        category: Policy area of the indicator.
        headline: True for the report's main indicators (headline results and headline
            targets).
        html_url: Absolute URL of the record's page for people, in the reader's language
            (?lang=zh or ?lang=en chooses one).
        id: Stable identifier: lower-case ASCII words joined by '-' or '.'.
        measure: What every observation of the indicator measures: 'growth-rate',
            'change' (percentage-point or absolute), 'level', 'count', 'share', 'rank'
            or 'qualitative'.
        name: Name of the indicator.
        observations: Observations of the indicator, by period then kind.
        order: Position of the indicator in the report (first quoted first).
        unit: Unit as written in the source, e.g. '%', '亿元', '座'; null if none.
    """

    base_unit: Annotated[
        BaseUnit | None,
        msgspec.Meta(
            description="Unit of every base_value of the indicator; null when qualitative."
        ),
    ]
    better: Annotated[
        Literal["higher", "lower"] | str | None,
        msgspec.Meta(
            description="Which way the indicator counts as better, 'higher' or 'lower', from the report's rules.toml: how a target of it is checked against its outcome; null where no rule states it."
        ),
    ]
    category: Annotated[
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
        | str,
        msgspec.Meta(description="Policy area of the indicator."),
    ]
    headline: Annotated[
        bool,
        msgspec.Meta(
            description="True for the report's main indicators (headline results and headline targets)."
        ),
    ]
    html_url: Annotated[
        str,
        msgspec.Meta(
            description="Absolute URL of the record's page for people, in the reader's language (?lang=zh or ?lang=en chooses one)."
        ),
    ]
    id: Annotated[
        str,
        msgspec.Meta(description="Stable identifier: lower-case ASCII words joined by '-' or '.'."),
    ]
    measure: Annotated[
        Literal["growth-rate", "change", "level", "count", "share", "rank", "qualitative"] | str,
        msgspec.Meta(
            description="What every observation of the indicator measures: 'growth-rate', 'change' (percentage-point or absolute), 'level', 'count', 'share', 'rank' or 'qualitative'."
        ),
    ]
    name: Annotated[LocalizedText, msgspec.Meta(description="Name of the indicator.")]
    observations: Annotated[
        tuple[Observation, ...],
        msgspec.Meta(description="Observations of the indicator, by period then kind."),
    ]
    order: Annotated[
        int,
        msgspec.Meta(description="Position of the indicator in the report (first quoted first)."),
    ]
    unit: Annotated[
        str | None,
        msgspec.Meta(
            description="Unit as written in the source, e.g. '%', '亿元', '座'; null if none."
        ),
    ]


class IndicatorPage(msgspec.Struct, frozen=True, kw_only=True):
    """
    A page of indicators.

    Attributes:
        items: Indicators of this page.
        next_cursor: Cursor of the next page; null on the last page.
        total: Number of items matching the query, on every page.
    """

    items: Annotated[
        tuple[IndicatorDetail, ...], msgspec.Meta(description="Indicators of this page.")
    ]
    next_cursor: Annotated[
        str | None, msgspec.Meta(description="Cursor of the next page; null on the last page.")
    ]
    total: Annotated[
        int, msgspec.Meta(description="Number of items matching the query, on every page.")
    ]


class License(msgspec.Struct, frozen=True, kw_only=True):
    """
    Licence of the compiled dataset.

    Attributes:
        attribution: Attribution to give when reusing.
        id: SPDX identifier, e.g. 'CC-BY-4.0'.
        url: URL of the licence text.
    """

    attribution: Annotated[
        LocalizedText, msgspec.Meta(description="Attribution to give when reusing.")
    ]
    id: Annotated[str, msgspec.Meta(description="SPDX identifier, e.g. 'CC-BY-4.0'.")]
    url: Annotated[str, msgspec.Meta(description="URL of the licence text.")]


class Link(msgspec.Struct, frozen=True, kw_only=True):
    """
    A link to a resource of the API.

    Attributes:
        href: Path of the resource.
        rel: What the linked resource is.
        title: Human-readable title.
    """

    href: Annotated[str, msgspec.Meta(description="Path of the resource.")]
    rel: Annotated[str, msgspec.Meta(description="What the linked resource is.")]
    title: Annotated[str, msgspec.Meta(description="Human-readable title.")]


class LocalizedText(msgspec.Struct, frozen=True, kw_only=True):
    """
    Text in Chinese (as in the source) and English (our unofficial translation).

    Attributes:
        en: English translation by Longgang Open Data (unofficial).
        zh: Chinese text, as in the source document.
    """

    en: Annotated[
        str, msgspec.Meta(description="English translation by Longgang Open Data (unofficial).")
    ]
    zh: Annotated[str, msgspec.Meta(description="Chinese text, as in the source document.")]


class Mention(msgspec.Struct, frozen=True, kw_only=True):
    """
    What the report says of a project in one year.

    Attributes:
        report_id: Id of the report (dataset) that states this record, as listed at
            /v1/reports; set by the build.
        source: Provenance of the mention.
        status: Controlled status of the project.
        status_text: Status wording as written, e.g. '开工建设'.
        year: The year of the report's part that mentions the project: results or plan.
    """

    report_id: Annotated[
        str | None,
        msgspec.Meta(
            description="Id of the report (dataset) that states this record, as listed at /v1/reports; set by the build."
        ),
    ]
    source: Annotated[Source, msgspec.Meta(description="Provenance of the mention.")]
    status: Annotated[
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
        | str,
        msgspec.Meta(description="Controlled status of the project."),
    ]
    status_text: Annotated[
        str, msgspec.Meta(description="Status wording as written, e.g. '开工建设'.")
    ]
    year: Annotated[
        Literal[2023, 2024] | str,
        msgspec.Meta(
            description="The year of the report's part that mentions the project: results or plan."
        ),
    ]


class MentionStatement(msgspec.Struct, frozen=True, kw_only=True):
    """
    What one report says of a project in a year, with its quote.

    Attributes:
        quote: The verbatim quote of the source document.
        report_id: Id of the report that says it.
        source: Where the quote stands in its report.
        status: Controlled status of the project.
        status_text: Status wording as written, e.g. '开工建设'.
    """

    quote: Annotated[str, msgspec.Meta(description="The verbatim quote of the source document.")]
    report_id: Annotated[str, msgspec.Meta(description="Id of the report that says it.")]
    source: Annotated[Source, msgspec.Meta(description="Where the quote stands in its report.")]
    status: Annotated[
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
        | str,
        msgspec.Meta(description="Controlled status of the project."),
    ]
    status_text: Annotated[
        str, msgspec.Meta(description="Status wording as written, e.g. '开工建设'.")
    ]


class Observation(msgspec.Struct, frozen=True, kw_only=True):
    """
    One value of an indicator: an actual result, a target or a plan quantity.

    Attributes:
        base_unit: The counted thing of base_value; null for a qualitative statement.
        base_value: The value in base_unit, always value × 10^unit_multiplier: 3.8 万座 →
            38000 places; 七成 (value 7, multiplier 1) → 70 percent; 增长2.8倍 (value 2.8,
            multiplier 2) → 280 percent; null for a qualitative statement.
        base_value_upper: The upper bound of a range in base_unit, value_upper ×
            10^unit_multiplier (base_value is then the lower bound); null unless the
            quote states a range.
        comparison: Basis of a change: 'year_on_year' (同比) or 'like_for_like' (同口径);
            null for levels and counts.
        id: Stable identifier: lower-case ASCII words joined by '-' or '.'.
        indicator_id: Id of the indicator observed.
        kind: 'actual' for results of the report's year, 'target' for the headline goals
            of the plan year, 'plan' for the plan year's work quantities.
        measure: What the value measures; its indicator's.
        note: Our note in English, e.g. 'cumulative' or 'three-year total'.
        period: Year the value refers to.
        period_end: Last year the value covers.
        period_start: First year the value covers (three years back for 近三年).
        period_start_stated: False for a running total (累计) whose start the source does
            not state: the value covers an unknown span of years ending in period_end,
            and period_start is then only the latest year the span can begin, not its
            start. True otherwise.
        qualifier: 'over' for 超/余/突破 (more than), 'at_least' for 以上, 'about' for 约,
            'at_most' for 以内/不超过; null when the value is exact or a range.
        report_id: Id of the report (dataset) that states this record, as listed at
            /v1/reports; set by the build.
        revised_by: Id of the observation of a later report that states the same
            indicator, period and kind again (a revised actual, a restated target); null
            when no report served does. Set by the server, from every report it serves.
        source: Provenance of the value.
        status: Wording of a qualitative statement; set when value is null.
        unit: Unit as written in the quote.
        unit_multiplier: Power of ten carried by the written unit (万 → 4, 亿 → 8, 成 → 1,
            倍 → 2, none → 0), as SDMX UNIT_MULT, so that base_value = value ×
            10^unit_multiplier; null for a qualitative statement.
        value: The number as written (decreases negative); the lower bound of a range
            (see value_upper); null for a qualitative statement.
        value_upper: The upper bound of a range as written (增长5%—6%: value 5,
            value_upper 6), in the unit of value; value is then the lower bound. Null
            unless the quote states a range.
    """

    base_unit: Annotated[
        BaseUnit | None,
        msgspec.Meta(
            description="The counted thing of base_value; null for a qualitative statement."
        ),
    ]
    base_value: Annotated[
        float | None,
        msgspec.Meta(
            description="The value in base_unit, always value × 10^unit_multiplier: 3.8 万座 → 38000 places; 七成 (value 7, multiplier 1) → 70 percent; 增长2.8倍 (value 2.8, multiplier 2) → 280 percent; null for a qualitative statement."
        ),
    ]
    base_value_upper: Annotated[
        float | None,
        msgspec.Meta(
            description="The upper bound of a range in base_unit, value_upper × 10^unit_multiplier (base_value is then the lower bound); null unless the quote states a range."
        ),
    ]
    comparison: Annotated[
        Literal["year_on_year", "like_for_like"] | str | None,
        msgspec.Meta(
            description="Basis of a change: 'year_on_year' (同比) or 'like_for_like' (同口径); null for levels and counts."
        ),
    ]
    id: Annotated[
        str,
        msgspec.Meta(description="Stable identifier: lower-case ASCII words joined by '-' or '.'."),
    ]
    indicator_id: Annotated[str, msgspec.Meta(description="Id of the indicator observed.")]
    kind: Annotated[
        Literal["actual", "target", "plan"] | str,
        msgspec.Meta(
            description="'actual' for results of the report's year, 'target' for the headline goals of the plan year, 'plan' for the plan year's work quantities."
        ),
    ]
    measure: Annotated[
        Literal["growth-rate", "change", "level", "count", "share", "rank", "qualitative"] | str,
        msgspec.Meta(description="What the value measures; its indicator's."),
    ]
    note: Annotated[
        str | None,
        msgspec.Meta(description="Our note in English, e.g. 'cumulative' or 'three-year total'."),
    ]
    period: Annotated[
        Literal["2023", "2024"] | str, msgspec.Meta(description="Year the value refers to.")
    ]
    period_end: Annotated[int, msgspec.Meta(description="Last year the value covers.")]
    period_start: Annotated[
        int, msgspec.Meta(description="First year the value covers (three years back for 近三年).")
    ]
    period_start_stated: Annotated[
        bool,
        msgspec.Meta(
            description="False for a running total (累计) whose start the source does not state: the value covers an unknown span of years ending in period_end, and period_start is then only the latest year the span can begin, not its start. True otherwise."
        ),
    ]
    qualifier: Annotated[
        Literal["over", "at_least", "about", "at_most"] | str | None,
        msgspec.Meta(
            description="'over' for 超/余/突破 (more than), 'at_least' for 以上, 'about' for 约, 'at_most' for 以内/不超过; null when the value is exact or a range."
        ),
    ]
    report_id: Annotated[
        str | None,
        msgspec.Meta(
            description="Id of the report (dataset) that states this record, as listed at /v1/reports; set by the build."
        ),
    ]
    revised_by: Annotated[
        str | None,
        msgspec.Meta(
            description="Id of the observation of a later report that states the same indicator, period and kind again (a revised actual, a restated target); null when no report served does. Set by the server, from every report it serves."
        ),
    ]
    source: Annotated[Source, msgspec.Meta(description="Provenance of the value.")]
    status: Annotated[
        LocalizedText | None,
        msgspec.Meta(description="Wording of a qualitative statement; set when value is null."),
    ]
    unit: Annotated[str | None, msgspec.Meta(description="Unit as written in the quote.")]
    unit_multiplier: Annotated[
        int | None,
        msgspec.Meta(
            description="Power of ten carried by the written unit (万 → 4, 亿 → 8, 成 → 1, 倍 → 2, none → 0), as SDMX UNIT_MULT, so that base_value = value × 10^unit_multiplier; null for a qualitative statement."
        ),
    ]
    value: Annotated[
        float | None,
        msgspec.Meta(
            description="The number as written (decreases negative); the lower bound of a range (see value_upper); null for a qualitative statement."
        ),
    ]
    value_upper: Annotated[
        float | None,
        msgspec.Meta(
            description="The upper bound of a range as written (增长5%—6%: value 5, value_upper 6), in the unit of value; value is then the lower bound. Null unless the quote states a range."
        ),
    ]


class ObservationPage(msgspec.Struct, frozen=True, kw_only=True):
    """
    A page of observations.

    Attributes:
        items: Observations of this page.
        next_cursor: Cursor of the next page; null on the last page.
        total: Number of items matching the query, on every page.
    """

    items: Annotated[
        tuple[Observation, ...], msgspec.Meta(description="Observations of this page.")
    ]
    next_cursor: Annotated[
        str | None, msgspec.Meta(description="Cursor of the next page; null on the last page.")
    ]
    total: Annotated[
        int, msgspec.Meta(description="Number of items matching the query, on every page.")
    ]


class Problem(msgspec.Struct, frozen=True, kw_only=True):
    """
    An error, as RFC 9457 problem details.

    Attributes:
        detail: What went wrong with this request.
        parameter: The query parameter or header at fault (400 responses).
        status: HTTP status code.
        suggestions: Up to three existing names closest to the one asked for: ids for a
            404 of a record id or a 400 of an id filter, sortable fields for a 400 of
            sort; empty otherwise.
        title: Short summary of the kind of problem.
        type: URI identifying the kind of problem.
    """

    detail: Annotated[str, msgspec.Meta(description="What went wrong with this request.")]
    parameter: Annotated[
        str | None,
        msgspec.Meta(description="The query parameter or header at fault (400 responses)."),
    ]
    status: Annotated[int, msgspec.Meta(description="HTTP status code.")]
    suggestions: Annotated[
        tuple[str, ...],
        msgspec.Meta(
            description="Up to three existing names closest to the one asked for: ids for a 404 of a record id or a 400 of an id filter, sortable fields for a 400 of sort; empty otherwise."
        ),
    ]
    title: Annotated[str, msgspec.Meta(description="Short summary of the kind of problem.")]
    type: Annotated[str, msgspec.Meta(description="URI identifying the kind of problem.")]


class Project(msgspec.Struct, frozen=True, kw_only=True):
    """
    A named project, facility, site or programme of physical works.

    Attributes:
        category: Kind of project.
        html_url: Absolute URL of the record's page for people, in the reader's language
            (?lang=zh or ?lang=en chooses one).
        id: Stable identifier: lower-case ASCII words joined by '-' or '.'.
        mentions: Every mention of the project, in source order.
        name: Name of the project.
    """

    category: Annotated[
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
        | str,
        msgspec.Meta(description="Kind of project."),
    ]
    html_url: Annotated[
        str,
        msgspec.Meta(
            description="Absolute URL of the record's page for people, in the reader's language (?lang=zh or ?lang=en chooses one)."
        ),
    ]
    id: Annotated[
        str,
        msgspec.Meta(description="Stable identifier: lower-case ASCII words joined by '-' or '.'."),
    ]
    mentions: Annotated[
        tuple[Mention, ...],
        msgspec.Meta(description="Every mention of the project, in source order."),
    ]
    name: Annotated[LocalizedText, msgspec.Meta(description="Name of the project.")]


class ProjectPage(msgspec.Struct, frozen=True, kw_only=True):
    """
    A page of projects.

    Attributes:
        items: Projects of this page.
        next_cursor: Cursor of the next page; null on the last page.
        total: Number of items matching the query, on every page.
    """

    items: Annotated[tuple[Project, ...], msgspec.Meta(description="Projects of this page.")]
    next_cursor: Annotated[
        str | None, msgspec.Meta(description="Cursor of the next page; null on the last page.")
    ]
    total: Annotated[
        int, msgspec.Meta(description="Number of items matching the query, on every page.")
    ]


class Promise(msgspec.Struct, frozen=True, kw_only=True):
    """
    A project planned for a year, with what a later report says of it for that year.

    Attributes:
        category: Kind of project.
        id: Id of the promise: project id, report id and the mention's place.
        outcome: What a later report says of the project for that year; null if none.
        project_id: Id of the project.
        project_name: Name of the project.
        promised: The plan, as the report says it.
        report_id: Id of the report that plans it.
        rule: The rule that decided the verdict, in words.
        verdict: 'kept' (the later report gives the stage promised or a later one),
            'slipped' (an earlier stage), 'pending' (no served report covers the year
            yet), 'not_reported' (a later report covering the year does not mention the
            project).
        year: The year the project was planned for.
    """

    category: Annotated[
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
        | str,
        msgspec.Meta(description="Kind of project."),
    ]
    id: Annotated[
        str,
        msgspec.Meta(
            description="Id of the promise: project id, report id and the mention's place."
        ),
    ]
    outcome: Annotated[
        MentionStatement | None,
        msgspec.Meta(
            description="What a later report says of the project for that year; null if none."
        ),
    ]
    project_id: Annotated[str, msgspec.Meta(description="Id of the project.")]
    project_name: Annotated[LocalizedText, msgspec.Meta(description="Name of the project.")]
    promised: Annotated[
        MentionStatement, msgspec.Meta(description="The plan, as the report says it.")
    ]
    report_id: Annotated[str, msgspec.Meta(description="Id of the report that plans it.")]
    rule: Annotated[str, msgspec.Meta(description="The rule that decided the verdict, in words.")]
    verdict: Annotated[
        Literal["kept", "slipped", "pending", "not_reported"] | str,
        msgspec.Meta(
            description="'kept' (the later report gives the stage promised or a later one), 'slipped' (an earlier stage), 'pending' (no served report covers the year yet), 'not_reported' (a later report covering the year does not mention the project)."
        ),
    ]
    year: Annotated[
        Literal[2023, 2024] | str, msgspec.Meta(description="The year the project was planned for.")
    ]


class PromisePage(msgspec.Struct, frozen=True, kw_only=True):
    """
    A page of project promises with their outcomes.

    Attributes:
        items: Promises of this page.
        next_cursor: Cursor of the next page; null on the last page.
        total: Number of items matching the query, on every page.
    """

    items: Annotated[tuple[Promise, ...], msgspec.Meta(description="Promises of this page.")]
    next_cursor: Annotated[
        str | None, msgspec.Meta(description="Cursor of the next page; null on the last page.")
    ]
    total: Annotated[
        int, msgspec.Meta(description="Number of items matching the query, on every page.")
    ]


class Publisher(msgspec.Struct, frozen=True, kw_only=True):
    """
    The body that issued the source document.

    Attributes:
        name: Name of the body.
        url: Home page of the body.
    """

    name: Annotated[LocalizedText, msgspec.Meta(description="Name of the body.")]
    url: Annotated[str | None, msgspec.Meta(description="Home page of the body.")]


class QuoteSelector(msgspec.Struct, frozen=True, kw_only=True):
    """
    The quote's place in its source document's normalised text (markup removed, the
    PDF conversion's line breaks joined; served as /v1/downloads/source/text.txt), in the
    two selectors of the W3C Web Annotation Data Model; the build checks that both resolve
    to that one place.

    Attributes:
        text_position: The quote's start and end offsets (TextPositionSelector).
        text_quote: The quote with unique context (TextQuoteSelector).
    """

    text_position: Annotated[
        TextPositionSelector,
        msgspec.Meta(description="The quote's start and end offsets (TextPositionSelector)."),
    ]
    text_quote: Annotated[
        TextQuoteSelector,
        msgspec.Meta(description="The quote with unique context (TextQuoteSelector)."),
    ]


class Release(msgspec.Struct, frozen=True, kw_only=True):
    """
    A released version of the dataset.

    Attributes:
        artifact_sha256: sha256 of the release's artifact; null in the record files for
            the current release, whose hash the API reports as served.
        date: Release date (ISO 8601).
        notes: What changed in this release.
        version: Semantic version of the release.
    """

    artifact_sha256: Annotated[
        str | None,
        msgspec.Meta(
            description="sha256 of the release's artifact; null in the record files for the current release, whose hash the API reports as served."
        ),
    ]
    date: Annotated[str, msgspec.Meta(description="Release date (ISO 8601).")]
    notes: Annotated[LocalizedText, msgspec.Meta(description="What changed in this release.")]
    version: Annotated[str, msgspec.Meta(description="Semantic version of the release.")]


class ReleaseList(msgspec.Struct, frozen=True, kw_only=True):
    """
    Every released version of the dataset, newest first.

    Attributes:
        items: The releases.
    """

    items: Annotated[tuple[Release, ...], msgspec.Meta(description="The releases.")]


class RemovedRecord(msgspec.Struct, frozen=True, kw_only=True):
    """
    A record a release removed, with what replaces it and why.

    Attributes:
        collection: Collection of the record.
        id: Id of the removed record.
        reason: Why it was removed, in English.
        replaced_by: Ids (in any collection) that hold what it held; empty if none.
    """

    collection: Annotated[
        Literal["indicators", "observations", "projects", "glossary", "sections"] | str,
        msgspec.Meta(description="Collection of the record."),
    ]
    id: Annotated[str, msgspec.Meta(description="Id of the removed record.")]
    reason: Annotated[str, msgspec.Meta(description="Why it was removed, in English.")]
    replaced_by: Annotated[
        tuple[str, ...],
        msgspec.Meta(description="Ids (in any collection) that hold what it held; empty if none."),
    ]


class RenamedRecord(msgspec.Struct, frozen=True, kw_only=True):
    """
    A record a release gave a new id; nothing else changed with the id.

    Attributes:
        collection: Collection of the record.
        new_id: Id in this release.
        old_id: Id in the previous release.
    """

    collection: Annotated[
        Literal["indicators", "observations", "projects", "glossary", "sections"] | str,
        msgspec.Meta(description="Collection of the record."),
    ]
    new_id: Annotated[str, msgspec.Meta(description="Id in this release.")]
    old_id: Annotated[str, msgspec.Meta(description="Id in the previous release.")]


class Report(msgspec.Struct, frozen=True, kw_only=True):
    """
    One report served: a dataset folder, built into its own artifact.

    Attributes:
        artifact_sha256: sha256 of the report's served artifact.
        counts: Number of records in each collection.
        id: Id of the report: its dataset folder's name.
        next_id: Id of the report after this one; null for the latest.
        position: Place of the report in the series, the earliest first.
        previous_id: Id of the report before this one; null for the first.
        publisher: Issuing body of the report.
        release_date: Release date of that version (ISO 8601).
        releases: Every release, newest first.
        source_document: The report's source document: title, file, sha256.
        temporal_end: Last year the report covers (ISO 8601).
        temporal_start: First year the report covers (ISO 8601).
        title: Title of the report's dataset.
        version: Semantic version of the report's dataset.
    """

    artifact_sha256: Annotated[
        str, msgspec.Meta(description="sha256 of the report's served artifact.")
    ]
    counts: Annotated[
        dict[str, int], msgspec.Meta(description="Number of records in each collection.")
    ]
    id: Annotated[str, msgspec.Meta(description="Id of the report: its dataset folder's name.")]
    next_id: Annotated[
        str | None,
        msgspec.Meta(description="Id of the report after this one; null for the latest."),
    ]
    position: Annotated[
        int, msgspec.Meta(description="Place of the report in the series, the earliest first.")
    ]
    previous_id: Annotated[
        str | None,
        msgspec.Meta(description="Id of the report before this one; null for the first."),
    ]
    publisher: Annotated[Publisher, msgspec.Meta(description="Issuing body of the report.")]
    release_date: Annotated[
        str, msgspec.Meta(description="Release date of that version (ISO 8601).")
    ]
    releases: Annotated[
        tuple[Release, ...], msgspec.Meta(description="Every release, newest first.")
    ]
    source_document: Annotated[
        SourceDocument,
        msgspec.Meta(description="The report's source document: title, file, sha256."),
    ]
    temporal_end: Annotated[
        str, msgspec.Meta(description="Last year the report covers (ISO 8601).")
    ]
    temporal_start: Annotated[
        str, msgspec.Meta(description="First year the report covers (ISO 8601).")
    ]
    title: Annotated[LocalizedText, msgspec.Meta(description="Title of the report's dataset.")]
    version: Annotated[str, msgspec.Meta(description="Semantic version of the report's dataset.")]


class ReportList(msgspec.Struct, frozen=True, kw_only=True):
    """
    Every report served, in report order (the earliest first).

    Attributes:
        items: The reports.
    """

    items: Annotated[tuple[Report, ...], msgspec.Meta(description="The reports.")]


class SearchHit(msgspec.Struct, frozen=True, kw_only=True):
    """
    A record whose text contains the search query.

    Attributes:
        html_url: Absolute URL of the record's page for people, in the reader's language
            (?lang=zh or ?lang=en chooses one); a section's is its line in the source
            document's page.
        id: Stable identifier: lower-case ASCII words joined by '-' or '.'.
        kind: Collection the record belongs to.
        matched_fields: Fields of the record that a term of q matched in, e.g.
            'name.en', 'observations.source.quote', 'definition.zh', 'text'.
        snippet: The best-matching field's text around the match, in its own spelling.
        title: Name, term or heading of the record.
        url: Path of the record in this API, relative to the server (kept for existing
            clients; html_url is absolute).
    """

    html_url: Annotated[
        str,
        msgspec.Meta(
            description="Absolute URL of the record's page for people, in the reader's language (?lang=zh or ?lang=en chooses one); a section's is its line in the source document's page."
        ),
    ]
    id: Annotated[
        str,
        msgspec.Meta(description="Stable identifier: lower-case ASCII words joined by '-' or '.'."),
    ]
    kind: Annotated[
        Literal["indicator", "project", "glossary", "section"] | str,
        msgspec.Meta(description="Collection the record belongs to."),
    ]
    matched_fields: Annotated[
        tuple[str, ...],
        msgspec.Meta(
            description="Fields of the record that a term of q matched in, e.g. 'name.en', 'observations.source.quote', 'definition.zh', 'text'."
        ),
    ]
    snippet: Annotated[
        str | None,
        msgspec.Meta(
            description="The best-matching field's text around the match, in its own spelling."
        ),
    ]
    title: Annotated[
        LocalizedText, msgspec.Meta(description="Name, term or heading of the record.")
    ]
    url: Annotated[
        str,
        msgspec.Meta(
            description="Path of the record in this API, relative to the server (kept for existing clients; html_url is absolute)."
        ),
    ]


class SearchPage(msgspec.Struct, frozen=True, kw_only=True):
    """
    A page of search hits.

    Attributes:
        items: Hits of this page.
        next_cursor: Cursor of the next page; null on the last page.
        total: Number of items matching the query, on every page.
    """

    items: Annotated[tuple[SearchHit, ...], msgspec.Meta(description="Hits of this page.")]
    next_cursor: Annotated[
        str | None, msgspec.Meta(description="Cursor of the next page; null on the last page.")
    ]
    total: Annotated[
        int, msgspec.Meta(description="Number of items matching the query, on every page.")
    ]


class Section(msgspec.Struct, frozen=True, kw_only=True):
    """
    A section of the source document, with its text.

    Attributes:
        heading: Heading of the section.
        id: Stable identifier: lower-case ASCII words joined by '-' or '.'.
        kind: Level of the section in the outline.
        line: Line of source.md on which the section begins.
        line_end: Last line of source.md within the section.
        number: The section's number as written in the source, e.g. '二', '（三）', '12.'.
        parent_id: Id of the enclosing section; null for the document.
        report_id: Id of the report (dataset) that states this record, as listed at
            /v1/reports; set by the build.
        text: The section's own text in Chinese, page-break artefacts removed; text of
            child sections is not repeated.
    """

    heading: Annotated[LocalizedText, msgspec.Meta(description="Heading of the section.")]
    id: Annotated[
        str,
        msgspec.Meta(description="Stable identifier: lower-case ASCII words joined by '-' or '.'."),
    ]
    kind: Annotated[
        Literal["document", "part", "subpart", "item"] | str,
        msgspec.Meta(description="Level of the section in the outline."),
    ]
    line: Annotated[int, msgspec.Meta(description="Line of source.md on which the section begins.")]
    line_end: Annotated[int, msgspec.Meta(description="Last line of source.md within the section.")]
    number: Annotated[
        str | None,
        msgspec.Meta(
            description="The section's number as written in the source, e.g. '二', '（三）', '12.'."
        ),
    ]
    parent_id: Annotated[
        str | None, msgspec.Meta(description="Id of the enclosing section; null for the document.")
    ]
    report_id: Annotated[
        str | None,
        msgspec.Meta(
            description="Id of the report (dataset) that states this record, as listed at /v1/reports; set by the build."
        ),
    ]
    text: Annotated[
        str,
        msgspec.Meta(
            description="The section's own text in Chinese, page-break artefacts removed; text of child sections is not repeated."
        ),
    ]


class SectionPage(msgspec.Struct, frozen=True, kw_only=True):
    """
    A page of sections.

    Attributes:
        items: Sections of this page.
        next_cursor: Cursor of the next page; null on the last page.
        total: Number of items matching the query, on every page.
    """

    items: Annotated[tuple[Section, ...], msgspec.Meta(description="Sections of this page.")]
    next_cursor: Annotated[
        str | None, msgspec.Meta(description="Cursor of the next page; null on the last page.")
    ]
    total: Annotated[
        int, msgspec.Meta(description="Number of items matching the query, on every page.")
    ]


class Source(msgspec.Struct, frozen=True, kw_only=True):
    """
    Where a record comes from: a verbatim quote and its place in the source document.

    Attributes:
        document_id: Id of the dataset whose source document holds the quote; set by the
            build, so a series across several reports keeps each value's document.
        line: Line of source.md on which the quote begins (1-based).
        quote: Verbatim text of the source document (markup and page-break line breaks
            removed).
        section_id: Id of the section the quote stands in.
        selector: The quote's place in the document's normalised text as W3C Web
            Annotation selectors; set by the build.
    """

    document_id: Annotated[
        str | None,
        msgspec.Meta(
            description="Id of the dataset whose source document holds the quote; set by the build, so a series across several reports keeps each value's document."
        ),
    ]
    line: Annotated[
        int, msgspec.Meta(description="Line of source.md on which the quote begins (1-based).")
    ]
    quote: Annotated[
        str,
        msgspec.Meta(
            description="Verbatim text of the source document (markup and page-break line breaks removed)."
        ),
    ]
    section_id: Annotated[str, msgspec.Meta(description="Id of the section the quote stands in.")]
    selector: Annotated[
        QuoteSelector | None,
        msgspec.Meta(
            description="The quote's place in the document's normalised text as W3C Web Annotation selectors; set by the build."
        ),
    ]


class SourceDocument(msgspec.Struct, frozen=True, kw_only=True):
    """
    The document the dataset is compiled from.

    Attributes:
        file: File name of the verbatim copy in the dataset.
        language: BCP 47 language tag of the document.
        sha256: sha256 of the verbatim copy.
        title: Title of the source document.
    """

    file: Annotated[str, msgspec.Meta(description="File name of the verbatim copy in the dataset.")]
    language: Annotated[str, msgspec.Meta(description="BCP 47 language tag of the document.")]
    sha256: Annotated[str, msgspec.Meta(description="sha256 of the verbatim copy.")]
    title: Annotated[LocalizedText, msgspec.Meta(description="Title of the source document.")]


class Statement(msgspec.Struct, frozen=True, kw_only=True):
    """
    One side of a target's outcome: the value a report states, with its quote.

    Attributes:
        base_unit: The counted thing of base_value.
        base_value: The value in base_unit.
        base_value_upper: Upper bound of a range in base_unit; null if none.
        observation_id: Id of the observation stating it.
        qualifier: Qualifier of the value.
        quote: The verbatim quote of the source document.
        report_id: Id of the report that states it.
        source: Where the quote stands in its report.
        status: Wording of a qualitative statement.
        unit: Unit as written in the quote.
        value: The number as written; null if qualitative.
        value_upper: Upper bound of a range as written (value the lower); null if none.
    """

    base_unit: Annotated[
        BaseUnit | None, msgspec.Meta(description="The counted thing of base_value.")
    ]
    base_value: Annotated[float | None, msgspec.Meta(description="The value in base_unit.")]
    base_value_upper: Annotated[
        float | None, msgspec.Meta(description="Upper bound of a range in base_unit; null if none.")
    ]
    observation_id: Annotated[str, msgspec.Meta(description="Id of the observation stating it.")]
    qualifier: Annotated[
        Literal["over", "at_least", "about", "at_most"] | str | None,
        msgspec.Meta(description="Qualifier of the value."),
    ]
    quote: Annotated[str, msgspec.Meta(description="The verbatim quote of the source document.")]
    report_id: Annotated[str, msgspec.Meta(description="Id of the report that states it.")]
    source: Annotated[Source, msgspec.Meta(description="Where the quote stands in its report.")]
    status: Annotated[
        LocalizedText | None, msgspec.Meta(description="Wording of a qualitative statement.")
    ]
    unit: Annotated[str | None, msgspec.Meta(description="Unit as written in the quote.")]
    value: Annotated[
        float | None, msgspec.Meta(description="The number as written; null if qualitative.")
    ]
    value_upper: Annotated[
        float | None,
        msgspec.Meta(
            description="Upper bound of a range as written (value the lower); null if none."
        ),
    ]


class Target(msgspec.Struct, frozen=True, kw_only=True):
    """
    A target or plan quantity with its outcome: the ledger of what a plan promised.

    Attributes:
        actual: The actual a later report states for that year; null if none.
        better: Which way the indicator counts as better.
        category: Policy area of the indicator.
        headline: True for the report's main indicators.
        id: Id of the target's observation.
        indicator_id: Id of the indicator.
        indicator_name: Name of the indicator.
        kind: 'target' or 'plan'.
        margin: Actual minus target, in base units; for a range, actual minus the bound
            that decides (the lower where higher counts as better, the upper where lower
            does); null unless both are numbers.
        period: Year the target is for.
        report_id: Id of the report that states the target.
        rule: The rule that decided the verdict, in words.
        target: The target as stated.
        verdict: 'met', 'missed', 'pending' (no served report states that year's actuals
            yet), 'not_comparable' (the actual is of another unit or span, or
            qualitative), 'not_reported' (a later report covering the year states
            nothing of it), 'not_assessable' (a qualitative target).
    """

    actual: Annotated[
        Statement | None,
        msgspec.Meta(description="The actual a later report states for that year; null if none."),
    ]
    better: Annotated[
        Literal["higher", "lower"] | str | None,
        msgspec.Meta(description="Which way the indicator counts as better."),
    ]
    category: Annotated[
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
        | str,
        msgspec.Meta(description="Policy area of the indicator."),
    ]
    headline: Annotated[bool, msgspec.Meta(description="True for the report's main indicators.")]
    id: Annotated[str, msgspec.Meta(description="Id of the target's observation.")]
    indicator_id: Annotated[str, msgspec.Meta(description="Id of the indicator.")]
    indicator_name: Annotated[LocalizedText, msgspec.Meta(description="Name of the indicator.")]
    kind: Annotated[
        Literal["actual", "target", "plan"] | str, msgspec.Meta(description="'target' or 'plan'.")
    ]
    margin: Annotated[
        float | None,
        msgspec.Meta(
            description="Actual minus target, in base units; for a range, actual minus the bound that decides (the lower where higher counts as better, the upper where lower does); null unless both are numbers."
        ),
    ]
    period: Annotated[
        Literal["2023", "2024"] | str, msgspec.Meta(description="Year the target is for.")
    ]
    report_id: Annotated[str, msgspec.Meta(description="Id of the report that states the target.")]
    rule: Annotated[str, msgspec.Meta(description="The rule that decided the verdict, in words.")]
    target: Annotated[Statement, msgspec.Meta(description="The target as stated.")]
    verdict: Annotated[
        Literal["met", "missed", "pending", "not_comparable", "not_reported", "not_assessable"]
        | str,
        msgspec.Meta(
            description="'met', 'missed', 'pending' (no served report states that year's actuals yet), 'not_comparable' (the actual is of another unit or span, or qualitative), 'not_reported' (a later report covering the year states nothing of it), 'not_assessable' (a qualitative target)."
        ),
    ]


class TargetPage(msgspec.Struct, frozen=True, kw_only=True):
    """
    A page of targets with their outcomes.

    Attributes:
        items: Targets of this page.
        next_cursor: Cursor of the next page; null on the last page.
        total: Number of items matching the query, on every page.
    """

    items: Annotated[tuple[Target, ...], msgspec.Meta(description="Targets of this page.")]
    next_cursor: Annotated[
        str | None, msgspec.Meta(description="Cursor of the next page; null on the last page.")
    ]
    total: Annotated[
        int, msgspec.Meta(description="Number of items matching the query, on every page.")
    ]


class TextPositionSelector(msgspec.Struct, frozen=True, kw_only=True):
    """
    Where the quote stands in the document's text, in characters (W3C Web Annotation).

    Attributes:
        end: Offset just after the quote's last character.
        start: Offset of the quote's first character, counted in Unicode code points
            from 0.
    """

    end: Annotated[int, msgspec.Meta(description="Offset just after the quote's last character.")]
    start: Annotated[
        int,
        msgspec.Meta(
            description="Offset of the quote's first character, counted in Unicode code points from 0."
        ),
    ]


class TextQuoteSelector(msgspec.Struct, frozen=True, kw_only=True):
    """
    The quote with enough text each side to occur once in the document (W3C Web Annotation).

    Attributes:
        exact: The quote, verbatim.
        prefix: Text just before the quote: with the suffix, enough to make prefix,
            quote and suffix occur once in the document's text (empty at its start).
        suffix: Text just after the quote (empty at the document's end).
    """

    exact: Annotated[str, msgspec.Meta(description="The quote, verbatim.")]
    prefix: Annotated[
        str,
        msgspec.Meta(
            description="Text just before the quote: with the suffix, enough to make prefix, quote and suffix occur once in the document's text (empty at its start)."
        ),
    ]
    suffix: Annotated[
        str, msgspec.Meta(description="Text just after the quote (empty at the document's end).")
    ]


class ValueChange(msgspec.Struct, frozen=True, kw_only=True):
    """
    A field of a record whose value a release changed.

    Attributes:
        collection: Collection of the record.
        field: The field, e.g. 'unit_multiplier' or 'mentions[0].status'.
        id: Id of the record in this release.
        new: Value in this release.
        old: Value in the previous release.
    """

    collection: Annotated[
        Literal["indicators", "observations", "projects", "glossary", "sections"] | str,
        msgspec.Meta(description="Collection of the record."),
    ]
    field: Annotated[
        str, msgspec.Meta(description="The field, e.g. 'unit_multiplier' or 'mentions[0].status'.")
    ]
    id: Annotated[str, msgspec.Meta(description="Id of the record in this release.")]
    new: Annotated[str | float | bool | None, msgspec.Meta(description="Value in this release.")]
    old: Annotated[
        str | float | bool | None, msgspec.Meta(description="Value in the previous release.")
    ]
