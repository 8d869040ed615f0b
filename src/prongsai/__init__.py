"""Prongsai: the yearly ITA integrity and transparency cycle for Thai agencies."""

__version__ = "0.1.0"
