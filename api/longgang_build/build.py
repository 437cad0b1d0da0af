"""Compile the curated record files into one immutable, verified artifact.

    python -m longgang_build.build [--dataset DIR ...] [--out DIR] [--license SPDX] [--check]

The build is pure: the same record files give a byte-identical artifact. It
refuses (exit status 1, every problem listed with its file, record id and
field) a quote that is not in the source, a repeated id, a dangling
reference, an unknown enum value, a value that disagrees with its own quote,
and any number of the source that is neither quoted by a record nor excluded
with a reason. Given several dataset folders (``--dataset`` once for each), it
builds each report, refuses reports that cannot stand together, and writes the
series' files (downloads, data package, catalogue) into ``<out>/series/``.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import re
import sys
import tomllib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import msgspec

from longgang_api.checkout import (
    BUILD,
    DATASETS,
    DEFAULT_DATASET_NAME,
    NoDatasetFolder,
    checkout_folder,
)
from longgang_api.data.built import MANIFEST, folder_of
from longgang_api.data.licences import LICENCES
from longgang_api.data.model import (
    ARTIFACT_FORMAT,
    Artifact,
    Base,
    ChangeList,
    Dataset,
    DatasetMeta,
    Exclusion,
    GlossaryTerm,
    Indicator,
    License,
    Observation,
    Project,
    QuoteSelector,
    Section,
    SectionEntry,
    Source,
    SynonymGroup,
    TargetRules,
    TermsTable,
)
from longgang_api.data.series import series_problems
from longgang_api.data.source_text import QuoteNotFound, SourceText, Spans, values_in
from longgang_build import chinese_numerals, measures, provenance
from longgang_build.derived import write_derived, write_series

DEFAULT_DATASET = DATASETS / DEFAULT_DATASET_NAME
DEFAULT_OUT = BUILD


def dataset_folder(name_or_path: str | Path) -> Path:
    """A folder under ``datasets/`` by its name, else the path as given."""
    try:
        return checkout_folder(name_or_path)
    except NoDatasetFolder as error:
        # argparse prints this message as the one error line, with the usage.
        raise argparse.ArgumentTypeError(str(error)) from None


def artifact_name(dataset_id: str) -> str:
    """The artifact is named for its dataset; the server finds it as ``build/<DATASET>.json``."""
    return f"{dataset_id}.json"


T = TypeVar("T")
S = TypeVar("S", bound=msgspec.Struct)


@dataclass(frozen=True, slots=True)
class Problem:
    """One reason the build refuses its input."""

    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: record {self.record!r}: {self.field}: {self.message}"


class BuildError(Exception):
    """The record files are not publishable; ``problems`` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a successful build produced."""

    artifact: Artifact
    data: bytes
    sha256: str
    counts: dict[str, int]
    #: The verified source document, from which the /source page is laid out.
    source: SourceText = dataclasses.field(repr=False)


class _Sections(Base, frozen=True, kw_only=True):
    sections: tuple[SectionEntry, ...]


class _Indicators(Base, frozen=True, kw_only=True):
    indicators: tuple[Indicator, ...]


class _Observations(Base, frozen=True, kw_only=True):
    observations: tuple[Observation, ...]


class _Projects(Base, frozen=True, kw_only=True):
    projects: tuple[Project, ...]


class _Glossary(Base, frozen=True, kw_only=True):
    glossary: tuple[GlossaryTerm, ...]


class _Synonyms(Base, frozen=True, kw_only=True):
    synonyms: tuple[SynonymGroup, ...]


class _Changes(Base, frozen=True, kw_only=True):
    changes: tuple[ChangeList, ...]


class _Exclusions(Base, frozen=True, kw_only=True):
    exclusions: tuple[Exclusion, ...]


_PATH_INDEX = re.compile(r"^\$\.(\w+)\[(\d+)\]\.?(.*)$")


def _decode(path: Path, type_: type[T]) -> T:
    """Decode one TOML file, naming the record and field on failure."""
    raw = path.read_bytes()
    try:
        return msgspec.toml.decode(raw, type=type_)
    except msgspec.ValidationError as error:
        message = str(error)
        record, field = "-", "-"
        at = message.rfind(" - at `")
        if at != -1:
            where = message[at + len(" - at `") : -1]
            message = message[:at]
            match = _PATH_INDEX.match(where)
            if match:
                collection, index, field = match.groups()
                rows = tomllib.loads(raw.decode()).get(collection, [])
                row = rows[int(index)] if int(index) < len(rows) else {}
                record = str(row.get("id", f"#{int(index) + 1}"))
                field = field or "-"
            else:
                field = where
        raise BuildError([Problem(path.name, record, field, message)]) from None
    except (msgspec.DecodeError, tomllib.TOMLDecodeError) as error:
        raise BuildError([Problem(path.name, "-", "-", f"not valid TOML: {error}")]) from None


@dataclass(frozen=True, slots=True)
class Records:
    """The decoded record files of a dataset folder."""

    meta: DatasetMeta
    sections: tuple[SectionEntry, ...]
    indicators: tuple[Indicator, ...]
    observations: tuple[Observation, ...]
    projects: tuple[Project, ...]
    glossary: tuple[GlossaryTerm, ...]
    exclusions: tuple[Exclusion, ...]
    terms: TermsTable
    source: SourceText
    source_sha256: str
    #: Name of the dataset folder, which must be the dataset's id.
    folder: str = ""
    #: synonyms.toml: search aids of ours, optional.
    synonyms: tuple[SynonymGroup, ...] = ()
    #: changes.toml: what each release changed, optional.
    changes: tuple[ChangeList, ...] = ()
    #: rules.toml: how targets are checked against outcomes; needed once a report has one.
    rules: TargetRules | None = None


def load_records(folder: Path) -> Records:
    """Decode every record file of ``folder``; raise :class:`BuildError` on any failure."""
    problems: list[Problem] = []

    def decode(name: str, type_: type[T]) -> T | None:
        try:
            return _decode(folder / name, type_)
        except BuildError as error:
            problems.extend(error.problems)
        except FileNotFoundError:
            problems.append(Problem(name, "-", "-", "file is missing"))
        return None

    meta = decode("dataset.toml", DatasetMeta)
    sections = decode("sections.toml", _Sections)
    indicators = decode("indicators.toml", _Indicators)
    observations = decode("observations.toml", _Observations)
    projects = decode("projects.toml", _Projects)
    glossary = decode("glossary.toml", _Glossary)
    exclusions = decode("exclusions.toml", _Exclusions)
    terms = decode("terms.toml", TermsTable)
    synonyms = decode("synonyms.toml", _Synonyms) if (folder / "synonyms.toml").exists() else None
    changes = decode("changes.toml", _Changes) if (folder / "changes.toml").exists() else None
    rules = decode("rules.toml", TargetRules) if (folder / "rules.toml").exists() else None
    if problems:
        raise BuildError(problems)
    assert meta and sections and indicators and observations and projects and glossary
    assert exclusions is not None and terms is not None
    source_bytes = (folder / meta.source_document.file).read_bytes()
    return Records(
        meta=meta,
        sections=sections.sections,
        indicators=indicators.indicators,
        observations=observations.observations,
        projects=projects.projects,
        glossary=glossary.glossary,
        exclusions=exclusions.exclusions,
        terms=terms,
        source=SourceText(source_bytes.decode("utf-8")),
        source_sha256=hashlib.sha256(source_bytes).hexdigest(),
        folder=folder.resolve().name,
        synonyms=synonyms.synonyms if synonyms is not None else (),
        changes=changes.changes if changes is not None else (),
        rules=rules,
    )


def _duplicates(file: str, ids: Iterable[str]) -> Iterator[Problem]:
    for id_, count in Counter(ids).items():
        if count > 1:
            yield Problem(file, id_, "id", f"id is used by {count} records")


def _sourced(records: Records) -> Iterator[tuple[str, str, str, Source]]:
    """Every (file, record id, field path, source) of the records that carry quotes."""
    for observation in records.observations:
        yield "observations.toml", observation.id, "source", observation.source
    for project in records.projects:
        for index, mention in enumerate(project.mentions):
            yield "projects.toml", project.id, f"mentions[{index}].source", mention.source
    for term in records.glossary:
        yield "glossary.toml", term.id, "source", term.source


def _section_ranges(records: Records) -> dict[str, tuple[int, int]]:
    """First and last source line of every section (children included)."""
    by_id = {s.id: s for s in records.sections}

    def depth(section: SectionEntry) -> int:
        level, current = 0, section
        while current.parent_id is not None and current.parent_id in by_id and level < 10:
            current, level = by_id[current.parent_id], level + 1
        return level

    depths = {s.id: depth(s) for s in records.sections}
    ordered = sorted(records.sections, key=lambda s: s.line)
    ranges: dict[str, tuple[int, int]] = {}
    for position, section in enumerate(ordered):
        end = records.source.line_count
        for later in ordered[position + 1 :]:
            if later.line > section.line and depths[later.id] <= depths[section.id]:
                end = later.line - 1
                break
        ranges[section.id] = (section.line, end)
    return ranges


#: The checked selectors of the quotes, by (quote, line): where the build located each.
Selectors = dict[tuple[str, int], QuoteSelector]


def check(records: Records) -> tuple[list[Problem], dict[str, int], Selectors]:
    """Every cross-record and provenance check; returns problems, the audit counts and the
    selectors of the quotes (each checked to resolve to its one place)."""
    problems: list[Problem] = []
    selectors: Selectors = {}
    meta = records.meta
    if records.source_sha256 != meta.source_document.sha256:
        problems.append(
            Problem(
                "dataset.toml",
                meta.id,
                "source_document.sha256",
                f"source file has sha256 {records.source_sha256}",
            )
        )
    latest = meta.releases[0] if meta.releases else None
    if latest is None or (latest.version, latest.date) != (meta.version, meta.release_date):
        problems.append(
            Problem(
                "dataset.toml",
                meta.id,
                "releases",
                "the first release must be this version, on this release date",
            )
        )
    problems += _check_coverage(records)
    problems += _check_rules(records)
    problems += _duplicates("sections.toml", (s.id for s in records.sections))
    problems += _duplicates("indicators.toml", (i.id for i in records.indicators))
    problems += _duplicates("observations.toml", (o.id for o in records.observations))
    problems += _duplicates("projects.toml", (p.id for p in records.projects))
    problems += _duplicates("glossary.toml", (g.id for g in records.glossary))

    section_ids = {s.id for s in records.sections}
    for section in records.sections:
        if section.parent_id is not None and section.parent_id not in section_ids:
            problems.append(
                Problem(
                    "sections.toml",
                    section.id,
                    "parent_id",
                    f"no section {section.parent_id!r}",
                )
            )
        if section.line > records.source.line_count:
            problems.append(Problem("sections.toml", section.id, "line", "beyond the source"))
    ranges = _section_ranges(records) if not problems else {}

    indicator_ids = {i.id for i in records.indicators}
    for observation in records.observations:
        if observation.indicator_id not in indicator_ids:
            problems.append(
                Problem(
                    "observations.toml",
                    observation.id,
                    "indicator_id",
                    f"no indicator {observation.indicator_id!r}",
                )
            )
        problems += _check_value(observation)
    for project in records.projects:
        for index, mention in enumerate(project.mentions):
            if mention.status_text not in mention.source.quote:
                problems.append(
                    Problem(
                        "projects.toml",
                        project.id,
                        f"mentions[{index}].status_text",
                        f"{mention.status_text!r} is not in the quote",
                    )
                )
    for term in records.glossary:
        if term.definition.zh != term.source.quote:
            problems.append(
                Problem("glossary.toml", term.id, "definition.zh", "differs from source.quote")
            )

    problems += _statistics(records)
    problems += _check_changes(records)
    spans: list[tuple[int, int]] = []
    first_position: dict[str, int] = {}
    observed = {o.id: o.indicator_id for o in records.observations}
    for file, record, field, source in _sourced(records):
        if source.section_id not in section_ids:
            problems.append(
                Problem(file, record, f"{field}.section_id", f"no section {source.section_id!r}")
            )
        try:
            spans.append(records.source.locate(source.quote, source.line))
            selectors[source.quote, source.line] = provenance.selector_of(records.source, source)
        except (QuoteNotFound, provenance.SelectorError) as error:
            problems.append(Problem(file, record, f"{field}.quote", str(error)))
            continue
        if file == "observations.toml":
            indicator = observed[record]
            first_position[indicator] = min(
                first_position.get(indicator, spans[-1][0]), spans[-1][0]
            )
        first, last = ranges.get(source.section_id, (0, 0))
        if ranges and not first <= source.line <= last:
            problems.append(
                Problem(
                    file,
                    record,
                    f"{field}.line",
                    f"line {source.line} is outside section {source.section_id!r} "
                    f"(lines {first}–{last})",
                )
            )
    problems += [Problem(*f) for f in measures.check_order(records.indicators, first_position)]
    audit_problems, audit = _audit(records, spans)
    return problems + audit_problems, audit, selectors


def _check_coverage(records: Records) -> Iterator[Problem]:
    """The folder is named for the dataset; every year is one the dataset covers."""
    meta = records.meta
    if records.folder and records.folder != meta.id:
        yield Problem("dataset.toml", meta.id, "id", f"differs from its folder {records.folder!r}")
    try:
        first, last = int(meta.temporal_start), int(meta.temporal_end)
    except ValueError:
        yield Problem("dataset.toml", meta.id, "temporal_start", "years must be whole numbers")
        return
    if first > last:
        yield Problem("dataset.toml", meta.id, "temporal_end", "ends before it starts")
    for file, record, field, source in _sourced(records):
        if source.document_id not in (None, meta.id):
            yield Problem(file, record, f"{field}.document_id", f"is not this dataset, {meta.id!r}")
    covered = f"outside the dataset's years {first}–{last}"
    for observation in records.observations:
        if not first <= int(observation.period) <= last:
            yield Problem("observations.toml", observation.id, "period", covered)
    for project in records.projects:
        for index, mention in enumerate(project.mentions):
            if not first <= mention.year <= last:
                yield Problem("projects.toml", project.id, f"mentions[{index}].year", covered)


def _check_rules(records: Records) -> Iterator[Problem]:
    """Every indicator with a target or plan quantity has a direction in rules.toml.

    Without one, no outcome can be called met or missed: the ledger of targets
    (``/v1/targets``) reads the direction from here.
    """
    indicators = {indicator.id for indicator in records.indicators}
    better = records.rules.better if records.rules is not None else {}
    for name in sorted(set(better) - indicators):
        yield Problem("rules.toml", name, "better", "names no indicator of indicators.toml")
    missing: dict[str, str] = {}
    for observation in records.observations:
        if observation.kind != "actual" and observation.indicator_id not in better:
            missing.setdefault(observation.indicator_id, observation.id)
    for indicator_id, observation_id in missing.items():
        yield Problem(
            "rules.toml" if records.rules is not None else "rules.toml (missing)",
            indicator_id,
            "better",
            f"the {observation_id} target has no direction: state better = 'higher' or 'lower'",
        )


def _statistics(records: Records) -> list[Problem]:
    """Units, measures, periods, comparisons and translations (see :mod:`measures`)."""
    terms = records.terms
    findings = [
        *measures.check_units(records.observations, terms),
        *measures.check_series(records.indicators, records.observations, terms),
        *measures.check_comparisons(records.observations, terms),
        *measures.check_periods(records.observations, terms),
        *measures.check_translations(
            records.indicators, records.projects, records.glossary, records.sections, terms
        ),
        *measures.check_shared_renderings(
            records.indicators, records.projects, records.glossary, terms
        ),
        *measures.check_spellings(records.indicators, records.projects, records.glossary),
    ]
    return [Problem(*finding) for finding in findings]


def _check_changes(records: Records) -> Iterator[Problem]:
    """Each change list follows a release, and every id it names exists, or is gone, as it says.

    Walking back from the records as they are, each list turns the ids of its release into
    those of the one before: what it added or renamed to must be there, what it removed or
    renamed from must not, and a value changed is of a record of its release.
    """
    file = "changes.toml"
    versions = [release.version for release in records.meta.releases]
    listed = [change.version for change in records.changes]
    if listed != versions[: len(listed)]:
        yield Problem(
            file, "-", "version", f"lists {listed}, not the releases {versions}, newest first"
        )
        return
    ids: dict[str, set[str]] = {
        "indicators": {i.id for i in records.indicators},
        "observations": {o.id for o in records.observations},
        "projects": {p.id for p in records.projects},
        "glossary": {g.id for g in records.glossary},
        "sections": {s.id for s in records.sections},
    }
    everything = set().union(*ids.values())
    for index, change in enumerate(records.changes):
        release = change.version
        before = versions[index + 1] if index + 1 < len(versions) else None
        if change.previous_version != before:
            yield Problem(file, release, "previous_version", f"the release before it is {before}")
        named = [
            *((a.collection, a.id, "added") for a in change.added),
            *((r.collection, r.new_id, "renamed.new_id") for r in change.renamed),
            *((v.collection, v.id, "values_changed") for v in change.values_changed),
        ]
        for collection, id_, field in named:
            if id_ not in ids[collection]:
                yield Problem(file, release, field, f"no {collection} record {id_!r} in {release}")
        for removed in change.removed:
            if removed.id in ids[removed.collection]:
                yield Problem(file, release, "removed", f"{removed.id!r} is still there")
            for successor in removed.replaced_by:
                if successor not in everything:
                    yield Problem(file, release, "removed.replaced_by", f"no record {successor!r}")
        for renamed in change.renamed:
            if renamed.old_id in ids[renamed.collection]:
                yield Problem(file, release, "renamed.old_id", f"{renamed.old_id!r} is still there")
        # The ids of the release before this one.
        for added in change.added:
            ids[added.collection].discard(added.id)
        for renamed in change.renamed:
            ids[renamed.collection].discard(renamed.new_id)
            ids[renamed.collection].add(renamed.old_id)
        for removed in change.removed:
            ids[removed.collection].add(removed.id)
        everything = set().union(*ids.values())


def _check_value(observation: Observation) -> Iterator[Problem]:
    if observation.value is None:
        if observation.status is None:
            yield Problem(
                "observations.toml", observation.id, "status", "a null value needs a status text"
            )
        if observation.value_upper is not None:
            yield Problem(
                "observations.toml", observation.id, "value_upper", "a range needs a value"
            )
        return
    if observation.status is not None:
        yield Problem(
            "observations.toml", observation.id, "status", "only a null value has a status text"
        )
    quote = observation.source.quote
    candidates = values_in(quote) | chinese_numerals.word_values(quote)
    stated = {"value": observation.value, "value_upper": observation.value_upper}
    for field, value in stated.items():
        if value is not None and not any(abs(abs(value) - v) < 1e-9 for v in candidates):
            yield Problem(
                "observations.toml",
                observation.id,
                field,
                f"{value:g} is not a number of its quote {observation.source.quote!r}",
            )
    yield from _check_range(observation)


def _check_range(observation: Observation) -> Iterator[Problem]:
    """A range (增长5%—6%) has its lower bound in value and its upper in value_upper."""
    upper = observation.value_upper
    if upper is None or observation.value is None:
        return
    if upper <= observation.value:
        yield Problem(
            "observations.toml",
            observation.id,
            "value_upper",
            f"{upper:g} is not above value {observation.value:g}: value is the lower bound",
        )
    if observation.qualifier is not None:
        # A range states both bounds: a qualifier would leave the ledger two rules to apply.
        yield Problem(
            "observations.toml",
            observation.id,
            "qualifier",
            "a range states its own bounds: no qualifier",
        )


def _audit(records: Records, quoted: list[tuple[int, int]]) -> tuple[list[Problem], dict[str, int]]:
    """Every number of the source must be quoted by a record or excluded with a reason."""
    text = records.source.text
    excluded: list[tuple[int, int]] = []
    problems: list[Problem] = []
    for index, rule in enumerate(records.exclusions):
        try:
            pattern = re.compile(rule.pattern)
        except re.error as error:
            problems.append(Problem("exclusions.toml", f"#{index + 1}", "pattern", str(error)))
            continue
        matches = [
            m.span()
            for m in pattern.finditer(text)
            if rule.lines is None or records.source.line_of[m.start()] in rule.lines
        ]
        if not matches:
            problems.append(
                Problem("exclusions.toml", f"#{index + 1}", "pattern", "matches no number")
            )
        excluded += matches
    counts = {"numbers": 0, "quoted_numbers": 0, "excluded_numbers": 0}
    counts |= {"chinese_numerals": 0, "quoted_chinese_numerals": 0, "excluded_chinese_numerals": 0}
    hits = [("numbers", hit) for hit in records.source.numbers()]
    hits += [("chinese_numerals", hit) for hit in chinese_numerals.statements(records.source)]
    in_quotes, in_exclusions = Spans(quoted), Spans(excluded)
    for kind, hit in hits:
        counts[kind] += 1
        if in_quotes.cover(hit.start, hit.end):
            counts[f"quoted_{kind}"] += 1
        elif in_exclusions.cover(hit.start, hit.end):
            counts[f"excluded_{kind}"] += 1
        else:
            context = text[max(0, hit.start - 12) : hit.end + 12].replace("\n", " ")
            problems.append(
                Problem(
                    "exclusions.toml",
                    f"line {hit.line}",
                    "audit",
                    f"{kind[:-1].replace('_', ' ')} {hit.text!r} in {context!r} "
                    "is in no quote and no exclusion",
                )
            )
    return problems, counts


def compile_sections(records: Records) -> tuple[Section, ...]:
    """Give every section its own text: from its start to the next section's start."""
    ordered = sorted(records.sections, key=lambda s: s.line)
    raw_lines = records.source.raw.split("\n")
    compiled: list[Section] = []
    for position, entry in enumerate(ordered):
        end = (
            ordered[position + 1].line - 1
            if position + 1 < len(ordered)
            else records.source.line_count
        )
        while end > entry.line and not raw_lines[end - 1].strip():
            end -= 1
        # Headings of the document, parts and sub-parts stand on their own line;
        # an item's number and title open its paragraph and belong to its text.
        first = entry.line if entry.kind == "item" else entry.line + 1
        start, stop = records.source.span_of_lines(first, end) if first <= end else (0, 0)
        fields = msgspec.structs.asdict(entry)
        compiled.append(
            Section(**fields, line_end=end, text=records.source.text[start:stop].strip())
        )
    return tuple(compiled)


