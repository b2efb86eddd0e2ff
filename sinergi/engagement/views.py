"""Engagement pages: the officer's calendar, plan and report, partners, coverage; and the public
schedule, commitment board and activity pages."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sinergi.accounts.access import roles_of, scope_of, villages_of
from sinergi.accounts.models import User
from sinergi.accounts.views import official_required, official_user
from sinergi.areas import timezones
from sinergi.areas.models import Area
from sinergi.cases import access as case_access
from sinergi.cases.models import Category
from sinergi.cases.picker import VillagePick, village_from_post
from sinergi.engagement import access, selectors, services
from sinergi.engagement.catalogue import ActivityType, PartnerKind, Program, Topic
from sinergi.engagement.forms import (
    ActivityForm,
    AspirationFormSet,
    CloseCommitmentForm,
    CommitmentFormSet,
    NewPartnerFormSet,
    PartnerForm,
    ReleaseRequestForm,
    ReportForm,
    RescheduleForm,
    ReturnForm,
    format_officials,
    official_line,
    parse_officials,
)
from sinergi.engagement.models import Activity, ActivityEvent, Commitment, Partner
from sinergi.patrols import selectors as patrol_selectors
from sinergi.platform.http import render_form
from sinergi.platform.photos import PhotoError

PARTNER_PAGE = 100
# The planner's table shows the longest-unvisited first; beyond this the page only counts them.
COVERAGE_ROWS = 100


def _official(request: HttpRequest) -> User:
    user = official_user(request)
    if not case_access.can_handle(user):
        raise Http404
    return user


def _month(raw: str | None) -> date:
    today = timezone.localdate()
    try:
        year, month = (int(p) for p in (raw or "").split("-"))
        return date(year, month, 1)
    except ValueError:
        return today.replace(day=1)


@official_required
def calendar_view(request: HttpRequest) -> HttpResponse:
    """The month of the user's areas: what is planned, what was held, what needs a report."""
    units = access.units_of(request.user)
    first = _month(request.GET.get("bulan"))
    after = (first + timedelta(days=32)).replace(day=1)
    visible = access.activities_visible_to(request.user)
    activities = list(selectors.calendar(visible=visible, start=first, end=after))
    days: dict[date, list[Activity]] = {}
    for activity in activities:
        moment = activity.held_at or activity.planned_at
        if moment is not None:
            days.setdefault(timezone.localdate(moment), []).append(activity)
    to_report = (
        visible.filter(
            unit__in=units, status=Activity.Status.PLANNED, planned_at__lt=timezone.now()
        )
        .select_related("area")
        .order_by("planned_at")[:20]
    )
    to_verify = [
        a
        for a in visible.filter(status=Activity.Status.REPORTED)
        .select_related("area", "unit__parent__parent")
        .order_by("held_at")[:50]
        if access.can_verify(request.user, a)
    ]
    to_correct = (
        visible.filter(unit__in=units, status=Activity.Status.RETURNED)
        .select_related("area")
        .order_by("held_at")[:20]
    )
    context = {
        "days": sorted(days.items()),
        "first": first,
        "units": units,
        "previous": (first - timedelta(days=1)).replace(day=1),
        "next": after,
        "to_report": to_report,
        "to_verify": to_verify[:20],
        "to_correct": to_correct,
        "can_act": case_access.can_handle(request.user),
    }
    return render(request, "engagement/calendar.html", context)


MY_VILLAGES_MAX = 12


def my_villages(user: User) -> list[Area]:
    """A Bhabinkamtibmas's few villages, offered before anything is typed."""
    return villages_of(user, at_most=MY_VILLAGES_MAX)


def _title(kind: str, venue: str, area: Area, typed: str) -> str:
    if typed.strip():
        return typed.strip()
    where = venue.strip() or area.name
    return f"{ActivityType(kind).label} — {where}"


