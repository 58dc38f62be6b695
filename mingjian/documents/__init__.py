"""公文 (official documents) the product writes, laid out after GB/T 9704-2012.

Describe a document with `OfficialDocument` (plain data: issuers, 发文字号, title, 主送, body
blocks, 署名, 成文日期, 抄送, 印发机关 …); `write_docx` returns the Word file and `render_pdf` the
PDF (LibreOffice headless, when installed; `pdf_available()` says whether it is).
"""

from mingjian.documents.spec import Heading, OfficialDocument, Paragraph
from mingjian.documents.word import write_docx

__all__ = ["Heading", "OfficialDocument", "Paragraph", "write_docx"]
