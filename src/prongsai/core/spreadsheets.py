"""Rows of every spreadsheet we write: the XLSX exports and templates (openpyxl) and the CSV ones.

Text a spreadsheet would take for a formula (starting with = + - @, a tab or a carriage return:
a search term `=HYPERLINK(...)` was written as a live formula) is kept as data. In XLSX the cell
is a string cell (its data type forced to string) with the quote-prefix style, so Excel and
LibreOffice show it exactly as typed, without a visible apostrophe, and keep it text when it is
edited; an officer's "- item" stays "- item". CSV has no types: such text gets the usual leading
apostrophe there. Text is also cleaned of the characters XML cannot hold (`core.text`), which
made openpyxl refuse the whole export."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from prongsai.core.text import clean_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def xlsx_append(ws: Any, values: Iterable[Any]) -> None:
    """Append one row to the worksheet `ws`."""
    ws.append([_xlsx_cell(ws, value) for value in values])


def _xlsx_cell(ws: Any, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    value = clean_text(value)
    if not value.startswith(FORMULA_STARTS):
        return value
    from openpyxl.cell.cell import Cell  # on first use: light commands never load openpyxl

    cell = Cell(ws, row=1, column=1)  # placed by append
    cell.value = value
    cell.data_type = "s"  # openpyxl made it "f", a formula
    cell.quotePrefix = True
    return cell


def csv_row(values: Iterable[Any]) -> list[Any]:
    """One CSV row: empty for None, text cleaned, formula-like text prefixed with an apostrophe."""
    return [_csv_cell(value) for value in values]


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    value = clean_text(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value
