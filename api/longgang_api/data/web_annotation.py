"""Quotes in the W3C's terms: a source's selectors as Web Annotation selectors, and the
JSON-LD view of a record (``Accept: application/ld+json`` on a get-one operation).

The view is a graph: the record (its ``@id`` its address under ``/v1``) is a
``prov:Entity`` that ``prov:wasDerivedFrom`` its source document (the document's
``/source/{report}`` page), and each quote of the record is an ``oa:Annotation``
whose body is the record and whose target is the document's text with the
quote's two selectors (:class:`~longgang_api.data.model.QuoteSelector`). The
context is inline, the terms of the Web Annotation context
(:data:`ANNOTATION_CONTEXT`) the view uses, so that a JSON-LD processor reads the
view without fetching anything. An annotation's ``@id`` is the record's address
with the JSON Pointer of the source in the record's JSON as its fragment
(``…/projects/x#/mentions/1/source``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import msgspec

from longgang_api.data.model import QuoteSelector, Source

#: The download of the report's normalised text, the text the selectors index.
SOURCE_TEXT_NAME = "source/text.txt"
ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
OA = "http://www.w3.org/ns/oa#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"

#: The terms of :data:`ANNOTATION_CONTEXT` the view uses, with the same meanings, and PROV.
CONTEXT: dict[str, Any] = {
    "oa": OA,
    "prov": PROV,
    "dcterms": DCTERMS,
    "xsd": XSD,
    "id": "@id",
    "type": "@type",
    "Annotation": "oa:Annotation",
    "SpecificResource": "oa:SpecificResource",
    "TextQuoteSelector": "oa:TextQuoteSelector",
    "TextPositionSelector": "oa:TextPositionSelector",
    "linking": "oa:linking",
    "motivation": {"@id": "oa:motivatedBy", "@type": "@vocab"},
    "body": {"@id": "oa:hasBody", "@type": "@id"},
    "target": {"@id": "oa:hasTarget", "@type": "@id"},
    "source": {"@id": "oa:hasSource", "@type": "@id"},
    "selector": {"@id": "oa:hasSelector", "@type": "@id"},
    "exact": "oa:exact",
    "prefix": "oa:prefix",
    "suffix": "oa:suffix",
    "start": {"@id": "oa:start", "@type": "xsd:nonNegativeInteger"},
    "end": {"@id": "oa:end", "@type": "xsd:nonNegativeInteger"},
    "prov:wasDerivedFrom": {"@type": "@id"},
}


def web_selectors(selector: QuoteSelector) -> list[dict[str, Any]]:
    """``selector`` as the two selectors of a Web Annotation's target."""
    quote, position = selector.text_quote, selector.text_position
    return [
        {
            "type": "TextQuoteSelector",
            "exact": quote.exact,
            "prefix": quote.prefix,
            "suffix": quote.suffix,
        },
        {"type": "TextPositionSelector", "start": position.start, "end": position.end},
    ]


def sources_in(value: object, pointer: str = "") -> Iterator[tuple[str, Source]]:
    """Every :class:`Source` of a record, with its JSON Pointer in the record's JSON."""
    if isinstance(value, Source):
        yield pointer, value
    elif isinstance(value, msgspec.Struct):
        for name in value.__struct_fields__:
            yield from sources_in(getattr(value, name), f"{pointer}/{name}")
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from sources_in(item, f"{pointer}/{index}")


def record_view(
    record: msgspec.Struct,
    record_url: str,
    record_id: str,
    document: Callable[[str | None], tuple[str, str]],
) -> dict[str, Any]:
    """The JSON-LD view of ``record``, served at ``record_url``.

    ``document`` gives, for a report's id (None: the report served), the address
    of its source document and that of the text its selectors index.
    """
    sourced = list(sources_in(record))
    documents = [document(source.document_id)[0] for _, source in sourced]
    report = getattr(record, "report_id", None)
    if not documents or report is not None:
        documents.insert(0, document(report)[0])
    annotations = []
    for pointer, source in sourced:
        if source.selector is None:
            continue
        annotations.append(
            {
                "id": f"{record_url}#{pointer}",
                "type": "Annotation",
                "motivation": "linking",
                "body": record_url,
                "target": {
                    "type": "SpecificResource",
                    "source": document(source.document_id)[1],
                    "selector": web_selectors(source.selector),
                },
            }
        )
    entity = {
        "id": record_url,
        "type": "prov:Entity",
        "dcterms:identifier": record_id,
        "prov:wasDerivedFrom": list(dict.fromkeys(documents)),
    }
    return {"@context": CONTEXT, "@graph": [entity, *annotations]}
