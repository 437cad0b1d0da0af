"""The dataset's one data model.

Every record file under ``datasets/`` is decoded into these Structs, the
build writes them into the artifact, the API serves them and the OpenAPI
document (and so the SDK) takes its field descriptions from them.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec
from msgspec import Meta


class Base(
    msgspec.Struct,
    frozen=True,
    kw_only=True,
    forbid_unknown_fields=True,
):
    """Base of every record: immutable, keyword-only, strict on input."""


Id = Annotated[
    str,
    Meta(
        pattern=r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$",
        max_length=80,
        description="Stable identifier: lower-case ASCII words joined by '-' or '.'.",
    ),
]

IndicatorCategory = Literal[
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
ProjectCategory = Literal[
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
# Years are values of the dataset (its temporal coverage, checked by the build), not
# literals of the code; the OpenAPI export lists the dataset's years as their enum.
PERIOD_PATTERN = r"^[0-9]{4}$"
YEAR_MINIMUM, YEAR_MAXIMUM = 1000, 9999
Period = Annotated[str, Meta(pattern=PERIOD_PATTERN)]
Year = Annotated[int, Meta(ge=YEAR_MINIMUM, le=YEAR_MAXIMUM)]
ObservationKind = Literal["actual", "target", "plan"]
Qualifier = Literal["over", "at_least", "about", "at_most"]
Comparison = Literal["year_on_year", "like_for_like"]
MentionStatus = Literal[
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
SectionKind = Literal["document", "part", "subpart", "item"]
Measure = Literal["growth-rate", "change", "level", "count", "share", "rank", "qualitative"]
Better = Literal["higher", "lower"]

#: The report a statement was published in: its dataset's id, set by the build.
ReportId = Annotated[
    Id | None,
    Meta(
        description=(
            "Id of the report (dataset) that states this record, as listed at /v1/reports; "
            "set by the build."
        )
    ),
]


class LocalizedText(Base, frozen=True, kw_only=True):
    """Text in Chinese (as in the source) and English (our unofficial translation)."""

    zh: Annotated[str, Meta(min_length=1, description="Chinese text, as in the source document.")]
    en: Annotated[
        str,
        Meta(min_length=1, description="English translation by Longgang Open Data (unofficial)."),
    ]


class BaseUnit(Base, frozen=True, kw_only=True):
    """The counted thing a value is expressed in, scale removed (e.g. school places, yuan)."""

    code: Annotated[
        str,
        Meta(
            pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
            description="Stable lower-case code, e.g. 'percent', 'yuan', 'place', 'person-time'.",
        ),
    ]
    zh: Annotated[str, Meta(min_length=1, description="Chinese label of the unit.")]
    en: Annotated[str, Meta(min_length=1, description="English label of the unit (ours).")]


class TextQuoteSelector(Base, frozen=True, kw_only=True):
    """The quote with enough text each side to occur once in the document (W3C Web Annotation)."""

    exact: Annotated[str, Meta(min_length=1, description="The quote, verbatim.")]
    prefix: Annotated[
        str,
        Meta(
            description=(
                "Text just before the quote: with the suffix, enough to make prefix, quote and "
                "suffix occur once in the document's text (empty at its start)."
            )
        ),
    ]
    suffix: Annotated[
        str, Meta(description="Text just after the quote (empty at the document's end).")
    ]


class TextPositionSelector(Base, frozen=True, kw_only=True):
    """Where the quote stands in the document's text, in characters (W3C Web Annotation)."""

    start: Annotated[
        int,
        Meta(
            ge=0,
            description=(
                "Offset of the quote's first character, counted in Unicode code points from 0."
            ),
        ),
    ]
    end: Annotated[int, Meta(ge=0, description="Offset just after the quote's last character.")]


class QuoteSelector(Base, frozen=True, kw_only=True):
    """The quote's place in its source document's normalised text (markup removed, the
    PDF conversion's line breaks joined; served as /v1/downloads/source/text.txt), in the
    two selectors of the W3C Web Annotation Data Model; the build checks that both resolve
    to that one place."""

    text_quote: Annotated[
        TextQuoteSelector, Meta(description="The quote with unique context (TextQuoteSelector).")
    ]
    text_position: Annotated[
        TextPositionSelector,
        Meta(description="The quote's start and end offsets (TextPositionSelector)."),
    ]


