"""A press-release draft from an activity record: the house style of the Humas releases
(headline, dateline "Kota – ", who/what/when/where, a quote, what was agreed), written only from
the record's own data. Pure functions; Indonesian is the language of every release."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone

from sinergi.engagement.catalogue import ActivityType, PartnerKind, Program, Topic
from sinergi.platform.indonesian import DAYS, weekday_date

# What the Humas style calls each group of people ("bersama tokoh agama dan warga").
GROUP_WORDS = {
    PartnerKind.TOKOH_AGAMA: "tokoh agama",
    PartnerKind.TOKOH_MASYARAKAT: "tokoh masyarakat",
    PartnerKind.TOKOH_ADAT: "tokoh adat",
    PartnerKind.TOKOH_PEMUDA: "tokoh pemuda",
    PartnerKind.ORMAS: "ormas",
    PartnerKind.FORUM: "forum kemitraan",
    PartnerKind.PERANGKAT_DESA: "perangkat desa",
    PartnerKind.PEMERINTAH_DAERAH: "pemerintah daerah",
    PartnerKind.TNI: "TNI",
    PartnerKind.PENYELENGGARA_PEMILU: "penyelenggara pemilu",
    PartnerKind.PELAJAR_MAHASISWA: "pelajar dan mahasiswa",
    PartnerKind.WARGA: "warga",
}
# How a release names each activity type (the form's labels explain; a headline names).
KIND_WORDS = {
    ActivityType.SILATURAHMI: "Silaturahmi",
    ActivityType.SOSIALISASI: "Sosialisasi",
    ActivityType.RAPAT_KOORDINASI: "Rapat Koordinasi",
    ActivityType.DIALOG_KAMTIBMAS: "Dialog Kamtibmas",
    ActivityType.DOA_BERSAMA: "Doa Bersama",
    ActivityType.BAKTI_SOSIAL: "Bakti Sosial",
    ActivityType.DEKLARASI_DAMAI: "Deklarasi Damai",
    ActivityType.PENGAMANAN_KEGIATAN: "Pengamanan Kegiatan",
    ActivityType.OTHER: "Kegiatan",
}
# Titles a release may use alone after the first mention ("Kapolres menyampaikan …").
SHORT_TITLES = {
    "Kapolda",
    "Kapolres",
    "Kapolresta",
    "Kapolrestabes",
    "Kapolsek",
    "Wakapolres",
    "Kasat",
    "Bhabinkamtibmas",
    "Babinsa",
    "Danramil",
    "Dandim",
    "Camat",
    "Bupati",
    "Lurah",
    "Kades",
}
# A promise as said ("patroli rutin setiap hari") needs a verb after "berkomitmen".
VERB_START = re.compile(
    r"^((me|mem|men|meng|meny|ber|ter|di|per)\w+|terus|akan|segera|tetap|siap|selalu)\b", re.I
)
PROGRAM_WORDS = {
    Program.COOLING_SYSTEM: "Cooling System",
    Program.TIGA_PILAR: "Tiga Pilar",
    Program.POLISI_RW: "Polisi RW",
    Program.JUMAT_KELILING: "Jumat Keliling",
    Program.MINGGU_KASIH: "Minggu Kasih",
    Program.JUMAT_CURHAT: "Jumat Curhat",
}
QUOTE = re.compile(r"[“\"]([^”\"]{20,400})[”\"]")
# What the pesan kamtibmas asked of the people, as a release says it ("agar warga …"): a topic's
# label ("Kamtibmas umum") is a filing word, not a sentence.
TOPIC_PHRASES = {
    Topic.KAMTIBMAS_UMUM: "bersama-sama menjaga keamanan dan ketertiban lingkungan",
    Topic.PILKADA: "menjaga suasana aman dan damai selama tahapan Pilkada",
    Topic.PEMILU: "menjaga suasana aman dan damai selama tahapan Pemilu",
    Topic.HOAKS: "tidak mudah terprovokasi informasi hoaks di media sosial",
    Topic.SARA: "menjunjung toleransi dan menolak isu SARA",
    Topic.KONFLIK_SOSIAL: "menyelesaikan setiap perselisihan secara musyawarah",
    Topic.KRIMINALITAS: "segera melapor kepada polisi bila melihat hal yang mencurigakan",
    Topic.NARKOBA: "menjauhi penyalahgunaan narkoba",
    Topic.KENAKALAN_REMAJA: "mengawasi anak-anak agar terhindar dari kenakalan remaja",
    Topic.LALU_LINTAS: "tertib berlalu lintas",
    Topic.RADIKALISME: "menolak paham radikal dan intoleran",
    Topic.BENCANA: "siaga menghadapi bencana",
}
DASHES = re.compile(r"\s*[–—-]+\s*$")


def dateline_of(text: str) -> str:
    """ "Bontang –", "Bontang-", "Bontang" → "Bontang – " (the house dateline, one space each
    side of the dash, so it reads "Bontang – Polres Bontang menggelar …")."""
    place = DASHES.sub("", text.strip()).strip()
    return f"{place} – " if place else ""


@dataclass(frozen=True, slots=True)
class Draft:
    headline: str
    dateline: str
    body: str


def long_date(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return f"{DAYS[local.weekday()]} ({local.day}/{local.month}/{local.year})"


def full_date(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return weekday_date(local)


def place_name(name: str) -> str:
    """ "Kota Bontang" → "Bontang", "Kabupaten Sekadau" → "Sekadau" (the dateline form)."""
    for prefix in ("Kabupaten ", "Kab. ", "Kota Administrasi ", "Kota "):
        if name.startswith(prefix):
            return name.removeprefix(prefix)
    return name


SMALL_WORDS = {"dan", "di", "ke", "dari", "yang", "untuk"}


def headline_case(text: str) -> str:
    """ "tokoh agama dan warga" → "Tokoh Agama dan Warga" (names keep their own capitals)."""
    return " ".join(
        w if w in SMALL_WORDS or not w[:1].islower() else w[:1].upper() + w[1:]
        for w in text.split()
    )


def listing(items: list[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " dan " + items[-1]


def official_phrase(official: dict[str, Any]) -> str:
    """ "Kapolsek Bontang Utara AKP Rudi Santoso": position, then rank before the name."""
    return " ".join(str(official[k]) for k in ("position", "rank", "name") if official.get(k))


def _sentence(text: str) -> str:
    """An aspiration as the officer wrote it, to stand inside a sentence (no final stop)."""
    return text.strip().rstrip(".")


def partner_phrase(role: str, name: str) -> str:
    """ "Ketua Majelis Sholawat K.H. Ahmad Syukri": a partner's title before the name, when the
    registry holds one (a capitalised role; "masjid" or "majelis sholawat" describe, not title)."""
    role = role.strip()
    return f"{role} {name}" if role[:1].isupper() and role not in name else name


def first_quote(minutes: str) -> str:
    match = QUOTE.search(minutes)
    return match.group(1).strip().rstrip(",.") if match else ""


def compose(
    *,
    unit_name: str,
    kind: str,
    title: str,
    held_at: datetime,
    regency_name: str,
    village_label: str,
    venue: str,
    officials: list[dict[str, Any]],
    partner_names: list[str],
    partner_groups: list[str],
    topics: list[str],
    attendance: int | None,
    minutes: str,
    aspirations: list[str],
    commitments: list[tuple[str, str]],
    programs: list[str] | None = None,
    extra_kinds: list[str] | None = None,
) -> Draft:
    """The draft of one release. ``commitments`` are (who promised, what)."""
    kind_label = (
        KIND_WORDS.get(ActivityType(kind), str(ActivityType(kind).label))
        if kind in ActivityType.values
        else title
    )
    frame = next((PROGRAM_WORDS[Program(p)] for p in programs or [] if p in PROGRAM_WORDS), "")
    if frame and frame != kind_label:
        kind_label = f"{kind_label} {frame}"
    whom = partner_names + [GROUP_WORDS.get(PartnerKind(g), g) for g in partner_groups]
    with_whom = listing(whom)
    # a headline names two at most; more are "elemen masyarakat" as the releases say
    short = with_whom if len(whom) <= 2 else "elemen masyarakat"
    headline = f"{unit_name} Gelar {kind_label} Bersama {headline_case(short) or 'Warga'}"
    people = "Warga" if "warga" in partner_groups or not whom else "Peserta"
    if len(aspirations) == 1:
        headline = f"{unit_name} Gelar {kind_label}, {people} Sampaikan Aspirasi"
    elif aspirations:
        headline = f"{unit_name} Gelar {kind_label}, {people} Sampaikan {len(aspirations)} Aspirasi"
    where = ", ".join(p for p in (venue, village_label) if p)
    lead_official = officials[0] if officials else {}
    paragraphs = [
        f"{unit_name} menggelar kegiatan {kind_label}"
        + (f" bersama {with_whom}" if with_whom else "")
        + (f" di {where}" if where else "")
        + f", {full_date(held_at)}."
    ]
    if lead_official:
        others = [official_phrase(o) for o in officials[1:4]]
        paragraphs.append(
            f"Kegiatan dipimpin langsung oleh {official_phrase(lead_official)}"
            + (f", didampingi {listing(others)}" if others else "")
            + (f", dan dihadiri sekitar {attendance} peserta." if attendance else ".")
        )
    elif attendance:
        paragraphs.append(f"Kegiatan dihadiri sekitar {attendance} peserta.")
    named = {ActivityType.JUMAT_CURHAT, ActivityType.JUMAT_KELILING, ActivityType.MINGGU_KASIH}
    also = [
        word if k in named else word.lower()
        for k in extra_kinds or []
        if k in ActivityType.values and k != kind
        if (word := KIND_WORDS.get(ActivityType(k), str(ActivityType(k).label))) not in kind_label
    ]
    if also:
        paragraphs.append(f"Kegiatan tersebut dirangkai dengan {listing(also)}.")
    phrases = [TOPIC_PHRASES[Topic(t)] for t in topics if t in TOPIC_PHRASES]
    people = (
        "Warga" if "warga" in partner_groups or not (partner_names or partner_groups) else "Peserta"
    )
    if phrases:
        position = str(lead_official.get("position") or "")
        first = position.split(" ", maxsplit=1)[0] if position else ""
        speaker_role = first if first in SHORT_TITLES else (position or "petugas")
        audience = "warga" if people == "Warga" else "seluruh peserta"
        paragraphs.append(
            f"Dalam kesempatan tersebut, {speaker_role} menyampaikan pesan kamtibmas agar "
            f"{audience} {listing(phrases)}."
        )
    if len(aspirations) == 1:
        said = _sentence(aspirations[0])
        # "Warga meminta …" is already the sentence; anything else is what was asked
        opening = (
            f"Dalam kesempatan itu, {said[:1].lower()}{said[1:]}"
            if said.split(" ", 1)[0].lower() in {"warga", "masyarakat", "peserta"}
            else f"{people} juga menyampaikan aspirasi: {said}"
        )
        paragraphs.append(
            f"{opening}. Aspirasi tersebut dicatat dan tindak lanjutnya dapat diikuti melalui "
            "Sinergi."
        )
    elif aspirations:
        asked = "; ".join(_sentence(a) for a in aspirations[:5])
        paragraphs.append(
            f"{people} juga menyampaikan sejumlah aspirasi, antara lain {asked}. Setiap aspirasi "
            "dicatat dan tindak lanjutnya dapat diikuti melalui Sinergi."
        )
    quote = first_quote(minutes)
    if quote and lead_official:
        paragraphs.append(f"“{quote},” ujar {official_phrase(lead_official)}.")
    if commitments:
        by_whom: dict[str, list[str]] = {}
        for who, said in commitments:
            what = said.strip().rstrip(".")
            by_whom.setdefault(who or "pihak kepolisian", []).append(
                what if VERB_START.match(what) else f"melaksanakan {what}"
            )
        promised = "; ".join(
            f"{who} berkomitmen {', '.join(whats[:-1]) + ' serta ' if whats[:-1] else ''}"
            f"{whats[-1]}"
            for who, whats in by_whom.items()
        )
        # "in answer to that" only after the aspirations it answers (a confidential one is left
        # out of the draft, and then there is nothing before it to answer)
        paragraphs.append(
            f"{'Menanggapi hal tersebut' if aspirations else 'Dalam kegiatan itu'}, {promised}."
        )
    return Draft(
        headline=headline[:200],
        dateline=dateline_of(place_name(regency_name)),
        body="\n\n".join(paragraphs),
    )


def caption(*, unit_name: str, kind: str, venue: str, village_label: str, held_at: datetime) -> str:
    """A photo's caption in the releases' manner: who, what, where, when."""
    what = (
        KIND_WORDS.get(ActivityType(kind), str(ActivityType(kind).label))
        if kind in ActivityType.values
        else "Kegiatan"
    )
    where = venue or village_label.split(",", maxsplit=1)[0]
    place = f" di {where}" if where else ""
    return f"{what} {unit_name}{place}, {full_date(held_at)}."
