"""Thai words as Tesseract misreads them, put right by a dictionary and word frequencies.

Tesseract's Thai model drops, adds and confuses the marks above and below the line ("เมือ" for
เมื่อ, "ทก" for ทุก, "ตูลาคม" for ตุลาคม), reads sara am as mai tho and sara aa ("ท้า" for ทำ)
and takes one consonant for its look-alike ("ขี้แจง" for ชี้แจง, "มิซอบ" for มิชอบ). This is a
noisy-channel corrector over each run of Thai letters:

- the run is segmented into words by dynamic programming over its character clusters (TCC, so
  that no word ends inside a cluster), each word costing -ln P(word) by the Thai National
  Corpus frequencies (PyThaiNLP's `tnc_freq.txt`; a dictionary word the corpus lacks costs as
  if seen once) and each character outside the dictionary (PyThaiNLP's `thai_words()` with the
  ITA vocabulary and the month names of `documents/thaibreak`) costing `UNKNOWN_CHAR_COST`;
- around every word that is unknown or rare, candidates are made by one of Tesseract's known
  confusions (a mark inserted, dropped or replaced, "้า" for "ำ", a look-alike consonant, a
  leading vowel written twice, a stray "ฮ"), each with the cost of that confusion;
- a candidate is kept only when the window it changes segments better by more than the cost
  of its edit (so a common word next to a rarer spelling wins, a rare correct word with no
  far more common neighbour stays), the window is rescanned, at most `MAX_EDITS_PER_RUN`
  edits per run.

Results are cached per run of text. Used on OCR text only (docimport/ocr_tables.py,
docimport/ocr.py); a text layer, DOCX or plain text is never corrected.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pythainlp.util import Trie

UNKNOWN_CHAR_COST = 8.0  # per character outside the dictionary (a rare word costs ~17)
RARE_WORD_COST = 9.0  # a word costing more (seen fewer than ~4,000 times in 33M) is suspect
MAX_EDITS_PER_RUN = 6
DOMAIN_WORD_FREQUENCY = 1000  # an ITA term (documents/data/words.txt, months) costs at most this
MAX_RUN = 120  # longer runs are corrected in windows anyway; bound the DP
MIN_GAIN = 1.0  # nats: a correction must segment clearly better than its edit costs
SHORT_WORD = 2  # words this short are always looked at ("ที" for ที่)

# Thai character classes
_CONSONANTS = "กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรฤลฦวศษสหฬอฮ"
_ABOVE_VOWELS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47"  # ั ิ ี ึ ื ็
_BELOW_VOWELS = "\u0e38\u0e39"  # ุ ู
_TONES = "\u0e48\u0e49\u0e4a\u0e4b\u0e4c"  # ่ ้ ๊ ๋ ์
_MARKS = _ABOVE_VOWELS + _BELOW_VOWELS + _TONES
_LEADING = "เแโใไ"
_THAI_RUN = re.compile("[\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e]+")

# Costs (nats) of Tesseract's confusions: how much better the text must segment to undo one.
MARK_EDIT_COST = 4.5
AM_COST = 3.0  # "้า" read for "ำ"
CONSONANT_COST = 6.0
LEADING_VOWEL_COST = 4.0
DOUBLED_LEADING_COST = 2.0
STRAY_LETTER_COST = 5.0
# Consonants (and leading vowels) Tesseract's Thai model takes for one another.
_LOOK_ALIKE = ("ขชซ", "ตด", "บป", "ผฝ", "พฟ", "ถภ", "ฎฏ", "ทห", "ฮอ", "ศค", "ใไ", "ไเ")
_STRAY = "ฮ"  # read into the text from specks and broken rules


@dataclass(frozen=True)
class _Model:
    trie: Trie
    costs: dict[str, float]
    unseen: float  # a dictionary word the corpus lacks


@cache
def _model() -> _Model:
    from pythainlp.corpus import thai_words, tnc
    from pythainlp.util import Trie

    from prongsai.documents.thaibreak import base_vocabulary

    words = set(thai_words()) | set(base_vocabulary())
    freqs = dict(tnc.word_freqs())
    total = float(sum(freqs.values()))
    unseen = math.log(total)
    costs = {w: math.log(total / (freqs[w] + 1)) if w in freqs else unseen for w in words}
    # the ITA vocabulary is common in these documents whatever the general corpus says
    domain = math.log(total / DOMAIN_WORD_FREQUENCY)
    for word in base_vocabulary():
        costs[word] = min(costs[word], domain)
    return _Model(Trie(words), costs, unseen)


def _boundaries(text: str) -> set[int]:
    from pythainlp.tokenize.tcc_p import tcc_pos

    return {0, *tcc_pos(text)}


@lru_cache(maxsize=65536)
def segment(text: str) -> tuple[float, tuple[tuple[str, bool], ...]]:
    """(cost, words) of the cheapest segmentation of a run of Thai letters; each word with
    whether the dictionary knows it."""
    model = _model()
    ends = _boundaries(text)
    n = len(text)
    best: list[tuple[float, int, bool]] = [(math.inf, -1, False)] * (n + 1)
    best[0] = (0.0, -1, False)
    starts = sorted(ends)
    for i in starts:
        if i >= n or best[i][0] == math.inf:
            continue
        base = best[i][0]
        for word in model.trie.prefixes(text[i:]):
            j = i + len(word)
            if j in ends:
                cost = base + model.costs.get(word, model.unseen)
                if cost < best[j][0]:
                    best[j] = (cost, i, True)
        j = next((k for k in starts if k > i), n)
        cost = base + UNKNOWN_CHAR_COST * (j - i)
        if cost < best[j][0]:
            best[j] = (cost, i, False)
    words: list[tuple[str, bool]] = []
    j = n
    while j > 0:
        _cost, i, known = best[j]
        words.append((text[i:j], known))
        j = i
    words.reverse()
    # unknown clusters next to each other are one unknown piece
    merged: list[tuple[str, bool]] = []
    for word, known in words:
        if merged and not known and not merged[-1][1]:
            merged[-1] = (merged[-1][0] + word, False)
        else:
            merged.append((word, known))
    return best[n][0], tuple(merged)


def _candidates(text: str) -> list[tuple[str, float]]:
    """`text` with one of Tesseract's confusions undone, each with its cost."""
    out: list[tuple[str, float]] = []
    for i, ch in enumerate(text):
        before, after = text[:i], text[i + 1 :]
        if ch in _MARKS:
            out.append((before + after, MARK_EDIT_COST))
            out.extend((before + m + after, MARK_EDIT_COST) for m in _MARKS if m != ch)
        if ch in _CONSONANTS or ch in _ABOVE_VOWELS or ch in _BELOW_VOWELS:
            nxt = text[i + 1 : i + 2]
            for mark in _MARKS:
                if mark != nxt:
                    out.append((text[: i + 1] + mark + after, MARK_EDIT_COST))
        for group in _LOOK_ALIKE:
            if ch in group:
                cost = LEADING_VOWEL_COST if ch in _LEADING else CONSONANT_COST
                out.extend((before + other + after, cost) for other in group if other != ch)
        if ch in _LEADING and after[:1] in _LEADING:
            out.append((before + after, DOUBLED_LEADING_COST))
        if ch in _STRAY:
            out.append((before + after, STRAY_LETTER_COST))
        if ch == "\u0e49" and after[:1] == "\u0e32":  # "้า" for "ำ"
            out.append((before + "\u0e33" + after[1:], AM_COST))
        if ch == "\u0e32" and before[-1:] in _CONSONANTS:  # "า" for "ำ" (its circle lost)
            out.append((before + "\u0e33" + after, AM_COST))
    return out


