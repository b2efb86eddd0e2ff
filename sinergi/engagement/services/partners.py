"""Partners: the people and groups officers work with in a village."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from sinergi.accounts.models import User
from sinergi.areas.models import Area
from sinergi.engagement import access
from sinergi.engagement.catalogue import PartnerKind
from sinergi.engagement.models import Partner
from sinergi.engagement.services._common import EngagementError


@transaction.atomic
def partner_save(
    *,
    by: User,
    area: Area,
    kind: str,
    name: str,
    role: str = "",
    address: str = "",
    phone: str = "",
    email: str = "",
    note: str = "",
    partner: Partner | None = None,
) -> Partner:
    """Registers a partner, or updates one; the village must lie in the officer's areas."""
    if area.level != Area.Level.VILLAGE or area.retired_at is not None:
        raise EngagementError(_("Pilih desa atau kelurahan."), field="area")
    if not access.can_act(by, area.code):
        raise EngagementError(_("Desa/kelurahan ini di luar wilayah tugas Anda."), field="area")
    if kind not in PartnerKind.values:
        raise EngagementError(_("Jenis mitra tidak dikenal."), field="kind")
    if not name.strip():
        raise EngagementError(_("Isi nama mitra."), field="name")
    target = partner or Partner(created_by=by)
    target.area, target.kind, target.name = area, kind, name.strip()[:160]
    target.role, target.address = role.strip()[:120], address.strip()[:200]
    target.phone, target.email, target.note = phone.strip()[:32], email.strip(), note.strip()
    target.save()
    return target
