"""The words of the pages in Chinese and English (ours, unofficial), and labels of coded values."""

from __future__ import annotations

from longgang_api.data import vocabulary
from longgang_api.pages.language import Lang

Pair = tuple[str, str]

UI: dict[str, Pair] = {
    # The site serves whichever report its dataset folder holds, so its name names none.
    "site": ("龙岗开放数据", "Longgang Open Data"),
    "home": ("首页", "Home"),
    "indicators": ("指标", "Indicators"),
    "projects": ("项目", "Projects"),
    "glossary": ("名词解释", "Glossary"),
    "source": ("原文", "The source"),
    "targets": ("目标与完成情况", "Targets and outcomes"),
    "target": ("目标", "Target"),
    "actual": ("完成", "Actual"),
    "margin": ("差额", "Margin"),
    "verdict": ("结论", "Verdict"),
    "indicator": ("指标", "Indicator"),
    "in_source": ("见原文", "in the source"),
    "at_line": ("第 {} 行", "line {}"),
    "quote": ("原文引文", "Quote"),
    "line": ("行", "Line"),
    "year": ("年份", "Year"),
    "period": ("年份", "Year"),
    "kind": ("类型", "Kind"),
    "value": ("数值", "Value"),
    "unit": ("单位", "Unit"),
    "status": ("状态", "Status"),
    "category": ("类别", "Category"),
    "headline": ("主要指标", "Headline"),
    "name": ("名称", "Name"),
    "term": ("名词", "Term"),
    "definition": ("释义", "Definition"),
    "number": ("序号", "No."),
    "observations": ("观测值", "Observations"),
    "project_mentions": ("项目提及", "Project mentions"),
    "sections": ("章节", "Sections"),
    "mentions": ("报告中的提及", "Mentions in the report"),
    "chart": ("完成、目标与计划", "Actual, target and plan"),
    "no_figures": (
        "该指标没有数值，只有文字表述。",
        "This indicator has no figures, only wording.",
    ),
    "filter": ("筛选", "Filter"),
    "search": ("关键词", "Search"),
    "search_title": ("搜索", "Search"),
    "search_lead": (
        "在指标、项目、名词解释和原文章节中搜索",
        "Search indicators, projects, glossary and sections",
    ),
    "matched": ("匹配内容", "Matched text"),
    "any": ("全部", "Any"),
    "yes": ("是", "Yes"),
    "no": ("否", "No"),
    "apply": ("应用", "Apply"),
    "reset": ("清除", "Clear"),
    "next": ("下一页", "Next page"),
    "previous": ("上一页", "Previous page"),
    "results": ("条记录", "records"),
    "none_found": ("没有符合条件的记录。", "No record matches."),
    "machine": ("机器可读", "Machine-readable"),
    "contents": ("目录", "Contents"),
    "cited_by": ("引用此句的记录", "Cited by"),
    "source_lead": (
        "报告全文。被数据引用的句子已标出，并链接到引用它的记录；每行都有锚点（#L行号）。",
        "The report in full, in Chinese. Every sentence the data quotes is marked and links to "
        "the records that cite it; every line has an anchor (#L and its number).",
    ),
    "note_en": (
        "英文为本项目的非官方翻译，以中文为准。",
        "English texts are our unofficial translation; the Chinese prevails.",
    ),
    "error": ("错误", "Error"),
    "problem_types": ("错误类型", "Problem types"),
    "problem_type": ("错误类型", "Problem type"),
    "parameter": ("参数", "Parameter"),
    "back_home": ("返回首页", "Back to the home page"),
    "licence": ("许可", "Licence"),
    "note": ("说明", "Note"),
    "qualifier": ("限定", "Qualifier"),
    "sort": ("排序", "Sort"),
    "lang": ("语言", "Language"),
    "releases": ("版本记录", "Releases"),
    "releases_lead": (
        "数据集的每个版本，最新的在前：发布日期、说明、数据文件的 sha256，以及与上一版本相比"
        "新增、删除和改名的记录与更改的数值。",
        "Every release of the dataset, newest first: its date, its notes, the sha256 of its "
        "artifact, and the records it added, removed and renamed and the values it changed "
        "since the release before.",
    ),
    "released": ("发布日期", "Released"),
    "artifact_sha256": ("数据文件 sha256", "Artifact sha256"),
    "change_list": ("变更清单", "Change list"),
    "other_notes": ("英文说明", "The notes in Chinese"),
    # The sentences of the release feed's entries (longgang_build.feed), in the same words.
    "first_release": ("这是首次发布，没有变更清单。", "The first release has no change list."),
    "no_change_list": ("此版本没有变更清单。", "No change list is recorded for this release."),
    "added": ("新增", "Added"),
    "removed": ("删除", "Removed"),
    "renamed": ("改名", "Renamed"),
    "values_changed": ("更改的数值", "Values changed"),
    "replaced_by": ("由 {} 取代", "replaced by {}"),
    "no_replacement": ("无替代", "no replacement"),
    "record": ("记录", "Record"),
    "field": ("字段", "Field"),
    "old": ("旧值", "Old"),
    "new": ("新值", "New"),
}
#: The collections a release's change list names.
CHANGED_COLLECTION: dict[str, Pair] = {
    "indicators": ("指标", "indicator"),
    "observations": ("观测值", "observation"),
    "projects": ("项目", "project"),
    "glossary": ("名词", "glossary term"),
    "sections": ("章节", "section"),
}

