"""The landing page at ``/``: what the dataset is and what it says, for people and search engines.

Rendered from ``pages/templates/landing.html`` on the pages' base layout, in
Chinese or English (``?lang=``, else ``Accept-Language``): the headline
indicators as a table and as an SVG chart, each linking to its page, the
projects counted by category, each count linking to the list, links to
everything a portal or a developer needs, and schema.org ``Dataset`` JSON-LD.
It loads nothing from another host: the stylesheet is ours, the chart is
inline SVG and there is no script to run.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from longgang_api.data import media_types
from longgang_api.data.envelopes import IndicatorDetail
from longgang_api.data.model import Dataset, Observation
from longgang_api.engine.declarations import INDICATORS, PROJECTS, TARGETS
from longgang_api.pages import texts
from longgang_api.pages.chart import BarInput, Chart, GroupInput, bar_chart
from longgang_api.pages.figures import shown_number, value_text
from longgang_api.pages.language import Lang
from longgang_api.pages.rendering import render
from longgang_api.pages.structured_data import script_data
from longgang_api.web import links
from longgang_api.web.links import LINKS, site_link
from longgang_api.web.served import Served


@dataclass(frozen=True, slots=True)
class HeadlineRow:
    indicator: IndicatorDetail
    actual: Observation | None
    target: Observation | None


def headline_rows(served: Served) -> list[HeadlineRow]:
    rows = []
    for indicator in served.collections[INDICATORS.name].records:
        if not indicator.headline:
            continue
        actual = next((o for o in indicator.observations if o.kind == "actual"), None)
        target = next((o for o in indicator.observations if o.kind == "target"), None)
        rows.append(HeadlineRow(indicator, actual, target))
    # Figures first, in the report's own order; the qualitative line last.
    return sorted(
        rows, key=lambda r: (r.actual is None or r.actual.value is None, r.indicator.order)
    )


Words = dict[str, str]


def _words(meta: Dataset, rows: list[HeadlineRow], lang: Lang) -> Words:
    """The page's texts in ``lang`` with the dataset's issuer, title and years filled in."""
    fields = {
        "publisher_zh": meta.publisher.name.zh,
        "publisher_en": meta.publisher.name.en,
        "document_zh": meta.source_document.title.zh,
        "document_en": meta.source_document.title.en,
        "actual": next((r.actual.period for r in rows if r.actual), meta.temporal_start),
        "target": next((r.target.period for r in rows if r.target), meta.temporal_end),
    }
    return {key: pair[lang == "en"].format(**fields) for key, pair in texts.LANDING.items()}


def _numeric(row: HeadlineRow) -> bool:
    return any(o is not None and o.value is not None for o in (row.actual, row.target))


def headline_chart(rows: list[HeadlineRow], lang: Lang, words: Words) -> Chart:
    """Bars of the 2023 actual beside the 2024 target, each indicator's name above its bars."""
    en = lang == "en"
    groups = [
        GroupInput(
            r.indicator.name.en if en else r.indicator.name.zh,
            [
                BarInput(shown_number(o, lang) if o else None, value_text(o, lang), kind)
                for o, kind in ((r.actual, "actual"), (r.target, "target"))
            ],
        )
        for r in rows
        if _numeric(r)
    ]
    legend = [("actual", words["actual"]), ("target", words["target"])]
    return bar_chart(words["chart"], groups, legend)


