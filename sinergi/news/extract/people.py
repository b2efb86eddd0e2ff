"""People: named police, TNI and government officials, and the partners who took part."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sinergi.news.extract.lexicon import (
    classes,
    cut_at,
    find_phrases,
    fold,
    place_size,
    rank_index,
    rank_tail,
    title_case,
    word_list,
    word_table,
)
from sinergi.news.extract.text import capitalised_run
from sinergi.news.gazetteer import Gazetteer


@dataclass
class Official:
    name: str
    rank: str | None
    position: str | None
    kind: str | None = None  # partner kind for government and TNI officials

    def as_dict(self) -> dict[str, str | None]:
        return {"name": self.name, "rank": self.rank, "position": self.position}


def _clean_name(tokens: list[str]) -> str | None:
    honorifics = set(word_list("names.json", "honorifics"))
    leading = honorifics | set(word_list("names.json", "speech"))
    degrees = set(word_list("names.json", "degrees"))
    stops = set(word_list("names.json", "stop")) | set(rank_index())
    kept: list[str] = []
    for at, token in enumerate(tokens):
        key = fold(token)
        if key in stops or key in degrees or (key.replace(" ", "") in degrees and "." in token):
            break
        if "." in token and _degrees_glued(key.replace(" ", "")):
            break  # "S.H.S.I.K": two degrees written as one
        # a degree written without its dots ("M Hum"), or "RT/RW" after "Ketua"
        if fold(" ".join(tokens[at : at + 2])) in degrees or "/" in token:
            break
        if not kept and key in leading:
            continue
        kept.append(title_case(token.rstrip(",")))
    while kept and fold(kept[-1]) in honorifics:
        kept.pop()
    if not kept or (len(kept) == 1 and len(kept[0].rstrip(".")) <= 2):
        return None
    if len(kept) == 1 and fold(kept[0]) in set(word_list("names.json", "not_alone")):
        return None
    return " ".join(kept)


@functools.cache
def _degrees_unspaced() -> frozenset[str]:
    return frozenset(d.replace(" ", "") for d in word_list("names.json", "degrees") if d)


def _degrees_glued(letters: str) -> bool:
    """Whether letters are two or more degrees one after another ("shsik" = S.H. + S.I.K.)."""
    whole = _degrees_unspaced()
    reached = {0: 0}  # where a run of degrees can end -> how many degrees at most
    for at in range(len(letters)):
        if at in reached:
            for degree in whole:
                if letters.startswith(degree, at):
                    end = at + len(degree)
                    reached[end] = max(reached.get(end, 0), reached[at] + 1)
    return reached.get(len(letters), 0) >= 2


def _position_before(text: str, start: int) -> str | None:
    """The police or government position written just before a rank: "Kapolres Balangan"."""
    window = text[max(0, start - 70) : start].rstrip(" ,")
    # only the current sentence: "... Bupati Gowa X. Kapolres Gowa AKBP Y" ends at the full stop
    window = re.split(r"[.!?;]\s|\n", window)[-1]
    positions = word_list("officials.json", "police_positions") + list(
        word_table("officials.json", "titles")
    )
    best: str | None = None
    for match in re.finditer(r"\b[A-Z][\w/-]*(?:\s+[A-Z0-9][\w/.-]*){0,10}$", window):
        phrase = match.group(0)
        words = phrase.split()
        for i, word in enumerate(words):
            key = fold(word)
            if key in positions or any(fold(" ".join(words[i : i + 2])) == p for p in positions):
                best = " ".join(words[i:])
                break
    # "Kapolsek Polsek Belitang Hilir" says the unit twice
    return re.sub(r"\b(Ka(?:pol\w+))\s+Pol\w+\s", r"\1 ", best) if best else None


def officials(body: str, gazetteer: Gazetteer) -> list[Official]:
    ranks = rank_index()
    tni = set(word_list("ranks.json", "tni"))
    found: list[Official] = []
    street = set(word_list("ranks.json", "not_after"))
    for start, end, _key in find_phrases(body, frozenset(ranks)):
        match = rank_tail().match(body, end)
        if not match:
            continue
        rank_word = body[start:end]
        before = fold(body[max(0, start - 15) : start]).split()[-2:]
        if before and (before[-1] in street or " ".join(before) in street):
            continue  # "Jl. Jenderal Sudirman" is a street
        # "mayor"/"kapten" in running lower-case text are not ranks
        if rank_word.islower() and fold(rank_word) not in word_list("ranks.json", "lowercase_ok"):
            continue
        words, _ = capitalised_run(body[match.end() : match.end() + 80])
        name = _clean_name(words)
        if not name:
            continue
        rank = ranks[fold(rank_word)]
        corps = fold(match["corps"])
        if corps and corps not in word_list("ranks.json", "police_suffix"):
            rank = f"{rank} {corps.capitalize()}"
        position = _position_before(body, start)
        kind = "tni" if ranks[fold(rank_word)] in tni else None
        found.append(Official(name, rank, position, kind))
    found += _government_officials(body, gazetteer)
    return _dedupe(found)


def _government_officials(body: str, gazetteer: Gazetteer) -> list[Official]:
    titles = word_table("officials.json", "titles")
    stops = set(word_list("names.json", "stop"))
    out: list[Official] = []
    named_places = _named_places(body)
    place_words = set(word_list("officials.json", "place_words"))
    hamlet_titles = set(word_list("officials.json", "hamlet_titles"))
    for start, end, key in find_phrases(body, frozenset(titles)):
        title = body[start:end]
        # titles are capitalised where they introduce a person ("Sekretaris Desa Kumpang Bis, ...")
        if not title[0].isupper():
            continue
        rest = body[end : end + 90]
        if not rest.startswith((" ", ", ")):
            continue
        words, stop = capitalised_run(rest.lstrip(" ,"))
        # "Sekdes Desa Senggigi Jubaedi": the place's word, then the place
        lead = words[:1] if words and words[0].rstrip(".") in place_words else []
        words = words[len(lead) :]
        cut = next((i for i, w in enumerate(words) if fold(w) in stops), len(words))
        words = words[:cut]
        # the gazetteer first ("Sukamaju Jubaedi"), else a place the release names as one
        size = place_size(words, gazetteer) or _named_place_size(words, named_places)
        # a lone place after the title is the place ("Kades Sukamaju"), unless the release
        # names it as a place ("Kades Senggigi Mastur": Mastur is also a village elsewhere)
        said_place = bool(lead) or (size > 0 and _named_place_size(words[:size], named_places) > 0)
        if not size and key in hamlet_titles and len(words) > 1:
            size, said_place = 1, True  # "Kadus Mangsit Safrudin": hamlets are in no gazetteer
        place, name_words = [*lead, *words[:size]], words[size:]
        if not name_words and stop == "," and cut == len(words):
            # "Sekretaris Desa Kumpang Bis, Suwandi": the name follows the comma
            after = rest.lstrip(" ,")
            after = after[after.find(",") + 1 :]
            name_words, _ = capitalised_run(after.lstrip())
        elif name_words and size == 0 and stop != ",":
            continue  # "Kepala Badan Kesatuan Bangsa ...": a title's own words, no person
        name = _clean_name(name_words)
        if not name or (
            not said_place and place_size(name.split(), gazetteer) == len(name.split())
        ):
            continue
        position = " ".join([title, *place])
        out.append(Official(name, None, position, titles[key]))
    out += _officials_before_title(body)
    return out


def _named_places(body: str) -> set[str]:
    """Places the release names as places ("Desa Ketare", "Kelurahan Kualo Silo Bestari"),
    folded, also those the gazetteer spells otherwise: "Kades Ketare" is the village's head."""
    words = "|".join(re.escape(w) for w in word_list("officials.json", "place_words"))
    found = re.finditer(rf"\b(?:{words})\.?\s+((?:[A-Z][\w'-]*\s?){{1,4}})", body)
    return {fold(m[1]) for m in found}


