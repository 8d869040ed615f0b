"""Server-rendered SVG charts for the oversight pages: plain markup, Thai labels, no script.

Each function returns safe markup for one <svg>, with a <title> and an aria-label so the chart
reads as text too. Colours are attributes (the page's CSP allows no inline style).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from prongsai.core.thai import local_digits

TOOL_COLOURS = {"IIT": "#1f4e8c", "EIT": "#2f8f6b", "OIT": "#b7791f"}
BAND_COLOURS = ["#b3261e", "#e49b0f", "#7fb77e", "#1d7a46"]
LEVEL_COLOURS = ["#1d7a46", "#4c9a5f", "#7fb77e", "#e49b0f", "#d9661f", "#b3261e", "#8c1d18"]
INK, MUTED, GRID = "#1d2733", "#5b6675", "#d8dee6"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    text: str = ""
    colour: str = "#1f4e8c"
    marker: float | None = None  # e.g. last year's value, drawn as a tick


def _svg(width: int, height: int, title: str, body: list[str]) -> SafeString:
    t = escape(local_digits(title))
    return mark_safe(  # noqa: S308 — every text inside went through escape()
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{t}" xmlns="http://www.w3.org/2000/svg"><title>{t}</title>'
        + "".join(body)
        + "</svg>"
    )


def _text(x: float, y: float, text: str, *, anchor: str = "start", size: int = 12,
          fill: str = INK, weight: str = "400") -> str:  # fmt: skip
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{fill}" font-weight="{weight}" '
        f'text-anchor="{anchor}">{escape(local_digits(text))}</text>'
    )


def hbars(
    bars: Sequence[Bar],
    *,
    title: str,
    low: float = 0.0,
    high: float = 100.0,
    width: int = 520,
    label_width: int = 190,
    row: int = 24,
    marker_label: str = "",
) -> SafeString:
    """Horizontal bars on a low–high scale, with the value written after each bar."""
    plot = width - label_width - 60
    height = row * len(bars) + 30
    body = []
    for i in range(5):
        v = low + (high - low) * i / 4
        x = label_width + plot * i / 4
        body.append(f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{height - 22}" stroke="{GRID}"/>')
        body.append(_text(x, height - 8, f"{v:g}", anchor="middle", size=11, fill=MUTED))
    for i, bar in enumerate(bars):
        y = 6 + i * row
        body.append(_text(label_width - 6, y + row * 0.62, bar.label, anchor="end"))
        if bar.value is not None:
            share = max(0.0, min(1.0, (bar.value - low) / (high - low)))
            w = plot * share
            body.append(
                f'<rect x="{label_width}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" '
                f'fill="{bar.colour}" rx="2"/>'
            )
            body.append(_text(label_width + w + 4, y + row * 0.62, bar.text or f"{bar.value:g}"))
        if bar.marker is not None:
            share = max(0.0, min(1.0, (bar.marker - low) / (high - low)))
            x = label_width + plot * share
            body.append(
                f'<line x1="{x:.1f}" y1="{y + 1}" x2="{x:.1f}" y2="{y + row - 3}" '
                f'stroke="{INK}" stroke-width="2"><title>{escape(local_digits(marker_label))} '
                f"{local_digits(f'{bar.marker:g}')}</title></line>"
            )
    return _svg(width, height, title, body)


def columns(
    bins: Sequence[tuple[str, int]],
    *,
    title: str,
    width: int = 520,
    height: int = 230,
    colours: Sequence[str] | None = None,
    highlight_from: int | None = None,
) -> SafeString:
    """Vertical bars (a histogram or counts per level), the count above each bar."""
    n = max(1, len(bins))
    top = max([c for _l, c in bins] + [1])
    plot_h = height - 60
    slot = (width - 20) / n
    body = [f'<line x1="10" y1="{plot_h + 20}" x2="{width - 10}" y2="{plot_h + 20}" '
            f'stroke="{GRID}"/>']  # fmt: skip
    for i, (label, count) in enumerate(bins):
        h = plot_h * count / top
        x = 10 + i * slot
        colour = colours[i % len(colours)] if colours else "#1f4e8c"
        if highlight_from is not None and not colours:
            colour = "#1d7a46" if i >= highlight_from else "#9aa3ad"
        body.append(
            f'<rect x="{x + slot * 0.12:.1f}" y="{plot_h + 20 - h:.1f}" width="{slot * 0.76:.1f}" '
            f'height="{h:.1f}" fill="{colour}" rx="2">'
            f"<title>{escape(local_digits(label))}: {local_digits(count)}</title></rect>"
        )
        body.append(_text(x + slot / 2, plot_h + 16 - h, f"{count:,}", anchor="middle", size=11))
        body.append(_text(x + slot / 2, plot_h + 36, label, anchor="middle", size=11, fill=MUTED))
    return _svg(width, height, title, body)


def stacked(
    rows: Sequence[tuple[str, Sequence[int]]],
    *,
    title: str,
    bands: Sequence[str],
    colours: Sequence[str] = BAND_COLOURS,
    width: int = 520,
    label_width: int = 190,
    row: int = 22,
) -> SafeString:
    """One 100 % bar per row split into bands (the share of agencies in each score band)."""
    plot = width - label_width - 10
    height = row * len(rows) + 34
    body = []
    for i, (label, counts) in enumerate(rows):
        y = 4 + i * row
        total = sum(counts) or 1
        body.append(_text(label_width - 6, y + row * 0.65, label, anchor="end"))
        x = float(label_width)
        for j, count in enumerate(counts):
            w = plot * count / total
            if w <= 0:
                continue
            body.append(
                f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row - 7}" '
                f'fill="{colours[j % len(colours)]}"><title>'
                + escape(
                    local_digits(f"{label} · {bands[j]}: {count:,} ({100 * count / total:.1f}%)")
                )
                + "</title></rect>"
            )
            x += w
    legend_y = height - 10
    x = 10.0
    for j, band in enumerate(bands):
        body.append(
            f'<rect x="{x:.1f}" y="{legend_y - 9}" width="10" height="10" '
            f'fill="{colours[j % len(colours)]}"/>'
        )
        body.append(_text(x + 14, legend_y, band, size=11, fill=MUTED))
        x += 14 + 7 * len(band) + 18
    return _svg(width, height, title, body)


def trend(
    points: Sequence[dict[str, float | int | None]],
    *,
    title: str,
    series: Sequence[tuple[str, str, str]],
    width: int = 520,
    height: int = 240,
    low: float = 70.0,
    high: float = 100.0,
) -> SafeString:
    """Lines over the fiscal years: `series` is (key, label, colour) for each line."""
    n = max(1, len(points))
    left, right, top, bottom = 40, 120, 14, 34
    plot_w, plot_h = width - left - right, height - top - bottom

    def xy(i: int, v: float) -> tuple[float, float]:
        x = left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)
        y = top + plot_h * (1 - (max(low, min(high, v)) - low) / (high - low))
        return x, y

    body = []
    span = high - low
    step = 5 if span <= 30 else (10 if span <= 60 else 25)
    for k in range(int(span // step) + 1):
        v = low + step * k
        _x, y = xy(0, v)
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
                    f'stroke="{GRID}"/>')  # fmt: skip
        body.append(_text(left - 4, y + 4, f"{v:g}", anchor="end", size=11, fill=MUTED))
    for i, p in enumerate(points):
        x, _y = xy(i, low)
        body.append(_text(x, height - 12, local_digits(p["year"]), anchor="middle",
                          size=11, fill=MUTED))  # fmt: skip
    for s, (key, label, colour) in enumerate(series):
        coords = [
            (i, float(value)) for i, p in enumerate(points) if (value := p.get(key)) is not None
        ]
        if not coords:
            continue
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(i, c) for i, c in coords))
        body.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
        for i, v in coords:
            x, y = xy(i, v)
            point = local_digits(f"{points[i]['year']}: {v:g}")
            body.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}">'
                f"<title>{escape(label)} {point}</title>"
                "</circle>"
            )
        body.append(f'<rect x="{left + plot_w + 10}" y="{top + 16 * s}" width="10" height="10" '
                    f'fill="{colour}"/>')  # fmt: skip
        body.append(_text(left + plot_w + 24, top + 16 * s + 9, label, size=11))
    return _svg(width, height, title, body)


def mini_bar(value: float | None, *, low: float = 70.0, high: float = 100.0) -> SafeString:
    """A small inline bar for a table cell (the area ranking)."""
    if value is None:
        return mark_safe("")
    w = 100 * max(0.0, min(1.0, (value - low) / (high - low)))
    colour = "#1d7a46" if value >= 85 else "#e49b0f"
    return mark_safe(  # noqa: S308 — numbers only
        f'<svg class="mini" viewBox="0 0 100 10" width="100" height="10" aria-hidden="true">'
        f'<rect width="100" height="10" fill="#eef2f7"/><rect width="{w:.1f}" height="10" '
        f'fill="{colour}"/></svg>'
    )
