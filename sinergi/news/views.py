"""Reading releases in the browser: paste one and review it, or upload a file and watch it run."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sinergi.accounts.access import roles_of
from sinergi.accounts.models import User
from sinergi.accounts.views import official_required, official_user
from sinergi.areas.models import Area
from sinergi.engagement import access as engagement_access
from sinergi.engagement import selectors as engagement_selectors
from sinergi.engagement import services as engagement
from sinergi.engagement.forms import format_officials, parse_officials
from sinergi.news import services
from sinergi.news.forms import PasteForm, ReviewForm, UploadForm, said_lines
from sinergi.news.models import ImportJob
from sinergi.news.records import Draft, release_key
from sinergi.platform.http import HtmxHttpRequest, render_form
from sinergi.units.models import Unit


def _importer(request: HttpRequest) -> User:
    user = official_user(request)
    if not roles_of(user) & engagement.IMPORT_ROLES:
        raise Http404
    return user


def _units(user: User, draft_unit: Unit | None) -> list[Unit]:
    units = engagement_access.units_of(user)
    if draft_unit is not None and draft_unit not in units:
        units = [draft_unit, *units]
    return units


def _initial(draft: Draft, *, url: str, key: str) -> dict[str, object]:
    return {
        "kind": draft.kind,
        "extra_kinds": draft.extra_kinds,
        "programs": draft.programs,
        "title": draft.title,
        "unit": draft.unit.pk if draft.unit else None,
        "venue": draft.venue,
        "held_on": draft.held_on,
        "held_time": draft.held_time,
        "officials": format_officials(draft.officials),
        "partner_groups": draft.partner_groups,
        "topics": draft.topics,
        "aspirations": said_lines(draft.aspirations, draft.aspiration_askers),
        "commitments": said_lines(draft.commitments, draft.commitment_owners),
        "commitments_due": draft.commitments_due,
        "source_url": url,
        "key": key,
    }


def _area_from_post(request: HttpRequest, user: User) -> tuple[Area | None, str]:
    code = request.POST.get("area", "").strip()[:13]
    area = Area.objects.current().filter(code=code).first() if code else None
    if area is None:
        return None, _("Pilih wilayah kegiatan.")
    if not engagement.can_import(user, area.code):
        return None, _("Wilayah ini di luar wilayah tugas Anda.")
    return area, ""


@official_required
@require_http_methods(["GET", "POST"])
def read_view(request: HttpRequest) -> HttpResponse:
    """Paste a release: the reader fills the activity form; nothing is saved until reviewed."""
    user = _importer(request)
    paste = PasteForm(request.POST or None)
    if request.method == "POST" and paste.is_valid():
        data = paste.cleaned_data
        draft = services.read_release(title=data["title"], text=data["text"])
        key = release_key(url=data["url"], title=data["title"], text=data["text"])
        review = ReviewForm(
            initial=_initial(draft, url=data["url"], key=key), units=_units(user, draft.unit)
        )
        missing = draft.missing + (["time"] if draft.held_on and not draft.held_time else [])
        recorded = (
            engagement_selectors.releases_recorded(
                visible=engagement_access.activities_visible_to(user),
                area_code=draft.area.code,
                title=draft.title,
                held_on=draft.held_on,
                promises=draft.commitments,
            )
            if draft.area
            else []
        )
        context: dict[str, object] = {
            "form": review,
            "area": draft.area,
            "areas": [draft.area] if draft.area else [],
            "missing": missing,
            "named_partners": draft.named_partners,
            "recorded": recorded,
        }
        return render(request, "news/review.html", context)
    context = {
        "paste": paste,
        "upload": UploadForm(),
        "jobs": ImportJob.objects.filter(user=user).defer("content")[:10],
    }
    return render_form(request, "news/read.html", context)


@official_required
def save_view(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _back_to_reader()
    user = _importer(request)
    posted_unit = Unit.objects.filter(pk=request.POST.get("unit") or 0).first()
    form = ReviewForm(request.POST, units=_units(user, posted_unit))
    area, area_error = _area_from_post(request, user)
    if form.is_valid() and area is not None:
        data = form.cleaned_data
        unit = Unit.objects.get(pk=data["unit"])
        held_at = timezone.make_aware(datetime.combine(data["held_on"], data["held_time"]))
        heard, askers = form.said("aspirations")
        promised, owners = form.said("commitments")
        record = engagement.ReleaseRecord(
            unit=unit,
            kind=data["kind"],
            extra_kinds=data["extra_kinds"],
            programs=data["programs"],
            title=data["title"],
            area=area,
            held_at=held_at,
            venue=data["venue"],
            officials=parse_officials(data["officials"]),
            partner_groups=data["partner_groups"],
            topics=data["topics"],
            aspirations=heard,
            aspiration_askers=askers,
            commitments=promised,
            commitment_owners=owners,
            commitments_due=data["commitments_due"],
            source_url=data["source_url"],
            key=data["key"],
        )
        try:
            activity, created = engagement.activity_import(by=user, record=record)
        except engagement.EngagementError as exc:
            form.add_error(None, str(exc))
        else:
            if created:
                messages.success(request, _("Kegiatan dari rilis tersimpan, menunggu verifikasi."))
            else:
                messages.info(request, _("Rilis ini sudah pernah dicatat."))
            return redirect("engagement:officer_activity", pk=activity.pk)
    context = {
        "form": form,
        "area": area,
        "areas": [area] if area else [],
        "area_error": area_error,
        "missing": [],
        "named_partners": [],
    }
    return render(request, "news/review.html", context, status=400)


@official_required
def upload_view(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _back_to_reader()
    user = _importer(request)
    form = UploadForm(request.POST, request.FILES)
    upload = request.FILES.get("file")
    error = ""
    if not form.is_valid() or upload is None:
        error = _("Pilih berkas JSONL.")
    elif (upload.size or 0) > settings.NEWS_IMPORT_MAX_BYTES:
        error = _("Berkas terlalu besar (maksimal %(mb)d MB). Bagi menjadi beberapa berkas.") % {
            "mb": settings.NEWS_IMPORT_MAX_BYTES // 1_000_000
        }
    else:
        try:
            content = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            error = _("Berkas harus berupa teks UTF-8 (JSONL).")
        else:
            job = services.import_start(
                by=user, filename=upload.name or "rilis.jsonl", content=content
            )
            return redirect("news:job", pk=job.pk)
    context = {
        "paste": PasteForm(),
        "upload": form,
        "upload_error": error,
        "jobs": ImportJob.objects.filter(user=user).defer("content")[:10],
    }
    return render(request, "news/read.html", context, status=400)


def _back_to_reader() -> HttpResponse:
    """A form sent back with its errors stays at the address it was posted to; opening that
    address again (the back button, a bookmark, the address bar) leads to the reader, not to
    an empty "405" page."""
    return redirect("news:read")


@official_required
def job_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The progress of one file; the page asks again every two seconds until it is done."""
    user = _importer(request)
    job = ImportJob.objects.defer("content").filter(pk=pk, user=user).first()
    if job is None:
        raise Http404
    template = "news/_job.html" if request.htmx else "news/job.html"
    return render(request, template, {"job": job})