class Source(Base, frozen=True, kw_only=True):
    """Where a record comes from: a verbatim quote and its place in the source document."""

    section_id: Annotated[Id, Meta(description="Id of the section the quote stands in.")]
    quote: Annotated[
        str,
        Meta(
            min_length=2,
            description=(
                "Verbatim text of the source document (markup and page-break line breaks removed)."
            ),
        ),
    ]
    line: Annotated[
        int,
        Meta(ge=1, description="Line of source.md on which the quote begins (1-based)."),
    ]
    document_id: Annotated[
        Id | None,
        Meta(
            description=(
                "Id of the dataset whose source document holds the quote; set by the build, "
                "so a series across several reports keeps each value's document."
            )
        ),
    ] = None
    selector: Annotated[
        QuoteSelector | None,
        Meta(
            description=(
                "The quote's place in the document's normalised text as W3C Web Annotation "
                "selectors; set by the build."
            )
        ),
    ] = None


class SectionEntry(Base, frozen=True, kw_only=True):
    """A section of the document outline as curated: where it starts and what it is called."""

    id: Id
    kind: Annotated[SectionKind, Meta(description="Level of the section in the outline.")]
    number: Annotated[
        str | None,
        Meta(
            description="The section's number as written in the source, e.g. '二', '（三）', '12.'."
        ),
    ] = None
    heading: Annotated[LocalizedText, Meta(description="Heading of the section.")]
    parent_id: Annotated[
        Id | None, Meta(description="Id of the enclosing section; null for the document.")
    ] = None
    line: Annotated[int, Meta(ge=1, description="Line of source.md on which the section begins.")]


class Section(SectionEntry, frozen=True, kw_only=True):
    """A section of the source document, with its text."""

    line_end: Annotated[int, Meta(ge=1, description="Last line of source.md within the section.")]
    text: Annotated[
        str,
        Meta(
            description=(
                "The section's own text in Chinese, page-break artefacts removed; "
                "text of child sections is not repeated."
            )
        ),
    ]
    report_id: ReportId = None


class Indicator(Base, frozen=True, kw_only=True):
    """A measured concept of the report, e.g. growth of the regional GDP."""

    id: Id
    name: Annotated[LocalizedText, Meta(description="Name of the indicator.")]
    category: Annotated[IndicatorCategory, Meta(description="Policy area of the indicator.")]
    unit: Annotated[
        str | None,
        Meta(description="Unit as written in the source, e.g. '%', '亿元', '座'; null if none."),
    ] = None
    headline: Annotated[
        bool,
        Meta(
            description=(
                "True for the report's main indicators (headline results and headline targets)."
            )
        ),
    ] = False
    order: Annotated[
        int,
        Meta(ge=1, description="Position of the indicator in the report (first quoted first)."),
    ]
    measure: Annotated[
        Measure,
        Meta(
            description=(
                "What every observation of the indicator measures: 'growth-rate', 'change' "
                "(percentage-point or absolute), 'level', 'count', 'share', 'rank' or "
                "'qualitative'."
            )
        ),
    ]
    base_unit: Annotated[
        BaseUnit | None,
        Meta(description="Unit of every base_value of the indicator; null when qualitative."),
    ] = None
    better: Annotated[
        Better | None,
        Meta(
            description=(
                "Which way the indicator counts as better, 'higher' or 'lower', from the "
                "report's rules.toml: how a target of it is checked against its outcome; "
                "null where no rule states it."
            )
        ),
    ] = None