@lru_cache(maxsize=16384)
def _best_fix(left: str, region: str, right: str) -> tuple[str, float] | None:
    """The best single correction of `region` (between `left` and `right`, which are scored
    with it but not edited) and its net gain, or None."""
    base, _words = segment(left + region + right)
    best: tuple[str, float] | None = None
    for candidate, cost in _candidates(region):
        if not candidate:
            continue
        gain = base - segment(left + candidate + right)[0] - cost
        if gain > MIN_GAIN and (best is None or gain > best[1]):
            best = (candidate, gain)
    return best


def _suspect(word: str, known: bool) -> bool:
    if not known or len(word) <= SHORT_WORD:
        return True
    model = _model()
    return model.costs.get(word, model.unseen) > RARE_WORD_COST


@lru_cache(maxsize=16384)
def correct_run(run: str) -> str:
    """A run of Thai letters with Tesseract's confusions undone where the dictionary says so."""
    if len(run) > MAX_RUN:
        parts = _split_long(run)
        return run if len(parts) == 1 else "".join(correct_run(part) for part in parts)
    for _ in range(MAX_EDITS_PER_RUN):
        _cost, words = segment(run)
        texts = [word for word, _known in words]
        fixed = None
        for index, (word, known) in enumerate(words):
            if not _suspect(word, known):
                continue
            lo, hi = max(0, index - 1), min(len(words), index + 2)
            left = "".join(texts[max(0, lo - 1) : lo])
            right = "".join(texts[hi : hi + 1])
            region = "".join(texts[lo:hi])
            found = _best_fix(left, region, right)
            if found is not None and (fixed is None or found[1] > fixed[2]):
                start = sum(len(w) for w in texts[:lo])
                fixed = (start, region, found[1], found[0])
        if fixed is None:
            break
        start, region, _gain, replacement = fixed
        run = run[:start] + replacement + run[start + len(region) :]
    # "ที" standing alone as a word is "ที่" with its tone mark dropped (ที as a word of its
    # own is all but unused in documents)
    words = segment(run)[1]
    if any(word == "ที" for word, _known in words):
        run = "".join("ที่" if word == "ที" else word for word, _known in words)
    return run


