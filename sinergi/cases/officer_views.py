"""The officer's side: the inbox of cases in their areas, and one case with its actions."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from sinergi.accounts import audit
from sinergi.accounts.access import scope_of, villages_of
from sinergi.accounts.models import AuditEvent, User
from sinergi.accounts.views import official_required, official_user
from sinergi.areas.models import Area
from sinergi.cases import access, duplicates, selectors, services, steps
from sinergi.cases.forms import OfficerCaseForm
from sinergi.cases.models import Case, Category
from sinergi.cases.paging import CappedPaginator
from sinergi.cases.picker import VillagePick, village_from_post
from sinergi.platform.http import HtmxHttpRequest, render_form
from sinergi.platform.photos import PhotoError
from sinergi.units import selectors as unit_selectors
from sinergi.units.forums import seats_of

PAGE_SIZE = 25


VILLAGE_CHOICES_MAX = 300


@official_required
def inbox_view(request: HtmxHttpRequest) -> HttpResponse:
    status = request.GET.get("status", "open")
    if status not in {"open", ""} | set(Case.Status.values):
        status = "open"
    kind = request.GET.get("kind", "")
    kind = kind if kind in Category.Kind.values else ""
    overdue = request.GET.get("overdue") == "1"
    raw_tier = request.GET.get("tier", "")
    tier = int(raw_tier) if raw_tier in {"1", "2", "3", "4"} else None
    village = request.GET.get("village", "")[:13]
    # "perlu tindakan saya" (what waits for this officer) unless they chose oversight
    mine = request.GET.get("lihat", "saya") != "semua"
    # the forums they sit in: their to-do and their partners (official_required: signed in)
    seated = seats_of(request.user.pk or 0)
    cases = selectors.case_inbox(
        user=request.user,
        status=status,
        kind=kind,
        village=village,
        overdue=overdue,
        tier=tier,
        mine=mine,
        seated=seated,
    )
    page = CappedPaginator(cases, PAGE_SIZE).get_page(request.GET.get("hal"))
    context = {
        "colleagues": _with_titles(access.colleagues(request.user, seated=seated)),
        "page": page,
        "status": status,
        "kind": kind,
        "overdue": overdue,
        "mine": mine,
        "now": timezone.now(),
        "statuses": Case.Status.choices,
        "kinds": Category.Kind.choices,
        "tier": raw_tier if tier else "",
        "tiers": Area.Level.choices,
        "village": village,
        # the villages of the user's areas for the filter, when there are few enough to list
        "villages": villages_of(request.user, at_most=VILLAGE_CHOICES_MAX),
        "filter_query": urlencode(
            {"status": status, "kind": kind, "tier": raw_tier if tier else "", "village": village}
            | ({"overdue": "1"} if overdue else {})
            | ({} if mine else {"lihat": "semua"})
        ),
    }
    template = "cases/_inbox_rows.html" if request.htmx else "cases/inbox.html"
    return render(request, template, context)


@official_required
@require_http_methods(["GET", "POST"])
def capture_view(request: HttpRequest) -> HttpResponse:
    """The same intake as the public form, recorded by an officer for a citizen in front of them."""
    user = official_user(request)
    if not access.can_handle(user):
        raise Http404
    form = OfficerCaseForm(request.POST or None, request.FILES or None)
    pick = VillagePick()
    if request.method == "POST":
        pick = village_from_post(request).within(scope_of(user))
        if form.is_valid() and pick.village is not None:
            data = form.cleaned_data
            try:
                result = services.case_submit(
                    category=data["category_obj"],
                    area=pick.village,
                    description=data["description"],
                    channel=Case.Channel.OFFICER,
                    details=form.details(),
                    place=data["place"],
                    photo=data.get("photo"),
                    idempotency_key=data["idempotency_key"] or None,
                    by=user,
                    reporter=services.ReporterIn(
                        anonymous=data["anonymous"],
                        name=data["name"],
                        phone=data["phone"],
                        email=data["email"],
                    ),
                )
            except services.IntakeError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc))
            except PhotoError as exc:
                form.add_error("photo", str(exc))
            else:
                messages.success(
                    request,
                    _("Tercatat sebagai %(code)s. Berikan kode ini kepada warga.")
                    % {"code": result.case.tracking_code},
                )
                return redirect("cases:officer_case", pk=result.case.pk)
    context = {"form": form, **pick.context(), "officer": True}
    return render_form(request, "cases/submit.html", context)


@official_required
@require_POST
def bulk_view(request: HttpRequest) -> HttpResponse:
    """Take or assign several cases at once; each goes through the door on its own."""
    user = official_user(request)
    ids = [int(i) for i in request.POST.getlist("case") if i.isdigit()][:PAGE_SIZE]
    assignee: User | None = user
    if request.POST.get("assign_to"):
        assignee = next(
            (u for u in access.colleagues(user) if str(u.pk) == request.POST["assign_to"]), None
        )
    if not ids or assignee is None:
        messages.error(request, _("Pilih laporan dan petugasnya."))
        return redirect("cases:inbox")
    done = 0
    for pk in ids:
        try:
            case = access.get_case_for_user(request, pk, write=True)
            services.case_assign(case=case, to=assignee, by=user)
            done += 1
        except (Http404, services.TransitionError):
            continue
    messages.success(
        request, _("%(done)d dari %(all)d laporan diserahkan.") % {"done": done, "all": len(ids)}
    )
    return redirect("cases:inbox")


@official_required
def case_view(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.get_case_for_user(request, pk)
    user = request.user
    # nobody to show (anonymous, or a release's request): no link, and no view of no one logged
    has_identity = (
        case.reporters.filter(anonymous=False)
        .exclude(name="", phone="", email="", user=None, chat_contact=None)
        .exists()
    )
    sees_reporter = access.can_see_reporter(user, case)  # several queries: asked once
    show_reporter = request.GET.get("pelapor") == "1" and has_identity and sees_reporter
    if show_reporter:
        audit.record_request(
            AuditEvent.Kind.CONTACT_VIEWED, request, obj=case, data={"reporters": True}
        )
    context = {
        "case": case,
        "events": steps.officer_headlines(selectors.case_timeline(case)),
        "reporters": case.reporters.all() if show_reporter else [],
        "can_see_reporter": sees_reporter,
        "has_identity": has_identity,
        "can_release": access.can_release_identity(user, case),
        "can_act": access.can_handle(user),
        "may_step": access.may_step(user, case),
        "duplicates": duplicates.similar(case) if case.is_open else [],
        "undelivered": selectors.case_undelivered(case),
        "referral": selectors.case_referral(case),
        # not the reader: taking it is "Ambil laporan ini"
        "handover": _with_titles(
            [p for p in access.handover_candidates(user, case) if p.pk != user.pk]
            if case.is_open and access.can_handle(user)
            else []
        ),
        "follow_up_default": services.follow_up_default(),
        "draft": _draft(request, case),
        "map_tiles": settings.MAP_TILE_URL,
        "point": _point(case, sees_reporter=sees_reporter),
    }
    response = render(request, "cases/case.html", context)
    if show_reporter:
        # the reporter's identity is on this page: no cache (browser or proxy) may keep it
        add_never_cache_headers(response)
    return response


def _with_titles(people: list[User]) -> list[tuple[User, str]]:
    """Whom a case may go to, each with their title: a Bhabinkamtibmas, a Babinsa and a Lurah
    told apart in the list."""
    titles = unit_selectors.titles_of(p.pk for p in people)
    return [(p, titles.get(p.pk, "")) for p in people]


# the actions whose text the reporter and anyone holding the tracking code read
PUBLIC_TEXTS = frozenset({"reply", "resolve", "reject", "refer", "escalate"})
DRAFT = "case_draft"  # session key: a refused text goes back into its box, not lost
DRAFT_FIELDS = ("message", "agency", "reference")

# what each action did, said where the officer looks after pressing it
DONE = {
    "take": gettext_lazy("Laporan ini kini Anda pegang."),
    "reply": gettext_lazy("Balasan tersimpan dan terlihat oleh pelapor."),
    "note": gettext_lazy("Catatan internal tersimpan."),
    "resolve": gettext_lazy("Laporan ditandai selesai; penyelesaiannya terlihat oleh pelapor."),
    "reject": gettext_lazy("Laporan ditolak; alasannya terlihat oleh pelapor."),
    "refer": gettext_lazy("Laporan dirujuk; keterangannya terlihat oleh pelapor."),
    "escalate": gettext_lazy("Laporan dinaikkan satu tingkat."),
    "release": gettext_lazy("Identitas pelapor dibuka bagi penanganannya."),
}


def _point(case: Case, *, sees_reporter: bool) -> tuple[float, float] | None:
    """Where the case was marked, for its map. A withheld category's point may be where its
    reporter lives: shown only to whom its reporter is."""
    if case.latitude is None or case.longitude is None:
        return None
    if case.category.privacy == Category.Privacy.WITHHELD and not sees_reporter:
        return None
    return (case.latitude, case.longitude)


def _draft(request: HttpRequest, case: Case) -> dict[str, dict[str, str]]:
    """What was typed for an action refused a moment ago on this case, once:
    {action: {field: text}}."""
    kept = request.session.get(DRAFT)
    if not kept or kept.get("case") != case.pk:
        return {}
    del request.session[DRAFT]
    return {kept["action"]: kept["fields"]}


def _perform(action: str, case: Case, user: User, post: QueryDict) -> bool:
    """Runs one action; False when the action is unknown. TransitionError carries user text."""
    text = post.get("message", "")
    key = post.get("client_key", "")  # a text sent from the phone's outbox, once
    if action == "take":
        services.case_take(case=case, by=user)
    elif action == "reply":
        services.case_reply(case=case, by=user, message=text, client_key=key)
    elif action == "note":
        services.case_note(case=case, by=user, message=text, client_key=key)
    elif action == "resolve":
        services.case_resolve(case=case, by=user, note=text, client_key=key)
    elif action == "reject":
        services.case_reject(case=case, by=user, reason=text, client_key=key)
    elif action == "refer":
        services.case_refer(
            case=case,
            by=user,
            agency=post.get("agency", ""),
            reference=post.get("reference", ""),
            note=text,
            follow_up=_date(post.get("follow_up", "")),
            client_key=key,
        )
    elif action == "assign":
        to = next(
            (u for u in access.handover_candidates(user, case) if str(u.pk) == post.get("to")),
            None,
        )
        if to is None:
            raise services.TransitionError(_("Pilih petugas yang menerima laporan ini."))
        services.case_assign(case=case, to=to, by=user)
    elif action == "escalate":
        _escalate(case, user, text, key)
    elif action == "release":
        if not access.can_release_identity(user, case):
            raise services.TransitionError(
                _("Hanya pimpinan Polri di wilayah ini yang dapat membuka identitas pelapor.")
            )
        services.case_release_identity(case=case, by=user, reason=text)
    else:
        return False
    return True


def _escalate(case: Case, user: User, reason: str, key: str) -> None:
    """The tier above and the reporter read why; like a resolution, it is not left blank."""
    if not reason.strip():
        raise services.TransitionError(
            _("Tuliskan mengapa laporan ini tidak dapat diselesaikan di tingkat ini.")
        )
    services.case_escalate(case=case, by=user, reason=reason.strip(), client_key=key)


def _date(raw: str) -> date | None:
    """A date typed in a form (YYYY-MM-DD); empty means "the default"."""
    if not raw.strip():
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError as exc:
        raise services.TransitionError(_("Tanggal tidak dikenali.")) from exc


def _merge_target(request: HttpRequest) -> Case:
    """The case to keep: it must be one the user may act on too."""
    raw = request.POST.get("into", "")
    if not raw.isdigit():
        raise services.TransitionError(_("Pilih laporan tujuan penggabungan."))
    try:
        return access.get_case_for_user(request, int(raw), write=True)
    except Http404 as exc:
        raise services.TransitionError(_("Pilih laporan tujuan penggabungan.")) from exc


@official_required
@require_POST
def action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    case = access.get_case_for_user(request, pk, write=True)
    user = official_user(request)
    try:
        if action == "merge":
            into = _merge_target(request)
            services.case_merge(duplicate=case, into=into, by=user)
            messages.success(request, _("Laporan digabung."))
            return redirect("cases:officer_case", pk=into.pk)
        if action in PUBLIC_TEXTS:
            services.public_text_check(case=case, by=user, text=request.POST.get("message", ""))
        known = _perform(action, case, user, request.POST)
    except services.TransitionError as exc:
        messages.error(request, str(exc))
        typed = {f: request.POST.get(f, "")[:5000] for f in DRAFT_FIELDS}
        if any(v.strip() for v in typed.values()):
            request.session[DRAFT] = {"case": case.pk, "action": action, "fields": typed}
    else:
        if known and action == "assign":
            case.refresh_from_db(fields=["taken_by"])
            holder = case.taken_by.display_name if case.taken_by else "-"
            messages.success(request, _("Laporan diserahkan kepada %(name)s.") % {"name": holder})
        elif known:
            messages.success(request, DONE.get(action, _("Tersimpan.")))
        else:
            messages.error(request, _("Tindakan tidak dikenal."))
    return redirect("cases:officer_case", pk=case.pk)
