"""Leaders' dashboard and map layers, the coverage planner, and the public accountability board."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from config.dbrouter import reading_from_replica
from sinergi.accounts.access import AnyUser, scope_of
from sinergi.accounts.models import User
from sinergi.accounts.views import official_required
from sinergi.areas import timezones
from sinergi.areas.models import Area
from sinergi.cases import services as case_services
from sinergi.cases.access import get_case_for_user
from sinergi.dashboards import attention, board, geo, planner, recap, selectors
from sinergi.early_warning.access import can_follow_issues, issues_visible_to
from sinergi.early_warning.elections import stage_on
from sinergi.engagement import services as engagement_services
from sinergi.engagement.access import units_of
from sinergi.engagement.selectors import cooling_planned, unit_codes
from sinergi.units.models import Post, Unit

PLANNER_ROWS = 50


def _unit_and_codes(request: HttpRequest) -> tuple[list[Unit], Unit, list[str]]:
    """The leader's units, the one chosen (?satuan=), and its areas inside the leader's scope."""
    user = request.user
    if not isinstance(user, User) or not can_follow_issues(user):
        raise Http404
    units = units_of(user)
    scope = scope_of(user)
    chosen = request.GET.get("satuan") or request.POST.get("satuan", "")
    unit = next((u for u in units if str(u.pk) == chosen), units[0] if units else None)
    if unit is None:
        raise Http404
    codes = [c for c in unit_codes(unit) if scope.covers(c)]
    if not codes:
        raise Http404
    return units, unit, codes


SECTIONS = ("angka", "grafik")


@official_required
def dashboard_view(request: HttpRequest) -> HttpResponse:
    """Where trouble is building: the named map (its layer fetched apart) and the ranked list with
    one-click actions first; this week's and this month's figures (the recap's own) and the
    charts follow as fragments of the same URL (?bagian=angka, ?bagian=grafik), so the list is
    on screen while the heavier counts are made."""
    units, unit, codes = _unit_and_codes(request)
    today = timezone.localdate()
    section = request.GET.get("bagian", "")
    if section == "angka":
        week, month = recap.week_of(today), recap.month_of(today)
        this_week, this_month = recap.figures_many(codes, [week, month])
        context = {
            "unit": unit,
            "area": Area.objects.get(code=codes[0]),
            "week": week,
            "month": month,
            "this_week": this_week,
            "this_month": this_month,
            "summary": selectors.summary(codes, today=today),
        }
        return render(request, "dashboards/_figures.html", context)
    if section == "grafik":
        series = selectors.weekly(codes, today=today)
        data = {
            "weeks": series.weeks,
            "cases": series.cases_by_kind,
            "activities": series.activities_by_type,
        }
        return render(request, "dashboards/_charts.html", {"charts_data": data})
    places = _openable(request.user, attention.attention(codes, today=today))
    officers = _officers(codes, places)
    with reading_from_replica():
        planned = cooling_planned([p.code for p in places if p.is_village])
    context = {
        "units": units,
        "unit": unit,
        "stage": stage_on(codes[0], today),
        "area": Area.objects.get(code=codes[0]),
        "places": [(p, officers.get(p.code, []), planned.get(p.code)) for p in places],
    }
    return render(request, "dashboards/dashboard.html", context)


def _openable(user: AnyUser, places: list[attention.Place]) -> list[attention.Place]:
    """An issue over a wider area than the reader's (a district's tension that touches a Lurah's
    village) is named among the place's reasons, but not linked: its page is not theirs."""
    listed = {pk for p in places for pk in p.issue_ids}
    mine = set(issues_visible_to(user).filter(pk__in=listed).values_list("pk", flat=True))
    for place in places:
        place.issue_ids = [pk for pk in place.issue_ids if pk in mine]  # its "Buka isu"
        place.reasons = [
            replace(r, link="") if r.issue_id is not None and r.issue_id not in mine else r
            for r in place.reasons
        ]
    return places


def _officers(codes: list[str], places: list[attention.Place]) -> dict[str, list[tuple[User, str]]]:
    """For each listed village with late cases: the field officers who may take them, each with
    their post's title (its Bhabinkamtibmas first, then the other police, then the partners),
    from one query of the unit's posts."""
    wanted = [p.code for p in places if p.is_village and p.overdue_case_ids]
    if not wanted:
        return {}
    posts = sorted(
        Post.objects.active()
        .filter(selectors.area_q(codes, "unit__unitarea__area_id"), role=Post.Role.FIELD_OFFICER)
        .select_related("user", "unit")
        .prefetch_related("areas")
        .distinct(),
        key=lambda post: (
            post.unit.institution != Unit.Institution.POLRI,
            post.title != Post.Title.BHABINKAMTIBMAS,
            post.user.name,
        ),
    )
    found: dict[str, list[tuple[User, str]]] = {code: [] for code in wanted}
    for post in posts:
        own = {a.code for a in post.areas.all()}
        for code in wanted:
            covered = not own or any(code == c or code.startswith(f"{c}.") for c in own)
            if covered and all(post.user != user for user, _title in found[code]):
                found[code].append((post.user, post.get_title_display()))
    return found


