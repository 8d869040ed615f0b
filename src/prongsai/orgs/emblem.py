"""The agency's Garuda emblem (ตราครุฑ) for its บันทึกข้อความ: uploaded once by the agency's admin,
checked by its content (a PNG or JPEG that Pillow can read, not too big), re-encoded as a
clean PNG (no metadata, nothing but pixels) and kept in the store through `core.files`.

No emblem ships with Prongsai: the image is not ours to distribute, each agency gives its own.
"""

from __future__ import annotations

import io
import logging

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

MAX_BYTES = 2 * 1024 * 1024
MAX_SIDE = 4000  # pixels; a scan at 600 dpi of a 1.5 cm emblem is ~350
MIN_SIDE = 32
FOLDER = "emblems"


def emblem_png(data: bytes) -> bytes:
    """The uploaded image as a clean PNG, or a ValidationError with a Thai message."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_BYTES:
        raise ValidationError(_("ไฟล์ตราครุฑใหญ่เกิน ๒ เมกะไบต์"))
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")):
        raise ValidationError(_("ตราครุฑต้องเป็นไฟล์ภาพ PNG หรือ JPEG"))
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ("PNG", "JPEG"):
                raise ValidationError(_("ตราครุฑต้องเป็นไฟล์ภาพ PNG หรือ JPEG"))
            width, height = probe.size
            if max(width, height) > MAX_SIDE or min(width, height) < MIN_SIDE:
                raise ValidationError(_("ขนาดภาพตราครุฑต้องอยู่ระหว่าง ๓๒ ถึง ๔๐๐๐ จุดต่อด้าน"))
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            clean = image.convert(
                "RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB"
            )
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(_("อ่านไฟล์ภาพตราครุฑไม่ได้ ไฟล์อาจเสียหรือไม่ใช่ภาพ")) from None
    out = io.BytesIO()
    clean.save(out, format="PNG", optimize=True)
    return out.getvalue()