@official_required
@require_http_methods(["GET", "POST"])
def plan_view(request: HttpRequest) -> HttpResponse:
    user = _official(request)
    units = access.units_of(user)
    form = ActivityForm(request.POST or None, units=units)
    pick = VillagePick(villages=my_villages(user))
    if request.method == "POST":
        pick = village_from_post(request).within(scope_of(user))
        if form.is_valid() and (village := pick.village) is not None:
            data = form.cleaned_data
            try:
                activity = services.activity_plan(
                    by=user,
                    unit=next(u for u in units if u.pk == data["unit"]),
                    kind=data["kind"],
                    programs=data["programs"],
                    area=village,
                    title=_title(data["kind"], data["venue"], village, data["title"]),
                    venue=data["venue"],
                    planned_at=data["when"],
                    idempotency_key=data["idempotency_key"] or None,
                )
            except services.EngagementError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc))
            else:
                messages.success(request, _("Kegiatan masuk kalender."))
                return redirect("engagement:officer_activity", pk=activity.pk)
    context = {"form": form, **pick.context()}
    return render_form(request, "engagement/plan.html", context)


def _owners(user: User) -> list[User]:
    """Who can own a promise: the reporting officer and the colleagues of their units."""
    people = {u.pk: u for u in case_access.colleagues(user)}
    people.setdefault(user.pk, user)
    return sorted(people.values(), key=lambda u: (u.pk != user.pk, u.display_name))


def _report_forms(
    request: HttpRequest, user: User, activity: Activity | None
) -> tuple[ReportForm, Any, Any, Any]:
    data: QueryDict | None = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    partners = access.partners_visible_to(user).filter(active=True).order_by("kind", "name")
    if activity is not None and activity.area.level == Area.Level.VILLAGE:
        partners = partners.filter(area_id=activity.area_id)
    initial = {
        "held_at": (activity.planned_at if activity else None) or timezone.localtime(),
        "officials": official_line(user),
    }
    offered = list(partners.values_list("pk", flat=True)[:PARTNER_PAGE])
    report = ReportForm(data, files, partners=offered, initial=initial)
    # the categories are read once for all rows, not once per row
    categories = list(Category.objects.filter(active=True))
    aspirations = AspirationFormSet(data, prefix="asp", form_kwargs={"categories": categories})
    commitments = CommitmentFormSet(data, prefix="com", form_kwargs={"owners": _owners(user)})
    if data is not None and "mitra-TOTAL_FORMS" not in data:
        # a form from before partners could be added (a page kept on the phone): no rows
        data = data.copy()
        data.update({"mitra-TOTAL_FORMS": "0", "mitra-INITIAL_FORMS": "0"})
    new_partners = NewPartnerFormSet(data, prefix="mitra")
    return report, aspirations, commitments, new_partners


def _report_in(
    report: ReportForm, aspirations: Any, commitments: Any, new_partners: Any
) -> services.ReportIn:
    data = report.cleaned_data
    return services.ReportIn(
        held_at=data["held_at"],
        attendance=data["attendance"],
        officials=parse_officials(data["officials"]),
        partners=list(data["partners"]),
        new_partners=[
            services.PartnerIn(kind=row["kind"], name=row["name"], role=row["role"])
            for row in new_partners.rows()
        ],
        partner_groups=data["partner_groups"],
        topics=data["topics"],
        minutes=data["minutes"],
        photos=data["photos"],
        aspirations=[
            services.AspirationIn(
                description=row["description"],
                category=row["category"],
                name=row["name"],
                phone=row["phone"],
                place=row["place"],
                latitude=row["latitude"],
                longitude=row["longitude"],
            )
            for row in aspirations.rows()
        ],
        commitments=[
            services.CommitmentIn(
                text=row["text"],
                due_on=row["due_on"],
                owner=row["owner"],
                owner_label=row["owner_label"],
            )
            for row in commitments.rows()
        ],
    )