def compile_artifact(records: Records, license_id: str | None = None) -> BuildResult:
    """Check ``records`` and compile them; raise :class:`BuildError` when refused."""
    problems, audit, selectors = check(records)
    if problems:
        raise BuildError(problems)
    meta = records.meta
    if license_id is not None and license_id != meta.license.id:
        if license_id not in LICENCES:
            known = ", ".join(sorted(LICENCES))
            raise BuildError(
                [Problem("--license", license_id, "id", f"unknown licence; known: {known}")]
            )
        meta = msgspec.structs.replace(
            meta,
            license=License(
                id=license_id, url=LICENCES[license_id].url, attribution=meta.license.attribution
            ),
        )
    counts = {
        "sections": len(records.sections),
        "indicators": len(records.indicators),
        "observations": len(records.observations),
        "projects": len(records.projects),
        "mentions": sum(len(p.mentions) for p in records.projects),
        "glossary": len(records.glossary),
        **audit,
    }

    better = records.rules.better if records.rules is not None else {}

    def sourced(record: S) -> S:
        # Every quote names its document, and every statement its report, so records of
        # several reports can stand together; and every quote carries its selectors.
        given: Source = record.source  # type: ignore[attr-defined]
        source = msgspec.structs.replace(
            given, document_id=meta.id, selector=selectors[given.quote, given.line]
        )
        return msgspec.structs.replace(record, source=source, report_id=meta.id)

    artifact = Artifact(
        format=ARTIFACT_FORMAT,
        dataset=Dataset(**msgspec.structs.asdict(meta), counts=counts),
        sections=tuple(
            msgspec.structs.replace(s, report_id=meta.id) for s in compile_sections(records)
        ),
        indicators=tuple(
            msgspec.structs.replace(i, better=better.get(i.id)) for i in records.indicators
        ),
        observations=tuple(sourced(o) for o in records.observations),
        projects=tuple(
            msgspec.structs.replace(p, mentions=tuple(sourced(m) for m in p.mentions))
            for p in records.projects
        ),
        glossary=tuple(sourced(g) for g in records.glossary),
        synonyms=records.synonyms,
        changes=records.changes,
        rules=records.rules,
    )
    data = msgspec.json.encode(artifact)
    return BuildResult(artifact, data, hashlib.sha256(data).hexdigest(), counts, records.source)


