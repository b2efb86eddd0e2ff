"""One Open311 document, spelled as XML or as JSON (the JSON mirrors the XML, as the spec asks).

A document is plain data: dicts become elements named by their keys, lists become repeated
elements named by ITEM_TAGS (`services` holds `service`s), None becomes an empty element (JSON
null). XML is built with ElementTree, which escapes text; characters XML 1.0 cannot carry at all
are dropped, or a citizen's pasted control character would make the whole feed unreadable.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from django.http import HttpResponse

type Value = str | int | float | bool | list[Value] | dict[str, Value] | None

CONTENT_TYPES = {"xml": "text/xml; charset=utf-8", "json": "application/json; charset=utf-8"}
ITEM_TAGS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
    "attributes": "attribute",
    "values": "value",
}
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def document(fmt: str, root: str, body: Value, *, status: int = 200) -> HttpResponse:
    """`body` under the XML element `root`; in JSON a list is the top-level array."""
    if fmt == "json":
        content = json.dumps(body, ensure_ascii=False)
    else:
        element = ET.Element(root)
        _fill(element, body)
        content = XML_DECLARATION + ET.tostring(element, encoding="unicode")
    return HttpResponse(content.encode("utf-8"), content_type=CONTENT_TYPES[fmt], status=status)


def error(fmt: str, status: int, description: str) -> HttpResponse:
    """The spec's error body; the code repeats the HTTP status."""
    return document(fmt, "errors", [{"code": status, "description": description}], status=status)


def _fill(element: ET.Element, value: Value) -> None:
    if isinstance(value, list):
        tag = ITEM_TAGS[element.tag]
        for item in value:
            _fill(ET.SubElement(element, tag), item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _fill(ET.SubElement(element, key), item)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = _NOT_XML.sub("", str(value))
