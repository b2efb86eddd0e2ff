"""The main menu: what this person can open and works with, the first few in one row that fits
a 360-px phone, the rest under "Lainnya". Read once per page (lazily, by the context processor)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from sinergi.accounts.access import roles_of, scope_of
from sinergi.accounts.models import User
from sinergi.cases.access import HANDLER_ROLES, LEADER_ROLES
from sinergi.early_warning.access import ISSUE_ROLES
from sinergi.humas.access import WRITER_ROLES

# how many items stand in the row on a phone, besides the logo and "Lainnya"
ROW = 4


@dataclass(frozen=True, slots=True)
class Item:
    label: str
    url: str
    current: bool = False
    badge: int = 0  # "Isu": the unread alerts of the person's areas (an alert's in-app side)


@dataclass(frozen=True, slots=True)
class Menu:
    row: list[Item] = field(default_factory=list)
    more: list[Item] = field(default_factory=list)
    signed_in: bool = False
    official: bool = False  # the logo leads to "Tugas saya"; for anyone else, the front page


def _items(user: User | None) -> list[tuple[str, str]]:
    """(label, url name) in the order of importance for this person."""
    public = [
        (_("Lapor"), "cases:submit"),
        (_("Lacak"), "cases:track_lookup"),
        (_("Wilayah"), "areas:search"),
        (_("Berita"), "humas:news"),
    ]
    if user is None:
        return [*public, (_("Masuk"), "accounts:login")]
    if not user.is_official:
        # a citizen: their own reports right after "Lapor"
        return [
            public[0],
            (_("Laporan saya"), "cases:mine"),
            *public[1:],
            (_("Akun saya"), "accounts:me"),
        ]
    roles = roles_of(user)
    handles = bool(roles & HANDLER_ROLES)
    leads = bool(roles & LEADER_ROLES)
    follows = bool(roles & ISSUE_ROLES)  # early_warning.access.can_follow_issues, one query
    writes = bool(roles & WRITER_ROLES)
    items = [(_("Tugas"), "home:tasks")]
    if follows:
        # leaders and analysts: the dashboard is where their day starts
        items.append((_("Dasbor"), "dashboards:dashboard"))
    if handles:
        items += [
            (_("Laporan"), "cases:inbox"),
            (_("Kegiatan"), "engagement:calendar"),
            (_("Patroli"), "patrols:today"),
        ]
    if follows:
        items.append((_("Isu"), "early_warning:issues"))
    if writes:
        # the page's own title is longer in English than a phone's row can hold
        items += [(_("Rilis"), "humas:desk"), (pgettext("menu", "Baca rilis"), "news:read")]
        if not handles:
            items.append((_("Kegiatan"), "engagement:calendar"))
    if follows:
        items.append((_("Perencana"), "dashboards:planner"))
    if handles:
        items += [(_("Mitra"), "engagement:partners"), (_("Cakupan"), "engagement:coverage")]
        if leads:
            items += [
                (_("Titik rawan"), "patrols:hotspots"),
                (_("Rencana patroli"), "patrols:plans"),
            ]
        items += [
            (_("Pengamanan"), "patrols:event_requests"),
            (_("Catat laporan warga"), "cases:capture"),
        ]
        if leads and not writes:
            items.append((_("Rilis"), "humas:desk"))
    items += [
        (_("Wilayah"), "areas:search"),
        (_("Berita"), "humas:news"),
        (_("Akun saya"), "accounts:me"),
    ]
    return items


def menu_for(user: User | None, path: str) -> Menu:
    seen: set[str] = set()
    entries: list[tuple[str, str]] = []
    for label, name in _items(user):
        url = reverse(name)
        if url not in seen:
            seen.add(url)
            entries.append((label, url))
    # the current page: the longest item address the path starts with ("/" only for itself)
    current = max(
        (url for _label, url in entries if path == url or (url != "/" and path.startswith(url))),
        key=len,
        default="",
    )
    issues = reverse("early_warning:issues")
    unread = _unread_alerts(user) if user is not None and issues in seen else 0
    items = [
        Item(label=label, url=url, current=url == current, badge=unread if url == issues else 0)
        for label, url in entries
    ]
    signed_in = user is not None
    official = signed_in and bool(user and user.is_official)
    # a citizen or a visitor has four or five: all in the row; officials get "Lainnya"
    if len(items) <= ROW + 1:
        return Menu(row=items, more=[], signed_in=signed_in, official=official)
    return Menu(row=items[:ROW], more=items[ROW:], signed_in=signed_in, official=official)


def _unread_alerts(user: User) -> int:
    from sinergi.early_warning.models import Alert  # noqa: PLC0415 -- the menu reads it only here

    return Alert.objects.filter(scope_of(user).q("area_id"), acknowledged_at=None).count()


def menu(request: HttpRequest) -> dict[str, object]:
    """Context processor: the menu, computed only when a page renders it."""
    user = getattr(request, "user", None)
    person = user if isinstance(user, User) and user.is_authenticated else None
    verified = getattr(person, "is_verified", None)
    if person is not None and person.is_official and callable(verified) and not verified():
        person = None  # an official before the second factor: nothing of theirs yet

    return {"menu": SimpleLazyObject(lambda: menu_for(person, request.path))}
