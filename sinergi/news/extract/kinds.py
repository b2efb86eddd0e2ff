"""Activity types, programmes and topics: keyword classes of keywords.json."""

from __future__ import annotations

import re

from sinergi.news.extract.lexicon import (
    classes,
    cut_at,
    fold,
    phrase_pattern,
    word_list,
    word_table,
)


def programs(folded: str) -> list[str]:
    markers = word_list("keywords.json", "comparison_markers")
    # a programme named only to compare with is not this activity's frame
    for marker in markers:
        if marker not in folded:
            continue
        folded = re.sub(rf"\b{re.escape(marker)}(?: \w+){{1,3}}", " ", folded)
    found = classes("programs").match(folded)
    # LABELLING.md: a local format counts when it is the activity's own name; a Jumat Curhat
    # "sambil ngopi bareng" is named Jumat Curhat
    if "jumat_curhat" in found and "other" in found:
        found.remove("other")
    return found


def done(sentences: list[str]) -> str:
    """The folded text of what was done, not asked for or promised (unreal_markers)."""
    return "\n".join(cut_at(sentences, "unreal_markers"))


def activity_types(done_text: str, found_programs: list[str]) -> list[str]:
    """done_text: done(sentences) -- a patrol asked for or promised is not a patrol."""
    folded = done_text
    types = classes("activity_types").match(folded)
    # LABELLING.md: a Jumat Curhat is a dialog only when the text says "dialog kamtibmas"
    if (
        "jumat_curhat" in types
        and "dialog_kamtibmas" in types
        and not re.search(r"\bdialog (?:kamtibmas|keamanan)\b", folded)
    ):
        types.remove("dialog_kamtibmas")
    # LABELLING.md: a patrol that talks with residents ("patroli dialogis", "patroli sambil
    # berdialog") is a patrol, not a dialog
    if "patroli" in types and "dialog_kamtibmas" in types and _DIALOGIC_PATROL.search(folded):
        types.remove("dialog_kamtibmas")
    for program in ("jumat_curhat", "jumat_keliling", "minggu_kasih"):
        if program not in found_programs and program in types:
            types.remove(program)
    # the visit and the talk of a Jumat Curhat are the Jumat Curhat ("berdialog dan
    # bersilaturahmi dengan Kapolres", "menyambangi petani garam")
    if "jumat_curhat" in types and "silaturahmi" in types:
        types.remove("silaturahmi")
    # a dissemination or patrol told as the unit's routine ("penyuluhan yang rutin dilakukan
    # Sat Binmas di sekolah") is not this activity, unless a sentence tells it otherwise
    routine = phrase_pattern(word_list("keywords.json", "routine_markers"))
    doubtful = [t for t in types if t in {"sosialisasi", "patroli"}]
    if doubtful and routine is not None and routine.search(folded):
        told = "\n".join(line for line in folded.split("\n") if not routine.search(line))
        kept = classes("activity_types").match(told, only=doubtful)
        types = [t for t in types if t not in doubtful or t in kept]
    return types


_DIALOGIC_PATROL = re.compile(r"\bpatroli (?:dialogis|dialog|sambil (?:berdialog|dialog))\b")


def topics(folded: str, sentences: list[str]) -> list[str]:
    found = classes("topics").match(folded)
    if "pilkada" in found and "pemilu" in found:
        national = phrase_pattern(word_list("keywords.json", "national_election"))
        if national is None or not national.search(folded):
            found.remove("pemilu")
    if "kenakalan_remaja" not in found and _youths_doing(sentences):
        found.append("kenakalan_remaja")
    spec = word_table("keywords.json", "kamtibmas_umum")
    pattern, names = phrase_pattern(spec["any"]), phrase_pattern(spec.get("not", []))
    themed = names.sub(" ", folded) if names else folded
    if pattern and len(pattern.findall(themed)) >= int(spec["min_count"]):
        found.append("kamtibmas_umum")
    return found


def _youths_doing(sentences: list[str]) -> bool:
    """A behaviour said of youths ("aksi remaja kebut-kebutan", "knalpot brong yang marak
    digunakan anak muda"), in a sentence read up to its first word of advice."""
    spec = word_table("keywords.json", "youth_behaviour")
    youth, behaviour = phrase_pattern(spec["youth"]), phrase_pattern(spec["behaviour"])
    return any(
        youth is not None and behaviour is not None and youth.search(s) and behaviour.search(s)
        for s in cut_at(_continued(sentences), "youth_advice_markers")
    )


def _continued(sentences: list[str]) -> list[str]:
    """A sentence opening with a relative or agent word, or going on with a list ("Yang
    kerap balap liar.", "Oleh anak-anak muda.", "Mulai dari narkoba, ...") is read with the
    one before it."""
    starts = phrase_pattern(word_list("keywords.json", "continuing_starts"))
    out: list[str] = []
    for sentence in sentences:
        if out and starts is not None and starts.match(fold(sentence)):
            out[-1] = f"{out[-1]} {sentence}"
        else:
            out.append(sentence)
    return out
