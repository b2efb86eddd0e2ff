"""The citizen's side: file a case without an account, then follow it by its tracking code."""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sinergi.accounts.models import User
from sinergi.accounts.views import verified_required
from sinergi.cases import access, lookups, selectors, services, steps, tracking
from sinergi.cases.forms import CaseForm, RecoverForm, TrackForm
from sinergi.cases.models import Case, Category
from sinergi.cases.picker import VillagePick, village_from_post
from sinergi.platform.http import render_form
from sinergi.platform.photos import PhotoError
from sinergi.units.roles import FORUM_NAME


def _too_big(request: HttpRequest) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > settings.MAX_REQUEST_BYTES
    except ValueError:
        return True


def _browser(request: HttpRequest) -> str:
    """This browser, for owning its form's idempotency key: the CSRF secret its cookie carries
    (present on every accepted POST). A key typed from elsewhere never names this browser's
    case, and this browser's key never names anyone else's."""
    secret = str(request.META.get("CSRF_COOKIE") or "")
    return hashlib.sha256(f"browser:{secret}".encode()).hexdigest()


# The reporter keys this browser holds, by tracking code (at most this many, newest kept).
SESSION_KEYS = "reporter_keys"
SESSION_KEYS_MAX = 20


def remember_key(request: HttpRequest, code: str, key: str) -> None:
    held = dict(request.session.get(SESSION_KEYS, {}))
    held.pop(code, None)
    held[code] = key
    request.session[SESSION_KEYS] = dict(list(held.items())[-SESSION_KEYS_MAX:])


def held_key(request: HttpRequest, code: str) -> str:
    return str(request.session.get(SESSION_KEYS, {}).get(code, ""))


def _known(request: HttpRequest) -> dict[str, object]:
    """A signed-in citizen's form starts with what their account knows."""
    user = request.user
    if not isinstance(user, User) or user.is_official:
        return {}
    return {"name": user.display_name, "email": user.email, "phone": user.phone}


def _fresh_key(request: HttpRequest) -> QueryDict:
    data = request.POST.copy()
    data["idempotency_key"] = uuid.uuid4().hex
    return data


@require_http_methods(["GET", "POST"])
def submit_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and _too_big(request):
        context = {
            "form": CaseForm(),
            "villages": [],
            # the page refills what was typed (kept in the tab by static/js/citizen-form.js)
            "restore": True,
            "too_big": _(
                "Kiriman terlalu besar: foto lebih dari %(mb)d MB. Isian Anda sudah dikembalikan; "
                "pilih foto yang lebih kecil (atau tanpa foto), lalu kirim lagi."
            )
            % {"mb": settings.CASE_PHOTO_MAX_BYTES // 1_000_000},
        }
        return render(request, "cases/submit.html", context, status=413)
    form = CaseForm(request.POST or None, request.FILES or None, initial=_known(request))
    pick = VillagePick()
    if request.method == "POST":
        pick = village_from_post(request)
        if form.is_valid() and pick.village is not None:
            data = form.cleaned_data
            signed_in = request.user if request.user.is_authenticated else None
            try:
                result = services.case_submit(
                    category=data["category_obj"],
                    area=pick.village,
                    description=data["description"],
                    channel=Case.Channel.WEB,
                    reporter=services.ReporterIn(
                        anonymous=data["anonymous"],
                        name=data["name"],
                        phone=data["phone"],
                        email=data["email"],
                        user=signed_in,
                    ),
                    details=form.details(),
                    place=data["place"],
                    photo=data.get("photo"),
                    latitude=data.get("latitude"),
                    longitude=data.get("longitude"),
                    idempotency_key=services.client_key(
                        source="web",
                        user_id=signed_in.pk if signed_in else None,
                        raw=data["idempotency_key"],
                        owner=_browser(request),
                    ),
                )
            except services.IdempotencyKeyReusedError:
                # this form was sent before with other contents (the back button, then an
                # edit): say so, and let the next press file it as a new report
                form = CaseForm(_fresh_key(request), request.FILES or None)
                form.is_valid()
                form.add_error(
                    None,
                    _(
                        "Formulir ini sudah pernah terkirim dengan isi lain. Periksa isinya, "
                        "lalu tekan “Kirim laporan” sekali lagi untuk mengirimnya sebagai "
                        "laporan baru."
                    ),
                )
            except services.IntakeError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc))
            except PhotoError as exc:
                form.add_error("photo", str(exc))
            else:
                code = result.case.tracking_code
                if result.reporter is not None:
                    remember_key(request, code, tracking.reporter_key(result.reporter.pk))
                return redirect(f"{reverse('cases:track', args=[code])}?baru=1")
    elif request.GET.get("desa"):
        # "Laporkan di desa ini" on a village's page: the village is chosen already
        village = lookups.current_village(request.GET["desa"][:13])
        pick = VillagePick(village, [village] if village is not None else [])
    context = {
        "form": form,
        **pick.context(),
        # a fresh form brings back a report this tab sent and never saw filed (the connection
        # dropped as it was sent): kept in the tab by static/js/citizen-form.js, with its key,
        # so a report the server did file is not filed twice
        "restore": request.method == "GET",
        "restored_note": request.method == "GET",
        # a form sent back with an error cannot give the chosen photo back: it is asked again
        "photo_again": getattr(request.FILES.get("photo"), "name", "")[:80],
    }
    return render_form(request, "cases/submit.html", context)


