"""Forms of the patrol pages: a hand-added hotspot, a patrol plan, a check-in."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sinergi.accounts.models import User
from sinergi.areas.models import Area
from sinergi.engagement.forms import rank_of
from sinergi.engagement.models import Commitment
from sinergi.patrols.models import Hotspot
from sinergi.platform.fields import date_field, note_field, ticks_field, time_field

WEEKDAYS = [
    (0, _("Senin")),
    (1, _("Selasa")),
    (2, _("Rabu")),
    (3, _("Kamis")),
    (4, _("Jumat")),
    (5, _("Sabtu")),
    (6, _("Minggu")),
]


class HotspotForm(forms.Form):
    area = forms.ModelChoiceField(
        queryset=Area.objects.none(),
        label=_("Desa/kelurahan"),
        empty_label=_("Pilih desa/kelurahan"),
    )
    name = forms.CharField(label=_("Nama tempat"), max_length=200)
    latitude = forms.FloatField(label=_("Lintang"), required=False, min_value=-90, max_value=90)
    longitude = forms.FloatField(label=_("Bujur"), required=False, min_value=-180, max_value=180)
    time_window = forms.CharField(label=_("Waktu rawan"), max_length=60, required=False)
    note = note_field(_("Catatan"), required=False)

    def __init__(self, *args: Any, villages: list[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["area"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 -- declared above
        field.queryset = Area.objects.filter(code__in=[v.code for v in villages])


class PeopleField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """People by name, with the pillar of those from other institutions ("· Babinsa")."""

    titles: dict[int, str] = {}  # set per form; a class default only for type checkers

    def label_from_instance(self, obj: Any) -> str:
        title = self.titles.get(obj.pk)
        return f"{obj.display_name} · {title}" if title else str(obj.display_name)


class CommitmentField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.text} · {obj.due_on:%d-%m-%Y}"


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Nama patroli"), max_length=160)
    starts_on = date_field(_("Mulai tanggal"))
    ends_on = date_field(_("Sampai tanggal"))
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Hari"), choices=WEEKDAYS, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    time_start = time_field(_("Jam mulai"))
    time_end = time_field(_("Jam selesai"))
    route = forms.ModelMultipleChoiceField(
        label=_("Rute (urut sesuai daftar)"),
        queryset=Hotspot.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    officers = PeopleField(
        label=_("Petugas dan pilar yang ikut"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Polri, Babinsa, Kepala Desa/Lurah, Satpol PP: siapa pun yang ikut patroli."),
    )
    commitment = CommitmentField(
        label=_("Komitmen yang dipenuhi"),
        queryset=Commitment.objects.none(),
        required=False,
        empty_label=_("Tidak terkait komitmen"),
        help_text=_("Kehadiran patroli ini menjadi bukti pelaksanaan janji tersebut."),
    )

    def __init__(
        self,
        *args: Any,
        hotspots: list[Hotspot],
        officers: list[User],
        pillars: dict[int, str] | None = None,
        commitments: list[Commitment] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        route = self.fields["route"]
        people = self.fields["officers"]
        promise = self.fields["commitment"]
        assert isinstance(route, forms.ModelMultipleChoiceField)  # noqa: S101 -- declared above
        assert isinstance(people, PeopleField)  # noqa: S101 -- declared above
        assert isinstance(promise, forms.ModelChoiceField)  # noqa: S101 -- declared above
        route.queryset = Hotspot.objects.filter(pk__in=[h.pk for h in hotspots]).order_by(
            "-score", "pk"
        )
        people.titles = pillars or {}
        people.queryset = User.objects.filter(
            pk__in=[o.pk for o in officers] + list(people.titles)
        ).order_by("name")
        promise.queryset = Commitment.objects.filter(
            pk__in=[c.pk for c in commitments or []]
        ).order_by("due_on", "pk")
        today = timezone.localdate()
        self.fields["starts_on"].initial = today
        self.fields["ends_on"].initial = today
        self.fields["weekdays"].initial = [today.weekday()]


class CheckInForm(forms.Form):
    # filled by the browser's geolocation (static/js/sinergi.js); empty when the phone refused
    latitude = forms.FloatField(
        required=False, min_value=-90, max_value=90, widget=forms.HiddenInput
    )
    longitude = forms.FloatField(
        required=False, min_value=-180, max_value=180, widget=forms.HiddenInput
    )
    accuracy = forms.FloatField(required=False, min_value=0, widget=forms.HiddenInput)
    # when the phone took the position, and its key: a check-in made without a signal is sent
    # later (static/js/outbox.js) and a resend is recognised
    taken_at = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    client_key = forms.RegexField(
        regex=r"^[A-Za-z0-9_-]{8,64}$", required=False, widget=forms.HiddenInput
    )
    photo = forms.ImageField(label=_("Foto (opsional)"), required=False)
    note = note_field(_("Catatan (opsional)"), required=False, max_length=2000)

    def clean_taken_at(self) -> datetime | None:
        """The phone's ISO time ("2026-12-06T14:05:00.000Z"); unreadable is simply unknown."""
        raw = self.cleaned_data["taken_at"].strip()
        try:
            moment = datetime.fromisoformat(raw) if raw else None
        except ValueError:
            return None
        return moment if moment is not None and moment.tzinfo is not None else None


