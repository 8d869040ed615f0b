"""Field-level encryption of reporters' identities and attachments, and the case codes.

Identity and attachments are encrypted with Fernet (AES-128-CBC + HMAC-SHA256) under the keys of
PRONGSAI_CHANNELS_KEY: the first key encrypts, every key decrypts (MultiFernet), so a new key is
put first, `prongsai channels rotate-keys` re-encrypts, and the old key is then removed.

A case code is 100 random bits (secrets), shown once; the database keeps only its keyed hash
(HMAC-SHA256 under PRONGSAI_CHANNELS_CODE_KEY), so a copy of the database cannot follow a case.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from prongsai.channels import conf

# Crockford's base32: no I, L, O, U (nothing to misread on a printed receipt)
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_CHARS = 20  # 20 x 5 bits = 100 bits
_READ_AS = {"O": "0", "I": "1", "L": "1", "U": "V"}


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(k) for k in conf.fernet_keys()])


def encrypt(data: bytes) -> bytes:
    return _fernet().encrypt(data)


def decrypt(token: bytes) -> bytes:
    """The clear bytes; ValueError when no configured key opens them."""
    try:
        return _fernet().decrypt(bytes(token))
    except InvalidToken:
        raise ValueError("no configured PRONGSAI_CHANNELS_KEY opens this value") from None


def rotate(token: bytes) -> bytes:
    return _fernet().rotate(bytes(token))


def encrypt_json(value: dict[str, Any]) -> bytes:
    return encrypt(json.dumps(value, ensure_ascii=False).encode())


def decrypt_json(token: bytes) -> dict[str, Any]:
    value = json.loads(decrypt(token).decode())
    return value if isinstance(value, dict) else {}


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_CHARS))
    return "-".join(raw[i : i + 5] for i in range(0, CODE_CHARS, 5))


def normalise_code(text: str) -> str | None:
    """The code as typed (any case, spaces or dashes, O for 0) in its canonical form, or None."""
    chars = [_READ_AS.get(c, c) for c in (text or "").upper() if c not in " -\u2010\u2011\u2013\t"]
    if len(chars) != CODE_CHARS or any(c not in ALPHABET for c in chars):
        return None
    raw = "".join(chars)
    return "-".join(raw[i : i + 5] for i in range(0, CODE_CHARS, 5))


def code_hash(code: str) -> str:
    return hmac.new(conf.code_key(), code.encode(), hashlib.sha256).hexdigest()