def _merged_home(case: Case, key: str) -> Case | None:
    """The case a merged report went into (following merges on), when the key is of a reporter
    who moved there with it: the link in their first message still leads them home."""
    home = case
    for _hop in range(5):
        if home.merged_into_id is None:
            break
        home = Case.objects.select_related("category").get(pk=home.merged_into_id)
        if access.reporter_holding(home, key=key) is not None:
            return home
    return None


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
    return render_form(request, "cases/track_lookup.html", {"form": form})


def track_view(request: HttpRequest, code: str) -> HttpResponse:
    case = selectors.case_by_tracking_code(code)
    if case is None:
        raise Http404
    typed = request.GET.get("k", "")
    if typed:
        # a private link or a typed key: remembered in this browser, then out of the address
        # bar (and of any Referer or screenshot)
        home = _merged_home(case, typed)
        if home is not None:
            remember_key(request, home.tracking_code, typed)
            messages.success(
                request,
                _("Laporan %(code)s sudah digabung ke laporan ini; kunci Anda berlaku di sini.")
                % {"code": case.tracking_code},
            )
            return redirect("cases:track", code=home.tracking_code)
        if access.reporter_holding(case, key=typed) is not None:
            remember_key(request, case.tracking_code, typed)
            messages.success(request, _("Kunci pelapor cocok: Anda dapat menanggapi laporan ini."))
        else:
            messages.error(request, _("Kunci pelapor tidak cocok dengan laporan ini."))
        return redirect("cases:track", code=case.tracking_code)
    if case.tracking_code != code:
        return redirect("cases:track", code=case.tracking_code)
    kept = held_key(request, case.tracking_code)
    moved = _merged_home(case, kept) if kept else None
    if moved is not None:
        # the browser that filed a report since merged: its reporter now answers on the kept one
        remember_key(request, moved.tracking_code, kept)
        return redirect("cases:track", code=moved.tracking_code)
    reporter = access.reporter_holding(
        case, key=held_key(request, case.tracking_code), user=request.user
    )
    # "received" with the key is for the browser that filed it; the address passed on to a
    # stranger shows the plain tracking page
    just_filed = request.GET.get("baru") == "1" and reporter is not None
    public = case.category.privacy == Category.Privacy.PUBLIC
    context = {
        "case": case,
        "steps": steps.public_steps(selectors.case_public_timeline(case)),
        # what people wrote about a confidential case is for its reporter; the code alone
        # shows only that something happened and when
        "show_messages": public or reporter is not None,
        "show_description": public,
        "just_filed": just_filed,
        "reporter": reporter,
        "my_notes": selectors.case_reporter_notes(case, reporter) if reporter else [],
        "reporter_key": tracking.reporter_key(reporter.pk) if reporter and just_filed else "",
        "public_link": request.build_absolute_uri(
            reverse("cases:track", args=[case.tracking_code])
        ),
        "private_link": (
            request.build_absolute_uri(
                f"{reverse('cases:track', args=[case.tracking_code])}"
                f"?k={tracking.reporter_key(reporter.pk)}"
            )
            if reporter and just_filed
            else ""
        ),
        "forum_name": FORUM_NAME[case.owner_area.level],
        "can_respond": case.status
        in {Case.Status.SELESAI, Case.Status.DITOLAK, Case.Status.DIRUJUK},
        "referral": selectors.case_referral(case),
        "answered": services.feedback_given(case),
    }
    response = render(request, "cases/track.html", context)
    if reporter is not None:
        # the key or the reporter's own notes are on this page: no cache may keep it
        add_never_cache_headers(response)
    return response