#: The landing page's own phrases; the report's words (issuer, title, years) fill them in.
LANDING: dict[str, Pair] = {
    "lead": (
        "本数据集整理自{publisher_zh}发布的《{document_zh}》，每个数值都附有原文引文、所在章节和行号。",
        "Compiled from “{document_en}”, issued by {publisher_en}; every value carries its "
        "verbatim quote, section and line.",
    ),
    "headline": ("主要指标", "Headline indicators"),
    "actual": ("{actual}年完成", "{actual} actual"),
    "target": ("{target}年目标", "{target} target"),
    "chart": (
        "{actual}年完成与{target}年目标（%）",
        "{actual} actual beside the {target} target (%)",
    ),
    "projects": ("项目（按类别）", "Projects by category"),
    "count": ("项目数", "Projects"),
    "browse": ("逐条浏览", "Browse the records"),
    "use": ("使用数据", "Use the data"),
    "counts": ("数据集包含", "The dataset holds"),
    "ledger": ("目标完成情况", "Targets and their outcomes"),
}
#: The dataset's counts the landing page shows, each named by its word of :data:`UI`.
COUNTS = {
    "indicators": "indicators",
    "observations": "observations",
    "projects": "projects",
    "mentions": "project_mentions",
    "glossary": "glossary",
    "sections": "sections",
}
#: The kinds of record a search finds.
HIT_KIND: dict[str, Pair] = {
    "indicator": ("指标", "Indicator"),
    "project": ("项目", "Project"),
    "glossary": ("名词", "Glossary term"),
    "section": ("原文章节", "Section of the source"),
}
KIND: dict[str, Pair] = dict(vocabulary.KINDS.items())
VERDICT: dict[str, Pair] = {
    "met": ("已完成", "met"),
    "missed": ("未完成", "missed"),
    "pending": ("待报告", "pending"),
    "not_comparable": ("不可比", "not comparable"),
    "not_reported": ("未报告", "not reported"),
    "not_assessable": ("无法评估", "not assessable"),
}
#: How each qualifier wraps a value with its unit ("{}"): Chinese keeps the report's
#: order (200家以上), English its own (at least 200 enterprises).
QUALIFIER: dict[str, Pair] = {
    "over": ("超过{}", "over {}"),
    "at_least": ("{}以上", "at least {}"),
    "about": ("约{}", "about {}"),
    "at_most": ("不超过{}", "at most {}"),
}
#: How a rank wraps its number: the report's 第三 is "rank 3", not "3 rank".
RANK: Pair = ("第{}名", "rank {}")
COMPARISON: dict[str, Pair] = dict(vocabulary.COMPARISONS.items())
MENTION_STATUS: dict[str, Pair] = {
    "completed": ("已完成", "completed"),
    "delivered": ("已交付", "delivered"),
    "in_operation": ("已运营", "in operation"),
    "opened": ("已开放", "opened"),
    "started": ("已开工", "started"),
    "under_construction": ("在建", "under construction"),
    "accelerating": ("加快推进", "accelerating"),
    "preliminary": ("前期工作", "preliminary work"),
    "planned": ("计划", "planned"),
    "introduced": ("已引进", "introduced"),
    "approved": ("已获批", "approved"),
    "supported": ("支持", "supported"),
    "designated": ("获评、挂牌、认定", "designated"),
}
INDICATOR_CATEGORY: dict[str, Pair] = {
    "economy": ("经济", "Economy"),
    "investment": ("投资", "Investment"),
    "industry": ("产业", "Industry"),
    "innovation": ("创新", "Innovation"),
    "business": ("营商", "Business"),
    "education": ("教育", "Education"),
    "health": ("医疗卫生", "Health"),
    "culture-sports": ("文化体育", "Culture and sports"),
    "employment-welfare": ("就业与民生", "Employment and welfare"),
    "housing": ("住房", "Housing"),
    "safety": ("安全", "Safety"),
    "environment": ("生态环境", "Environment"),
    "urban": ("城市建设", "Urban development"),
    "transport": ("交通", "Transport"),
    "governance": ("治理", "Governance"),
}
PROJECT_CATEGORY: dict[str, Pair] = {
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

#: Every problem type the API emits: its slug, and what it means for the reader.
PROBLEM_TYPES: dict[str, tuple[int, Pair, Pair]] = {
    "bad-request": (
        400,
        ("请求有误", "Bad request"),
        (
            "某个查询参数未知、重复，或取值不被接受。响应中的 parameter 字段指出是哪一个；"
            "每个列表接受的参数和取值见 API 文档。",
            "A query parameter is unknown, repeated, or has a value that is not accepted. The "
            "problem's parameter field names it; the API documentation lists what each list "
            "accepts.",
        ),
    ),
    "not-found": (
        404,
        ("未找到", "Not found"),
        (
            "该地址没有资源，或没有该编号的记录。编号区分大小写。",
            "There is no resource at this address, or no record with this id. Ids are "
            "case-sensitive.",
        ),
    ),
    "method-not-allowed": (
        405,
        ("方法不允许", "Method not allowed"),
        (
            "本服务只读：只接受 GET、HEAD 和 OPTIONS。",
            "This service is read-only: it accepts GET, HEAD and OPTIONS only.",
        ),
    ),
    "not-acceptable": (
        406,
        ("无法提供所需格式", "Not acceptable"),
        (
            "Accept 头或 format 参数要求的格式都无法提供。列表提供 JSON、CSV 和 NDJSON。",
            "None of the representations named by Accept or format is available. Lists come as "
            "JSON, CSV and NDJSON.",
        ),
    ),
    "uri-too-long": (
        414,
        ("地址过长", "URI too long"),
        ("请求地址超过 8 KiB。", "The request target is longer than 8 KiB."),
    ),
    "headers-too-large": (
        431,
        ("请求头过大", "Request header fields too large"),
        ("请求头合计超过 16 KiB。", "The request headers add up to more than 16 KiB."),
    ),
    "range-not-satisfiable": (
        416,
        ("请求的范围无法满足", "Range not satisfiable"),
        (
            "Range 头所指的字节范围超出了该文件或列表的大小；Content-Range 头给出总字节数。",
            "The byte range named by the Range header lies outside the answer; the "
            "Content-Range header gives its size in bytes.",
        ),
    ),
    "too-many-requests": (
        429,
        ("请求过多", "Too many requests"),
        (
            "该地址的请求超过了服务器设定的速率限制；请按 Retry-After 头所示的秒数后重试。",
            "This address sent more requests than the server's rate limit allows; retry after "
            "the number of seconds in the Retry-After header.",
        ),
    ),
    "internal-error": (
        500,
        ("服务器错误", "Internal server error"),
        (
            "服务器未能回答该请求。请稍后再试；响应的 X-Request-ID 可用于查询。",
            "The server could not answer this request. Try again later; the answer's "
            "X-Request-ID identifies it.",
        ),
    ),
    "unavailable": (
        503,
        ("服务不可用", "Service unavailable"),
        (
            "服务器暂时无法回答；请按 Retry-After 头所示稍后重试。",
            "The server cannot answer for now; retry later, as the Retry-After header says.",
        ),
    ),
}


def pick(pair: Pair, lang: Lang) -> str:
    return pair[1] if lang == "en" else pair[0]
