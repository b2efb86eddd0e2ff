"""The citizen's side: file a case without an account, then follow it by its tracking code."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sinergi.areas import selectors as area_selectors
from sinergi.areas.models import Area
from sinergi.cases import lookups, selectors, services
from sinergi.cases.forms import CaseForm, TrackForm
from sinergi.cases.models import Case, Category
from sinergi.cases.photos import PhotoError

VILLAGE_CHOICES = 10


def village_from_post(request: HttpRequest) -> tuple[Area | None, list[Area], str]:
    """The chosen village (by code), or candidates for what was typed, and an error to show."""
    code = request.POST.get("area", "").strip()
    if code:
        area = lookups.current_village(code)
        if area is not None:
            return area, [area], ""
        return None, [], _("Desa/kelurahan tidak dikenal. Cari lagi dengan namanya.")
    typed = request.POST.get("area_q", "").strip()[:100]
    if not typed:
        return None, [], _("Pilih desa atau kelurahan tempat kejadian.")
    page = area_selectors.area_search(q=typed, level=Area.Level.VILLAGE, limit=VILLAGE_CHOICES)
    if page.count == 1:
        return page.items[0], page.items, ""
    if not page.items:
        return None, [], _("Tidak ada desa/kelurahan bernama itu. Periksa ejaannya.")
    return None, page.items, _("Beberapa desa cocok. Pilih salah satu.")


def _too_big(request: HttpRequest) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > settings.MAX_REQUEST_BYTES
    except ValueError:
        return True


@require_http_methods(["GET", "POST"])
def submit_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and _too_big(request):
        context = {
            "form": CaseForm(),
            "villages": [],
            "too_big": _("Kiriman terlalu besar. Kecilkan foto (maksimal 8 MB) lalu kirim lagi."),
        }
        return render(request, "cases/submit.html", context, status=413)
    form = CaseForm(request.POST or None, request.FILES or None)
    village: Area | None = None
    villages: list[Area] = []
    area_error = ""
    if request.method == "POST":
        village, villages, area_error = village_from_post(request)
        if form.is_valid() and village is not None:
            data = form.cleaned_data
            try:
                result = services.case_submit(
                    category=data["category_obj"],
                    area=village,
                    description=data["description"],
                    channel=Case.Channel.WEB,
                    reporter=services.ReporterIn(
                        anonymous=data["anonymous"], name=data["name"], phone=data["phone"],
                        email=data["email"],
                        user=request.user if request.user.is_authenticated else None,
                    ),
                    details=form.details(), place=data["place"], photo=data.get("photo"),
                    latitude=data.get("latitude"), longitude=data.get("longitude"),
                    idempotency_key=data["idempotency_key"] or None,
                )  # fmt: skip
            except services.IntakeError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc))
            except PhotoError as exc:
                form.add_error("photo", str(exc))
            else:
                return redirect(
                    f"{reverse('cases:track', args=[result.case.tracking_code])}?baru=1"
                )
    context = {
        "form": form, "villages": villages, "village": village, "area_error": area_error,
        "area_q": request.POST.get("area_q", ""),
    }  # fmt: skip
    return render(
        request, "cases/submit.html", context, status=400 if request.method == "POST" else 200
    )


@require_http_methods(["GET", "POST"])
def track_lookup_view(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = selectors.case_by_tracking_code(form.cleaned_data["code"])
        if case is not None:
            return redirect("cases:track", code=case.tracking_code)
        form.add_error(
            "code", _("Kode lacak tidak ditemukan. Periksa lagi, contoh: SNG-7K4Q-92XD.")
        )
    status = 400 if request.method == "POST" else 200
    return render(request, "cases/track_lookup.html", {"form": form}, status=status)


def track_view(request: HttpRequest, code: str) -> HttpResponse:
    case = selectors.case_by_tracking_code(code)
    if case is None:
        raise Http404
    if case.tracking_code != code:
        return redirect("cases:track", code=case.tracking_code)
    context = {
        "case": case,
        "events": selectors.case_public_timeline(case),
        "show_description": case.category.privacy == Category.Privacy.PUBLIC,
        "just_filed": request.GET.get("baru") == "1",
        "can_respond": case.status in {Case.Status.SELESAI, Case.Status.DITOLAK},
        "answered": services.feedback_given(case),
    }
    return render(request, "cases/track.html", context)


@require_POST
def track_respond_view(request: HttpRequest, code: str) -> HttpResponse:
    """The reporter answers from the tracking page: solved, not solved (reopen), or reopen."""
    case = selectors.case_by_tracking_code(code)
    if case is None:
        raise Http404
    answer = request.POST.get("answer", "")
    comment = request.POST.get("comment", "")[:2000]
    try:
        if answer == "solved":
            services.case_feedback(case=case, solved=True, comment=comment)
            messages.success(request, _("Terima kasih atas penilaian Anda."))
        elif answer == "not_solved":
            if case.status == Case.Status.SELESAI:
                services.case_feedback(case=case, solved=False, comment=comment)
            else:
                services.case_reopen(case=case, reason=comment)
            messages.success(request, _("Laporan dibuka kembali dan diteruskan ke petugas."))
        else:
            messages.error(request, _("Pilih salah satu jawaban."))
    except services.TransitionError as exc:
        messages.error(request, str(exc))
    return redirect("cases:track", code=case.tracking_code)