class Observation(Base, frozen=True, kw_only=True):
    """One value of an indicator: an actual result, a target or a plan quantity."""

    id: Id
    indicator_id: Annotated[Id, Meta(description="Id of the indicator observed.")]
    period: Annotated[Period, Meta(description="Year the value refers to.")]
    kind: Annotated[
        ObservationKind,
        Meta(
            description=(
                "'actual' for results of the report's year, 'target' for the headline goals of "
                "the plan year, 'plan' for the plan year's work quantities."
            )
        ),
    ]
    value: Annotated[
        float | None,
        Meta(
            description=(
                "The number as written (decreases negative); the lower bound of a range "
                "(see value_upper); null for a qualitative statement."
            )
        ),
    ] = None
    unit: Annotated[str | None, Meta(description="Unit as written in the quote.")] = None
    qualifier: Annotated[
        Qualifier | None,
        Meta(
            description=(
                "'over' for 超/余/突破 (more than), 'at_least' for 以上, 'about' for 约, "
                "'at_most' for 以内/不超过; "
                "null when the value is exact or a range."
            )
        ),
    ] = None
    comparison: Annotated[
        Comparison | None,
        Meta(
            description=(
                "Basis of a change: 'year_on_year' (同比) or 'like_for_like' (同口径); "
                "null for levels and counts."
            )
        ),
    ] = None
    status: Annotated[
        LocalizedText | None,
        Meta(description="Wording of a qualitative statement; set when value is null."),
    ] = None
    note: Annotated[
        str | None,
        Meta(description="Our note in English, e.g. 'cumulative' or 'three-year total'."),
    ] = None
    source: Annotated[Source, Meta(description="Provenance of the value.")]
    measure: Annotated[Measure, Meta(description="What the value measures; its indicator's.")]
    unit_multiplier: Annotated[
        Annotated[int, Meta(ge=0)] | None,
        Meta(
            description=(
                "Power of ten carried by the written unit (万 → 4, 亿 → 8, 成 → 1, 倍 → 2, "
                "none → 0), as SDMX UNIT_MULT, so that base_value = value × 10^unit_multiplier; "
                "null for a qualitative statement."
            ),
        ),
    ] = None
    base_unit: Annotated[
        BaseUnit | None,
        Meta(description="The counted thing of base_value; null for a qualitative statement."),
    ] = None
    base_value: Annotated[
        float | None,
        Meta(
            description=(
                "The value in base_unit, always value × 10^unit_multiplier: 3.8 万座 → 38000 "
                "places; 七成 (value 7, multiplier 1) → 70 percent; 增长2.8倍 (value 2.8, "
                "multiplier 2) → 280 percent; null for a qualitative statement."
            )
        ),
    ] = None
    period_start: Annotated[
        int,
        Meta(
            ge=1900,
            le=2100,
            description="First year the value covers (three years back for 近三年).",
        ),
    ]
    period_end: Annotated[int, Meta(ge=1900, le=2100, description="Last year the value covers.")]
    period_start_stated: Annotated[
        bool,
        Meta(
            description=(
                "False for a running total (累计) whose start the source does not state: the "
                "value covers an unknown span of years ending in period_end, and period_start is "
                "then only the latest year the span can begin, not its start. True otherwise."
            )
        ),
    ] = True
    report_id: ReportId = None
    revised_by: Annotated[
        Id | None,
        Meta(
            description=(
                "Id of the observation of a later report that states the same indicator, "
                "period and kind again (a revised actual, a restated target); null when no "
                "report served does. Set by the server, from every report it serves."
            )
        ),
    ] = None
    # Last, so that the columns of the CSV and Parquet downloads before them keep their places.
    value_upper: Annotated[
        float | None,
        Meta(
            description=(
                "The upper bound of a range as written (增长5%—6%: value 5, value_upper 6), "
                "in the unit of value; value is then the lower bound. Null unless the quote "
                "states a range."
            )
        ),
    ] = None
    base_value_upper: Annotated[
        float | None,
        Meta(
            description=(
                "The upper bound of a range in base_unit, value_upper × 10^unit_multiplier "
                "(base_value is then the lower bound); null unless the quote states a range."
            )
        ),
    ] = None


class Mention(Base, frozen=True, kw_only=True):
    """What the report says of a project in one year."""

    year: Annotated[
        Year,
        Meta(
            description="The year of the report's part that mentions the project: results or plan."
        ),
    ]
    status: Annotated[MentionStatus, Meta(description="Controlled status of the project.")]
    status_text: Annotated[
        str, Meta(min_length=1, description="Status wording as written, e.g. '开工建设'.")
    ]
    source: Annotated[Source, Meta(description="Provenance of the mention.")]
    report_id: ReportId = None


class Project(Base, frozen=True, kw_only=True):
    """A named project, facility, site or programme of physical works."""

    id: Id
    name: Annotated[LocalizedText, Meta(description="Name of the project.")]
    category: Annotated[ProjectCategory, Meta(description="Kind of project.")]
    mentions: Annotated[
        tuple[Mention, ...],
        Meta(min_length=1, description="Every mention of the project, in source order."),
    ]