@official_required
@require_http_methods(["GET", "POST"])
def report_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Report a planned activity, or (without ``pk``) one that was not on the calendar."""
    user = _official(request)
    activity = access.get_activity_to_run(request, pk) if pk else None
    if activity is not None and activity.status != Activity.Status.PLANNED:
        messages.info(request, _("Kegiatan ini sudah dilaporkan."))
        return redirect("engagement:officer_activity", pk=activity.pk)
    units = access.units_of(user)
    head = ActivityForm(request.POST or None, units=units) if activity is None else None
    if head is not None:
        head.fields["when"].required = False  # the report's own time is the activity's time
    report, aspirations, commitments, new_partners = _report_forms(request, user, activity)
    pick = VillagePick(villages=my_villages(user))
    if request.method == "POST":
        if head is not None:
            pick = village_from_post(request).within(scope_of(user))
        valid = all(
            [
                report.is_valid(),
                aspirations.is_valid(),
                commitments.is_valid(),
                new_partners.is_valid(),
                head is None or (head.is_valid() and pick.village is not None),
            ]
        )
        if valid:
            try:
                given = _report_in(report, aspirations, commitments, new_partners)
                activity = _save_report(user, units, activity, head, pick.village, given)
            except services.EngagementError as exc:
                report.add_error(None, str(exc))
            except PhotoError as exc:
                report.add_error("photos", str(exc))
            else:
                filed = activity.aspirations.count()
                messages.success(
                    request,
                    _("Laporan kegiatan tersimpan: %(a)d aspirasi menjadi laporan warga.")
                    % {"a": filed},
                )
                return redirect("engagement:officer_activity", pk=activity.pk)
    context = {
        "activity": activity,
        "head": head,
        "form": report,
        "aspirations": aspirations,
        "commitments": commitments,
        "new_partners": new_partners,
        **pick.context(),
        # where an aspiration's point is picked: the activity's village, else the officer's first
        "pick_area": (
            activity.area
            if activity
            else (pick.village or (pick.villages[0] if pick.villages else None))
        ),
    }
    return render_form(request, "engagement/report.html", context)


def _save_report(
    user: User,
    units: list[Any],
    activity: Activity | None,
    head: ActivityForm | None,
    village: Area | None,
    given: services.ReportIn,
) -> Activity:
    if activity is not None:
        return services.activity_report(activity=activity, by=user, report=given)
    assert head is not None  # noqa: S101 -- checked by the caller
    assert village is not None  # noqa: S101 -- checked by the caller
    data = head.cleaned_data
    return services.activity_record(
        by=user,
        unit=next(u for u in units if u.pk == data["unit"]),
        kind=data["kind"],
        programs=data["programs"],
        area=village,
        venue=data["venue"],
        report=given,
        title=_title(data["kind"], data["venue"], village, data["title"]),
        idempotency_key=data["idempotency_key"] or None,
    )


@official_required
def officer_activity_view(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access.get_activity_for_user(request, pk)
    user = request.user
    commitments = list(
        activity.commitments.select_related("owner", "activity").prefetch_related("evidence_items")
    )
    # the patrols that keep a promise: their counted check-ins are its evidence
    evidence = patrol_selectors.commitment_evidence([c.pk for c in commitments])
    for commitment in commitments:
        commitment.patrol_evidence = evidence.get(commitment.pk)  # type: ignore[attr-defined]
    # heard in person; the release's requests (filed as cases or not) are listed by themselves
    aspirations = list(activity.aspirations.select_related("case__category"))
    heard = [a for a in aspirations if "request" not in a.case.details]
    requests = selectors.release_requests(activity, aspirations)
    context = {
        "activity": activity,
        "commitments": commitments,
        "aspirations": heard,
        "release_requests": requests,
        "aspiration_count": len(heard) + len(requests),
        "events": _told(activity),
        "photos": activity.photos.all(),
        "partners": activity.partners.all(),
        "officials_text": format_officials(activity.officials),
        "can_act": access.can_act(user, activity.area_id),
        "can_run": access.can_run(user, activity),
        # a report is of what happened: offered from the day the activity is planned for
        "reportable": activity.status == Activity.Status.PLANNED
        and activity.planned_at is not None
        and activity.planned_at <= timezone.localtime().replace(hour=23, minute=59, second=59),
        "can_verify": access.can_verify(user, activity),
        "can_correct": access.can_correct(user, activity),
        "own_report": activity.status == Activity.Status.REPORTED
        and access.is_own_report(user, activity),
        "return_form": ReturnForm(),
        "reschedule_form": RescheduleForm(
            initial={
                "when": request.GET.get("jadwal") or activity.planned_at,
                "venue": request.GET.get("tempat", activity.venue),
            }
        ),
        "reschedule_open": "jadwal" in request.GET,
        "commitment_rows": [(c, services.commitment_rate(c)) for c in commitments],
        # an activity read from a published outside release has its release already
        "can_write_release": bool(access.HUMAS_ROLES & roles_of(user))
        and activity.status == Activity.Status.VERIFIED
        and activity.source != Activity.Source.RELEASE,
        "releases": activity.releases.all(),
        "today": timezone.localdate(),
        **labels(activity),
    }
    return render(request, "engagement/activity.html", context)


@official_required
@require_http_methods(["GET", "POST"])
def release_request_view(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    """A request a release tells of, filed as a case by a handler of the area: the person
    chooses its category and the village it concerns, which the release does not name."""
    user = _official(request)
    activity = access.get_activity_for_user(request, pk, write=True)
    asked = next((r for r in selectors.release_requests(activity) if r.index == index), None)
    if asked is None:
        raise Http404
    if asked.case is not None:
        messages.info(
            request,
            _("Aspirasi ini sudah dicatat sebagai kasus %(code)s.")
            % {"code": asked.case.tracking_code},
        )
        return redirect("cases:officer_case", pk=asked.case.pk)
    categories = list(Category.objects.filter(active=True))
    form = ReleaseRequestForm(
        request.POST or None, categories=categories, initial={"description": asked.text}
    )
    area = activity.area
    pick = VillagePick(area, [area]) if area.level == Area.Level.VILLAGE else VillagePick()
    if request.method == "POST":
        pick = village_from_post(request).within(scope_of(user))
        if form.is_valid() and (village := pick.village) is not None:
            data = form.cleaned_data
            try:
                case, created = services.release_request_file(
                    activity=activity,
                    index=index,
                    category=data["category"],
                    village=village,
                    description=data["description"],
                    place=data["place"],
                    by=user,
                )
            except services.EngagementError as exc:
                if exc.field == "area":
                    pick = VillagePick(error=str(exc), typed=pick.typed)
                else:
                    form.add_error(exc.field if exc.field in form.fields else None, str(exc))
            else:
                done = (
                    _("Aspirasi dicatat sebagai kasus %(code)s.")
                    if created
                    else _("Aspirasi ini sudah dicatat sebagai kasus %(code)s.")
                )
                messages.success(request, done % {"code": case.tracking_code})
                return redirect("cases:officer_case", pk=case.pk)
    context = {"activity": activity, "asked": asked, "form": form, **pick.context()}
    return render_form(request, "engagement/release_request.html", context)


@official_required
@require_POST
def verify_view(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access.get_activity_for_user(request, pk)
    user = official_user(request)
    try:
        services.activity_verify(activity=activity, by=user)
    except services.EngagementError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Laporan kegiatan diverifikasi."))
    return redirect("engagement:officer_activity", pk=activity.pk)


@official_required
@require_POST
def return_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A leader sends the report back to its officer with what to correct."""
    activity = access.get_activity_for_user(request, pk)
    user = official_user(request)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tuliskan apa yang harus diperbaiki."))
    else:
        try:
            services.activity_return(activity=activity, by=user, note=form.cleaned_data["note"])
        except services.EngagementError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Laporan dikembalikan kepada petugas untuk diperbaiki."))
    return redirect("engagement:officer_activity", pk=activity.pk)


