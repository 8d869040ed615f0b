"""Charts for the analysis documents: matplotlib (Agg, no pyplot) with Thai labels in Sarabun.

Each function returns PNG bytes (for DOCX and PDF, wrap them in `model.Image`). Output is
deterministic: no software/date metadata, fixed size and DPI. With `digits="thai"` every
number drawn (ticks, value labels, numbers inside labels) is in Thai digits.
matplotlib >= 3.11 shapes Thai correctly (it bundles libraqm).
"""

from __future__ import annotations

import functools
import io
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import Any, Literal, TypeVar

from matplotlib import font_manager, rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from prongsai.core.fonts import FAMILY, font_path
from prongsai.core.thai import Digits, digits

ChartFormat = Literal["png", "svg"]

PALETTE = ["#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0", "#2e75b6", "#bf9000"]
CM = 1 / 2.54
DPI = 200
_lock = threading.Lock()  # matplotlib's rc handling is process-global


_CACHE_SIZE = 64
_cache: OrderedDict[str, bytes] = OrderedDict()
_cache_lock = threading.Lock()
F = TypeVar("F", bound=Callable[..., bytes])


def _remember(fn: F) -> F:
    """Charts are pure functions of their data: keep the last few images, keyed by the call, so a
    document rendered again (a preview page, a download after the preview) does not redraw them."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> bytes:
        key = repr((fn.__name__, args, sorted(kwargs.items())))
        with _cache_lock:
            if key in _cache:
                _cache.move_to_end(key)
                return _cache[key]
        data = fn(*args, **kwargs)
        with _cache_lock:
            _cache[key] = data
            while len(_cache) > _CACHE_SIZE:
                _cache.popitem(last=False)
        return data

    return wrapper  # type: ignore[return-value]


def _check_series(series: Mapping[str, Sequence[float | None]], length: int) -> None:
    for name, values in series.items():
        if len(values) != length:
            raise ValueError(f"series {name!r} must have one value per category ({length})")


@cache
def _register_fonts() -> None:
    for weight in (400, 700):
        font_manager.fontManager.addfont(str(font_path(weight)))


def _rc() -> Any:  # matplotlib types rc keys as a Literal union
    return {
        "font.family": FAMILY,
        "font.size": 10,
        "axes.titlesize": 12,
        "axes.titleweight": "bold",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "svg.hashsalt": "prongsai",
        "svg.fonttype": "path",
    }


def _figure(width_cm: float, height_cm: float) -> tuple[Figure, Any]:
    fig = Figure(figsize=(width_cm * CM, height_cm * CM), dpi=DPI)
    FigureCanvasAgg(fig)
    return fig, fig.add_subplot()


def _save(fig: Figure, fmt: ChartFormat) -> bytes:
    buffer = io.BytesIO()
    metadata: dict[str, Any] = {"Software": None} if fmt == "png" else {"Date": None}
    if fmt == "svg":
        metadata["Creator"] = None
    fig.tight_layout()
    fig.savefig(buffer, format=fmt, dpi=DPI, metadata=metadata)
    return buffer.getvalue()


def _number(value: float, decimals: int, style: Digits) -> str:
    return digits(f"{value:.{decimals}f}", style)


def _axis_formatter(style: Digits) -> FuncFormatter:
    return FuncFormatter(lambda v, _pos: digits(f"{v:g}", style))


def _finish(
    fig: Figure,
    ax: Any,
    *,
    title: str | None,
    value_label: str | None,
    horizontal: bool,
    style: Digits,
    max_value: float | None,
    target: float | None,
    target_label: str | None,
) -> None:
    value_axis = ax.xaxis if horizontal else ax.yaxis
    value_axis.set_major_formatter(_axis_formatter(style))
    if max_value is not None:
        (ax.set_xlim if horizontal else ax.set_ylim)(0, max_value)
    if target is not None:
        line = ax.axvline if horizontal else ax.axhline
        label = digits(target_label, style) if target_label else None
        line(target, color="#c00000", linestyle="--", linewidth=1, label=label)
    if title:
        ax.set_title(digits(title, style))
    if value_label:
        (ax.set_xlabel if horizontal else ax.set_ylabel)(digits(value_label, style))
    ax.grid(axis="x" if horizontal else "y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    if ax.get_legend_handles_labels()[1]:
        ax.legend(frameon=False, fontsize=9, ncols=5, loc="upper center",
                  bbox_to_anchor=(0.5, -0.1 if horizontal else -0.12))  # fmt: skip


@_remember
def bar_chart(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    title: str | None = None,
    value_label: str | None = None,
    digits_style: Digits = "thai",
    horizontal: bool = True,
    max_value: float | None = 100.0,
    target: float | None = None,
    target_label: str | None = None,
    decimals: int = 2,
    colors: Sequence[str] | None = None,
    width_cm: float = 16.0,
    height_cm: float | None = None,
    fmt: ChartFormat = "png",
) -> bytes:
    """One bar per label with its value written at the end (e.g. the ten indicator scores)."""
    if len(labels) != len(values):
        raise ValueError("labels and values must have the same length")
    _register_fonts()
    height = height_cm or (max(5.0, 1.0 * len(labels) + 2.0) if horizontal else 9.0)
    with _lock, rc_context(_rc()):
        fig, ax = _figure(width_cm, height)
        names = [digits(label, digits_style) for label in labels]
        positions = list(range(len(labels)))
        color = list(colors) if colors else PALETTE[0]
        if horizontal:
            bars = ax.barh(positions, values, color=color, height=0.6)
            ax.set_yticks(positions, names)
            ax.invert_yaxis()
        else:
            bars = ax.bar(positions, values, color=color, width=0.6)
            ax.set_xticks(positions, names)
        ax.bar_label(bars, labels=[_number(v, decimals, digits_style) for v in values],
                     padding=3, fontsize=9)  # fmt: skip
        top = max_value if max_value is not None else max(values, default=0) * 1.15
        _finish(fig, ax, title=title, value_label=value_label, horizontal=horizontal,
                style=digits_style, max_value=top * (1.12 if horizontal else 1.08),
                target=target, target_label=target_label)  # fmt: skip
        return _save(fig, fmt)


@_remember
def grouped_bar_chart(
    categories: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    *,
    title: str | None = None,
    value_label: str | None = None,
    digits_style: Digits = "thai",
    max_value: float | None = 100.0,
    target: float | None = None,
    target_label: str | None = None,
    decimals: int = 2,
    show_values: bool = True,
    width_cm: float = 16.0,
    height_cm: float = 9.0,
    fmt: ChartFormat = "png",
) -> bytes:
    """Bars grouped by category, one bar per series (e.g. IIT/EIT/OIT over fiscal years)."""
    _check_series(series, len(categories))
    _register_fonts()
    with _lock, rc_context(_rc()):
        fig, ax = _figure(width_cm, height_cm)
        count = max(len(series), 1)
        width = 0.8 / count
        for i, (name, values) in enumerate(series.items()):
            xs = [c - 0.4 + width * (i + 0.5) for c in range(len(categories))]
            present = [(px, v) for px, v in zip(xs, values, strict=True) if v is not None]
            bars = ax.bar(
                [p for p, _ in present],
                [v for _, v in present],
                width=width * 0.92,
                color=PALETTE[i % len(PALETTE)],
                label=digits(name, digits_style),
            )
            if show_values:
                ax.bar_label(bars, labels=[_number(v, decimals, digits_style) for _, v in present],
                             padding=2, fontsize=7)  # fmt: skip
        ax.set_xticks(range(len(categories)), [digits(c, digits_style) for c in categories])
        _finish(fig, ax, title=title, value_label=value_label, horizontal=False,
                style=digits_style, max_value=max_value * 1.08 if max_value else None,
                target=target, target_label=target_label)  # fmt: skip
        return _save(fig, fmt)


@_remember
def line_chart(
    x_labels: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    *,
    title: str | None = None,
    value_label: str | None = None,
    digits_style: Digits = "thai",
    min_value: float | None = None,
    max_value: float | None = 100.0,
    target: float | None = None,
    target_label: str | None = None,
    decimals: int = 2,
    show_values: bool = True,
    width_cm: float = 16.0,
    height_cm: float = 8.0,
    fmt: ChartFormat = "png",
) -> bytes:
    """A trend over years: one line per series, missing years (None) leave a gap."""
    _check_series(series, len(x_labels))
    _register_fonts()
    with _lock, rc_context(_rc()):
        fig, ax = _figure(width_cm, height_cm)
        xs = list(range(len(x_labels)))
        for i, (name, values) in enumerate(series.items()):
            ys = [float("nan") if v is None else v for v in values]
            color = PALETTE[i % len(PALETTE)]
            ax.plot(xs, ys, marker="o", color=color, linewidth=2, label=digits(name, digits_style))
            if show_values:
                for px, v in zip(xs, values, strict=True):
                    if v is not None:
                        ax.annotate(_number(v, decimals, digits_style), (px, v),
                                    textcoords="offset points", xytext=(0, 7), ha="center",
                                    fontsize=8, color=color)  # fmt: skip
        ax.set_xticks(xs, [digits(label, digits_style) for label in x_labels])
        ax.set_xlim(-0.5, len(x_labels) - 0.5)
        _finish(fig, ax, title=title, value_label=value_label, horizontal=False,
                style=digits_style, max_value=None, target=target,
                target_label=target_label)  # fmt: skip
        low = min_value if min_value is not None else ax.get_ylim()[0]
        high = max_value * 1.06 if max_value is not None else ax.get_ylim()[1]
        ax.set_ylim(low, high)
        return _save(fig, fmt)
