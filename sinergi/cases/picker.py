"""The village picker of the report, activity and partner forms (`areas/_village_field.html`):
the village chosen by its code, or the candidates for the name typed, and what to tell the
person. The same for a citizen at /lapor/ and an officer; an officer's pick must also lie in
their areas."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from django.http import HttpRequest
from django.utils.translation import gettext as _

from sinergi.areas import selectors as area_selectors
from sinergi.areas.models import Area
from sinergi.cases import lookups

VILLAGE_CHOICES = 10


class Covers(Protocol):
    def covers(self, code: str) -> bool: ...


@dataclass(frozen=True, slots=True)
class VillagePick:
    village: Area | None = None
    villages: list[Area] = field(default_factory=list)  # what the picker offers
    error: str = ""
    typed: str = ""  # the name typed, shown again

    def within(self, scope: Covers) -> VillagePick:
        """An officer's pick: a village outside their areas is refused, and not offered."""
        if self.village is None or scope.covers(self.village.code):
            return self
        return VillagePick(
            error=_("Desa/kelurahan ini di luar wilayah tugas Anda."), typed=self.typed
        )

    def context(self) -> dict[str, object]:
        """What the picker's template reads."""
        return {
            "village": self.village,
            "villages": self.villages,
            "area_error": self.error,
            "area_q": self.typed,
        }


def village_from_post(request: HttpRequest) -> VillagePick:
    """The chosen village (by code), or candidates for what was typed, and an error to show."""
    typed = request.POST.get("area_q", "")
    code = request.POST.get("area", "").strip()
    if code:
        area = lookups.current_village(code)
        if area is not None:
            return VillagePick(area, [area], typed=typed)
        error = _("Desa/kelurahan tidak dikenal. Cari lagi dengan namanya.")
        return VillagePick(error=error, typed=typed)
    name = typed.strip()[:100]
    if not name:
        return VillagePick(error=_("Pilih desa atau kelurahan tempat kejadian."), typed=typed)
    page = area_selectors.area_search(q=name, level=Area.Level.VILLAGE, limit=VILLAGE_CHOICES)
    if page.count == 1 and not page.fuzzy:
        return VillagePick(page.items[0], page.items, typed=typed)
    if not page.items:
        error = _("Tidak ada desa/kelurahan bernama itu. Periksa ejaannya.")
        return VillagePick(error=error, typed=typed)
    return VillagePick(None, page.items, _choices_message(page), typed)


def _choices_message(page: area_selectors.Page) -> str:
    """What to tell a citizen who typed a name that several villages match."""
    if page.fuzzy:
        # a name a letter or two away is never taken without the citizen choosing it
        return _(
            "Tidak ada desa/kelurahan bernama itu. Mungkin salah satu nama yang mirip di bawah "
            "ini; pilih, atau periksa ejaannya."
        )
    if page.count > len(page.items):
        return _(
            "Beberapa desa cocok. Pilih salah satu. Ada %(count)d desa/kelurahan dengan nama "
            "itu; %(shown)d yang pertama ditampilkan. Tambahkan nama kecamatan atau "
            "kabupatennya untuk mempersempit (mis. “Sukamaju Sekadau”)."
        ) % {"count": page.count, "shown": len(page.items)}
    return _("Beberapa desa cocok. Pilih salah satu.")
