"""What the providers accept, in one place: the transports fit every request to these numbers
and the fake provider in the tests refuses whatever exceeds them, as the real APIs do.

Lengths are counted in UTF-16 code units (an emoji counts two): Telegram measures text that
way, and for Meta's "characters" it is the stricter reading, so a text that fits here fits there.

Sources:
- WhatsApp Cloud API, "Interactive reply buttons messages" and "Interactive list messages"
  (developers.facebook.com/documentation/business-messaging/whatsapp/messages/…): at most three
  buttons, each title unique within the message and at most 20 characters, id at most 256;
  a list has at most 10 rows over all sections, row title 24, row description 72, row id 200,
  the list's button label 20, section title 24; the body of an interactive message 1,024;
  "Text messages": body 4,096.
- Telegram Bot API, sendMessage (core.telegram.org/bots/api#sendmessage): text 1–4096
  characters after entities parsing; InlineKeyboardButton.callback_data 1–64 bytes.
"""

from __future__ import annotations

WA_BUTTONS_MAX = 3
WA_BUTTON_TITLE_MAX = 20
WA_BUTTON_ID_MAX = 256
WA_LIST_ROWS_MAX = 10
WA_LIST_BUTTON_MAX = 20
WA_ROW_TITLE_MAX = 24
WA_ROW_DESCRIPTION_MAX = 72
WA_ROW_ID_MAX = 200
WA_SECTION_TITLE_MAX = 24
WA_INTERACTIVE_BODY_MAX = 1024
WA_TEXT_MAX = 4096
# A template's text parameter: Meta refuses new lines, tabs and more than four spaces in a row.
WA_TEMPLATE_PARAMETER_MAX = 200

TG_TEXT_MAX = 4096
TG_CALLBACK_DATA_MAX_BYTES = 64

# Our own choice for the SMS gateway: four concatenated parts; a longer menu is cut rather than
# cost ten SMS.
SMS_MAX = 640

ELLIPSIS = "\u2026"


def units(text: str) -> int:
    """The length of a text as the providers count it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def _head(text: str, limit: int) -> str:
    """The longest start of ``text`` within ``limit`` units, never splitting a character."""
    out, used = [], 0
    for char in text:
        size = 2 if ord(char) > 0xFFFF else 1
        if used + size > limit:
            break
        out.append(char)
        used += size
    return "".join(out)


def clip(text: str, limit: int) -> str:
    """``text`` when it fits; otherwise cut at the last whole word that leaves room for "…"
    (a single word longer than the limit is cut inside it)."""
    text = text.strip()
    if units(text) <= limit:
        return text
    head = _head(text, limit - 1)
    rest = text[len(head) :]
    if not rest.startswith(" ") and " " in head.strip():
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,.;:-/") + ELLIPSIS


def distinct_titles(titles: list[str], limit: int) -> list[str]:
    """Short titles that are all different: each cut at a word; where two would read the same
    ("Pengamanan kegiatan…" twice), the words they share at the start give way to the words
    that tell them apart ("Kegiatan masyarakat", "Kegiatan keagamaan")."""
    short = [clip(t, limit) for t in titles]
    for same in _clashes(short):
        originals = [titles[i].split() for i in same]
        shared = _shared_words(originals)
        for i, words in zip(same, originals, strict=True):
            short[i] = _telling(words, shared, limit)
    for same in _clashes(short):  # still alike: number them
        for n, i in enumerate(same, 1):
            suffix = f" ({n})"
            short[i] = clip(titles[i], limit - units(suffix)) + suffix
    return short


def _clashes(titles: list[str]) -> list[list[int]]:
    groups: dict[str, list[int]] = {}
    for i, title in enumerate(titles):
        groups.setdefault(title.casefold(), []).append(i)
    return [group for group in groups.values() if len(group) > 1]


def _shared_words(word_lists: list[list[str]]) -> int:
    shared = 0
    for column in zip(*word_lists, strict=False):
        if len({w.casefold() for w in column}) != 1:
            break
        shared += 1
    return shared


def _telling(words: list[str], shared: int, limit: int) -> str:
    """The words after the shared start, with as many of the shared words before them as fit."""
    tail = words[shared:] or words
    best = clip(" ".join(tail), limit)
    for back in range(1, shared + 1):
        candidate = " ".join(words[shared - back :])
        if units(candidate) > limit:
            break
        best = candidate
    return best[:1].upper() + best[1:]


def fits_bytes(text: str, limit: int) -> bool:
    return 0 < len(text.encode()) <= limit
