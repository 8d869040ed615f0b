"""Form fields shared by the domain apps.

RecordChoiceField and RecordMultipleChoiceField are Django's model choice fields that refuse an id
that no record can have (not a number, or beyond a 64-bit integer) with the field's own "not one
of the choices" error before asking the database: SQLite raises OverflowError for such a number
inside an `IN (...)` lookup, which used to answer a hand-edited form with a server error.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

_LARGEST_ID = 2**63 - 1


def _plausible_id(value: Any) -> bool:
    text = str(value).strip()
    return text.isascii() and text.isdigit() and int(text) <= _LARGEST_ID


class RecordChoiceField(forms.ModelChoiceField):
    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and not _plausible_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class RecordMultipleChoiceField(forms.ModelMultipleChoiceField):
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
