"""What the API wraps records in: detail views, pages, search hits, the entry point.

Pages are concrete Structs, one per collection, so that each is a named,
lossless component of the OpenAPI document.
"""

from __future__ import annotations

from typing import Annotated, Literal

from msgspec import Meta

from longgang_api.data import model
from longgang_api.data.model import (
    Base,
    BaseUnit,
    Better,
    Id,
    Indicator,
    IndicatorCategory,
    LocalizedText,
    MentionStatus,
    Observation,
    ObservationKind,
    Period,
    ProjectCategory,
    Publisher,
    Qualifier,
    Release,
    Section,
    Source,
    SourceDocument,
    Year,
)

NextCursor = Annotated[
    str | None,
    Meta(description="Cursor of the next page; null on the last page."),
]
HtmlUrl = Annotated[
    str,
    Meta(
        description=(
            "Absolute URL of the record's page for people, in the reader's language "
            "(?lang=zh or ?lang=en chooses one)."
        )
    ),
]
Total = Annotated[
    int,
    Meta(ge=0, description="Number of items matching the query, on every page."),
]


class IndicatorDetail(Indicator, frozen=True, kw_only=True):
    """An indicator with every observation of it embedded."""

    observations: Annotated[
        tuple[Observation, ...],
        Meta(description="Observations of the indicator, by period then kind."),
    ]
    html_url: HtmlUrl


# The API's project and glossary records keep the model's names, so the
# OpenAPI components (and the SDK's classes) stay ``Project`` and ``GlossaryTerm``.
class Project(model.Project, frozen=True, kw_only=True):
    """A named project, facility, site or programme of physical works."""

    html_url: HtmlUrl


class GlossaryTerm(model.GlossaryTerm, frozen=True, kw_only=True):
    """An entry of the report's glossary (名词解释)."""

    html_url: HtmlUrl


class IndicatorPage(Base, frozen=True, kw_only=True):
    """A page of indicators."""

    items: Annotated[tuple[IndicatorDetail, ...], Meta(description="Indicators of this page.")]
    next_cursor: NextCursor
    total: Total


class ObservationPage(Base, frozen=True, kw_only=True):
    """A page of observations."""

    items: Annotated[tuple[Observation, ...], Meta(description="Observations of this page.")]
    next_cursor: NextCursor
    total: Total


class ProjectPage(Base, frozen=True, kw_only=True):
    """A page of projects."""

    items: Annotated[tuple[Project, ...], Meta(description="Projects of this page.")]
    next_cursor: NextCursor
    total: Total


class GlossaryPage(Base, frozen=True, kw_only=True):
    """A page of glossary terms."""

    items: Annotated[tuple[GlossaryTerm, ...], Meta(description="Terms of this page.")]
    next_cursor: NextCursor
    total: Total


class SectionPage(Base, frozen=True, kw_only=True):
    """A page of sections."""

    items: Annotated[tuple[Section, ...], Meta(description="Sections of this page.")]
    next_cursor: NextCursor
    total: Total


HitKind = Literal["indicator", "project", "glossary", "section"]


class SearchHit(Base, frozen=True, kw_only=True):
    """A record whose text contains the search query."""

    kind: Annotated[HitKind, Meta(description="Collection the record belongs to.")]
    id: Id
    title: Annotated[LocalizedText, Meta(description="Name, term or heading of the record.")]
    url: Annotated[
        str,
        Meta(
            description=(
                "Path of the record in this API, relative to the server (kept for existing "
                "clients; html_url is absolute)."
            )
        ),
    ]
    html_url: Annotated[
        str,
        Meta(
            description=(
                "Absolute URL of the record's page for people, in the reader's language "
                "(?lang=zh or ?lang=en chooses one); a section's is its line in the source "
                "document's page."
            )
        ),
    ]
    matched_fields: Annotated[
        tuple[str, ...],
        Meta(
            description=(
                "Fields of the record that a term of q matched in, e.g. 'name.en', "
                "'observations.source.quote', 'definition.zh', 'text'."
            )
        ),
    ] = ()
    snippet: Annotated[
        str | None,
        Meta(description="The best-matching field's text around the match, in its own spelling."),
    ] = None


class SearchPage(Base, frozen=True, kw_only=True):
    """A page of search hits."""

    items: Annotated[tuple[SearchHit, ...], Meta(description="Hits of this page.")]
    next_cursor: NextCursor
    total: Total