class GlossaryTerm(Base, frozen=True, kw_only=True):
    """An entry of the report's glossary (名词解释)."""

    id: Id
    number: Annotated[int, Meta(ge=1, description="Number of the entry in the glossary.")]
    term: Annotated[LocalizedText, Meta(description="The term.")]
    definition: Annotated[
        LocalizedText,
        Meta(description="Definition: Chinese verbatim (line breaks removed), English ours."),
    ]
    source: Annotated[Source, Meta(description="Provenance; the quote is the Chinese definition.")]
    report_id: ReportId = None


class License(Base, frozen=True, kw_only=True):
    """Licence of the compiled dataset."""

    id: Annotated[str, Meta(description="SPDX identifier, e.g. 'CC-BY-4.0'.")]
    url: Annotated[str, Meta(description="URL of the licence text.")]
    attribution: Annotated[LocalizedText, Meta(description="Attribution to give when reusing.")]


class Publisher(Base, frozen=True, kw_only=True):
    """The body that issued the source document."""

    name: Annotated[LocalizedText, Meta(description="Name of the body.")]
    url: Annotated[str | None, Meta(description="Home page of the body.")] = None


class SourceDocument(Base, frozen=True, kw_only=True):
    """The document the dataset is compiled from."""

    title: Annotated[LocalizedText, Meta(description="Title of the source document.")]
    file: Annotated[str, Meta(description="File name of the verbatim copy in the dataset.")]
    sha256: Annotated[
        str,
        Meta(pattern=r"^[0-9a-f]{64}$", description="sha256 of the verbatim copy."),
    ]
    language: Annotated[str, Meta(description="BCP 47 language tag of the document.")]


class Release(Base, frozen=True, kw_only=True):
    """A released version of the dataset."""

    version: Annotated[
        str, Meta(pattern=r"^\d+\.\d+\.\d+$", description="Semantic version of the release.")
    ]
    date: Annotated[str, Meta(description="Release date (ISO 8601).")]
    notes: Annotated[LocalizedText, Meta(description="What changed in this release.")]
    artifact_sha256: Annotated[
        str | None,
        Meta(
            description=(
                "sha256 of the release's artifact; null in the record files for the current "
                "release, whose hash the API reports as served."
            )
        ),
    ] = None


ChangedCollection = Literal["indicators", "observations", "projects", "glossary", "sections"]
ChangedValue = str | float | bool | None


class AddedRecord(Base, frozen=True, kw_only=True):
    """A record new in a release."""

    collection: Annotated[ChangedCollection, Meta(description="Collection of the record.")]
    id: Annotated[Id, Meta(description="Id of the new record.")]


class RemovedRecord(Base, frozen=True, kw_only=True):
    """A record a release removed, with what replaces it and why."""

    collection: Annotated[ChangedCollection, Meta(description="Collection of the record.")]
    id: Annotated[Id, Meta(description="Id of the removed record.")]
    replaced_by: Annotated[
        tuple[Id, ...],
        Meta(description="Ids (in any collection) that hold what it held; empty if none."),
    ] = ()
    reason: Annotated[str, Meta(min_length=3, description="Why it was removed, in English.")]


class RenamedRecord(Base, frozen=True, kw_only=True):
    """A record a release gave a new id; nothing else changed with the id."""

    collection: Annotated[ChangedCollection, Meta(description="Collection of the record.")]
    old_id: Annotated[Id, Meta(description="Id in the previous release.")]
    new_id: Annotated[Id, Meta(description="Id in this release.")]


class ValueChange(Base, frozen=True, kw_only=True):
    """A field of a record whose value a release changed."""

    collection: Annotated[ChangedCollection, Meta(description="Collection of the record.")]
    id: Annotated[Id, Meta(description="Id of the record in this release.")]
    field: Annotated[
        str,
        Meta(
            min_length=1,
            description="The field, e.g. 'unit_multiplier' or 'mentions[0].status'.",
        ),
    ]
    old: Annotated[ChangedValue, Meta(description="Value in the previous release.")] = None
    new: Annotated[ChangedValue, Meta(description="Value in this release.")] = None


