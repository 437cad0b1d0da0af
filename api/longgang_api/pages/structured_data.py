"""schema.org JSON-LD of an indicator page: a ``StatisticalVariable`` and its ``Observation``\\ s.

Made from the record the page shows (:class:`~longgang_api.data.envelopes.IndicatorDetail`),
so the page's table and its JSON-LD cannot disagree, and written into the page by
:func:`script_data`, which the landing page's ``Dataset`` uses too.

Only what the record states is said. The variable carries the indicator's name in
both languages (language-tagged values), its page as ``url`` and its ``/v1`` record as
``@id``; it has no ``measuredProperty`` or ``statType``, as schema.org has no property
for what these indicators measure and our ``measure`` (growth rate, count, share…) is
not one of the statistics ``statType`` names. Each observation states its value in the
indicator's base unit (the API's ``base_value`` and ``base_unit``; ``unitCode`` only
where a UN/CEFACT common code is exactly that unit), the year it refers to
(``observationDate``, the API's ``period``) and, when the report states its start, the
span of years ending then (``observationPeriod``, ``P1Y`` or ``P3Y``); its kind,
qualifier and comparison as ``additionalProperty`` (``measurementQualifier`` takes an
enumeration schema.org does not have for these); and its quote, with the address of
its line of the source, as a ``Quotation`` it is ``subjectOf`` (``citation`` and
``isBasedOn`` belong to creative works, which an ``Observation`` is not).
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from longgang_api.data.addresses import source_line_href
from longgang_api.data.envelopes import IndicatorDetail
from longgang_api.data.model import LocalizedText, Observation
from longgang_api.engine.declarations import INDICATORS, OBSERVATIONS
from longgang_api.web.links import record_href

CONTEXT = "https://schema.org"
#: The language tag of the report's own words.
ZH = "zh-Hans"
#: UN/CEFACT Recommendation 20 codes of the base units that have one exactly; the others
#: (places, enterprises, yuan…) are counts of things or a currency, said by ``unitText``.
UNIT_CODES = {
    "percent": "P1",
    "km": "KMT",
    "km2": "KMK",
    "m2": "MTK",
    "hectare": "HAR",
    "megawatt": "MAW",
}


def script_data(description: dict[str, Any]) -> Markup:
    """JSON for a ``<script type="application/ld+json">`` element, safe inside it.

    Every ``<`` is written ``\\u003c`` (the same string to a JSON parser), so no text of
    the data can close the element or open a comment in it.
    """
    return Markup(json.dumps(description, ensure_ascii=False).replace("<", "\\u003c"))


def _both(text: LocalizedText) -> list[dict[str, str]]:
    return [{"@value": text.zh, "@language": ZH}, {"@value": text.en, "@language": "en"}]


def _property(name: str, value: str) -> dict[str, str]:
    return {"@type": "PropertyValue", "name": name, "value": value}


def _observation(
    observation: Observation, variable_id: str, page: str, base_url: str, report_id: str
) -> dict[str, Any]:
    described: dict[str, Any] = {
        "@type": "Observation",
        "@id": base_url + record_href(OBSERVATIONS, observation.id),
        "url": f"{page}#{observation.id}",
        "variableMeasured": {"@id": variable_id},
        "observationDate": observation.period,
    }
    if observation.period_start_stated:
        years = observation.period_end - observation.period_start + 1
        described["observationPeriod"] = f"P{years}Y"
    if observation.base_value is not None:
        described["value"] = observation.base_value
    if observation.base_unit is not None:
        described["unitText"] = observation.base_unit.en
        code = UNIT_CODES.get(observation.base_unit.code)
        if code is not None:
            described["unitCode"] = code
    if observation.status is not None:
        described["description"] = _both(observation.status)
    described["additionalProperty"] = [
        _property(name, value)
        for name, value in (
            ("kind", observation.kind),
            ("qualifier", observation.qualifier),
            ("comparison", observation.comparison),
        )
        if value is not None
    ]
    source = observation.source
    described["subjectOf"] = {
        "@type": "Quotation",
        "text": source.quote,
        "inLanguage": ZH,
        "url": base_url + source_line_href(source.line, source.document_id, report_id),
    }
    return described


def statistical_variable(
    indicator: IndicatorDetail, base_url: str, report_id: str
) -> dict[str, Any]:
    """The indicator as a ``StatisticalVariable`` and every observation the page shows.

    ``base_url`` is the server's public address, ``report_id`` the report ``/source`` shows.
    """
    variable_id = base_url + record_href(INDICATORS, indicator.id)
    page = indicator.html_url
    unit = f"; unit: {indicator.base_unit.en}" if indicator.base_unit is not None else ""
    variable: dict[str, Any] = {
        "@type": "StatisticalVariable",
        "@id": variable_id,
        "name": _both(indicator.name),
        "url": page,
        "sameAs": variable_id,
        "description": (
            f"{indicator.name.en}. Measure: {indicator.measure}{unit}. Each value comes with "
            "its verbatim quote from the report."
        ),
    }
    if indicator.base_unit is not None:
        variable["unitText"] = indicator.base_unit.en
        code = UNIT_CODES.get(indicator.base_unit.code)
        if code is not None:
            variable["unitCode"] = code
    observations = [
        _observation(o, variable_id, page, base_url, report_id) for o in indicator.observations
    ]
    return {"@context": CONTEXT, "@graph": [variable, *observations]}
