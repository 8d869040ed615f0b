"""ITA question codes: the one place that reads them (decision 35).

The importer, the checker, the plan and results forms, the results import, the knowledge base
and the framework loader all read codes here, so a code an officer types ("i 19, e 8", "E-11",
"O05") is read the same way as the importer reads it from a document.

Codes as real documents write them, and as OCR damages them.

Canonical codes are lower case: "i19" (IIT), "e11" (EIT), "o8" (OIT; later years write "O8",
still stored as "o8"). Damage seen in published plans: "119" for i19 (the I read as 1), "1๑๐"
for i10, "E๑๑" for e11, "๐๘" for o8, "17" for i7, and l/|/I confusions.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from prongsai.core.thai import to_arabic_digits

# The letter a code may start with: (tool letter, is it certain?)
_LETTERS: dict[str, tuple[str, bool]] = {
    "i": ("i", True),
    "I": ("i", True),
    "í": ("i", False),
    "ì": ("i", False),
    "ı": ("i", False),
    "l": ("i", False),
    "L": ("i", False),
    "|": ("i", False),
    "!": ("i", False),
    "І": ("i", False),  # Cyrillic
    "e": ("e", True),
    "E": ("e", True),
    "é": ("e", False),
    "е": ("e", False),  # Cyrillic
    "Е": ("e", False),  # Cyrillic
    "o": ("o", True),
    "O": ("o", True),
    "о": ("o", False),  # Cyrillic
    "О": ("o", False),  # Cyrillic
}
_TOOL_LETTER = {"IIT": "i", "EIT": "e", "OIT": "o", "i": "i", "e": "e", "o": "o"}
MAX_QUESTION_NUMBER = 60
_SEPARATORS = re.compile(r"[\s.\-_:]+")
_ASCII_DIGITS = re.compile(r"[0-9]+")
_AFTER_LETTER = re.compile(r"^(\D)[\s.\-_:]+(?=\d)")


def _is_digits(text: str) -> bool:
    return bool(_ASCII_DIGITS.fullmatch(text))


def _number(digits: str) -> int | None:
    if not _is_digits(digits) or digits.startswith("0"):
        return None
    value = int(digits)
    return value if 1 <= value <= MAX_QUESTION_NUMBER else None


def _candidates(raw: str, tool_hint: str | None) -> list[tuple[str, bool]]:
    """Possible readings of `raw`, most likely first, each with whether it is certain."""
    text = _AFTER_LETTER.sub(r"\1", to_arabic_digits(raw.strip()))  # "i 19", "E-11"
    if not text or len(text) > 5:
        return []
    found: list[tuple[str, bool]] = []
    head, rest = text[0], text[1:]
    if head in _LETTERS and _is_digits(rest):
        letter, certain = _LETTERS[head]
        number = _number(rest.lstrip("0") or "0")  # "i07", "O08"
        if number is not None:
            found.append((f"{letter}{number}", certain))
    elif _is_digits(text):
        hint = _TOOL_LETTER.get(tool_hint or "")
        whole = _number(text)
        if hint and whole is not None:
            found.append((f"{hint}{whole}", True))
        if len(text) >= 2:
            number = _number(rest)
            if head == "1" and number is not None:
                found.append((f"i{number}", False))
            if head == "0" and number is not None:
                found.append((f"o{number}", False))
    return found


def normalise_question_code(
    raw: str, known_codes: Collection[str] | None = None, *, tool_hint: str | None = None
) -> str | None:
    """The canonical code ("i19") for a code as written ("119", "I19", "E๑๑", "๐๘"), or None.

    `known_codes` (the framework year's codes) picks between readings; a code written with a
    clear letter is returned even when unknown, so that the checker can report it, while a
    reading that rests on repairing damage must be a known code. `tool_hint` ("IIT"/"EIT"/"OIT")
    reads bare numbers ("ข้อ ๑๓" in an IIT table → i13).
    """
    candidates = _candidates(raw, tool_hint)
    if not candidates:
        return None
    if known_codes is None:
        return candidates[0][0]
    for code, _certain in candidates:
        if code in known_codes:
            return code
    code, certain = candidates[0]
    return code if certain else None


# A code with a letter may stand anywhere a word starts; a bare number only where a question
# starts (start of a cell, after a bullet), since elsewhere it is just a number in the text.
_LETTER_CLASS = "".join(re.escape(ch) for ch in _LETTERS)
_D = "[0-9๐-๙]"
_AFTER = r"(?=[\s.):,;\-]|[\u0E00-\u0E7F]|$)"
_LETTER_CODE = re.compile(rf"(?:^|(?<=[\s(\[/,;:]))([{_LETTER_CLASS}]\s?-?{_D}{{1,3}}){_AFTER}")
_BARE_AT_START = re.compile(rf"^\s*[-•*]?\s*({_D}{{2,3}})(?=\s|[\u0E00-\u0E7F])")
_ITEM_WORD = re.compile(rf"ข้อ(?:ที่)?\s*((?:{_D}{{1,2}})(?:\s*(?:,|และ|ข้อ(?:ที่)?)\s*{_D}{{1,2}})*)")
_NUMBER = re.compile(rf"{_D}{{1,2}}")


@dataclass
class CodeScan:
    codes: list[str] = field(default_factory=list)
    repaired: list[tuple[str, str]] = field(default_factory=list)  # (as written, read as)
    unreadable: list[str] = field(default_factory=list)

    def add(self, raw: str, code: str | None, *, repair: bool = True) -> None:
        if code is None:
            if raw not in self.unreadable:
                self.unreadable.append(raw)
            return
        compact = _SEPARATORS.sub("", raw)
        written = to_arabic_digits(compact).lower()
        if repair and written != code and (compact, code) not in self.repaired:
            self.repaired.append((compact, code))
        if code not in self.codes:
            self.codes.append(code)

    def extend(self, other: CodeScan) -> None:
        for raw, code in other.repaired:
            if (raw, code) not in self.repaired:
                self.repaired.append((raw, code))
        for code in other.codes:
            if code not in self.codes:
                self.codes.append(code)
        for raw in other.unreadable:
            if raw not in self.unreadable:
                self.unreadable.append(raw)


def scan_question_codes(
    fragments: list[str],
    known_codes: Collection[str] | None = None,
    *,
    tool_hint: str | None = None,
    item_words: bool = False,
) -> CodeScan:
    """The question codes in the cell fragments of a questions (or issue) column.

    With `item_words`, "ข้อ ๑๓ ข้อ ๑๕" is read too, as numbers of the hinted tool.
    """
    scan = CodeScan()
    for fragment in fragments:
        hits: list[tuple[int, str, str | None]] = []
        bare = _BARE_AT_START.match(fragment)
        if bare:
            raw = bare.group(1)
            hits.append((bare.start(1), raw, normalise_question_code(raw, known_codes)))
        for match in _LETTER_CODE.finditer(fragment):
            raw = match.group(1)
            hits.append((match.start(1), raw, normalise_question_code(raw, known_codes)))
        if item_words and tool_hint:
            for match in _ITEM_WORD.finditer(fragment):
                for number in _NUMBER.findall(match.group(1)):
                    code = normalise_question_code(number, known_codes, tool_hint=tool_hint)
                    hits.append((match.start(1), f"ข้อ {number}", code))
        for _position, raw, code in sorted(hits, key=lambda hit: hit[0]):
            by_item_word = raw.startswith("ข้อ")
            if code is None and by_item_word:
                continue
            scan.add(raw, code, repair=not by_item_word)
    return scan


def canonical_code(raw: object) -> str | None:
    """The canonical code of a code written with its letter ("I19", "i 19", "E-11", "e๑๑",
    "O05", "o 5" → "i19", "i19", "e11", "e11", "o5", "o5"); None for anything else. No repair
    of damage (a bare "119" is not i19 here): this is for codes people type and files we own."""
    text = str(raw).strip()
    if not text or len(text) > 12:
        return None
    candidates = _candidates(text, None)
    if candidates and candidates[0][1]:
        return candidates[0][0]
    return None


def normalise_code(raw: object) -> str:
    """`canonical_code`, or the text trimmed and lower-cased when it is not a code (so that the
    caller can name it in a message)."""
    code = canonical_code(raw)
    return code if code is not None else to_arabic_digits(str(raw)).strip().lower()


_LIST_SEPARATORS = re.compile(r"[,;/、\n]+|\s+และ\s+")
_LONE_LETTER = re.compile(r"^[A-Za-z]$")


def split_codes(raw: Iterable[object] | str) -> list[str]:
    """Codes as typed in one box ("I19, e 8 ,O๒๕ E-11" → ["i19", "e8", "o25", "e11"]): order
    kept, duplicates dropped, what is not a code kept as typed (lower-cased) so validation can
    name it."""
    pieces: list[str] = []
    items = [raw] if isinstance(raw, str) else [str(item) for item in raw]
    for item in items:
        pieces.extend(part for part in _LIST_SEPARATORS.split(item) if part.strip())
    out: list[str] = []
    for piece in pieces:
        for token in _tokens(piece):
            code = normalise_code(token)
            if code and code not in out:
                out.append(code)
    return out


def _tokens(piece: str) -> list[str]:
    """A piece between separators as codes: the whole piece when it is one code ("i 19"),
    else its words, a lone letter joined to the number after it ("i19 e 8")."""
    if canonical_code(piece) is not None:
        return [piece]
    words = piece.split()
    tokens: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        if _LONE_LETTER.match(word) and index + 1 < len(words):
            joined = f"{word}{words[index + 1]}"
            if canonical_code(joined) is not None:
                tokens.append(joined)
                index += 2
                continue
        tokens.append(word)
        index += 1
    return tokens