def check_series(artifacts: list[Artifact]) -> None:
    """Refuse reports that cannot be served together, as the server would refuse them."""
    ordered = sorted(
        artifacts,
        key=lambda a: (int(a.dataset.temporal_end), int(a.dataset.temporal_start), a.dataset.id),
    )
    found = series_problems(ordered)
    if found:
        raise BuildError([Problem("--series", "-", "-", problem) for problem in found])


def write(result: BuildResult, out: Path) -> Path:
    """Write the artifact, its ``.sha256`` beside it and the files derived from it in
    ``<out>/<id>/``; return the artifact's path."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / artifact_name(result.artifact.dataset.id)
    path.write_bytes(result.data)
    path.with_name(path.name + ".sha256").write_text(f"{result.sha256}  {path.name}\n")
    write_derived(path, result.artifact, result.data, result.sha256, result.source)
    return path


def write_reports(results: Sequence[BuildResult], out: Path) -> list[Path]:
    """Write each report's artifact and files; with several, the series' files too
    (``<out>/series/``). Return the artifacts' paths."""
    paths = [write(result, out) for result in results]
    if len(results) > 1:
        write_series(out, [(r.artifact, r.sha256, r.source) for r in results])
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m longgang_build.build", description=__doc__)
    parser.add_argument(
        "--dataset",
        type=dataset_folder,
        action="append",
        help=(
            "a folder name under datasets/ or a path to a dataset folder; given more than "
            f"once, the reports are also built together as a series (default: {DEFAULT_DATASET})"
        ),
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--license", default=None, help="SPDX id of the licence to publish under")
    parser.add_argument("--check", action="store_true", help="check only; write nothing")
    parser.add_argument(
        "--series",
        default="",
        help=(
            "the other reports served with this one, comma-separated folder names or paths: "
            "refuse what cannot stand beside them (an indicator whose measure or base unit "
            "differs, an id used for two different things)"
        ),
    )
    args = parser.parse_args(argv)
    folders: list[Path] = args.dataset or [DEFAULT_DATASET]
    try:
        results = [compile_artifact(load_records(folder), args.license) for folder in folders]
        others = [dataset_folder(name.strip()) for name in args.series.split(",") if name.strip()]
        check_series(
            [
                *(result.artifact for result in results),
                *(compile_artifact(load_records(f)).artifact for f in others),
            ]
        )
    except BuildError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"build refused: {len(error.problems)} problem(s)", file=sys.stderr)
        return 1
    for result in results:
        if len(results) > 1:
            print(f"{'report':>18}: {result.artifact.dataset.id}")
        for name, count in result.counts.items():
            print(f"{name:>18}: {count}")
        # Every quote located once and given its two selectors (the check refused any other).
        print(f"{'quote selectors':>18}: {sum(1 for _ in provenance.quoted(result.artifact))}")
        if not args.check:
            path = write(result, args.out)
            print(f"{'artifact':>18}: {path} sha256 {result.sha256}")
            print(f"{'derived files':>18}: {folder_of(path)}/{MANIFEST}")
    if len(results) > 1 and not args.check:
        manifest = write_series(args.out, [(r.artifact, r.sha256, r.source) for r in results])
        print(f"{'series files':>18}: {manifest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
