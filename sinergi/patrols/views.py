"""Patrol pages: today's plan on the officer's phone with check-ins; the leader's hotspots and
plans."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sinergi.accounts.access import scope_of, villages_of
from sinergi.accounts.models import User
from sinergi.accounts.views import official_required, official_user
from sinergi.areas.models import Area
from sinergi.cases import access as case_access
from sinergi.cases.access import LEADER_ROLES
from sinergi.engagement.models import Activity, Aspiration
from sinergi.patrols import access, events, figures, letters, scale, selectors, services
from sinergi.patrols.forms import (
    CheckInForm,
    DecisionForm,
    EventDetailsForm,
    EventReportForm,
    HotspotForm,
    MoveForm,
    PersonnelForm,
    PlanForm,
    ReviewCheckInForm,
    ReviewForm,
)
from sinergi.patrols.models import CheckIn, EventRequest, Hotspot
from sinergi.platform.http import render_form
from sinergi.platform.photos import PhotoError
from sinergi.units.models import Post

HOTSPOT_ROWS = 100
VILLAGES_MAX = 300


def _leader_post(user: User) -> Post | None:
    """The user's leading post in a unit (the Polsek a plan belongs to)."""
    return (
        Post.objects.active()
        .filter(user=user, role__in=LEADER_ROLES)
        .select_related("unit")
        .order_by("-unit__tier")
        .first()
    )


@official_required
def today_view(request: HttpRequest) -> HttpResponse:
    """The officer's phone: the routes to patrol today, stop by stop, with a check-in button."""
    user = official_user(request)
    today = timezone.localdate()
    # one form per stop, each with its own element ids (labels must point at their own field)
    plans = [
        (
            item.plan,
            [
                (s, CheckInForm(auto_id=f"p{item.plan.pk}-h{s.stop.hotspot_id}-%s"))
                for s in item.stops
            ],
        )
        for item in selectors.plans_today(user=user)
    ]
    context = {
        "plans": plans,
        "today": today,
        "is_leader": _leader_post(user) is not None,
    }
    return render(request, "patrols/today.html", context)


@official_required
@require_POST
def checkin_view(request: HttpRequest, pk: int, hotspot: int) -> HttpResponse:
    plan = access.get_plan_for_user(request, pk, write=True)
    spot = get_object_or_404(Hotspot, pk=hotspot, plans=plan)
    form = CheckInForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Data kehadiran tidak valid. Coba lagi."))
        return redirect("patrols:today")
    data = form.cleaned_data
    try:
        checkin = services.checkin_record(
            plan=plan,
            hotspot=spot,
            officer=official_user(request),
            latitude=data["latitude"],
            longitude=data["longitude"],
            accuracy_m=data["accuracy"],
            photo=data["photo"],
            note=data["note"],
            client_key=data["client_key"] or None,
            taken_at=data["taken_at"],
        )
    except (services.PatrolError, PhotoError) as exc:
        messages.error(request, str(exc))
        return redirect("patrols:today")
    if checkin.flagged:
        if checkin.distance_m is None and checkin.latitude is not None:
            # the phone's position was sent; the spot has none yet to measure it against
            messages.warning(
                request,
                _(
                    "Kehadiran dicatat. Titik ini belum punya koordinat, jadi jaraknya tidak "
                    "dapat diukur: ditandai untuk diperiksa pimpinan."
                ),
            )
        elif checkin.distance_m is None:
            messages.warning(
                request, _("Kehadiran dicatat tanpa lokasi dan ditandai untuk diperiksa pimpinan.")
            )
        else:
            messages.warning(
                request,
                _("Kehadiran dicatat, %(m)d m dari titik: ditandai untuk diperiksa pimpinan.")
                % {"m": round(checkin.distance_m)},
            )
    else:
        messages.success(request, _("Kehadiran di %(place)s tercatat.") % {"place": spot.name})
    return redirect("patrols:today")