def _named_place_size(words: list[str], named: set[str]) -> int:
    """How many leading words are a place the release names elsewhere (0 when none)."""
    for size in range(min(len(words), 4), 0, -1):
        key = fold(" ".join(words[:size]))
        if any(place == key or place.startswith(f"{key} ") for place in named):
            return size
    return 0


def _officials_before_title(body: str) -> list[Official]:
    """ "Drs. Bambang Triono, M.M Selaku Kepala Badan ...": the name comes first."""
    gov_words = word_list("officials.json", "government_words")
    degrees = set(word_list("names.json", "degrees"))
    honorifics = set(word_list("names.json", "honorifics"))
    after_words = "|".join(word_list("officials.json", "after_name"))
    out: list[Official] = []
    for match in re.finditer(rf"\b(?:{after_words})\s+", body, re.IGNORECASE):
        position = re.split(
            r"[,.;]|\s(?:tidak|menyampaikan|mengatakan|yang)\b", body[match.end() :]
        )[0]
        position = " ".join(position.split()[:10])
        if not any(re.search(rf"\b{w}\b", fold(position)) for w in gov_words):
            continue
        before = body[max(0, match.start() - 60) : match.start()].split()
        name: list[str] = []
        for token in reversed(before):
            bare = token.strip(",")
            key = fold(bare)
            if key in degrees or key.replace(" ", "") in degrees:
                if name:
                    break
                continue
            if not bare[:1].isupper() or key in honorifics:
                break
            name.insert(0, bare)
        cleaned = _clean_name(name)
        if cleaned:
            out.append(Official(cleaned, None, position, _kind_of_position(position)))
    return out