def schema_org(served: Served, rows: list[HeadlineRow]) -> dict[str, Any]:
    meta = served.dataset.artifact.dataset
    base = served.public_base_url
    publisher = {
        "@type": "Organization",
        "name": meta.publisher.name.en,
        "alternateName": meta.publisher.name.zh,
        "url": meta.publisher.url,
    }
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": meta.title.en,
        "alternateName": meta.title.zh,
        "description": f"{meta.description.en} {meta.translation_note.en}",
        "url": f"{base}/",
        "identifier": base + links.href(links.DATASET),
        "keywords": [k.zh for k in meta.keywords] + [k.en for k in meta.keywords],
        "license": meta.license.url,
        "creator": publisher,
        "publisher": publisher,
        "includedInDataCatalog": {
            "@type": "DataCatalog",
            "name": "Longgang Open Data",
            "alternateName": "龙岗开放数据",
            "url": base + links.href(links.CATALOG),
        },
        "citation": {
            "@type": "Report",
            "name": meta.source_document.title.zh,
            "alternateName": meta.source_document.title.en,
            "author": publisher,
            "inLanguage": meta.source_document.language,
        },
        "temporalCoverage": f"{meta.temporal_start}/{meta.temporal_end}",
        "spatialCoverage": {"@type": "Place", "name": meta.spatial.en},
        "inLanguage": list(meta.languages),
        "version": meta.version,
        "datePublished": meta.release_date,
        "dateModified": meta.release_date,
        "isAccessibleForFree": True,
        "variableMeasured": [
            {
                "@type": "PropertyValue",
                "name": r.indicator.name.en,
                "alternateName": r.indicator.name.zh,
            }
            for r in rows
        ],
        "distribution": [
            {
                "@type": "DataDownload",
                "name": name,
                "encodingFormat": download.media_type,
                "contentUrl": base + links.download_href(name),
                "contentSize": f"{len(download.data)} B",
                "sha256": download.sha256,
            }
            for name, download in served.downloads.files.items()
        ],
    }


def render_landing(served: Served, lang: Lang) -> str:
    meta = served.dataset.artifact.dataset
    en = lang == "en"
    rows = headline_rows(served)
    words = _words(meta, rows, lang)
    categories = Counter(p.category for p in served.collections[PROJECTS.name].records)
    # The ledger's summary: for each year, how many targets each verdict has.
    ledger = Counter((t.period, t.verdict) for t in served.collections[TARGETS.name].records)
    return render(
        "landing.html",
        lang,
        "/",
        base_url=served.public_base_url,
        title=meta.title.en if en else meta.title.zh,
        description=meta.description.en if en else meta.description.zh,
        lead=words["lead"],
        words=words,
        numeric_rows=[_shown(r, lang) for r in rows if _numeric(r)],
        qualitative_rows=[_shown(r, lang) for r in rows if not _numeric(r)],
        headline_chart=headline_chart(rows, lang, words),
        counts=[(key, texts.pick(texts.UI[label], lang)) for key, label in texts.COUNTS.items()],
        categories=sorted(categories.items(), key=lambda item: (-item[1], item[0])),
        ledger_years=sorted({period for period, _ in ledger}),
        ledger_verdicts=[v for v in texts.VERDICT if any(k[1] == v for k in ledger)],
        ledger=ledger,
        links=[(link.href, link.en if en else link.zh) for link in LINKS if link.on_landing],
        downloads=[(name, len(d.data) // 1024) for name, d in served.downloads.files.items()],
        meta=meta,
        json_ld=script_data(schema_org(served, rows)),
        # Named as in the links above, in the page's language: the two are one catalogue
        # in two formats, so each name says its format.
        alternates=[
            (media_types.JSON_LD, links.href(links.CATALOG_JSONLD), _link_name("catalog", lang)),
            (
                media_types.TURTLE,
                links.href(links.CATALOG_TURTLE),
                _link_name("catalog-turtle", lang),
            ),
            # Feed readers find a site's feed by this link in the page's head.
            (media_types.ATOM, links.href(links.RELEASES_FEED), _link_name("releases-feed", lang)),
        ],
    )


def _link_name(rel: str, lang: Lang) -> str:
    link = site_link(rel)
    return link.en if lang == "en" else link.zh


@dataclass(frozen=True, slots=True)
class _Shown:
    """A headline row with its figures as the page writes them."""

    indicator: IndicatorDetail
    actual_text: str
    target_text: str


def _shown(row: HeadlineRow, lang: Lang) -> _Shown:
    return _Shown(row.indicator, value_text(row.actual, lang), value_text(row.target, lang))
