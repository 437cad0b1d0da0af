"""The landing page at ``/``: what the dataset is and what it says, for people and search engines.

Server-rendered HTML in Chinese (``?lang=en`` for English) with the headline
indicators as a table and as an SVG chart, the projects counted by category,
links to everything a portal or a developer needs, and schema.org ``Dataset``
JSON-LD. It loads nothing from another host: the stylesheet is ours, the
chart is inline SVG and there is no script to run.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from html import escape
from typing import Annotated, Any, Literal

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import QueryParameter

from longgang_api.declarations import INDICATORS, PROJECTS
from longgang_api.docs import HTML_CSP
from longgang_api.envelopes import IndicatorDetail
from longgang_api.http_caching import respond
from longgang_api.links import LINKS
from longgang_api.listing import check_single
from longgang_api.model import Dataset, Observation
from longgang_api.served import Served

Lang = Literal["zh", "en"]
_ACTUAL, _TARGET = "#2a6f97", "#b4232a"
_PROJECT_CATEGORIES = {
    "education": ("教育", "Education"),
    "health": ("医疗卫生", "Health"),
    "research": ("科研平台", "Research"),
    "industrial-park": ("产业园区", "Industrial parks"),
    "enterprise": ("企业项目", "Enterprise projects"),
    "commercial": ("商业", "Commerce"),
    "culture": ("文化", "Culture"),
    "sports": ("体育", "Sports"),
    "park-greenery": ("公园绿化", "Parks and greenery"),
    "water-environment": ("水环境", "Water environment"),
    "rail": ("轨道交通", "Rail"),
    "road": ("道路", "Roads"),
    "transport-hub": ("交通枢纽", "Transport hubs"),
    "energy-utilities": ("能源与市政", "Energy and utilities"),
    "housing-welfare": ("住房与民生", "Housing and welfare"),
    "urban-renewal": ("城市更新", "Urban renewal"),
    "public-service": ("公共服务", "Public services"),
    "finance": ("金融", "Finance"),
    "platform": ("平台", "Platforms"),
    "zone": ("片区与示范区", "Zones and areas"),
}
# The report's own words (issuer, title, years) come from the dataset: see ``_words``.
_TEXT = {
    "lead": (
        "本数据集整理自{publisher_zh}发布的《{document_zh}》，每个数值都附有原文引文、所在章节和行号。",
        "Compiled from “{document_en}”, issued by {publisher_en}; every value carries its "
        "verbatim quote, section and line.",
    ),
    "headline": ("主要指标", "Headline indicators"),
    "indicator": ("指标", "Indicator"),
    "actual": ("{actual}年完成", "{actual} actual"),
    "target": ("{target}年目标", "{target} target"),
    "chart": (
        "{actual}年完成与{target}年目标（%）",
        "{actual} actual beside the {target} target (%)",
    ),
    "projects": ("项目（按类别）", "Projects by category"),
    "category": ("类别", "Category"),
    "count": ("项目数", "Projects"),
    "use": ("使用数据", "Use the data"),
    "counts": ("数据集包含", "The dataset holds"),
    "licence": ("许可", "Licence"),
    "note": ("说明", "Note"),
}
STYLESHEET = """
:root { color-scheme: light; --ink: #1d2733; --muted: #5b6775; --line: #d9dee4;
  --accent: #b4232a; --accent2: #2a6f97; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, -apple-system, "PingFang SC", "Noto Sans CJK SC",
  "Microsoft YaHei", sans-serif; color: var(--ink); line-height: 1.6; background: #fafbfc; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
header { display: flex; flex-wrap: wrap; justify-content: space-between; gap: .5rem;
  align-items: baseline; }
h1 { font-size: 1.5rem; line-height: 1.3; margin: .5rem 0; }
h2 { font-size: 1.15rem; margin: 2rem 0 .75rem; border-bottom: 2px solid var(--line); }
p.lead { color: var(--muted); }
nav.lang a { margin-left: .5rem; }
a { color: var(--accent2); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--line); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: 0; background: #fff; border: 1px solid var(--line); padding: .75rem; }
figure svg { width: 100%; max-width: 36rem; height: auto; display: block; }
figcaption { color: var(--muted); font-size: .9rem; }
ul.links { padding-left: 1.1rem; columns: 2 16rem; }
dl.counts { display: grid; grid-template-columns: repeat(auto-fit, minmax(8rem, 1fr)); gap: .5rem; }
dl.counts div { background: #fff; border: 1px solid var(--line); padding: .5rem .75rem; }
dl.counts dt { color: var(--muted); font-size: .85rem; }
dl.counts dd { margin: 0; font-size: 1.4rem; font-weight: 600; }
p.qualitative { background: #fff; border: 1px solid var(--line); padding: .5rem .75rem; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85rem; }
"""


def _number(observation: Observation | None) -> str:
    if observation is None:
        return "—"
    if observation.value is None:
        return observation.status.zh if observation.status else "—"
    return f"{observation.value:g}{observation.unit or ''}"


def _label(observation: Observation | None, lang: Lang) -> str:
    if observation is not None and observation.value is None and observation.status is not None:
        return observation.status.zh if lang == "zh" else observation.status.en
    if lang == "en" and observation is not None and observation.base_unit is not None:
        # English readers get the base unit's English label, never a Chinese unit.
        if observation.base_unit.code == "percent":
            return f"{observation.base_value:g}%"
        return f"{observation.base_value:g} {observation.base_unit.en}"
    return _number(observation)


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


def _numeric(row: HeadlineRow) -> bool:
    return any(o is not None and o.value is not None for o in (row.actual, row.target))


Words = dict[str, tuple[str, str]]


def _words(meta: Dataset, rows: list[HeadlineRow]) -> Words:
    """The page's texts with the dataset's issuer, title and years filled in."""
    fields = {
        "publisher_zh": meta.publisher.name.zh,
        "publisher_en": meta.publisher.name.en,
        "document_zh": meta.source_document.title.zh,
        "document_en": meta.source_document.title.en,
        "actual": next((r.actual.period for r in rows if r.actual), meta.temporal_start),
        "target": next((r.target.period for r in rows if r.target), meta.temporal_end),
    }
    return {key: (zh.format(**fields), en.format(**fields)) for key, (zh, en) in _TEXT.items()}


def chart_svg(rows: list[HeadlineRow], lang: Lang, words: Words) -> str:
    """Bars of the 2023 actual beside the 2024 target, each indicator's name above its bars.

    Names stand above the bars rather than beside them so the chart stays
    legible when a phone scales it down.
    """
    numeric = [r for r in rows if _numeric(r)]
    values = [
        o.value
        for r in numeric
        for o in (r.actual, r.target)
        if o is not None and o.value is not None
    ]
    low, high = min([0.0, *values]), max([0.0, *values])
    width, margin, label_room, row_height = 480, 12, 120, 76
    plot = width - 2 * margin - label_room
    height = 36 + row_height * len(numeric)

    def x(value: float) -> float:
        return margin + label_room / 2 + (value - low) / ((high - low) or 1) * plot

    title = escape(words["chart"][lang == "en"])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="chart-title"><title id="chart-title">{title}</title>'
    ]
    for index, (colour, key) in enumerate(((_ACTUAL, "actual"), (_TARGET, "target"))):
        x0 = margin + index * 150
        parts.append(f'<rect x="{x0}" y="6" width="14" height="14" fill="{colour}"/>')
        parts.append(
            f'<text x="{x0 + 20}" y="18" font-size="15" fill="#1d2733">'
            f"{escape(words[key][lang == 'en'])}</text>"
        )
    zero = x(0)
    for position, row in enumerate(numeric):
        top = 36 + position * row_height
        name = row.indicator.name.zh if lang == "zh" else row.indicator.name.en
        parts.append(
            f'<text x="{margin}" y="{top + 16}" font-size="15" fill="#1d2733">{escape(name)}</text>'
        )
        bars = ((row.actual, _ACTUAL), (row.target, _TARGET))
        for offset, (observation, colour) in enumerate(bars):
            y = top + 24 + offset * 22
            if observation is None or observation.value is None:
                parts.append(
                    f'<text x="{zero + 4:.1f}" y="{y + 15}" font-size="14" fill="#5b6775">—</text>'
                )
                continue
            end = x(observation.value)
            start, span = min(zero, end), max(abs(end - zero), 1)
            parts.append(
                f'<rect x="{start:.1f}" y="{y}" width="{span:.1f}" height="18" fill="{colour}"/>'
            )
            if observation.value >= 0:
                anchor, label_x = "start", max(zero, end) + 5
            else:
                anchor, label_x = "end", start - 5
            parts.append(
                f'<text x="{label_x:.1f}" y="{y + 15}" font-size="14" text-anchor="{anchor}" '
                f'fill="#1d2733">{escape(_number(observation))}</text>'
            )
    parts.append(
        f'<line x1="{zero:.1f}" y1="54" x2="{zero:.1f}" y2="{height - 4}" '
        'stroke="#5b6775" stroke-width="1"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


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
        "identifier": f"{base}/v1/dataset",
        "keywords": [k.zh for k in meta.keywords] + [k.en for k in meta.keywords],
        "license": meta.license.url,
        "creator": publisher,
        "publisher": publisher,
        "includedInDataCatalog": {
            "@type": "DataCatalog",
            "name": "Longgang Open Data",
            "alternateName": "龙岗开放数据",
            "url": f"{base}/v1/catalog",
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
                "contentUrl": f"{base}/v1/downloads/{name}",
                "contentSize": f"{len(download.data)} B",
                "sha256": download.sha256,
            }
            for name, download in served.downloads.files.items()
        ],
    }


def render(served: Served, lang: Lang) -> str:
    meta = served.dataset.artifact.dataset
    en = lang == "en"

    rows = headline_rows(served)
    words = _words(meta, rows)

    def t(key: str) -> str:
        return escape(words[key][en])

    def name(row: HeadlineRow) -> str:
        return escape(row.indicator.name.en if en else row.indicator.name.zh)

    table_rows = "".join(
        f"<tr><td>{name(r)}</td>"
        f'<td class="num">{escape(_label(r.actual, lang))}</td>'
        f'<td class="num">{escape(_label(r.target, lang))}</td></tr>'
        for r in rows
        if _numeric(r)
    )
    colon = ": " if en else "："
    qualitative = "".join(
        f'<p class="qualitative"><strong>{name(r)}</strong><br>'
        f"{t('actual')}{colon}{escape(_label(r.actual, lang))}<br>"
        f"{t('target')}{colon}{escape(_label(r.target, lang))}</p>"
        for r in rows
        if not _numeric(r)
    )
    categories = Counter(p.category for p in served.collections[PROJECTS.name].records)
    project_rows = "".join(
        f"<tr><td>{escape(_PROJECT_CATEGORIES.get(c, (c, c))[en])}</td>"
        f'<td class="num">{n}</td></tr>'
        for c, n in sorted(categories.items(), key=lambda item: (-item[1], item[0]))
    )
    counts = meta.counts
    count_items = (
        ("indicators", "指标", "Indicators"),
        ("observations", "观测值", "Observations"),
        ("projects", "项目", "Projects"),
        ("mentions", "项目提及", "Project mentions"),
        ("glossary", "名词解释", "Glossary terms"),
        ("sections", "章节", "Sections"),
    )
    count_html = "".join(
        f"<div><dt>{escape(en_label if en else zh_label)}</dt><dd>{counts.get(key, 0)}</dd></div>"
        for key, zh_label, en_label in count_items
    )
    links = "".join(
        f'<li><a href="{href}">{escape(en_text if en else zh_text)}</a></li>'
        for href, zh_text, en_text in ((k.href, k.zh, k.en) for k in LINKS if k.on_landing)
    )
    downloads = "".join(
        f'<li><a href="/v1/downloads/{escape(name)}">{escape(name)}</a> '
        f"({len(d.data) // 1024} KB)</li>"
        for name, d in served.downloads.files.items()
    )
    title = meta.title.en if en else meta.title.zh
    base = escape(served.public_base_url)
    json_ld = json.dumps(schema_org(served, rows), ensure_ascii=False).replace("</", "<\\/")
    switch = (
        '<a href="/">中文</a> · <strong>English</strong>'
        if en
        else '<strong>中文</strong> · <a href="/?lang=en">English</a>'
    )
    return f"""<!doctype html>
<html lang="{"en" if en else "zh-Hans"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<meta name="description" content="{escape(meta.description.en if en else meta.description.zh)}">
<link rel="canonical" href="{base}/{"?lang=en" if en else ""}">
<link rel="alternate" hreflang="zh-Hans" href="{base}/">
<link rel="alternate" hreflang="en" href="{base}/?lang=en">
<link rel="alternate" hreflang="x-default" href="{base}/">
<link rel="stylesheet" href="/site.css">
<link rel="alternate" type="application/ld+json" href="/v1/catalog.jsonld" title="DCAT-AP">
<link rel="alternate" type="text/turtle" href="/v1/catalog.ttl" title="DCAT-AP catalogue">
<link rel="describedby" type="application/json" href="/v1/datapackage.json">
<script type="application/ld+json">{json_ld}</script>
</head>
<body>
<main>
<header><h1>{escape(title)}</h1><nav class="lang">{switch}</nav></header>
<p class="lead">{t("lead")}</p>
<h2>{t("headline")}</h2>
<div class="scroll"><table id="headline">
<thead><tr><th>{t("indicator")}</th><th class="num">{t("actual")}</th>
<th class="num">{t("target")}</th></tr></thead>
<tbody>{table_rows}</tbody></table></div>
{qualitative}
<h2>{t("chart")}</h2>
<figure>{chart_svg(rows, lang, words)}
<figcaption>{escape(meta.source_document.title.zh)}</figcaption></figure>
<h2>{t("counts")}</h2>
<dl class="counts">{count_html}</dl>
<h2>{t("projects")}</h2>
<div class="scroll"><table id="projects">
<thead><tr><th>{t("category")}</th><th class="num">{t("count")}</th></tr></thead>
<tbody>{project_rows}</tbody></table></div>
<h2>{t("use")}</h2>
<ul class="links">{links}</ul>
<ul class="links">{downloads}</ul>
<footer>
<p>{t("licence")}: <a href="{escape(meta.license.url)}">{escape(meta.license.id)}</a> —
{escape(meta.license.attribution.en if en else meta.license.attribution.zh)}</p>
<p>{t("note")}: {escape(meta.translation_note.en if en else meta.translation_note.zh)}
{escape(meta.publisher.name.en if en else meta.publisher.name.zh)} ·
v{escape(meta.version)} · {escape(meta.release_date)}</p>
</footer>
</main>
</body>
</html>
"""


class LandingController(Controller):
    path = "/"
    include_in_schema = False

    @get("/")
    async def landing(
        self,
        request: Request[Any, Any, Any],
        served: NamedDependency[Served],
        lang: Annotated[Lang, QueryParameter(description="Language of the page.")] = "zh",
    ) -> Response[bytes]:
        check_single(request, frozenset({"lang"}), frozenset())
        page = render(served, lang).encode()
        response = respond(request, served.cache, f"landing|{lang}", "text/html", lambda: page)
        response.headers["Content-Security-Policy"] = HTML_CSP
        response.headers["Content-Language"] = "en" if lang == "en" else "zh-Hans"
        return response

    @get("/site.css")
    async def stylesheet(
        self, request: Request[Any, Any, Any], served: NamedDependency[Served]
    ) -> Response[bytes]:
        check_single(request, frozenset(), frozenset())
        css = STYLESHEET.encode()
        return respond(request, served.cache, "site.css", "text/css", lambda: css)
