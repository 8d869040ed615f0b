"""Thai line breaking between words only, with the agency's own words kept whole.

Thai has no spaces between words, so a renderer guesses where a line may break. typst (ICU
segmenter) and Word/LibreOffice guess with their own dictionaries, which do not know the
agency's name ("หนองคันทรอง"), its people ("ใจงาม", "วีรยุทธ") and split even common words
("กัน/ยายน", "ดำเนิน/การ"). So we decide the breaks ourselves, once per text (cached):

- PyThaiNLP's newmm tokeniser with its dictionary plus the document's vocabulary (names of
  the agency, its units and people, the months, and the ITA words in `data/words.txt`);
- a zero-width space (U+200B) between two Thai words: a break is allowed there (a token too
  long to glue, a compound such as "ห้างหุ้นส่วนจำกัด", is first cut into the dictionary words
  it is made of);
- a word joiner (U+2060) between the letter clusters of a word: no break inside it. The PDF
  glues every word (typst honours U+2060); the DOCX glues only the agency's own words and
  the months, so that the text an officer edits in Word carries few invisible characters
  and a common word too wide for a narrow column is still broken by Word's own dictionary
  (Word and LibreOffice break at U+200B and keep U+2060 together);
- no-break spaces inside dates ("๓ ตุลาคม", "พ.ศ. ๒๕๖๗") and inside people's names, and
  before "พ.ศ." so a title never breaks before the year (not in table cells, `year_glue`: in a
  narrow column "ปีงบประมาณ พ.ศ. ๒๕๖๗" glued whole is wider than the cell and runs over its
  rules; there "พ.ศ." is glued to its number only).

The invisible characters are taken out of the PDF's text layer again (`pdf_text`), so copy
and paste and search see the words as typed.
"""

from __future__ import annotations

import contextlib
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pythainlp.util import Trie

ZWSP = "\u200b"
WJ = "\u2060"
NBSP = "\u00a0"
INVISIBLE = (ZWSP, WJ)

_THAI_RUN = re.compile(r"[\u0e01-\u0e5b]+")
_HAS_THAI = re.compile(r"[\u0e01-\u0e5b]")
# Longest token glued together: longer ones are rare (run-on unknown text) and would overflow
# a narrow table cell if they could not break at all.
_MAX_GLUED = 16
_lock = threading.Lock()