class Link(Base, frozen=True, kw_only=True):
    """A link to a resource of the API."""

    rel: Annotated[str, Meta(description="What the linked resource is.")]
    href: Annotated[str, Meta(description="Path of the resource.")]
    title: Annotated[str, Meta(description="Human-readable title.")]


class ApiIndex(Base, frozen=True, kw_only=True):
    """Entry point of the API: what there is and which dataset version is served."""

    title: Annotated[LocalizedText, Meta(description="Title of the dataset.")]
    dataset_version: Annotated[str, Meta(description="Semantic version of the served dataset.")]
    artifact_sha256: Annotated[
        str, Meta(description="sha256 of the served dataset artifact; it drives every ETag.")
    ]
    links: Annotated[tuple[Link, ...], Meta(description="Every collection and document.")]


class Health(Base, frozen=True, kw_only=True):
    """Liveness or readiness of the server."""

    status: Annotated[Literal["ok"], Meta(description="'ok' when the check passes.")]
    dataset_version: Annotated[
        str | None, Meta(description="Version of the loaded dataset (readiness only).")
    ] = None
    artifact_sha256: Annotated[
        str | None, Meta(description="sha256 of the verified artifact (readiness only).")
    ] = None


class ReleaseList(Base, frozen=True, kw_only=True):
    """Every released version of the dataset, newest first."""

    items: Annotated[tuple[Release, ...], Meta(description="The releases.")]


class Report(Base, frozen=True, kw_only=True):
    """One report served: a dataset folder, built into its own artifact."""

    id: Annotated[Id, Meta(description="Id of the report: its dataset folder's name.")]
    title: Annotated[LocalizedText, Meta(description="Title of the report's dataset.")]
    publisher: Annotated[Publisher, Meta(description="Issuing body of the report.")]
    temporal_start: Annotated[str, Meta(description="First year the report covers (ISO 8601).")]
    temporal_end: Annotated[str, Meta(description="Last year the report covers (ISO 8601).")]
    version: Annotated[str, Meta(description="Semantic version of the report's dataset.")]
    release_date: Annotated[str, Meta(description="Release date of that version (ISO 8601).")]
    artifact_sha256: Annotated[str, Meta(description="sha256 of the report's served artifact.")]
    source_document: Annotated[
        SourceDocument, Meta(description="The report's source document: title, file, sha256.")
    ]
    releases: Annotated[tuple[Release, ...], Meta(description="Every release, newest first.")]
    counts: Annotated[dict[str, int], Meta(description="Number of records in each collection.")]
    position: Annotated[
        int, Meta(ge=1, description="Place of the report in the series, the earliest first.")
    ]
    previous_id: Annotated[
        Id | None, Meta(description="Id of the report before this one; null for the first.")
    ] = None
    next_id: Annotated[
        Id | None, Meta(description="Id of the report after this one; null for the latest.")
    ] = None


class ReportList(Base, frozen=True, kw_only=True):
    """Every report served, in report order (the earliest first)."""

    items: Annotated[tuple[Report, ...], Meta(description="The reports.")]


Verdict = Literal["met", "missed", "pending", "not_comparable", "not_reported", "not_assessable"]


class Statement(Base, frozen=True, kw_only=True):
    """One side of a target's outcome: the value a report states, with its quote."""

    observation_id: Annotated[Id, Meta(description="Id of the observation stating it.")]
    report_id: Annotated[Id, Meta(description="Id of the report that states it.")]
    value: Annotated[float | None, Meta(description="The number as written; null if qualitative.")]
    value_upper: Annotated[
        float | None,
        Meta(description="Upper bound of a range as written (value the lower); null if none."),
    ] = None
    unit: Annotated[str | None, Meta(description="Unit as written in the quote.")] = None
    qualifier: Annotated[Qualifier | None, Meta(description="Qualifier of the value.")] = None
    base_value: Annotated[float | None, Meta(description="The value in base_unit.")] = None
    base_value_upper: Annotated[
        float | None, Meta(description="Upper bound of a range in base_unit; null if none.")
    ] = None
    base_unit: Annotated[BaseUnit | None, Meta(description="The counted thing of base_value.")] = (
        None
    )
    status: Annotated[
        LocalizedText | None, Meta(description="Wording of a qualitative statement.")
    ] = None
    quote: Annotated[str, Meta(description="The verbatim quote of the source document.")]
    source: Annotated[Source, Meta(description="Where the quote stands in its report.")]


