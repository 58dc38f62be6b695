"""PDF of a 公文, rendered by LibreOffice headless, with the end of the document checked.

LibreOffice is optional (Debian's libreoffice-writer-nogui): `pdf_available()` says whether it is
installed and callers hide the PDF otherwise. Each conversion runs in its own temporary profile
(so conversions never share LibreOffice's lock), under a time limit, with fonts.conf mapping the
standard's typefaces to free ones.

The page plan estimated from the text (see `layout`) can be off by a line where LibreOffice's
substitute fonts break lines differently; after rendering, the pages are read back and, if the
版记 is not at the foot of an even last page or the 署名 stands without text, the plan is corrected
from what was measured and the document rendered again.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from io import BytesIO
from pathlib import Path

from django.conf import settings
from pypdf import PdfReader

from mingjian.documents.layout import Colophon, Plan
from mingjian.documents.spec import OfficialDocument
from mingjian.documents.text import format_date
from mingjian.documents.word import plan_document, write_docx

FONTS_CONF = Path(__file__).with_name("fonts.conf")
PAGE_NUMBER = re.compile(r"^— \d+ —$")
MAX_RENDERS = 4


class PdfError(RuntimeError):
    """The PDF could not be made; the message says why, in Chinese."""


def soffice_path() -> str | None:
    configured = getattr(settings, "MINGJIAN_SOFFICE", "")
    if configured:
        return configured if Path(configured).exists() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_available() -> bool:
    return soffice_path() is not None


def render_pdf(doc: OfficialDocument) -> bytes:
    """The document as PDF bytes, its end laid out as GB/T 9704 wants (checked, see module doc)."""
    return render(doc)[0]


def render(doc: OfficialDocument) -> tuple[bytes, Plan]:
    """The PDF and the plan it was finally rendered with."""
    plan = plan_document(doc)
    data = convert(write_docx(doc, plan))
    for _ in range(MAX_RENDERS - 1):
        better = replan(read_pages(data), doc, plan)
        if better is None:
            break
        plan = better
        data = convert(write_docx(doc, plan))
    return data, plan


def convert(docx: bytes, *, timeout: float | None = None) -> bytes:
    soffice = soffice_path()
    if soffice is None:
        raise PdfError("服务器未安装 LibreOffice，无法生成 PDF。")
    limit = timeout or float(getattr(settings, "MINGJIAN_PDF_TIMEOUT", 60))
    with tempfile.TemporaryDirectory(prefix="mingjian-pdf-") as tmp:
        source = Path(tmp, "document.docx")
        source.write_bytes(docx)
        command = [
            soffice,
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            f"-env:UserInstallation=file://{tmp}/profile",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            tmp,
            str(source),
        ]
        env = {**os.environ, "HOME": tmp, "FONTCONFIG_FILE": str(FONTS_CONF)}
        _run(command, env=env, timeout=limit)
        result = Path(tmp, "document.pdf")
        if not result.exists():
            raise PdfError("LibreOffice 未能生成 PDF。")
        return result.read_bytes()


def _run(command: list[str], *, env: dict[str, str], timeout: float) -> None:
    # Its own process group, so a hung LibreOffice and its helper processes can all be ended.
    with subprocess.Popen(  # noqa: S603 - a fixed command line, no shell
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    ) as process:
        try:
            _, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise PdfError(f"生成 PDF 超时（超过 {timeout:.0f} 秒）。") from None
    if process.returncode:
        raise PdfError(
            f"LibreOffice 转换失败（退出码 {process.returncode}）：{err.decode(errors='replace')[-200:]}"
        )


# --- reading the pages back ------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    top: float  # baseline, in points from the top of the page
    text: str


def read_pages(data: bytes) -> list[list[Line]]:
    """Each page's lines of text, top to bottom (runs on one baseline joined)."""
    pages = []
    for page in PdfReader(BytesIO(data)).pages:
        runs: dict[float, list[tuple[float, str]]] = {}
        page.extract_text(visitor_text=_collector(runs, float(page.mediabox.height)))
        lines = [
            Line(top, "".join(t for _, t in sorted(parts)).strip()) for top, parts in sorted(runs.items())
        ]
        pages.append(lines)
    return pages


def _collector(runs: dict[float, list[tuple[float, str]]], height: float) -> Callable[..., None]:
    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
            runs.setdefault(round(height - y, 1), []).append((x, text))

    return visit


@dataclass(frozen=True)
class Outcome:
    signature_page: int  # 1-based; 0 when the 成文日期 was not found
    text_above_signature: bool
    colophon_page: int
    pages: int
    numbered: frozenset[int]
    blank: frozenset[int]


def outcome(pages: list[list[Line]], doc: OfficialDocument) -> Outcome:
    dated = format_date(doc.dated)
    sig_page, above = 0, False
    colophon_page = 0
    numbered, blank = set(), set()
    for n, lines in enumerate(pages, start=1):
        texts = [line.text for line in lines if not PAGE_NUMBER.match(line.text)]
        if len(texts) < len(lines):
            numbered.add(n)
        if not texts:
            blank.add(n)
        if dated in texts:
            sig_page = n
            # Anything above the 署名 line (the line before the date) is text of the body.
            above = texts.index(dated) >= 2  # noqa: PLR2004 - the 署名 and one line of text
        if any(text.endswith("印发") for text in texts):
            colophon_page = n
    return Outcome(sig_page, above, colophon_page, len(pages), frozenset(numbered), frozenset(blank))


def is_right(result: Outcome) -> bool:
    """The end of the document as GB/T 9704 wants it."""
    if not (result.signature_page and result.text_above_signature):
        return False
    if result.colophon_page != result.pages or result.pages % 2:
        return False
    gap = result.colophon_page - result.signature_page
    if gap == 0:
        return result.pages in result.numbered
    if gap == 1:
        return result.pages in result.numbered and result.pages not in result.blank
    middle = result.signature_page + 1
    return gap == 2 and middle in result.blank and not ({middle, result.pages} & result.numbered)  # noqa: PLR2004


def replan(pages: list[list[Line]], doc: OfficialDocument, current: Plan) -> Plan | None:
    """A better plan after a render that came out wrong, or None when it came out right."""
    result = outcome(pages, doc)
    if is_right(result) or not result.signature_page:
        return None
    if not result.text_above_signature:
        return replace(current, keep_last=True)
    if result.signature_page % 2:
        placement = Colophon.NEXT_PAGE
    elif current.colophon is Colophon.SAME_PAGE:
        placement = Colophon.AFTER_BLANK  # it was tried on this page and did not fit
    else:
        placement = Colophon.SAME_PAGE
    return replace(current, colophon=placement)