@official_required
@require_http_methods(["GET", "POST"])
def correct_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The officer corrects a returned report and sends it again for verification."""
    user = _official(request)
    activity = access.get_activity_to_run(request, pk)
    if activity.status != Activity.Status.RETURNED:
        messages.info(request, _("Laporan ini tidak sedang dikembalikan untuk perbaikan."))
        return redirect("engagement:officer_activity", pk=activity.pk)
    # its officer's or a field colleague's to fix; the leader who returned it is refused (audited)
    activity = access.get_activity_to_correct(request, pk)
    partners = access.partners_visible_to(user).filter(active=True).order_by("kind", "name")
    if activity.area.level == Area.Level.VILLAGE:
        partners = partners.filter(area_id=activity.area_id)
    initial = {
        "held_at": activity.held_at,
        "attendance": activity.attendance,
        "officials": format_officials(activity.officials),
        "partners": list(activity.partners.values_list("pk", flat=True)),
        "partner_groups": activity.partner_groups,
        "topics": activity.topics,
        "minutes": activity.minutes,
    }
    offered = list(partners.values_list("pk", flat=True)[:PARTNER_PAGE])
    form = ReportForm(
        request.POST or None, request.FILES or None, partners=offered, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        correction = services.CorrectionIn(
            held_at=data["held_at"],
            attendance=data["attendance"],
            officials=parse_officials(data["officials"]),
            partners=list(data["partners"]),
            partner_groups=data["partner_groups"],
            topics=data["topics"],
            minutes=data["minutes"],
            photos=data["photos"],
        )
        try:
            services.activity_correct(activity=activity, by=user, correction=correction)
        except services.EngagementError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        except PhotoError as exc:
            form.add_error("photos", str(exc))
        else:
            messages.success(request, _("Laporan diperbaiki dan diajukan lagi untuk verifikasi."))
            return redirect("engagement:officer_activity", pk=activity.pk)
    context = {"activity": activity, "form": form}
    return render_form(request, "engagement/correct.html", context)


def _told(activity: Activity) -> list[ActivityEvent]:
    """The activity's history; a move says where the activity went, in the reader's language."""
    events = list(activity.events.select_related("actor"))
    for event in events:
        moved = event.data.get("to") if event.kind == ActivityEvent.Kind.RESCHEDULED else None
        if isinstance(moved, dict) and moved.get("at"):
            when = timezones.shown(datetime.fromisoformat(moved["at"]), activity.area_id)
            event.moved_to = " · ".join(p for p in (when, moved.get("venue", "")) if p)  # type: ignore[attr-defined]  # shown only
    return events


@official_required
@require_POST
def reschedule_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A planned activity moved to another time or place, by who may run it."""
    activity = access.get_activity_to_run(request, pk)
    form = RescheduleForm(request.POST)
    page = reverse("engagement:officer_activity", args=[activity.pk])
    # refused, the form opens again with what was typed
    typed = urlencode(
        {"jadwal": request.POST.get("when", "")[:20], "tempat": request.POST.get("venue", "")[:200]}
    )
    if not form.is_valid():
        messages.error(request, _("Isi waktu baru kegiatan."))
        return redirect(f"{page}?{typed}#reschedule")
    try:
        services.activity_reschedule(
            activity=activity,
            by=_official(request),
            planned_at=form.cleaned_data["when"],
            venue=form.cleaned_data["venue"],
        )
    except services.EngagementError as exc:
        messages.error(request, str(exc))
        return redirect(f"{page}?{typed}#reschedule")
    messages.success(request, _("Jadwal kegiatan diubah."))
    return redirect(page)