@official_required
@require_http_methods(["GET", "POST"])
def hotspots_view(request: HttpRequest) -> HttpResponse:
    """The ranked hotspots of the user's areas; leaders regroup requests and add spots."""
    user = official_user(request)
    if not case_access.can_handle(user):
        raise Http404
    leader = _leader_post(user) is not None
    villages = villages_of(user, at_most=VILLAGES_MAX) if leader else []
    form = HotspotForm(villages=villages)
    if request.method == "POST" and leader:
        if request.POST.get("action") == "refresh":
            scope = scope_of(user)
            if scope.everything:
                raise Http404
            placed = sum(services.hotspots_refresh(area_code=code).requests for code in scope.codes)
            messages.success(
                request, _("%(n)d permintaan patroli baru dikelompokkan.") % {"n": placed}
            )
            return redirect("patrols:hotspots")
        form = HotspotForm(request.POST, villages=villages)
        if form.is_valid():
            data = form.cleaned_data
            area = data["area"]
            if not access.can_plan(user, area.code):
                raise Http404
            try:
                services.hotspot_add(
                    area=area,
                    name=data["name"],
                    by=user,
                    latitude=data["latitude"],
                    longitude=data["longitude"],
                    time_windows=[data["time_window"]],
                    note=data["note"],
                )
            except services.PatrolError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Titik rawan ditambahkan."))
                return redirect("patrols:hotspots")
    hotspots = list(selectors.hotspot_list(user=user)[:HOTSPOT_ROWS])
    context = {
        "hotspots": hotspots,
        "form": form,
        "is_leader": leader,
        "map": _hotspot_map(user, hotspots, editable=leader),
    }
    return render(request, "patrols/hotspots.html", context)


def _hotspot_map(user: User, hotspots: list[Hotspot], *, editable: bool) -> dict[str, object]:
    """The spots on the map (a leader drags one to where it really is); centred on the first
    placed spot, else on the user's first area."""
    placed = [h for h in hotspots if h.latitude is not None and h.longitude is not None]
    points = [
        {
            "id": h.pk,
            "name": h.name,
            "lat": h.latitude,
            "lng": h.longitude,
            "requests": h.request_count,
            "move": reverse("patrols:hotspot_move", args=[h.pk]) if editable else "",
        }
        for h in placed
    ]
    scope = scope_of(user)
    area = (
        Area.objects.filter(code=placed[0].area_id).first()
        if placed
        else Area.objects.filter(code__in=scope.codes).order_by("code").first()
    )
    return {
        "points": points,
        "lat": placed[0].latitude if placed else (area.latitude if area else None),
        "lng": placed[0].longitude if placed else (area.longitude if area else None),
        "area": area.code if area else "",
        "unplaced": len(hotspots) - len(placed),
    }


