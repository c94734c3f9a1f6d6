"""The one way this package parses and serialises OOXML parts.

Entities are never resolved and DTDs are refused before parsing (see package.guard_xml),
so a hostile part cannot expand or fetch anything; lxml keeps namespace prefixes,
`mc:Ignorable` and extension lists exactly as they were.
"""
from __future__ import annotations

import re

from lxml import etree

from ..errors import UnreadableWorkbook

REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_NS = "http://www.w3.org/XML/1998/namespace"
R_ID = f"{{{REL_NS}}}id"

WORKSHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
WORKSHEET_REL = REL_NS + "/worksheet"

_DECL = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*\?>\s*")


def _parser() -> etree.XMLParser:
    # A fresh parser per call: lxml parsers are not safe to share across threads.
    return etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
        remove_blank_text=False, strip_cdata=False,
    )


def parse(data: bytes, part: str) -> etree._Element:
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise UnreadableWorkbook(f"文件已损坏：{part} 不是有效的 XML") from exc


def serialize(root: etree._Element, original: bytes) -> bytes:
    """The part as bytes, keeping the original XML declaration byte for byte."""
    m = _DECL.match(original)
    head = m.group(0) if m else b""
    return head + etree.tostring(root, encoding="UTF-8", xml_declaration=False)


def local(el) -> str:
    tag = el.tag
    if not isinstance(tag, str):  # comments, processing instructions
        return ""
    return tag.rpartition("}")[2]


def children(parent, name: str) -> list:
    return [c for c in parent if local(c) == name]


def child(parent, name: str):
    for c in parent:
        if local(c) == name:
            return c
    return None


def main_ns(root) -> str:
    return etree.QName(root).namespace or ""


def insert_in_order(parent, new, order: tuple[str, ...]) -> None:
    """Put `new` where the schema's xsd:sequence wants it: after the last sibling whose
    name comes earlier in `order` (Excel rejects parts whose children are out of order)."""
    rank = {n: i for i, n in enumerate(order)}
    mine = rank[local(new)]
    pos = 0
    for i, c in enumerate(parent):
        r = rank.get(local(c))
        if r is not None and r <= mine:
            pos = i + 1
    parent.insert(pos, new)


# ST_Xstring: characters XML 1.0 cannot carry are written as _xHHHH_, and a literal
# "_xHHHH_" in the text has its underscore escaped so Excel does not decode it.
_ESCAPE_LITERAL = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xstring(text: str) -> str:
    text = _ESCAPE_LITERAL.sub(r"_x005F_\1", text)
    return _ILLEGAL.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)