@official_required
@require_POST
def cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access.get_activity_to_run(request, pk)
    user = _official(request)
    try:
        services.activity_cancel(activity=activity, by=user, reason=request.POST.get("reason", ""))
    except services.EngagementError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Kegiatan dibatalkan."))
    return redirect("engagement:officer_activity", pk=activity.pk)


@official_required
def commitment_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A promise with its evidence, what could be linked as evidence, and the closing form."""
    commitment = access.get_commitment_for_user(request, pk)
    user = official_user(request)
    items = list(
        commitment.evidence_items.select_related(
            "checkin__hotspot", "checkin__officer", "activity", "case"
        )
    )
    is_open = commitment.status == Commitment.Status.OPEN
    context = {
        "commitment": commitment,
        "items": items,
        "rate": services.commitment_rate(commitment),
        "candidates": selectors.evidence_candidates(commitment=commitment, user=user)
        if is_open
        else None,
        "close_form": CloseCommitmentForm(),
        "is_open": is_open,
        "can_close": access.can_close(user, commitment),
        "today": timezone.localdate(),
        "minimum": round(settings.COMMITMENT_MIN_EVIDENCE_RATE * 100),
    }
    return render(request, "engagement/commitment.html", context)


@official_required
@require_POST
def evidence_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Links the chosen check-ins, activities and cases, or keeps an uploaded document."""
    commitment = access.get_commitment_to_close(request, pk)
    user = official_user(request)
    note = request.POST.get("note", "")[:300]
    try:
        upload = request.FILES.get("document")
        if upload is not None:
            services.commitment_document_add(
                commitment=commitment, by=user, upload=upload, note=note
            )
            messages.success(request, _("Dokumen bukti tersimpan."))
        else:
            found = selectors.evidence_candidates(commitment=commitment, user=user)
            chosen = {
                key: set(request.POST.getlist(key)[:100]) for key in ("checkin", "activity", "case")
            }
            added = services.commitment_evidence_add(
                commitment=commitment,
                by=user,
                note=note,
                checkins=[c for c in found.checkins if str(c.pk) in chosen["checkin"]],
                activities=[a for a in found.activities if str(a.pk) in chosen["activity"]],
                cases=[c for c in found.cases if str(c.pk) in chosen["case"]],
            )
            messages.success(request, _("%(n)d bukti dikaitkan.") % {"n": added})
    except (services.EngagementError, PhotoError) as exc:
        messages.error(request, str(exc))
    return redirect("engagement:commitment", pk=commitment.pk)


