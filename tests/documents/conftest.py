"""Shared fixtures for the document engine: the sample document rendered once per session,
and poppler's command-line tools (required: the CI installs poppler-utils)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Callable
from typing import Any

import docx
import pytest

from prongsai.documents import render
from prongsai.documents.model import Document
from prongsai.documents.sample import sample_document

POPPLER_MISSING = (
    "{tool} is not installed: the document tests need poppler-utils "
    "(apt-get install poppler-utils). They are not skipped on purpose."
)


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(POPPLER_MISSING.format(tool=tool), pytrace=False)
    return path


def pdftotext(
    pdf: bytes, first: int | None = None, last: int | None = None, layout: bool = False
) -> str:
    args = [poppler("pdftotext"), "-enc", "UTF-8"]
    if first is not None:
        args += ["-f", str(first)]
    if last is not None:
        args += ["-l", str(last)]
    if layout:
        args.append("-layout")
    result = subprocess.run([*args, "-", "-"], input=pdf, capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def page_count(pdf: bytes) -> int:
    result = subprocess.run([poppler("pdfinfo"), "-"], input=pdf, capture_output=True, check=True)
    match = re.search(r"^Pages:\s+(\d+)", result.stdout.decode(), re.M)
    assert match, result.stdout
    return int(match.group(1))


def squash(text: str) -> str:
    """Text without any whitespace (line breaks in narrow cells split words arbitrarily) and
    without the line-break marks of `thaibreak` (zero-width space, word joiner)."""
    return re.sub(r"[\s\u200b\u2060]+", "", text)


@pytest.fixture(scope="session")
def thai_doc() -> Document:
    return sample_document(rows=40, digits="thai")


@pytest.fixture(scope="session")
def arabic_doc() -> Document:
    return sample_document(rows=40, digits="arabic", chart=False)


@pytest.fixture(scope="session")
def thai_pdf(thai_doc: Document) -> bytes:
    return render(thai_doc, "pdf")


@pytest.fixture(scope="session")
def arabic_pdf(arabic_doc: Document) -> bytes:
    return render(arabic_doc, "pdf")


@pytest.fixture(scope="session")
def thai_docx_bytes(thai_doc: Document) -> bytes:
    return render(thai_doc, "docx")


@pytest.fixture(scope="session")
def thai_docx(thai_docx_bytes: bytes) -> Any:
    return docx.Document(io.BytesIO(thai_docx_bytes))


@pytest.fixture(scope="session")
def text_of() -> Callable[..., str]:
    return pdftotext
