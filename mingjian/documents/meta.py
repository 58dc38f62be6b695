"""Document properties and settings: the product's, not those of python-docx's 2013 template.

The template would otherwise say it was written on a Mac in 2013 by "python-docx", carry a
thumbnail of an unrelated page, and open in Word's compatibility mode (Word 2010).
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from django.utils import timezone
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from mingjian.documents.spec import OfficialDocument

PRODUCT = "明鉴以案促改平台"
WORD_2013_MODE = "15"  # compatibilityMode 15: current Word, no compatibility mode
APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>{product}</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    "<Company>{company}</Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


def set_metadata(out: DocxDocument, doc: OfficialDocument) -> None:
    now = (doc.created or timezone.now()).replace(microsecond=0)
    props = out.core_properties
    props.title = doc.title
    props.author = doc.issuers[0]
    props.last_modified_by = PRODUCT
    props.comments = ""
    props.subject = doc.number
    props.keywords = ""
    props.category = "公文"
    props.revision = 1
    props.created = props.modified = now
    _drop_template_parts(out)
    _set_app_properties(out, company=doc.issuers[0])
    _set_current_mode(out)


def _drop_template_parts(out: DocxDocument) -> None:
    package_rels = out.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rid]
    for rid, rel in list(out.part.rels.items()):
        if rel.reltype == RT.CUSTOM_XML:  # the template's bibliography sources
            del out.part.rels[rid]


def _set_app_properties(out: DocxDocument, *, company: str) -> None:
    for rel in out.part.package.rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            xml = APP_XML.format(product=escape(PRODUCT), company=escape(company))
            rel.target_part._blob = xml.encode()


def _set_current_mode(out: DocxDocument) -> None:
    settings = out.settings.element
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), WORD_2013_MODE)
    lang = settings.find(qn("w:themeFontLang"))
    if lang is None:
        lang = OxmlElement("w:themeFontLang")
        settings.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