class ReviewForm(forms.Form):
    documents = ticks_field(_("Dokumen yang sudah diterima"))

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["documents"]
        assert isinstance(field, forms.MultipleChoiceField)  # noqa: S101 -- declared above
        field.choices = choices


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Keputusan"),
        coerce=lambda v: v == "1",
        choices=[("1", _("Setujui")), ("0", _("Tolak"))],
        widget=forms.RadioSelect,
    )
    conditions = note_field(_("Syarat (jika disetujui)"), required=False)
    reason = note_field(_("Alasan (jika ditolak)"), required=False)


class PersonnelForm(forms.Form):
    sabhara = forms.IntegerField(label=_("Sabhara"), min_value=0, required=False)
    lantas = forms.IntegerField(label=_("Lalu lintas"), min_value=0, required=False)
    intelkam = forms.IntegerField(label=_("Intelkam"), min_value=0, required=False)
    binmas = forms.IntegerField(label=_("Binmas"), min_value=0, required=False)
    polsek = forms.IntegerField(label=_("Polsek setempat"), min_value=0, required=False)
    koramil = forms.BooleanField(label=_("Koordinasi dengan Koramil"), required=False)
    satpol_pp = forms.BooleanField(label=_("Koordinasi dengan Satpol PP"), required=False)
    note = note_field(_("Catatan"), required=False)
    people = note_field(
        _("Personel yang diperintahkan"),
        rows=5,
        required=False,
        max_length=10000,
        help_text=_(
            "Satu per baris: pangkat nama, NRP, tugas. Mis. Aipda Agus Prasetyo, "
            "84051234, pengamanan pintu masuk"
        ),
    )

    UNITS = ("sabhara", "lantas", "intelkam", "binmas", "polsek")

    def units(self) -> dict[str, int]:
        return {str(self.fields[name].label): self.cleaned_data[name] or 0 for name in self.UNITS}

    def named(self) -> list[dict[str, str]]:
        """ "Aipda Agus Prasetyo, 84051234, pengamanan pintu" → rank, name, NRP, duty."""
        result = []
        for raw in str(self.cleaned_data.get("people") or "").splitlines():
            parts = [p.strip() for p in raw.strip(" -•\t").split(",")]
            if not parts or not parts[0]:
                continue
            words = parts[0].split()
            rank = rank_of(words[0]) if len(words) > 1 else ""
            name = " ".join(words[1:] if rank else words)
            nrp = parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1].isdigit()) else ""
            duty = ", ".join(parts[2:] if nrp else parts[1:])
            result.append({"rank": rank, "name": name, "nrp": nrp, "duty": duty})
        return result


class EventDetailsForm(forms.Form):
    """What the officer knows of the event, editable until it is decided."""

    event_name = forms.CharField(label=_("Nama kegiatan"), max_length=150)
    organiser = forms.CharField(label=_("Penyelenggara"), max_length=150)
    venue = forms.CharField(label=_("Tempat"), max_length=200)
    event_date = date_field(_("Tanggal kegiatan"))
    event_time = forms.CharField(
        label=_("Waktu"), max_length=40, required=False, help_text=_("mis. 08.00–12.00 WITA")
    )
    crowd_size = forms.IntegerField(label=_("Perkiraan peserta"), min_value=1, max_value=10_000_000)
    reach = forms.ChoiceField(
        label=_("Lingkup"),
        required=False,
        choices=[
            ("", _("Desa/kecamatan")),
            ("kabupaten", _("Kabupaten/kota")),
            ("provinsi", _("Provinsi")),
        ],
    )


class EventReportForm(forms.Form):
    report = note_field(_("Laporan pasca kegiatan"), rows=4)
    attendance = forms.IntegerField(label=_("Jumlah peserta hadir"), min_value=0, required=False)


class ReviewCheckInForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Keputusan"),
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        choices=[("1", _("Terima: hitung sebagai patroli")), ("0", _("Tolak"))],
    )
    reason = note_field(_("Alasan (wajib bila ditolak)"), required=False, max_length=2000)


class MoveForm(forms.Form):
    latitude = forms.FloatField(label=_("Lintang"), min_value=-90, max_value=90)
    longitude = forms.FloatField(label=_("Bujur"), min_value=-180, max_value=180)