def _kind_of_position(position: str) -> str:
    """The partner kind of a government position by its longest title ("selaku Lurah
    Sukarame": a village official); any other head of a body or office is local government."""
    titles = word_table("officials.json", "titles")
    folded = fold(position)
    title = next((t for t in _longest_first(tuple(titles)) if re.search(rf"\b{t}\b", folded)), None)
    return titles[title] if title else "pemerintah_daerah"


@functools.cache
def _longest_first(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


def _dedupe(found: list[Official]) -> list[Official]:
    """One entry per person: "Kompol Agung" is dropped beside "Kompol Agung Raharjo"."""
    out: list[Official] = []
    for official in sorted(found, key=lambda o: -len(o.name.split())):
        words = set(fold(official.name).split())
        twin = next((o for o in out if words <= set(fold(o.name).split())), None)
        if twin is None:
            out.append(official)
        elif twin.position is None and official.position:
            twin.position = official.position
    order = {id(o): i for i, o in enumerate(found)}
    return sorted(out, key=lambda o: order[id(o)])


# --------------------------------------------------------------------------------------------
# Partners


def _attendance(sents: list[str]) -> str:
    """The folded body without advice, wishes and promises: who took part."""
    return " . ".join(cut_at(sents, "advice_markers"))


_STREET = re.compile(r"\b(?:jl|jln|jalan) \w+")


def partners(
    sents: list[str], body: str, people: list[Official], gazetteer: Gazetteer
) -> list[dict[str, str | None]]:
    # "Jl Muhammadiyah", "Jalan Pemuda": a street's name is no group taking part
    folded = _STREET.sub(" ", _attendance(sents))
    kinds = classes("partner_kinds").match(folded)
    listing = word_table("keywords.json", "tokoh_listing")
    for match in re.finditer(r"\btokoh\s+((?:\w+\s*(?:dan|serta|atau)?\s*){1,6})", folded):
        for word in match.group(1).split():
            if word in listing:
                kinds.append(listing[word])
            elif word not in {"dan", "serta", "atau", "para", "tokoh"}:
                break
    out: list[dict[str, str | None]] = []
    named_kinds: set[str] = set()
    for person in people:
        if person.kind:
            out.append({"name": person.name, "kind": person.kind})
            named_kinds.add(person.kind)
    named_kinds |= _religious_leaders(body, out)
    named_kinds |= _named_partners(body, people, out, gazetteer)
    for kind in dict.fromkeys(kinds):
        if kind not in named_kinds:
            out.append({"name": None, "kind": kind})
    return out


def _religious_leaders(body: str, out: list[dict[str, str | None]]) -> set[str]:
    """Adds the named religious leaders ("Gus Choirul Amin") with their role to out; returns
    the kinds it added."""
    named_kinds: set[str] = set()
    religious = frozenset(word_list("officials.json", "religious_prefixes"))
    for start, end, _key in find_phrases(body, religious):
        if not body[start].isupper() or not re.match(r"\.?\s+[A-Z]", body[end : end + 3]):
            continue
        words, _ = capitalised_run(body[end:].lstrip(". "), limit=4)
        name = _clean_name(words)
        if not name:
            continue
        # "Gus Choirul" after "Gus Choirul Amin" is the same man, named again
        known = next((o for o in out if set(name.split()) <= set(str(o["name"]).split())), None)
        if known is None:
            out.append({"name": name, "kind": "tokoh_agama", "role": _role_before(body, start)})
            named_kinds.add("tokoh_agama")
        elif not known.get("role"):
            known["role"] = _role_before(body, start)
    return named_kinds


def _role_before(body: str, start: int) -> str | None:
    """The role and organisation written before a named leader: "Ketua MSB, Gus Choirul Amin"
    gives "Ketua MSB"; a bare "Wakil Ketua" takes the organisation named earlier in the
    sentence ("pengurus MSB, seperti Wakil Ketua Ust Daroji" gives "Wakil Ketua MSB")."""
    sentence = re.split(r"[.!?]\s|\n", body[max(0, start - 160) : start])[-1]
    roles = set(word_list("officials.json", "partner_roles"))
    words = sentence.rstrip(" ,").split()
    phrase: list[str] = []
    for word in reversed(words[-6:]):
        if not word[:1].isupper() or (word.endswith((",", ";")) and phrase):
            break
        phrase.insert(0, word.rstrip(","))
    while phrase and fold(phrase[0]) not in roles:
        phrase = phrase[1:]
    if not phrase:
        return None
    if all(fold(w) in roles for w in phrase):
        # the organisation: an acronym or a capitalised name after a role word earlier on
        earlier = " ".join(words[: len(words) - len(phrase)])
        found = re.findall(r"\b(?:[A-Z]{2,6}|Majelis(?: [A-Z]\w+){1,3})\b", earlier)
        if found:
            phrase.append(found[-1])
    return " ".join(phrase)


_SPEECH = re.compile(
    r"\b(?:ujar|ungkap|tutur|kata|ucap|jelas|terang|imbuh|tambah|sebut|tegas)(?:nya)?\s+(?=[A-Z])"
)
_ROLE_FIRST = re.compile(
    r"\b(?P<role>(?i:ketua|kepala|tokoh|warga|sekretaris|pengurus|sesepuh|pengasuh)\b"
    r"[^,.;:\n\"]{0,30}),\s+(?=[A-Z])"
)
_NAME_FIRST = re.compile(
    r"\b(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+){0,3}),? salah (?:satu|seorang) "
    r"(?P<role>[^,.;:\n\"]{3,40})"
)
_AGED = re.compile(
    r"\b(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+){0,3}) \(\d{1,2}\),? (?:seorang )?warga\b"
)


def _named_partners(
    body: str, people: list[Official], out: list[dict[str, str | None]], gazetteer: Gazetteer
) -> set[str]:
    """Named community members: "tutur Dery, salah satu Ketua RT", "Ketua RT setempat,
    Sanjaya, ...", "Atim (52) warga Dusun ...". The kind comes from the role's words."""
    officials = {fold(o.name) for o in people}
    found: list[tuple[int, str, str]] = []  # (where, name words, role)
    for match in _SPEECH.finditer(body):
        words, end = capitalised_run(body[match.end() : match.end() + 60], limit=4)
        if end != "," or not words:
            continue
        after = body[match.end() :].split(",", 1)[1]
        role = re.split(r"[,.;:\n\"]", after, maxsplit=1)[0].strip()
        role = re.sub(r"^salah (?:satu|seorang)\s+", "", role)
        found.append((match.start(), " ".join(words), role))
    for match in _ROLE_FIRST.finditer(body):
        words, end = capitalised_run(body[match.end() : match.end() + 60], limit=4)
        if words and end in {",", "."}:
            found.append((match.start(), " ".join(words), match["role"].strip()))
    for match in _AGED.finditer(body):
        found.append((match.start(), match["name"], "warga"))
    for match in _NAME_FIRST.finditer(body):
        found.append((match.start(), match["name"], match["role"].strip()))
    added: set[str] = set()
    partner_kinds = classes("partner_kinds")
    for _at, raw, said in sorted(found):
        name = _clean_name(raw.split())
        # the role ends where a verb starts: "tokoh masyarakat menyatakan ..."
        role = re.split(r"\s(?=(?:me|ber|di)[a-z]{3,}\b)", said, maxsplit=1)[0]
        kinds = partner_kinds.match(fold(role)) if len(role.split()) <= 8 else []
        if not name or not kinds or fold(name) in officials:
            continue
        # "warga ..., Krian" names a place, "..., Panwasdes" a body: no person
        words = name.split()
        if partner_kinds.match(fold(name)) or place_size(words, gazetteer) == len(words):
            continue
        if any(set(name.split()) <= set(str(o["name"]).split()) for o in out if o["name"]):
            continue
        out.append({"name": name, "kind": kinds[0], "role": role})
        added.add(kinds[0])
    return added
