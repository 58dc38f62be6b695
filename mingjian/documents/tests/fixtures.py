"""Shared fixtures of the document tests (imported by the conftest and by other apps' tests)."""

from __future__ import annotations

import os

import pytest

from mingjian.documents.pdf import pdf_available


@pytest.fixture(scope="session")
def libreoffice() -> None:
    """PDF layout tests need LibreOffice. Under CI it is installed (.ci/run), so they never skip
    there; on a developer's machine without soffice they are skipped."""
    if pdf_available():
        return
    if os.environ.get("CI") == "true":
        pytest.fail("CI 下必须安装 LibreOffice（libreoffice-writer-nogui）：PDF 版式测试不能跳过。")
    pytest.skip(
        "未安装 LibreOffice（soffice），跳过 PDF 版式测试：sudo apt-get install libreoffice-writer-nogui"
    )