class ChangeList(Base, frozen=True, kw_only=True):
    """What changed from the previous release to this one (changes.toml), as data."""

    version: Annotated[
        str, Meta(pattern=r"^\d+\.\d+\.\d+$", description="The release the changes made.")
    ]
    previous_version: Annotated[
        str, Meta(pattern=r"^\d+\.\d+\.\d+$", description="The release before it.")
    ]
    added: Annotated[tuple[AddedRecord, ...], Meta(description="Records new in it.")] = ()
    removed: Annotated[tuple[RemovedRecord, ...], Meta(description="Records it removed.")] = ()
    renamed: Annotated[
        tuple[RenamedRecord, ...], Meta(description="Records it gave a new id.")
    ] = ()
    values_changed: Annotated[
        tuple[ValueChange, ...], Meta(description="Values it changed, old → new.")
    ] = ()


class DatasetMeta(Base, frozen=True, kw_only=True):
    """Metadata of the dataset as curated in dataset.toml."""

    id: Id
    title: Annotated[LocalizedText, Meta(description="Title of the dataset.")]
    description: Annotated[LocalizedText, Meta(description="What the dataset holds.")]
    publisher: Annotated[Publisher, Meta(description="Issuing body of the source document.")]
    source_document: Annotated[SourceDocument, Meta(description="The source document.")]
    languages: Annotated[
        tuple[str, ...], Meta(description="BCP 47 tags of the languages of the dataset.")
    ]
    temporal_start: Annotated[str, Meta(description="First year covered (ISO 8601).")]
    temporal_end: Annotated[str, Meta(description="Last year covered (ISO 8601).")]
    spatial: Annotated[LocalizedText, Meta(description="Area covered.")]
    keywords: Annotated[tuple[LocalizedText, ...], Meta(description="Keywords in both languages.")]
    version: Annotated[
        str,
        Meta(pattern=r"^\d+\.\d+\.\d+$", description="Semantic version of the dataset."),
    ]
    release_date: Annotated[str, Meta(description="Release date of this version (ISO 8601).")]
    translation_note: Annotated[
        LocalizedText, Meta(description="Statement that English texts are unofficial.")
    ]
    license: Annotated[License, Meta(description="Licence of the compiled dataset.")]
    releases: Annotated[tuple[Release, ...], Meta(description="Every release, newest first.")]

    def periods(self) -> list[str]:
        """Every year the dataset covers, as the text a period is written in."""
        return [str(y) for y in range(int(self.temporal_start), int(self.temporal_end) + 1)]


class Dataset(DatasetMeta, frozen=True, kw_only=True):
    """Metadata of the published dataset, with the sizes of its collections."""

    counts: Annotated[dict[str, int], Meta(description="Number of records in each collection.")]


class Exclusion(Base, frozen=True, kw_only=True):
    """A rule that marks numbers of the source as not being data, with the reason."""

    pattern: Annotated[str, Meta(description="Regular expression over the normalised source.")]
    reason: Annotated[str, Meta(min_length=3, description="Why the matched numbers are not data.")]
    lines: Annotated[
        tuple[int, ...] | None,
        Meta(description="Restrict the rule to these source lines; null for everywhere."),
    ] = None


class SynonymGroup(Base, frozen=True, kw_only=True, omit_defaults=True):
    """Terms that search treats as one (synonyms.toml): our search aid, not the source's."""

    terms: Annotated[
        tuple[Annotated[str, Meta(min_length=1)], ...],
        Meta(min_length=2, description="Interchangeable terms, Chinese and English."),
    ]
    # Written only where a group has them, so that a group without keeps its form.
    broader: Annotated[
        tuple[Annotated[str, Meta(min_length=1)], ...],
        Meta(
            description=(
                "Terms that find the group's terms but are not found by them: a word that "
                "renders these and other terms too ('park' renders 公园 and 园区, an "
                "industrial park)."
            )
        ),
    ] = ()


