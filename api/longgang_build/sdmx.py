"""The observations as SDMX: SDMX-CSV 2.0 data and the SDMX-ML 3.0 structure it needs.

The dataflow has the dimensions ``INDICATOR``, ``TIME_PERIOD`` and ``KIND``,
the measure ``OBS_VALUE`` and the attributes ``UNIT_MEASURE`` (the base unit),
``UNIT_MULT`` (its power of ten), ``QUALIFIER``, ``COMPARISON`` and ``QUOTE``
(the sentence the value is read from). ``OBS_VALUE`` × 10^``UNIT_MULT`` is the
value in ``UNIT_MEASURE`` (the observations' ``base_value``): it is the number as
written, except for a ratio word (七成 → 70 percent), which the base value
already resolves. A range (增长5%—6%) is its lower bound, as ``base_value`` is;
its ``QUOTE`` states both bounds, and the CSV and Parquet downloads give the upper
in ``value_upper``. The code lists (indicators, kinds, units, qualifiers,
comparisons) and the concepts are named in Chinese and English.

The structure is written here rather than by an SDMX library: it is one
message of fixed shape, and its bytes must be the same on every build (the
header's id and time come from the dataset, not the clock).
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

from longgang_api.data import vocabulary
from longgang_api.data.model import Artifact, Observation

SDMX_CSV_STANDARD = "https://github.com/sdmx-twg/sdmx-csv/tree/v2.0.0"
SDMX_ML_STANDARD = "https://github.com/sdmx-twg/sdmx-ml/tree/v3.0.0"
AGENCY = "LONGGANG_OPEN_DATA"
_NS = {
    "mes": "http://www.sdmx.org/resources/sdmxml/schemas/v3_0/message",
    "str": "http://www.sdmx.org/resources/sdmxml/schemas/v3_0/structure",
    "com": "http://www.sdmx.org/resources/sdmxml/schemas/v3_0/common",
}
for _prefix, _uri in _NS.items():
    ET.register_namespace(_prefix, _uri)
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: (id, zh, en) of every concept, dimensions first, in the CSV's column order.
CONCEPTS = (
    ("INDICATOR", "指标", "Indicator"),
    ("TIME_PERIOD", "时期", "Time period"),
    ("KIND", "数值类别", "Kind of value"),
    ("OBS_VALUE", "观测值", "Observation value"),
    ("UNIT_MEASURE", "计量单位", "Unit of measure"),
    ("UNIT_MULT", "单位乘数", "Unit multiplier"),
    ("QUALIFIER", "限定词", "Qualifier"),
    ("COMPARISON", "比较基准", "Comparison basis"),
    ("QUOTE", "原文引文", "Quote from the source document"),
)
KINDS = tuple((code, zh, en) for code, (zh, en) in vocabulary.KINDS.items())
QUALIFIERS = tuple((code, zh, en) for code, (zh, en) in vocabulary.QUALIFIERS.items())
COMPARISONS = tuple((code, zh, en) for code, (zh, en) in vocabulary.COMPARISONS.items())
DIMENSIONS = ("INDICATOR", "TIME_PERIOD", "KIND")
#: Attribute id → its code list (None: free text or a number).
ATTRIBUTES = {
    "UNIT_MEASURE": "CL_UNIT",
    "UNIT_MULT": None,
    "QUALIFIER": "CL_QUALIFIER",
    "COMPARISON": "CL_COMPARISON",
    "QUOTE": None,
}


def ids(artifact: Artifact) -> tuple[str, str, str]:
    """The ids of the dataflow, the data structure and the concept scheme."""
    base = artifact.dataset.id.upper().replace("-", "_")
    return f"DF_{base}", f"DSD_{base}", f"CS_{base}"


def _ref(artifact: Artifact, kind: str, identifier: str) -> str:
    return f"urn:sdmx:org.sdmx.infomodel.{kind}={AGENCY}:{identifier}({artifact.dataset.version})"


def obs_value(o: Observation) -> float | None:
    """The value to multiply by 10^UNIT_MULT to have the value in UNIT_MEASURE."""
    if o.value is None or o.base_value is None:
        return None
    scale = 10 ** (o.unit_multiplier or 0)
    return o.value if abs(o.value * scale - o.base_value) < 1e-9 * scale else o.base_value / scale


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value.is_integer() else repr(value)


def render_csv(artifact: Artifact) -> bytes:
    """SDMX-CSV 2.0: one row per observation, the dataflow named in every row."""
    flow, _, _ = ids(artifact)
    structure_id = f"{AGENCY}:{flow}({artifact.dataset.version})"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["STRUCTURE", "STRUCTURE_ID", "ACTION", *(c[0] for c in CONCEPTS)])
    for o in artifact.observations:
        writer.writerow(
            [
                "dataflow",
                structure_id,
                "I",
                o.indicator_id,
                o.period,
                o.kind,
                _number(obs_value(o)),
                o.base_unit.code if o.base_unit and o.value is not None else "",
                "" if o.unit_multiplier is None or o.value is None else o.unit_multiplier,
                o.qualifier or "",
                o.comparison or "",
                o.source.quote,
            ]
        )
    return out.getvalue().encode()


def _el(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    prefix, name = tag.split(":")
    element = ET.SubElement(parent, f"{{{_NS[prefix]}}}{name}", attributes)
    element.text = text
    return element


def _names(parent: ET.Element, zh: str, en: str) -> None:
    for language, text in (("en", en), ("zh", zh)):
        _el(parent, "com:Name", text).set(_XML_LANG, language)


def _maintainable(parent: ET.Element, tag: str, identifier: str, version: str) -> ET.Element:
    return _el(
        parent, tag, id=identifier, version=version, agencyID=AGENCY, isExternalReference="false"
    )


def _codelist(
    parent: ET.Element,
    identifier: str,
    version: str,
    name: tuple[str, str],
    codes: list[tuple[str, str, str]],
) -> None:
    codelist = _maintainable(parent, "str:Codelist", identifier, version)
    codelist.set("isPartial", "false")
    _names(codelist, *name)
    for code, zh, en in codes:
        _names(_el(codelist, "str:Code", id=code), zh, en)


def _representation(parent: ET.Element, enumeration: str | None, text_type: str) -> None:
    representation = _el(parent, "str:LocalRepresentation")
    if enumeration:
        _el(representation, "str:Enumeration", enumeration)
        _el(representation, "str:EnumerationFormat", textType="String")
    else:
        _el(representation, "str:TextFormat", textType=text_type)


def _units(artifact: Artifact) -> list[tuple[str, str, str]]:
    units: dict[str, tuple[str, str, str]] = {}
    for indicator in artifact.indicators:
        unit = indicator.base_unit
        if unit is not None:
            units.setdefault(unit.code, (unit.code, unit.zh, unit.en))
    return sorted(units.values())


def render_structure(artifact: Artifact) -> bytes:
    """The SDMX-ML 3.0 structure message: dataflow, code lists, concepts, data structure."""
    meta = artifact.dataset
    version = meta.version
    flow, dsd, scheme = ids(artifact)
    root = ET.Element(f"{{{_NS['mes']}}}Structure")
    header = _el(root, "mes:Header")
    _el(header, "mes:ID", f"{flow}_{version.replace('.', '_')}")
    _el(header, "mes:Test", "false")
    _el(header, "mes:Prepared", f"{meta.release_date}T00:00:00Z")
    _el(header, "mes:Sender", id=AGENCY)
    structures = _el(root, "mes:Structures")

    flows = _el(structures, "str:Dataflows")
    dataflow = _maintainable(flows, "str:Dataflow", flow, version)
    _names(dataflow, f"{meta.title.zh}：观测值", f"{meta.title.en}: observations")
    _el(dataflow, "str:Structure", _ref(artifact, "datastructure.DataStructure", dsd))

    codelists = _el(structures, "str:Codelists")
    indicators = [
        (i.id, i.name.zh, i.name.en) for i in sorted(artifact.indicators, key=lambda i: i.order)
    ]
    lists: dict[str, tuple[tuple[str, str], list[tuple[str, str, str]]]] = {
        "CL_COMPARISON": (("比较基准", "Comparison bases"), list(COMPARISONS)),
        "CL_INDICATOR": (("指标", "Indicators"), indicators),
        "CL_KIND": (("数值类别", "Kinds of value"), list(KINDS)),
        "CL_QUALIFIER": (("限定词", "Qualifiers"), list(QUALIFIERS)),
        "CL_UNIT": (("计量单位", "Units of measure"), _units(artifact)),
    }
    for identifier, (name, codes) in lists.items():
        _codelist(codelists, identifier, version, name, codes)

    schemes = _el(structures, "str:ConceptSchemes")
    concept_scheme = _maintainable(schemes, "str:ConceptScheme", scheme, version)
    concept_scheme.set("isPartial", "false")
    _names(concept_scheme, "概念", "Concepts")
    for identifier, zh, en in CONCEPTS:
        _names(_el(concept_scheme, "str:Concept", id=identifier), zh, en)

    structures_list = _el(structures, "str:DataStructures")
    structure = _maintainable(structures_list, "str:DataStructure", dsd, version)
    _names(structure, f"{meta.title.zh}：观测值结构", f"{meta.title.en}: structure of observations")
    components = _el(structure, "str:DataStructureComponents")

    def concept(identifier: str) -> str:
        return _ref(artifact, "conceptscheme.Concept", scheme) + f".{identifier}"

    def codelist(identifier: str) -> str:
        return _ref(artifact, "codelist.Codelist", identifier)

    dimensions = _el(components, "str:DimensionList")
    for position, identifier in enumerate(("INDICATOR", "KIND"), start=1):
        dimension = _el(dimensions, "str:Dimension", id=identifier, position=str(position))
        _el(dimension, "str:ConceptIdentity", concept(identifier))
        _representation(dimension, codelist(f"CL_{identifier}"), "String")
    time = _el(dimensions, "str:TimeDimension", id="TIME_PERIOD")
    _el(time, "str:ConceptIdentity", concept("TIME_PERIOD"))
    _representation(time, None, "ObservationalTimePeriod")

    attributes = _el(components, "str:AttributeList")
    for identifier, enumeration in ATTRIBUTES.items():
        attribute = _el(attributes, "str:Attribute", usage="optional", id=identifier)
        _el(attribute, "str:ConceptIdentity", concept(identifier))
        text_type = "Integer" if identifier == "UNIT_MULT" else "String"
        _representation(attribute, codelist(enumeration) if enumeration else None, text_type)
        _el(_el(attribute, "str:AttributeRelationship"), "str:Observation")
        _el(_el(attribute, "str:MeasureRelationship"), "str:Measure", "OBS_VALUE")

    measures = _el(components, "str:MeasureList")
    measure = _el(measures, "str:Measure", id="OBS_VALUE")
    _el(measure, "str:ConceptIdentity", concept("OBS_VALUE"))
    _representation(measure, None, "Double")
    ET.indent(root, space="  ")
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"