@official_required
@require_http_methods(["GET", "POST"])
def plan_new_view(request: HttpRequest) -> HttpResponse:
    user = official_user(request)
    post = _leader_post(user)
    if post is None:
        raise Http404
    district = post.unit.areas.order_by("code").first()
    if district is None or not access.can_plan(user, district.code):
        raise Http404
    hotspots = list(selectors.hotspot_list(user=user, area=district.code)[:HOTSPOT_ROWS])
    officers = case_access.colleagues(user)
    form = PlanForm(
        request.POST or None,
        hotspots=hotspots,
        officers=officers,
        pillars=selectors.pillars_in(district.code),
        commitments=selectors.commitments_to_patrol(district.code),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = services.plan_create(
                unit=post.unit,
                area=district,
                title=data["title"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                weekdays=data["weekdays"],
                time_start=data["time_start"],
                time_end=data["time_end"],
                route=list(data["route"]),
                officers=list(data["officers"]),
                by=user,
                commitment=data["commitment"],
            )
        except services.PatrolError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Rencana patroli disimpan."))
            return redirect("patrols:plan", pk=plan.pk)
    return render(request, "patrols/plan_form.html", {"form": form, "district": district})


@official_required
def plans_view(request: HttpRequest) -> HttpResponse:
    user = official_user(request)
    plans = list(selectors.plan_list(user=user)[:100])
    post = _leader_post(user)
    area = post.unit.areas.order_by("code").first() if post is not None else None
    month = (
        figures.patrol_figures(area_code=area.code, month=timezone.localdate()) if area else None
    )
    context = {"plans": plans, "is_leader": post is not None, "figures": month, "area": area}
    return render(request, "patrols/plans.html", context)


@official_required
def plan_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.get_plan_for_user(request, pk)
    context = {
        "plan": plan,
        "stops": selectors.plan_stops(plan),
        "officers": plan.officers.order_by("name"),
        "commitment": plan.commitment,
    }
    return render(request, "patrols/plan.html", context)


@official_required
def event_requests_view(request: HttpRequest) -> HttpResponse:
    """Event-security requests of the user's areas, soonest event first."""
    user = official_user(request)
    if not case_access.can_handle(user):
        raise Http404
    rows = list(
        access.event_requests_visible_to(user)
        .select_related("case", "case__owner_area", "area")
        .order_by("status", "event_date", "pk")[:200]
    )
    return render(request, "patrols/event_requests.html", {"rows": rows})


@official_required
@require_http_methods(["GET", "POST"])
def event_request_view(request: HttpRequest, pk: int) -> HttpResponse:  # noqa: PLR0911, PLR0912 -- one return per step
    """One request: the event's details, the checklist, the decision, the personnel plan, the
    after-event report, the printable letter and order."""
    step = request.POST.get("step", "") if request.method == "POST" else ""
    # the details are the officer's to fill in; every other step is the deciding leader's
    found = access.get_event_request_for_user(request, pk, write=step not in {"", "data"})
    user = official_user(request)
    choices = scale.documents_for(found.level)
    review = ReviewForm(
        initial={"documents": [c for c, ok in found.checklist.items() if ok]}, choices=choices
    )
    decision, personnel, report = DecisionForm(), PersonnelForm(), EventReportForm()
    details = EventDetailsForm(initial={f: getattr(found, f) for f in events.DETAIL_FIELDS})
    if request.method == "POST":
        try:
            if step == "data":
                if not access.can_edit_details(user, found):
                    raise Http404
                details = EventDetailsForm(request.POST)
                if details.is_valid():
                    events.event_request_edit(
                        request=found, details=events.DetailsIn(**details.cleaned_data), by=user
                    )
                    messages.success(request, _("Data kegiatan disimpan."))
                    return redirect("patrols:event_request", pk=found.pk)
            elif step == "review":
                review = ReviewForm(request.POST, choices=choices)
                if review.is_valid():
                    events.event_review(
                        request=found, documents=review.cleaned_data["documents"], by=user
                    )
                    return redirect("patrols:event_request", pk=found.pk)
            elif step == "decide":
                decision = DecisionForm(request.POST)
                if decision.is_valid():
                    data = decision.cleaned_data
                    events.event_decide(
                        request=found,
                        approve=data["approve"],
                        by=user,
                        conditions=data["conditions"],
                        reason=data["reason"],
                    )
                    return redirect("patrols:event_request", pk=found.pk)
            elif step == "personnel":
                personnel = PersonnelForm(request.POST)
                if personnel.is_valid():
                    data = personnel.cleaned_data
                    events.event_plan_personnel(
                        request=found,
                        units=personnel.units(),
                        koramil=data["koramil"],
                        satpol_pp=data["satpol_pp"],
                        note=data["note"],
                        by=user,
                        people=personnel.named(),
                    )
                    return redirect("patrols:event_request", pk=found.pk)
            elif step == "attach":
                upload = request.FILES.get("file")
                if upload is None:
                    raise services.PatrolError(_("Pilih berkas lampiran."))
                events.event_attach(request=found, upload=upload, by=user)
                messages.success(request, _("Lampiran tersimpan."))
                return redirect("patrols:event_request", pk=found.pk)
            elif step == "report":
                report = EventReportForm(request.POST)
                if report.is_valid():
                    events.event_report(
                        request=found,
                        report=report.cleaned_data["report"],
                        attendance=report.cleaned_data["attendance"],
                        by=user,
                    )
                    return redirect("patrols:event_request", pk=found.pk)
        except services.PatrolError as exc:
            messages.error(request, str(exc))
            return redirect("patrols:event_request", pk=found.pk)
    labels = dict(choices)
    people = (found.personnel or {}).get("people") or []
    context = {
        "found": found,
        "can_decide": access.can_decide(user, found),
        "can_edit": access.can_edit_details(user, found),
        "missing": events.missing_details(found),
        "checklist": [(labels.get(code, code), ok) for code, ok in found.checklist.items()],
        "review": review,
        "decision": decision,
        "personnel": personnel,
        "details": details,
        "report": report,
        "decider": events.LEVEL_NAMES.get(found.level, ""),
        "attachments": found.attachments.all(),
        "people": people,
        "heard_at": _heard_at(found),
        "report_opens": found.event_date,
        "today": timezone.localdate(),
    }
    return render_form(request, "patrols/event_request.html", context)


def _heard_at(found: EventRequest) -> Activity | None:
    """The activity where the request was heard as an aspiration, if it was."""
    link = Aspiration.objects.filter(case_id=found.case_id).select_related("activity").first()
    return link.activity if link is not None else None


@official_required
def event_letter_view(request: HttpRequest, pk: int, paper: str) -> HttpResponse:
    """The decision letter (surat) or the personnel order (sprin) as a PDF to print."""
    found = access.get_event_request_for_user(request, pk)
    decided = found.status != EventRequest.Status.REVIEW
    if paper == "surat" and decided:
        body = letters.decision_letter(found)
    elif (
        paper == "sprin"
        and found.status in {EventRequest.Status.APPROVED, EventRequest.Status.REPORTED}
        and (found.personnel or {}).get("units")
    ):
        body = letters.personnel_order(found)
    else:
        raise Http404
    response = HttpResponse(body, content_type="application/pdf")
    name = f"{paper}-{found.case.tracking_code}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@official_required
def review_list_view(request: HttpRequest) -> HttpResponse:
    """Flagged check-ins waiting for a leader: where the officer was, how far, the photo. An
    officer who reviews none reads their own flagged check-ins here, and what was decided."""
    user = official_user(request)
    if _leader_post(user) is None and not user.is_superuser:
        rows = list(
            CheckIn.objects.filter(officer=user, flagged=True)
            .select_related("hotspot__area", "officer")
            .order_by("-at")[:100]
        )
        return render(request, "patrols/review.html", {"rows": rows, "own": True})
    rows = list(access.checkins_to_review(user).order_by("at")[:100])
    return render(request, "patrols/review.html", {"rows": rows, "form": ReviewCheckInForm()})


@official_required
@require_POST
def review_view(request: HttpRequest, pk: int) -> HttpResponse:
    checkin = access.get_checkin_for_review(request, pk)
    form = ReviewCheckInForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih terima atau tolak."))
        return redirect("patrols:review")
    try:
        services.checkin_review(
            checkin=checkin,
            by=official_user(request),
            accept=form.cleaned_data["accept"],
            reason=form.cleaned_data["reason"],
        )
    except services.PatrolError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Kehadiran di %(place)s diterima.") % {"place": checkin.hotspot.name}
            if form.cleaned_data["accept"]
            else _("Kehadiran di %(place)s ditolak.") % {"place": checkin.hotspot.name},
        )
    return redirect("patrols:review")


@official_required
@require_POST
def hotspot_move_view(request: HttpRequest, pk: int) -> HttpResponse:
    hotspot = access.get_hotspot_for_user(request, pk, write=True)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Koordinat tidak valid."))
    else:
        try:
            services.hotspot_move(
                hotspot=hotspot,
                by=official_user(request),
                latitude=form.cleaned_data["latitude"],
                longitude=form.cleaned_data["longitude"],
            )
        except services.PatrolError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("%(place)s dipindahkan.") % {"place": hotspot.name})
    return redirect("patrols:hotspots")


@official_required
@require_POST
def hotspot_merge_view(request: HttpRequest, pk: int) -> HttpResponse:
    source = access.get_hotspot_for_user(request, pk, write=True)
    raw = request.POST.get("into", "")
    if not raw.isdigit():
        messages.error(request, _("Pilih titik tujuan penggabungan."))
        return redirect("patrols:hotspots")
    try:
        into = access.get_hotspot_for_user(request, int(raw), write=True)
        merged = services.hotspot_merge(source=source, into=into, by=official_user(request))
    except Http404:
        messages.error(request, _("Pilih titik tujuan penggabungan."))
    except services.PatrolError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("%(a)s digabungkan ke %(b)s.") % {"a": source.name, "b": merged.name}
        )
    return redirect("patrols:hotspots")
