"""Reads one Indonesian police press release into the activity record of the labels.

Pure: no database, no network, no heavy library at import. The rules follow
../shared/examples/LABELLING.md; every word list lives in sinergi/news/data/. No stemmer: the lists
carry the affixed forms they need ("sambang*", "mensosialisasikan"), and PySastrawi took about
10 ms per article here, twice this whole reader.

One module per concern:

    lexicon.py    word lists compiled once, phrase look-ups shared by the others
    text.py       cleaning, sentences, capitalised runs
    units.py      police units          people.py   officials and partners
    places.py     province to venue     kinds.py    activity types, programmes, topics
    free_text.py  aspirations and commitments: candidate clauses, the trained scorer, trimming
    (../dates.py  the activity date and time)

extract() returns exactly the labels' schema (read() returns it with the aspiration and
commitment spans, each with who asked or promised):

    activity_types, programs, activity_date, police_units, officials [{name, rank, position}],
    partners [{name, kind}], location {province, regency, district, village, venue}, topics,
    aspirations, commitments
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sinergi.news import dates
from sinergi.news.extract import free_text
from sinergi.news.extract.free_text import Span
from sinergi.news.extract.kinds import activity_types, done, programs, topics
from sinergi.news.extract.lexicon import fold, word_table
from sinergi.news.extract.people import officials, partners
from sinergi.news.extract.places import location
from sinergi.news.extract.text import clean, sentences
from sinergi.news.extract.units import headline_units, police_units
from sinergi.news.gazetteer import Gazetteer

__all__ = ["Reading", "Span", "clean", "extract", "prepare", "read", "sentences"]


@dataclass(frozen=True)
class Reading:
    labels: dict[str, Any]
    spans: list[Span]  # the aspirations and commitments, with who asked or promised
    partners: list[dict[str, str | None]]  # as in labels, a named leader with "role" too
    time: str | None  # "09:30" when the release writes the activity's time of day
    # the days a promise is given ("dalam waktu satu minggu": 7) in a promise's sentence
    term_days: int | None = None


def prepare(text: str, title: str = "") -> tuple[str, str]:
    """(title, body): cleaned, the headline on the body's first line when the body lacks it."""
    title = clean(title).strip()
    body = clean(text)
    if title and title not in body:
        body = f"{title}\n{body}"
    return title, body


def read(text: str, title: str = "", gazetteer: Gazetteer | None = None) -> Reading:
    """The labels' record of one release, its spans and its time of day.
    gazetteer defaults to Gazetteer.from_db()."""
    gazetteer = gazetteer if gazetteer is not None else Gazetteer.from_db()
    title, body = prepare(text, title)
    folded = fold(body)
    # headline words are all capitalised: names are read from the body lines only
    content = "\n".join(line for line in body.splitlines() if line.strip() != title)
    units = police_units(content, gazetteer)
    if not units.names and title:
        units = headline_units(title, gazetteer)
    units.spelled_as_in(title)
    people = officials(content, gazetteer)
    found_programs = programs(folded)
    program_days = word_table("dates.json", "program_days")
    days = {program_days[p] for p in found_programs if p in program_days}
    sents = sentences(body)
    found = free_text.spans(sents, headline=title)
    met = partners(sents, content, people, gazetteer)
    labels = {
        "activity_types": activity_types(done(sents), found_programs),
        "programs": found_programs,
        "activity_date": dates.activity_date(body, program_days=days),
        "police_units": units.names,
        "officials": [p.as_dict() for p in people],
        "partners": [{"name": p["name"], "kind": p["kind"]} for p in met],
        "location": location(body, title, folded, units, gazetteer).as_dict(),
        "topics": topics(folded, sents),
        "aspirations": free_text.aspirations(found),
        "commitments": (promises := free_text.commitments(found)),
    }
    promised = " ".join(
        sents[s.sentence] for s in found if s.kind == "commitment" and s.text in promises
    )
    return Reading(
        labels=labels,
        spans=found,
        partners=met,
        time=dates.activity_time(body),
        term_days=dates.term_days(promised),
    )


def extract(text: str, title: str = "", gazetteer: Gazetteer | None = None) -> dict[str, Any]:
    """The labels' record for one release. gazetteer defaults to Gazetteer.from_db()."""
    return read(text, title, gazetteer).labels
