"""The observations as JSON-stat 2.0: one dataset per indicator, in one collection of all.

Each indicator's dataset has two dimensions, ``period`` (role ``time``) and
``kind`` (role ``metric``: actual, target, plan), with only the categories the
indicator has. Its values are the observations' ``base_value`` — the one unit
every value of an indicator is expressed in — so the ``kind`` categories carry
that unit, with the decimals its values are written with and its label in
English (``label``) and Chinese (``label_zh``; JSON-stat labels are one
language, and its unit object is open to more properties). A qualifier (超, 以上,
约, 以内) is the cell's ``status``; a qualitative statement is a null value whose
wording is in the note. A range (增长5%—6%) is its lower bound, as ``base_value``
is; its note and ``extension.upper_bounds`` give the upper. The dataset's notes
give every value's quote with its place in the source (section and line), and
``extension`` the ids the JSON API knows them by.

The datasets are embedded in the collection's items (JSON-stat 2.0 allows a
complete dataset as an item, without its own ``version``), so one file holds
them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from longgang_api.data.model import Artifact, Indicator, Observation
from longgang_api.data.vocabulary import KINDS, QUALIFIERS

JSONSTAT_STANDARD = "https://json-stat.org/format/"
VERSION = "2.0"
KIND_ORDER = tuple(KINDS)


def _decimals(values: Sequence[float]) -> int:
    """The most decimals any of ``values`` is written with (6.3 → 1, 38000 → 0)."""
    written = [repr(float(v)).removesuffix(".0") for v in values]
    return max((len(w.split(".", 1)[1]) if "." in w else 0 for w in written), default=0)


def dataset(
    indicator: Indicator, observations: Sequence[Observation], artifact: Artifact
) -> dict[str, Any]:
    """The JSON-stat dataset of ``indicator``: its observations by period and kind."""
    meta = artifact.dataset
    periods = sorted({o.period for o in observations})
    kinds = [k for k in KIND_ORDER if any(o.kind == k for o in observations)]
    cells: dict[int, Observation] = {
        periods.index(o.period) * len(kinds) + kinds.index(o.kind): o for o in observations
    }
    size = len(periods) * len(kinds)
    values = [cells[i].base_value if i in cells else None for i in range(size)]
    status = {str(i): o.qualifier for i, o in sorted(cells.items()) if o.qualifier}
    kind_category: dict[str, Any] = {
        "index": kinds,
        "label": {k: KINDS[k][1] for k in kinds},
    }
    unit = indicator.base_unit
    if unit is not None:
        decimals = _decimals([v for v in values if v is not None])
        kind_category["unit"] = {
            k: {"label": unit.en, "label_zh": unit.zh, "decimals": decimals} for k in kinds
        }
    notes = []
    for _, o in sorted(cells.items()):
        wording = f" ({o.status.en}; {o.status.zh})" if o.status else ""
        if o.base_value_upper is not None:
            wording = f" (a range: the value is its lower bound, the upper {o.base_value_upper:g})"
        notes.append(
            f"{o.period} {o.kind}{wording}: 「{o.source.quote}」 "
            f"(section {o.source.section_id}, line {o.source.line} of the source document)"
        )
    document: dict[str, Any] = {
        "class": "dataset",
        "label": indicator.name.en,
        "source": meta.source_document.title.en,
        # A date-time: the schema's two forms of "updated" both take a bare date unless its
        # validator checks formats, and then "oneOf" refuses it.
        "updated": f"{meta.release_date}T00:00:00Z",
        "note": notes,
        "id": ["period", "kind"],
        "size": [len(periods), len(kinds)],
        "role": {"time": ["period"], "metric": ["kind"]},
        "dimension": {
            "period": {
                "label": "Period",
                "category": {"index": periods, "label": {p: p for p in periods}},
            },
            "kind": {"label": "Kind of value", "category": kind_category},
        },
        "value": values,
        "extension": {
            "indicator_id": indicator.id,
            "label_zh": indicator.name.zh,
            "kind_label_zh": {k: KINDS[k][0] for k in kinds},
            "observation_ids": {str(i): o.id for i, o in sorted(cells.items())},
            "qualifiers": {
                q: f"{QUALIFIERS[q][1]} ({QUALIFIERS[q][0]})" for q in sorted(set(status.values()))
            },
        },
    }
    if status:
        document["status"] = status
    upper = {
        str(i): o.base_value_upper
        for i, o in sorted(cells.items())
        if o.base_value_upper is not None
    }
    if upper:
        # Only where a range is stated: the datasets of single values keep their form.
        document["extension"]["upper_bounds"] = upper
    return document


def collection(artifact: Artifact) -> dict[str, Any]:
    """Every indicator's dataset, in the indicators' order, in one collection."""
    meta = artifact.dataset
    by_indicator: dict[str, list[Observation]] = {}
    for o in artifact.observations:
        by_indicator.setdefault(o.indicator_id, []).append(o)
    items = [
        dataset(indicator, by_indicator[indicator.id], artifact)
        for indicator in sorted(artifact.indicators, key=lambda i: i.order)
        if indicator.id in by_indicator
    ]
    return {
        "class": "collection",
        "version": VERSION,
        "label": f"{meta.title.en}: observations by indicator",
        "source": meta.source_document.title.en,
        # A date-time: the schema's two forms of "updated" both take a bare date unless its
        # validator checks formats, and then "oneOf" refuses it.
        "updated": f"{meta.release_date}T00:00:00Z",
        "extension": {"label_zh": f"{meta.title.zh}：各指标观测值", "dataset_id": meta.id},
        "link": {"item": items},
    }