@official_required
@require_POST
def close_commitment_view(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = access.get_commitment_to_close(request, pk)
    user = official_user(request)
    form = CloseCommitmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Isi hasil dan bukti/alasannya."))
    else:
        try:
            services.commitment_close(
                commitment=commitment,
                by=user,
                kept=form.cleaned_data["kept"],
                evidence=form.cleaned_data["evidence"],
                photo=form.cleaned_data.get("photo"),
            )
        except (services.EngagementError, PhotoError) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Komitmen ditutup."))
    return redirect("engagement:commitment", pk=commitment.pk)


def labels(activity: Activity) -> dict[str, list[str]]:
    """The activity's codes as the words people read; a program named like the activity's kind
    (a Jumat Curhat in the Jumat Curhat program) is not said twice."""
    kind = str(activity.get_kind_display())
    return {
        "programs": [
            label
            for label in (str(Program(p).label) for p in activity.programs if p in Program.values)
            if label != kind
        ],
        "topics": [str(Topic(t).label) for t in activity.topics if t in Topic.values],
        "groups": [
            str(PartnerKind(g).label) for g in activity.partner_groups if g in PartnerKind.values
        ],
    }


# Partners


@official_required
def partner_list_view(request: HttpRequest) -> HttpResponse:
    partners = access.partners_visible_to(request.user).select_related("area")
    kind = request.GET.get("jenis", "")
    if kind:
        partners = partners.filter(kind=kind)
    query = request.GET.get("q", "").strip()[:100]
    if query:
        partners = partners.filter(name__icontains=query)
    context = {
        "partners": partners.order_by("name")[:PARTNER_PAGE],
        "kind": kind,
        "q": query,
        "kinds": Partner._meta.get_field("kind").choices,
        "can_act": case_access.can_handle(request.user),
    }
    return render(request, "engagement/partners.html", context)


@official_required
@require_http_methods(["GET", "POST"])
def partner_edit_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = _official(request)
    partner = access.get_partner_for_user(request, pk, write=True) if pk else None
    initial = {f: getattr(partner, f) for f in PartnerForm.base_fields} if partner else {}
    form = PartnerForm(request.POST or None, initial=initial)
    pick = VillagePick(partner.area) if partner else VillagePick(villages=my_villages(user))
    if request.method == "POST":
        if request.POST.get("area") or request.POST.get("area_q") or partner is None:
            pick = village_from_post(request).within(scope_of(user))
        if form.is_valid() and (village := pick.village) is not None:
            try:
                saved = services.partner_save(
                    by=user, area=village, partner=partner, **form.cleaned_data
                )
            except services.EngagementError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc))
            else:
                messages.success(request, _("Mitra tersimpan."))
                return redirect("engagement:partner", pk=saved.pk)
    if partner is not None and partner.has_contact:
        # the form shows the partner's contact: opening it is a view like the partner page
        access.record_contact_view(request, partner)
    context = {
        "form": form,
        "partner": partner,
        **pick.context(),
    }
    response = render_form(request, "engagement/partner_form.html", context)
    add_never_cache_headers(response)
    return response