@official_required
@require_POST
def assign_view(request: HttpRequest) -> HttpResponse:
    """One click from the list: the village's oldest late case to an officer who may take it."""
    _units, unit, codes = _unit_and_codes(request)
    user = request.user
    assert isinstance(user, User)  # noqa: S101 -- _unit_and_codes let only officials through
    case = get_case_for_user(request, _int(request.POST.get("case")), write=True)
    officer = User.objects.filter(pk=_int(request.POST.get("officer"))).first()
    if officer is None or not any(within(case.area_id, c) for c in codes):
        messages.error(request, _("Pilih petugas untuk laporan ini."))
    else:
        try:
            case_services.case_assign(case=case, to=officer, by=user)
        except case_services.TransitionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Laporan %(code)s ditugaskan kepada %(who)s.")
                % {"code": case.tracking_code, "who": officer.display_name},
            )
    return redirect(f"{reverse('dashboards:dashboard')}?satuan={unit.pk}")


def _int(raw: str | None) -> int:
    return int(raw) if raw and raw.isdigit() else 0


def within(code: str, top: str) -> bool:
    return code == top or code.startswith(f"{top}.")


@official_required
def geo_view(request: HttpRequest, layer: str) -> HttpResponse:
    if layer not in geo.LAYERS:
        raise Http404
    _units, _unit, codes = _unit_and_codes(request)
    response = HttpResponse(geo.layer(layer, codes), content_type="application/geo+json")
    response["Cache-Control"] = "private, max-age=300"
    return response


@official_required
@require_http_methods(["GET", "POST"])
def planner_view(request: HttpRequest) -> HttpResponse:
    units, unit, codes = _unit_and_codes(request)
    user = request.user
    assert isinstance(user, User)  # noqa: S101 -- _unit_and_codes let only officials through
    if request.method == "POST":
        rows = {r.code: r for r in planner.ranking(codes)}
        row = rows.get(request.POST.get("area", ""))
        if row is None:
            messages.error(request, _("Desa/kelurahan itu tidak dilayani satuan ini."))
            return redirect(f"{request.path}?satuan={unit.pk}")
        today = timezone.localdate()
        friday = today + dt.timedelta(days=(4 - today.weekday()) % 7 or 7)
        # nine in the morning where the village is
        when = timezone.make_aware(
            dt.datetime.combine(friday, dt.time(9)), timezones.zone_of(row.code).info
        )
        try:
            activity = engagement_services.activity_plan(
                by=user,
                unit=unit,
                kind="dialog_kamtibmas",
                title=_("Dialog cooling system di %(village)s") % {"village": row.name},
                area=Area.objects.get(code=row.code),
                planned_at=when,
                programs=["cooling_system"],
                idempotency_key=f"planner:{unit.pk}:{row.code}:{friday:%Y%m%d}",
            )
        except engagement_services.EngagementError as exc:
            messages.error(request, str(exc))
            return redirect(f"{request.path}?satuan={unit.pk}")
        messages.success(
            request,
            _("Dialog cooling system direncanakan di %(village)s, %(when)s.")
            % {"village": row.name, "when": timezones.shown(when, row.code, "l, j F Y, H.i")},
        )
        return redirect("engagement:officer_activity", pk=activity.pk)
    ranking = planner.ranking(codes)
    listed = ranking[:PLANNER_ROWS]
    with reading_from_replica():
        planned = cooling_planned([r.code for r in listed])
    context = {
        "units": units,
        "unit": unit,
        "rows": listed,
        "planned": [(r, planned.get(r.code)) for r in listed],  # each row with its next plan
        "more": max(0, len(ranking) - PLANNER_ROWS),
        "moved": planner.moved(codes),
        "cap": planner.CAP_DAYS,
        "stage": stage_on(codes[0], timezone.localdate()),
    }
    return render(request, "dashboards/planner.html", context)


def board_view(request: HttpRequest, code: str) -> HttpResponse:
    """The public accountability board of an area (no sign-in; aggregates, suppressed)."""
    area = get_object_or_404(Area, code=code)
    return render(request, "dashboards/board.html", {"board": board.board(area)})


@official_required
def recap_page_view(request: HttpRequest) -> HttpResponse:
    """The recap on screen for a calendar week, a calendar month or a range, with its files."""
    units, unit, codes = _unit_and_codes(request)
    kind = request.GET.get("periode", "minggu")
    kind = kind if kind in recap.PERIODS else "minggu"
    try:
        period = recap.period_from(kind, request.GET.dict(), timezone.localdate())
    except recap.PeriodError as exc:
        messages.error(request, str(exc))
        period = recap.week_of(timezone.localdate())
    result = recap.recap(unit, codes, period)
    query = request.GET.copy()
    query["satuan"] = str(unit.pk)
    query.pop("periode", None)
    context = {
        "units": units,
        "unit": unit,
        "recap": result,
        "rows": recap.rows(result.total),
        "programs": recap.program_rows(result.total),
        "columns": recap.unit_columns(),
        "unit_rows": [recap.unit_row(n, f) for n, f in result.units],
        "query": query.urlencode(),
        "kind": period.kind,
    }
    return render(request, "dashboards/recap.html", context)


@official_required
def recap_view(request: HttpRequest, period: str, fmt: str) -> HttpResponse:
    """The unit's recap as an XLSX or PDF download: ?tanggal= (week), ?bulan= (month),
    ?dari=&sampai= (range); this week or month without them."""
    if period not in recap.PERIODS or fmt not in {"xlsx", "pdf"}:
        raise Http404
    _units, unit, codes = _unit_and_codes(request)
    try:
        chosen = recap.period_from(period, request.GET.dict(), timezone.localdate())
    except recap.PeriodError as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    result = recap.recap(unit, codes, chosen)
    if fmt == "xlsx":
        body = recap.as_xlsx(result)
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body, kind = recap.as_pdf(result), "application/pdf"
    response = HttpResponse(body, content_type=kind)
    name = f"rekap-{period}-{unit.key or unit.pk}-{chosen.slug}.{fmt}".replace(":", "-")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
