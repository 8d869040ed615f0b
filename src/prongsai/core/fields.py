"""Form fields shared by the domain apps.

TextField is a free-text field with a length limit said in Thai (Django's own message has no
Thai): every free-text field of a form has a limit (`tests/security/test_text_limits.py`), since
625 KB in one field made the plan's PDF take 8.8 s on every view. `text_formfield` gives a model
form's TextFields that limit (`Meta.formfield_callback`).

ThaiDateField is every date field of every form: it reads a date as the officer types it in B.E.
("30/04/2570", "2570-04-30", "30 เมษายน 2570", Thai digits) through `prongsai.core.thai.parse_date`
and shows it back in B.E. in the page's digit style (`ThaiDateInput`).

RecordChoiceField and RecordMultipleChoiceField are Django's model choice fields that refuse an id
that no record can have (not a number, or beyond a 64-bit integer) with the field's own "not one
of the choices" error before asking the database: SQLite raises OverflowError for such a number
inside an `IN (...)` lookup, which used to answer a hand-edited form with a server error.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core import thai
from prongsai.core.widgets import ThaiDateInput

_LARGEST_ID = 2**63 - 1
SHORT_TEXT = 300  # a title, a name, a list of question codes
LONG_TEXT = 5000  # a free text of several paragraphs (about two pages of Thai)


class TextField(forms.CharField):
    default_error_messages = {
        "max_length": _(
            "ข้อความยาวเกินกำหนด: ยาวได้ไม่เกิน %(limit_value)d ตัวอักษร (ที่กรอกมา %(show_value)d ตัวอักษร)"
        ),
    }


def text_formfield(db_field: models.Field[Any, Any], **kwargs: Any) -> Any:
    """A model form's field for `db_field`: a TextField gets the LONG_TEXT limit."""
    if isinstance(db_field, models.TextField):
        kwargs = {"max_length": db_field.max_length or LONG_TEXT, "form_class": TextField, **kwargs}
    return db_field.formfield(**kwargs)


def _plausible_id(value: Any) -> bool:
    text = str(value).strip()
    return text.isascii() and text.isdigit() and int(text) <= _LARGEST_ID


class RecordChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return thai.local_digits_in_text(obj)  # "416-60-0003 เครื่องเสียง" in the page's digits

    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and not _plausible_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class RecordMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return thai.local_digits_in_text(obj)

    def clean(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            for item in value:
                if item not in self.empty_values and not _plausible_id(item):
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": item},
                    )
        return super().clean(value)


class ThaiDateField(forms.DateField):
    widget = ThaiDateInput
    default_error_messages = {
        # the examples in the page's digits too
        "invalid": thai.local_digits_lazy(
            _(
                "อ่านวันที่ไม่ได้ พิมพ์วัน/เดือน/ปี พ.ศ. เช่น 30/04/2570 หรือ 30 เมษายน 2570 "
                "(ต้องเป็นวันที่มีจริงในปฏิทิน)"
            )
        ),
    }

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        day = thai.parse_date(str(value))
        if day is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return day

    def strptime(self, value: str, format: str) -> dt.datetime:
        raise NotImplementedError("ThaiDateField reads dates through prongsai.core.thai only")