@official_required
def partner_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A partner with its contact details: opening this page is recorded."""
    partner = access.get_partner_for_user(request, pk)
    if partner.has_contact:
        access.record_contact_view(request, partner)
    recent = partner.activities.exclude(status=Activity.Status.CANCELLED).order_by("-held_at")[:10]
    context = {
        "partner": partner,
        "recent": recent,
        "can_act": access.can_act(request.user, partner.area_id),
    }
    response = render(request, "engagement/partner.html", context)
    add_never_cache_headers(response)
    return response


@official_required
def coverage_view(request: HttpRequest) -> HttpResponse:
    units = access.units_of(request.user)
    if not units:
        raise Http404
    chosen = request.GET.get("satuan", "")
    unit = next((u for u in units if str(u.pk) == chosen), units[0])
    result = selectors.coverage(unit=unit)
    context = {
        "coverage": result,
        "units": units,
        "rows": COVERAGE_ROWS,
        "villages": result.villages[:COVERAGE_ROWS],
        "places": result.places[:COVERAGE_ROWS],
        "more_villages": max(0, len(result.villages) - COVERAGE_ROWS),
        "more_places": max(0, len(result.places) - COVERAGE_ROWS),
    }
    return render(request, "engagement/coverage.html", context)


# Public pages


def _public_area(code: str) -> Area:
    return get_object_or_404(Area, code=code)


def schedule_view(request: HttpRequest, code: str) -> HttpResponse:
    """Upcoming Jumat Curhat sessions in an area: when and where citizens can come and speak."""
    area = _public_area(code)
    sessions = selectors.upcoming_sessions(area_code=area.code)[:50]
    return render(request, "engagement/schedule.html", {"area": area, "sessions": sessions})


def board_view(request: HttpRequest, code: str) -> HttpResponse:
    """What officials promised in an area, and whether they kept it."""
    area = _public_area(code)
    commitments = list(selectors.commitment_board(area_code=area.code)[:200])
    today = timezones.day_of(timezone.now(), area.code)
    context = {
        "area": area,
        "commitments": commitments,
        "today": today,
        "rows": [(c, services.commitment_rate(c, today=today)) for c in commitments],
        # the three counts add up: "Berjalan" is open and not yet late
        "open": sum(
            1 for c in commitments if c.status == Commitment.Status.OPEN and c.due_on >= today
        ),
        "kept": sum(1 for c in commitments if c.status == Commitment.Status.DONE),
        "late": sum(
            1 for c in commitments if c.status == Commitment.Status.OPEN and c.due_on < today
        ),
    }
    return render(request, "engagement/board.html", context)


def public_activity_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The public face of an activity: no minutes, no citizens, no contacts."""
    activity = get_object_or_404(
        Activity.objects.select_related("area", "unit").prefetch_related(
            Prefetch("commitments", queryset=Commitment.objects.order_by("due_on", "pk"))
        ),
        pk=pk,
        status__in=[Activity.Status.PLANNED, Activity.Status.VERIFIED],
    )
    # a release's promises are public once a person has verified the activity (as on the board)
    unchecked = (
        activity.source == Activity.Source.RELEASE and activity.status != Activity.Status.VERIFIED
    )
    context = {
        "activity": activity,
        "commitments": [] if unchecked else activity.commitments.all(),
        "aspiration_count": activity.aspirations.count(),
        "today": timezone.localdate(),
        **labels(activity),
    }
    return render(request, "engagement/public_activity.html", context)