class TargetRules(Base, frozen=True, kw_only=True):
    """rules.toml: how a target is checked against its outcome. Our rules, not the source's."""

    about_tolerance: Annotated[
        float,
        Meta(
            ge=0,
            le=1,
            description=(
                "How far an outcome may fall short of an 'about' (左右, 约) target and still meet "
                "it, as a fraction of the target (0.05: within 5 per cent of it)."
            ),
        ),
    ]
    range_tolerance: Annotated[
        float,
        Meta(
            ge=0,
            le=1,
            description=(
                "How far an outcome may miss the bound of a range target (5%—6%) that decides "
                "it and still meet it, as a fraction of that bound: the lower bound where higher "
                "counts as better, the upper where lower does (0: the bound as stated)."
            ),
        ),
    ] = 0.0
    better: Annotated[
        dict[str, Better],
        Meta(
            description=(
                "Which way each indicator counts as better, by indicator id: 'higher' or "
                "'lower'. Every indicator with a target or plan quantity needs one."
            )
        ),
    ] = {}


#: Version of the artifact's layout; the build writes it, the server checks it.
ARTIFACT_FORMAT = 1


class Artifact(Base, frozen=True, kw_only=True):
    """The compiled dataset: what the build writes and the API loads."""

    format: Annotated[int, Meta(description="Version of the artifact layout.")]
    dataset: Dataset
    sections: tuple[Section, ...]
    indicators: tuple[Indicator, ...]
    observations: tuple[Observation, ...]
    projects: tuple[Project, ...]
    glossary: tuple[GlossaryTerm, ...]
    synonyms: Annotated[
        tuple[SynonymGroup, ...],
        Meta(description="Groups of terms that search treats as one (synonyms.toml)."),
    ] = ()
    changes: Annotated[
        tuple[ChangeList, ...],
        Meta(description="What each release changed (changes.toml), newest first."),
    ] = ()
    rules: Annotated[
        TargetRules | None,
        Meta(description="How targets are checked against outcomes (rules.toml)."),
    ] = None


class ScaleWord(Base, frozen=True, kw_only=True):
    """A scale word that opens a written unit (万, 亿) and the power of ten it carries."""

    zh: Annotated[str, Meta(min_length=1, description="The scale word, e.g. '万'.")]
    multiplier: Annotated[int, Meta(ge=1, description="Its power of ten, e.g. 4.")]


class RatioWord(Base, frozen=True, kw_only=True):
    """A written unit that is a ratio (成, 倍): its base value is value × factor per cent,
    the factor a power of ten that the observation carries as its unit_multiplier."""

    zh: Annotated[str, Meta(min_length=1, description="The written unit, e.g. '倍'.")]
    factor: Annotated[float, Meta(gt=0, description="Percent per unit of the written value.")]
    rule: Annotated[str, Meta(min_length=3, description="The convention, in English.")]


class ComparisonMarker(Base, frozen=True, kw_only=True):
    """Words of the source that state a comparison basis."""

    comparison: Annotated[Comparison, Meta(description="The comparison basis stated.")]
    markers: Annotated[
        tuple[str, ...], Meta(min_length=1, description="Words that state it, e.g. '同比'.")
    ]


class SpanMarker(Base, frozen=True, kw_only=True):
    """Words of the source that make a value cover several years (近三年)."""

    zh: Annotated[str, Meta(min_length=1, description="The words, e.g. '近三年'.")]
    years: Annotated[int, Meta(ge=2, description="Years covered, ending in the reference year.")]


class Term(Base, frozen=True, kw_only=True):
    """The one English rendering of a Chinese term."""

    zh: Annotated[str, Meta(min_length=1, description="The Chinese term.")]
    en: Annotated[str, Meta(min_length=1, description="Its English rendering, everywhere.")]


class LooseRuns(Base, frozen=True, kw_only=True):
    """Chinese runs shared by several names whose English rightly differs, with the reason."""

    runs: Annotated[tuple[str, ...], Meta(min_length=1, description="The Chinese runs.")]
    reason: Annotated[str, Meta(min_length=3, description="Why no one rendering applies.")]


class TermsTable(Base, frozen=True, kw_only=True):
    """terms.toml: base units, scale and ratio words, comparison and span markers, terms."""

    units: tuple[BaseUnit, ...]
    scales: tuple[ScaleWord, ...]
    ratios: tuple[RatioWord, ...]
    comparisons: tuple[ComparisonMarker, ...]
    spans: tuple[SpanMarker, ...]
    terms: tuple[Term, ...]
    loose_runs: tuple[LooseRuns, ...] = ()