def _split_long(run: str) -> list[str]:
    """A long run cut at word boundaries into pieces of at most MAX_RUN characters."""
    _cost, words = segment(run)
    parts: list[str] = []
    current = ""
    for word, _known in words:
        if current and len(current) + len(word) > MAX_RUN:
            parts.append(current)
            current = ""
        current += word
    if current:
        parts.append(current)
    return parts


# Names are not words: what follows a title or the name of an administrative unit ("นางสาว…",
# "ตำบล…", "อบต.…") and the surname after a titled name are left as read, as are abbreviations
# ("ทต.", "อ.").
_NAME_BEFORE = re.compile("(?:นางสาว|นาง|นาย|ว่าที่ร้อยตรี|ดร\\.|ตำบล|อำเภอ|จังหวัด|เทศบาล|หมู่บ้าน)")
_ABBREVIATION_BEFORE = re.compile(
    "(?:^|[^\u0e01-\u0e4e])[\u0e01-\u0e2e]{1,3}\\.(?:[\u0e01-\u0e2e]{1,2}\\.)*\\s*$"
)


def _name_start(run: str) -> re.Match[str] | None:
    """The first title or unit word in `run` that ends where a word ends ("นาย" in "นายสมชาย",
    not in "มิถุนายน")."""
    ends: set[int] = set()
    position = 0
    for word, _known in segment(run)[1]:
        position += len(word)
        ends.add(position)
    for match in _NAME_BEFORE.finditer(run):
        if match.end() in ends:
            return match
    return None


def correct_words(text: str) -> str:
    """`text` (OCR output) with every run of Thai letters corrected by `correct_run`, names
    and abbreviations aside."""
    if not text or not any("\u0e01" <= ch <= "\u0e4e" for ch in text):
        return text
    out: list[str] = []
    cursor = 0
    named = False  # the run before was a titled name: this one is its surname
    for match in _THAI_RUN.finditer(text):
        start, end = match.span()
        between = text[cursor:start]
        out.append(between)
        run = match.group(0)
        surname = named and between.isspace()
        named = False
        if surname or text[end : end + 1] == "." or _ABBREVIATION_BEFORE.search(text[:start]):
            out.append(run)
        else:
            name = _name_start(run)
            if name is not None and name.end() < len(run):
                out.append(correct_run(run[: name.start()]) + run[name.start() :])
                named = True
            else:
                out.append(correct_run(run))
        cursor = end
    out.append(text[cursor:])
    return "".join(out)
