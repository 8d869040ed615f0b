"""The people a corruption report names as involved, and the receivers it therefore keeps out.

The reporter may name the people involved in a field of their own. The names are personal data
of third parties (often the accused), so they are kept like the reporter's identity: encrypted
under PRONGSAI_CHANNELS_KEY (`crypto.encrypt`, the same MultiFernet), in
`Report.involved_ciphertext`, never in clear in the database, lists, exports, the audit trail,
mails or oversight pages; only a receiver who may open the case reads them, on its page. They
are re-encrypted by `prongsai channels rotate-keys` and erased with the identity after the
retention period (decision 42).

A receiver is "named" when one of their names (their recorded real name without a title, their
account's full name, or a surname of three letters or more) appears in the named people, the
subject or the details, compared after `docimport.text.normalise_thai` (Thai as a keyboard
writes it: PDF-order marks, เเ for แ), without spaces or dots and case-folded. A named receiver
is added to the report's `excluded` and cannot open it; the check runs when the report is filed
and again when a receiver is named or renamed, for the agency's open reports.
"""

from __future__ import annotations

import re
from typing import Any

from prongsai.channels import crypto
from prongsai.channels.models import Kind, Receiver, Report
from prongsai.docimport.text import normalise_thai
from prongsai.orgs.models import Agency

# Thai titles written before a name; a report rarely writes the title the receiver recorded
TITLES = ("ว่าที่ร้อยตรี", "ว่าที่ร.ต.", "นางสาว", "น.ส.", "นาง", "นาย", "ดร.")
_MIN = 3  # letters: a shorter name would match inside unrelated words


def normalise(text: str) -> str:
    return re.sub(r"[\s.]+", "", normalise_thai(text or "")).casefold()


def _untitled(name: str) -> str:
    plain = re.sub(r"\s+", "", normalise_thai(name or "").strip())
    for title in TITLES:
        if plain.startswith(title) and len(plain) > len(title):
            return plain[len(title) :]
    return plain


def seal(text: str) -> bytes:
    """The named people as ciphertext (empty when none were named)."""
    text = (text or "").strip()
    return crypto.encrypt(text.encode()) if text else b""


def read(report: Report) -> str:
    """The named people in clear, for the case page of a receiver who may open it."""
    token = bytes(report.involved_ciphertext or b"")
    return crypto.decrypt(token).decode() if token else ""


def names_of(receiver: Receiver) -> list[str]:
    user = receiver.user
    names = [receiver.name, _untitled(receiver.name), user.get_full_name()]
    names += [user.last_name] if len(user.last_name or "") >= _MIN else []
    return [n for n in dict.fromkeys(normalise(x) for x in names) if len(n) >= _MIN]


def named_receivers(
    agency: Agency, text: str, receivers: list[Receiver] | None = None
) -> list[Any]:
    """The receivers (of `agency`, or those given) that `text` names."""
    haystack = normalise(text)
    if receivers is None:
        receivers = list(Receiver.objects.filter(agency=agency).select_related("user"))
    return [r for r in receivers if any(name in haystack for name in names_of(r))]


def text_of(report: Report) -> str:
    """Everything of a report that may name someone: the named people, subject and details."""
    return f"{read(report)}\n{report.subject}\n{report.body}"


def exclude_named(report: Report, receivers: list[Receiver] | None = None) -> list[Receiver]:
    """Keep the receivers the report names out of it; returns them."""
    named = named_receivers(report.agency, text_of(report), receivers)
    if named:
        report.excluded.add(*[r.user for r in named])
    return named


def recheck(agency: Agency, receiver: Receiver) -> int:
    """After a receiver is named or renamed: keep them out of the agency's corruption reports
    that name them (closed ones too: a closed case is still not theirs to read). Returns how
    many reports they were kept out of."""
    count = 0
    reports = Report.objects.filter(agency=agency, kind=Kind.CORRUPTION).exclude(
        excluded=receiver.user
    )
    for report in reports.select_related("agency"):
        if exclude_named(report, [receiver]):
            count += 1
    return count