@require_POST
def track_respond_view(request: HttpRequest, code: str) -> HttpResponse:
    """The reporter answers from the tracking page (solved, not solved, reopen a decline) or adds
    information. Only the holder of the reporter's key may: the tracking code is public."""
    case = selectors.case_by_tracking_code(code)
    if case is None:
        raise Http404
    key = request.POST.get("k", "") or held_key(request, case.tracking_code)
    reporter = access.reporter_holding(case, key=key, user=request.user)
    if reporter is None:
        messages.error(
            request,
            _("Hanya pelapor yang dapat menanggapi. Masukkan kunci pelapor dari pesan konfirmasi."),
        )
        return redirect("cases:track", code=case.tracking_code)
    if request.POST.get("k"):
        remember_key(request, case.tracking_code, key)
    answer = request.POST.get("answer", "")
    comment = request.POST.get("comment", "")[:2000]
    try:
        if answer == "solved":
            services.case_feedback(case=case, solved=True, comment=comment, reporter=reporter)
            messages.success(request, _("Terima kasih atas penilaian Anda."))
        elif answer == "not_solved":
            if case.status == Case.Status.SELESAI and not comment.strip():
                # the officer reopening it must know what is still wrong
                raise services.TransitionError(
                    _("Ceritakan apa yang belum selesai, agar petugas tahu yang harus dilakukan.")
                )
            if case.status in {Case.Status.SELESAI, Case.Status.DIRUJUK}:
                services.case_feedback(case=case, solved=False, comment=comment, reporter=reporter)
            else:
                services.case_reopen(case=case, reason=comment)
            messages.success(request, _("Laporan dibuka kembali dan diteruskan ke petugas."))
        elif answer == "add":
            services.case_reporter_message(
                case=case, message=comment, channel="web", reporter=reporter
            )
            messages.success(request, _("Keterangan Anda diteruskan ke petugas."))
        else:
            messages.error(request, _("Pilih salah satu jawaban."))
    except services.TransitionError as exc:
        messages.error(request, str(exc))
    return redirect("cases:track", code=case.tracking_code)


@require_http_methods(["GET", "POST"])
def recover_view(request: HttpRequest) -> HttpResponse:
    """A lost code: the codes go to the contact that filed them, never onto this page (the same
    answer whether or not the contact filed anything, so nobody learns who reported)."""
    form = RecoverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.case_codes_resend(contact=form.cleaned_data["contact"])
        messages.success(
            request,
            _(
                "Bila ada laporan yang dikirim dengan kontak itu, kode dan tautannya sudah kami "
                "kirim ke sana. Periksa surel atau SMS Anda."
            ),
        )
        return redirect("cases:track_lookup")
    return render_form(request, "cases/recover.html", {"form": form})


MINE_PAGE = 20


@verified_required
def mine_view(request: HttpRequest) -> HttpResponse:
    """A signed-in citizen's own reports."""
    page = Paginator(selectors.cases_of_reporter(request.user), MINE_PAGE).get_page(
        request.GET.get("hal")
    )
    return render(request, "cases/mine.html", {"page": page})