class Target(Base, frozen=True, kw_only=True):
    """A target or plan quantity with its outcome: the ledger of what a plan promised."""

    id: Annotated[Id, Meta(description="Id of the target's observation.")]
    indicator_id: Annotated[Id, Meta(description="Id of the indicator.")]
    indicator_name: Annotated[LocalizedText, Meta(description="Name of the indicator.")]
    category: Annotated[IndicatorCategory, Meta(description="Policy area of the indicator.")]
    headline: Annotated[bool, Meta(description="True for the report's main indicators.")]
    period: Annotated[Period, Meta(description="Year the target is for.")]
    kind: Annotated[ObservationKind, Meta(description="'target' or 'plan'.")]
    report_id: Annotated[Id, Meta(description="Id of the report that states the target.")]
    better: Annotated[
        Better | None, Meta(description="Which way the indicator counts as better.")
    ] = None
    target: Annotated[Statement, Meta(description="The target as stated.")]
    actual: Annotated[
        Statement | None,
        Meta(description="The actual a later report states for that year; null if none."),
    ] = None
    margin: Annotated[
        float | None,
        Meta(
            description=(
                "Actual minus target, in base units; for a range, actual minus the bound that "
                "decides (the lower where higher counts as better, the upper where lower does); "
                "null unless both are numbers."
            )
        ),
    ] = None
    verdict: Annotated[
        Verdict,
        Meta(
            description=(
                "'met', 'missed', 'pending' (no served report states that year's actuals yet), "
                "'not_comparable' (the actual is of another unit or span, or qualitative), "
                "'not_reported' (a later report covering the year states nothing of it), "
                "'not_assessable' (a qualitative target)."
            )
        ),
    ]
    rule: Annotated[str, Meta(description="The rule that decided the verdict, in words.")]


class TargetPage(Base, frozen=True, kw_only=True):
    """A page of targets with their outcomes."""

    items: Annotated[tuple[Target, ...], Meta(description="Targets of this page.")]
    next_cursor: NextCursor
    total: Total


PromiseVerdict = Literal["kept", "slipped", "pending", "not_reported"]


class MentionStatement(Base, frozen=True, kw_only=True):
    """What one report says of a project in a year, with its quote."""

    report_id: Annotated[Id, Meta(description="Id of the report that says it.")]
    status: Annotated[MentionStatus, Meta(description="Controlled status of the project.")]
    status_text: Annotated[str, Meta(description="Status wording as written, e.g. '开工建设'.")]
    quote: Annotated[str, Meta(description="The verbatim quote of the source document.")]
    source: Annotated[Source, Meta(description="Where the quote stands in its report.")]


class Promise(Base, frozen=True, kw_only=True):
    """A project planned for a year, with what a later report says of it for that year."""

    id: Annotated[
        str,
        Meta(description="Id of the promise: project id, report id and the mention's place."),
    ]
    project_id: Annotated[Id, Meta(description="Id of the project.")]
    project_name: Annotated[LocalizedText, Meta(description="Name of the project.")]
    category: Annotated[ProjectCategory, Meta(description="Kind of project.")]
    year: Annotated[Year, Meta(description="The year the project was planned for.")]
    report_id: Annotated[Id, Meta(description="Id of the report that plans it.")]
    promised: Annotated[MentionStatement, Meta(description="The plan, as the report says it.")]
    outcome: Annotated[
        MentionStatement | None,
        Meta(description="What a later report says of the project for that year; null if none."),
    ] = None
    verdict: Annotated[
        PromiseVerdict,
        Meta(
            description=(
                "'kept' (the later report gives the stage promised or a later one), 'slipped' "
                "(an earlier stage), 'pending' (no served report covers the year yet), "
                "'not_reported' (a later report covering the year does not mention the project)."
            )
        ),
    ]
    rule: Annotated[str, Meta(description="The rule that decided the verdict, in words.")]


class PromisePage(Base, frozen=True, kw_only=True):
    """A page of project promises with their outcomes."""

    items: Annotated[tuple[Promise, ...], Meta(description="Promises of this page.")]
    next_cursor: NextCursor
    total: Total
