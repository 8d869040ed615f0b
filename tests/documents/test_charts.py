from __future__ import annotations

import io

import pytest
from PIL import Image

from prongsai.documents import charts

PNG = b"\x89PNG\r\n\x1a\n"
LABELS = ["การปฏิบัติหน้าที่", "การใช้งบประมาณ", "การใช้อำนาจ"]


def size_of(png: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(png)) as image:
        image.verify()
        return image.size


def test_bar_chart_returns_a_valid_png_of_the_asked_width() -> None:
    png = charts.bar_chart(LABELS, [99.0, 95.63, 96.49], title="คะแนน 2566", width_cm=12)
    assert png.startswith(PNG)
    width, height = size_of(png)
    assert abs(width - 12 / 2.54 * charts.DPI) <= 1
    assert height > 0


def test_charts_are_deterministic() -> None:
    first = charts.grouped_bar_chart(
        ["IIT", "EIT", "OIT"], {"2565": [88, 90, 86.5], "2566": [96.4, 94.7, 100]}
    )
    second = charts.grouped_bar_chart(
        ["IIT", "EIT", "OIT"], {"2565": [88, 90, 86.5], "2566": [96.4, 94.7, 100]}
    )
    assert first == second
    assert b"Software" not in first and b"matplotlib" not in first.lower()


def test_thai_and_arabic_digit_styles_draw_different_images() -> None:
    thai = charts.line_chart(
        ["2564", "2565", "2566"], {"รวม": [77.9, 88.0, 97.37]}, digits_style="thai"
    )
    arabic = charts.line_chart(
        ["2564", "2565", "2566"], {"รวม": [77.9, 88.0, 97.37]}, digits_style="arabic"
    )
    assert thai.startswith(PNG) and arabic.startswith(PNG)
    assert thai != arabic


def test_line_chart_leaves_gaps_for_missing_years() -> None:
    png = charts.line_chart(
        ["2563", "2564", "2565"], {"รวม": [70.5, None, 88.0]}, target=85, target_label="เกณฑ์ 85"
    )
    assert png.startswith(PNG)


def test_svg_output_keeps_text_as_paths() -> None:
    svg = charts.bar_chart(LABELS, [1, 2, 3], fmt="svg", max_value=None)
    assert svg.lstrip().startswith(b"<?xml") and b"<svg" in svg
    assert b"<text" not in svg  # glyphs are drawn as paths, so viewers need no Thai font


def test_mismatched_lengths_are_rejected() -> None:
    with pytest.raises(ValueError):
        charts.bar_chart(LABELS, [1.0])
    with pytest.raises(ValueError):
        charts.grouped_bar_chart(LABELS, {"2566": [1.0]})
    with pytest.raises(ValueError):
        charts.line_chart(LABELS, {"2566": [1.0]})