@cache
def ita_words() -> frozenset[str]:
    """The ITA vocabulary shipped as data (`documents/data/words.txt`, one term a line)."""
    text = (resources.files("prongsai.documents") / "data" / "words.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


@cache
def month_words() -> frozenset[str]:
    from prongsai.core.thai import month_name

    return frozenset(month_name(n) for n in range(1, 13))


def base_vocabulary() -> frozenset[str]:
    return ita_words() | month_words()


@cache
def _base_trie() -> Trie:
    """The dictionary's and the vocabulary's words, built once per process (~0.8 s)."""
    from pythainlp.corpus import thai_words
    from pythainlp.util import Trie

    return Trie(set(thai_words()) | base_vocabulary())


@lru_cache(maxsize=64)
def _extra_words(extra: frozenset[str]) -> tuple[str, ...]:
    """The words of a document's own terms that the base trie does not hold."""
    base = _base_trie()
    return tuple(sorted({w for term in extra for w in _words_of(term) if w not in base}))


@contextlib.contextmanager
def _with_words(words: tuple[str, ...]) -> Iterator[Trie]:
    """The base trie holding `words` too while the block runs (under `_lock`): each agency's
    names added and taken out again, where a trie of its own for every agency cost 0.8 s to
    build, a third of a worker's time on a batch of one agency's documents."""
    trie = _base_trie()
    for word in words:
        trie.add(word)
    try:
        yield trie
    finally:
        for word in words:
            trie.remove(word)


_TITLES = ("นางสาว", "นาง", "นาย", "ว่าที่ร้อยตรี", "ดร.")


def _words_of(term: str) -> list[str]:
    """The Thai words of a term, for the dictionary: "นายสมชาย ใจงาม" -> "นายสมชาย", "สมชาย",
    "ใจงาม". A run too long to keep whole is left to the dictionary's own words."""
    out = []
    for run in _THAI_RUN.findall(term):
        if len(run) < 2 or len(run) > _MAX_GLUED:
            continue
        out.append(run)
        out += [run[len(t) :] for t in _TITLES if run.startswith(t) and len(run) > len(t) + 1]
    return out


@lru_cache(maxsize=64)
def _known(extra: frozenset[str]) -> frozenset[str]:
    """The vocabulary's words and their parts (they win ties in the tokeniser)."""
    out = set(base_vocabulary())
    for term in extra:
        out.update(_words_of(term))
    return frozenset(out)


@lru_cache(maxsize=64)
def _glued(extra: frozenset[str]) -> frozenset[str]:
    """The words the DOCX keeps whole: the agency's own (names, people, units) and the months,
    which Word's and LibreOffice's dictionaries do not know. Common words (ดำเนินการ) are left
    to them: glued, a word wider than a narrow column is cut anywhere by LibreOffice."""
    out = set(month_words())
    for term in extra:
        out.update(_words_of(term))
    return frozenset(out)


@lru_cache(maxsize=64)
def _phrases(extra: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """Terms with spaces (people's names) and their no-break form, longest first."""
    spaced = sorted((t for t in extra if " " in t.strip()), key=len, reverse=True)
    return tuple((t, t.replace(" ", NBSP)) for t in spaced)


_DIGIT = "0-9๐-๙"
_DATE_DAY = re.compile(rf"(?<![{_DIGIT}])([{_DIGIT}]{{1,2}}) (?=(?:เดือน)?[ก-ฮเแโใไ])")
_BE_AFTER = re.compile(rf"(พ\.ศ\.|ค\.ศ\.) ?(?=[{_DIGIT}])")
_BE_BEFORE = re.compile(r"(?<=\S) (?=(?:พ\.ศ\.|ค\.ศ\.))")


def _protect(text: str, extra: frozenset[str], year_glue: bool) -> str:
    for phrase, joined in _phrases(extra):
        if phrase in text:
            text = text.replace(phrase, joined)
    text = _BE_AFTER.sub(lambda m: m.group(1) + NBSP, text)
    if year_glue:
        text = _BE_BEFORE.sub(NBSP, text)
    return _DATE_DAY.sub(lambda m: m.group(1) + NBSP, text)


def _clusters(word: str) -> list[str]:
    """The word cut before every letter that starts a new cluster: never before a combining
    mark (a tone mark, an upper or lower vowel) nor before ำ, which the shaper recomposes with
    the marks before it (น้ำ)."""
    out: list[str] = []
    for ch in word:
        if out and (unicodedata.category(ch) in ("Mn", "Mc") or ch == "\u0e33"):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _tokens(run: str, trie: Trie) -> list[str]:
    from pythainlp.tokenize import word_tokenize

    return list(word_tokenize(run, custom_dict=trie, engine="newmm", keep_whitespace=True))


@cache
def _dictionary() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


def _prefer_vocabulary(words: list[str], glued: frozenset[str]) -> list[str]:
    """Re-cut two words where the first, with the start of the second, is a vocabulary word
    and what is left of the second is a word: newmm weighs "กำหนด|มาตร|การควบคุม" and
    "กำหนด|มาตรการ|ควบคุม" alike; the vocabulary decides."""
    dictionary = _dictionary()
    out = list(words)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a in glued:
            continue
        for k in range(1, len(b)):
            if a + b[:k] in glued and (b[k:] in dictionary or b[k:] in glued):
                out[i], out[i + 1] = a + b[:k], b[k:]
                break
    return out


def _pieces(word: str, known: frozenset[str]) -> list[str]:
    """A token too long to glue whole (a compound such as "ห้างหุ้นส่วนจำกัด", 17 letters) as
    the fewest dictionary words it is made of, each short enough to glue ("ห้างหุ้นส่วน",
    "จำกัด"), so that a line breaks between them and never inside one (left to itself, typst
    cut "จำ/กัด" in a narrow cell). The token itself when it is not made of such words."""
    dictionary = _dictionary()
    n = len(word)
    # best[i]: the fewest pieces of word[i:]; of as few, the one with the longest first piece
    # ("องค์การ|บริหาร", not "องค์|การบริหาร").
    best: list[list[str] | None] = [None] * (n + 1)
    best[n] = []
    for start in range(n - 2, -1, -1):
        for end in range(min(n, start + _MAX_GLUED), start + 1, -1):
            rest = best[end]
            piece = word[start:end]
            if rest is None or (piece not in dictionary and piece not in known):
                continue
            current = best[start]
            if current is None or len(rest) + 1 < len(current):
                best[start] = [piece, *rest]
    return best[0] or [word]


def mark(
    text: str, vocabulary: Iterable[str] = (), *, glue: str = "all", year_glue: bool = True
) -> str:
    """`text` with its break opportunities marked (see the module's docstring).

    `glue="all"` joins the clusters of every Thai word (PDF), `glue="vocabulary"` only those of
    the vocabulary's words (DOCX). `year_glue=False` (table cells) allows a break before
    "พ.ศ." (still never between it and its number).
    """
    if not text or not _HAS_THAI.search(text):
        return text
    extra = vocabulary if isinstance(vocabulary, frozenset) else frozenset(vocabulary)
    return _mark(text, extra, glue == "all", year_glue)


@lru_cache(maxsize=20000)
def _mark(text: str, extra: frozenset[str], glue_all: bool, year_glue: bool) -> str:
    with _lock:  # the tokeniser's trie is built once; PyThaiNLP is not documented thread-safe
        text = _protect(text, extra, year_glue)
        glued = _glued(extra)
        known = _known(extra)
        out: list[str] = []
        pos = 0
        with _with_words(_extra_words(extra)) as trie:
            for match in _THAI_RUN.finditer(text):
                out.append(text[pos : match.start()])
                words = _prefer_vocabulary(_tokens(match.group(), trie), known)
                words = [
                    p for w in words for p in (_pieces(w, known) if len(w) > _MAX_GLUED else [w])
                ]
                marked = []
                for word in words:
                    if (glue_all or word in glued) and 1 < len(word) <= _MAX_GLUED:
                        marked.append(WJ.join(_clusters(word)))
                    else:
                        marked.append(word)
                out.append(ZWSP.join(marked))
                pos = match.end()
        out.append(text[pos:])
        return "".join(out)


def unmark(text: str) -> str:
    """The text without the marks (for comparisons and the text layer)."""
    return text.replace(ZWSP, "").replace(WJ, "").replace(NBSP, " ")
