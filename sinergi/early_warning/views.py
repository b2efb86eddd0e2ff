"""Officer pages of issues and alerts; the public clarification pages of hoaxes."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sinergi.accounts import access as account_access
from sinergi.accounts.models import User
from sinergi.accounts.views import official_required
from sinergi.areas.codes import within_q
from sinergi.areas.models import Area
from sinergi.cases import tracking
from sinergi.cases.models import Case
from sinergi.early_warning import access, index, index_config, index_selectors, selectors, services
from sinergi.early_warning.catalogue import IssueCategory, IssueStatus
from sinergi.early_warning.elections import stage_on
from sinergi.early_warning.forms import (
    ClarificationForm,
    ElectionForm,
    GradeForm,
    IssueForm,
    LinkForm,
    StageForm,
    StatusForm,
)
from sinergi.early_warning.models import (
    Alert,
    Election,
    Issue,
    VillageIndex,
    VillageIndexHistory,
)
from sinergi.engagement.models import Activity
from sinergi.platform.http import render_form

PAGE = 50


def _official(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not access.can_follow_issues(user):
        raise Http404
    return user


def _areas_for(user: User) -> list[Area]:
    """The user's areas and the districts / regencies right under them, to pick from."""
    scope = account_access.scope_of(user)
    top = list(Area.objects.filter(code__in=scope.codes)) if not scope.everything else []
    below = Q(pk__in=[])
    for area in top:
        if area.level < Area.Level.DISTRICT:
            below |= Q(parent_id=area.code)
    return top + list(Area.objects.current().filter(below).order_by("code")[:200])


@official_required
def issue_list_view(request: HttpRequest) -> HttpResponse:
    user = _official(request)
    issues = access.issues_visible_to(user).select_related("area")
    status = request.GET.get("status", "")
    category = request.GET.get("kategori", "")
    if status in IssueStatus.values:
        issues = issues.filter(status=status)
    if category in IssueCategory.values:
        issues = issues.filter(category=category)
    alerts = Alert.objects.filter(
        account_access.scope_of(user).q("area_id"), acknowledged_at=None
    ).select_related("area")[:10]
    context = {
        "issues": issues[:PAGE],
        "alerts": alerts,
        "status": status,
        "category": category,
        "statuses": IssueStatus.choices,
        "categories": IssueCategory.choices,
    }
    return render(request, "early_warning/issues.html", context)


@official_required
@require_http_methods(["GET", "POST"])
def issue_new_view(request: HttpRequest) -> HttpResponse:
    user = _official(request)
    areas = _areas_for(user)
    form = IssueForm(request.POST or None, areas=areas)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        code = data["village"].strip() or data["area"]
        area = Area.objects.current().filter(code=code).first()
        if area is None:
            form.add_error("village", _("Kode wilayah tidak dikenal."))
        else:
            try:
                issue = services.issue_open(
                    by=user,
                    title=data["title"],
                    category=data["category"],
                    severity=data["severity"],
                    area=area,
                    description=data["description"],
                    source=data["source"],
                    source_reliability=data["source_reliability"],
                    credibility=data["credibility"],
                    tags=form.tag_list(),
                )
            except services.IssueError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Isu dicatat."))
                return redirect("early_warning:issue", pk=issue.pk)
    return render(request, "early_warning/issue_new.html", {"form": form})


@official_required
def issue_view(request: HttpRequest, pk: int) -> HttpResponse:
    _official(request)
    issue = access.get_issue_for_user(request, pk)
    records = selectors.issue_records(issue, user=request.user)
    context = {
        "issue": issue,
        "events": issue.events.select_related("actor"),
        "cases": records.cases,
        "cases_elsewhere": records.cases_elsewhere,
        "activities_elsewhere": records.activities_elsewhere,
        "areas": issue.areas.all(),
        "stage": stage_on(issue.area_id, timezone.localdate()),
        "status_form": StatusForm(),
        "link_form": LinkForm(),
        "grade_form": GradeForm(
            initial={
                "severity": issue.severity,
                "source_reliability": issue.source_reliability,
                "credibility": issue.credibility,
            }
        ),
        "alerts": issue.alerts.order_by("-created_at"),
        "clarification_form": ClarificationForm(initial={"text": issue.clarification}),
        "recipients": len(services.counter_recipients(issue))
        if issue.category == IssueCategory.HOAKS
        else 0,
        "activities": records.activities,
        "recent_activities": selectors.issue_recent_activities(issue, user=request.user),
        "ungrouped": selectors.issue_ungrouped_hoaxes(issue, user=request.user)[:20]
        if issue.category == IssueCategory.HOAKS
        else [],
    }
    return render(request, "early_warning/issue.html", context)


@official_required
@require_POST
def issue_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = _official(request)
    issue = access.get_issue_for_user(request, pk)
    try:
        if action == "status":
            form = StatusForm(request.POST)
            if not form.is_valid():
                raise services.IssueError(_("Pilih status yang benar."))
            services.issue_set_status(
                issue=issue,
                by=user,
                status=form.cleaned_data["status"],
                level=form.cleaned_data["level"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("Status isu diubah."))
        elif action == "nilai":
            grade = GradeForm(request.POST)
            if not grade.is_valid():
                raise services.IssueError(_("Pilih penilaian yang benar."))
            services.issue_grade(
                issue=issue,
                by=user,
                severity=grade.cleaned_data["severity"],
                source_reliability=grade.cleaned_data["source_reliability"],
                credibility=grade.cleaned_data["credibility"],
                note=grade.cleaned_data["note"],
            )
            messages.success(request, _("Penilaian isu diubah; indeks desanya dihitung ulang."))
        elif action == "kaitkan":
            link = LinkForm(request.POST)
            if not link.is_valid():
                raise services.IssueError(_("Tulis kode lacak laporan."))
            codes = [tracking.normalize(c) for c in link.cleaned_data["codes"].split(",")]
            found = list(Case.objects.filter(tracking_code__in=codes))
            added = services.issue_link_cases(issue=issue, by=user, cases=found)
            messages.success(request, _("%(n)d laporan dikaitkan.") % {"n": added})
        elif action == "kegiatan":
            ids = [i for i in request.POST.getlist("activity")[:50] if i.isdigit()]
            chosen = Activity.objects.filter(pk__in=ids)
            added = services.issue_link_activities(issue=issue, by=user, activities=chosen)
            messages.success(request, _("%(n)d kegiatan dikaitkan.") % {"n": added})
        elif action == "klarifikasi":
            clar = ClarificationForm(request.POST)
            if not clar.is_valid():
                raise services.IssueError(_("Tulis klarifikasi sedikitnya 20 huruf."))
            services.clarification_publish(issue=issue, by=user, text=clar.cleaned_data["text"])
            messages.success(request, _("Klarifikasi diterbitkan."))
        elif action == "kirim":
            added = services.counter_message_send(issue=issue, by=user)
            messages.success(request, _("Pesan kontra dikirim ke %(n)d mitra.") % {"n": added})
        else:
            raise Http404
    except services.IssueError as exc:
        messages.error(request, str(exc))
    return redirect("early_warning:issue", pk=issue.pk)


@official_required
@require_POST
def alert_ack_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _official(request)
    alert = Alert.objects.filter(account_access.scope_of(user).q("area_id"), pk=pk).first()
    if alert is None:
        raise Http404
    services.alert_acknowledge(alert=alert, by=user)
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/petugas/") else "early_warning:issues")


def clarifications_view(request: HttpRequest) -> HttpResponse:
    """Published hoax clarifications (public): the issue's title, text, area and date only."""
    area = request.GET.get("wilayah", "")
    issues = Issue.objects.filter(
        category=IssueCategory.HOAKS, clarification_published_at__isnull=False
    ).select_related("area")
    if area and Area.objects.filter(code=area).exists():
        issues = issues.filter(within_q("area_id", area))
    issues = issues.order_by("-clarification_published_at")[:PAGE]
    return render(request, "early_warning/clarifications.html", {"issues": issues})


def clarification_view(request: HttpRequest, pk: int) -> HttpResponse:
    issue = get_object_or_404(
        Issue.objects.select_related("area"),
        pk=pk,
        category=IssueCategory.HOAKS,
        clarification_published_at__isnull=False,
    )
    return render(request, "early_warning/clarification.html", {"issue": issue})


# The index of one village (or an area's villages), and the election calendar


@official_required
def village_view(request: HttpRequest, code: str) -> HttpResponse:
    """A village's score with every indicator explained and its trend; for a district or
    regency, its villages highest first (each links to its own page)."""
    user = _official(request)
    area = Area.objects.filter(code=code).first()
    if area is None or not account_access.scope_of(user).covers(code):
        raise Http404
    if area.level != Area.Level.VILLAGE:
        context = {
            "area": area,
            "summary": index_selectors.summary(code),
            "rows": index_selectors.villages_under(code, offset=0, limit=PAGE),
        }
        return render(request, "early_warning/area_index.html", context)
    current = VillageIndex.objects.filter(area_id=code).first()
    history = list(reversed(index_selectors.history(code)))
    lines = index.explain(current.parts) if current else []
    context = {
        "area": area,
        "current": current,
        "lines": lines,
        "history": history[-30:],
        "trend": {
            "days": [f"{h.on:%d/%m}" for h in history],
            "scores": [h.score for h in history],
            "high": index_config.CUTOFF_HIGH,
            "medium": index_config.CUTOFF_MEDIUM,
        },
        "month_ago": _score_before(history, days=30),
        "stage": stage_on(code, timezone.localdate()),
        "issues": access.issues_visible_to(user)
        .filter(areas__code__in=_ancestors(code))
        .exclude(status=IssueStatus.SELESAI)
        .distinct()[:20],
        "cutoffs": (index_config.CUTOFF_MEDIUM, index_config.CUTOFF_HIGH),
    }
    return render(request, "early_warning/village.html", context)


def _ancestors(code: str) -> list[str]:
    parts = code.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def _score_before(history: list[VillageIndexHistory], *, days: int) -> float | None:
    if not history:
        return None
    day = history[-1].on - timedelta(days=days)
    earlier = [h.score for h in history if h.on <= day]
    return earlier[-1] if earlier else None


@official_required
def elections_view(request: HttpRequest) -> HttpResponse:
    """The election calendar of the user's areas (and nationwide), with the running stage."""
    user = _official(request)
    scope = account_access.scope_of(user)
    today = timezone.localdate()
    elections = [
        e
        for e in Election.objects.select_related("area")
        .prefetch_related("stages")
        .order_by("-vote_on", "pk")[:200]
        if e.area_id is None
        or scope.covers(e.area_id)
        or any(e.area_id.startswith(f"{c}.") or c.startswith(f"{e.area_id}.") for c in scope.codes)
    ]
    rows = [
        (e, next((s for s in e.stages.all() if s.starts_on <= today <= s.ends_on), None))
        for e in elections
    ]
    return render(request, "early_warning/elections.html", {"rows": rows, "today": today})


def _election_areas(user: User) -> list[Area]:
    return _areas_for(user)


@official_required
@require_http_methods(["GET", "POST"])
def election_new_view(request: HttpRequest) -> HttpResponse:
    user = _official(request)
    form = ElectionForm(request.POST or None, areas=_election_areas(user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            election = services.election_save(
                by=user,
                name=data["name"],
                kind=data["kind"],
                area=Area.objects.get(code=data["area"]),
                vote_on=data["vote_on"],
            )
        except services.IssueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Pemilihan dicatat. Tambahkan tahapannya."))
            return redirect("early_warning:election", pk=election.pk)
    return render_form(request, "early_warning/election_form.html", {"form": form})


@official_required
@require_http_methods(["GET", "POST"])
def election_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One election: its stages, and (for those who may) adding, correcting, removing them."""
    user = _official(request)
    election = get_object_or_404(Election.objects.select_related("area"), pk=pk)
    scope = account_access.scope_of(user)
    if election.area_id is not None and not (
        scope.covers(election.area_id)
        or any(c.startswith(f"{election.area_id}.") for c in scope.codes)
    ):
        raise Http404
    editable = services.can_edit_election(user, election.area_id)
    stages = list(election.stages.all())
    form = StageForm()
    if request.method == "POST":
        if not editable:
            raise Http404
        step = request.POST.get("step", "")
        chosen = next((s for s in stages if str(s.pk) == request.POST.get("stage", "")), None)
        try:
            if step == "hapus" and chosen is not None:
                services.stage_delete(by=user, stage=chosen)
                messages.success(request, _("Tahapan dihapus; indeks desa dihitung ulang."))
                return redirect("early_warning:election", pk=election.pk)
            form = StageForm(request.POST)
            if step == "tahapan" and form.is_valid():
                data = form.cleaned_data
                services.stage_save(
                    by=user,
                    election=election,
                    name=data["name"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    intensity=data["intensity"],
                    stage=chosen,
                )
                messages.success(request, _("Tahapan disimpan; indeks desa dihitung ulang."))
                return redirect("early_warning:election", pk=election.pk)
        except services.IssueError as exc:
            form.add_error(None, str(exc))
    today = timezone.localdate()
    context = {
        "election": election,
        "editable": editable,
        "form": form,
        "today": today,
        "stages": [
            (
                s,
                StageForm(
                    prefix=f"s{s.pk}",
                    initial={
                        "name": s.name,
                        "starts_on": s.starts_on,
                        "ends_on": s.ends_on,
                        "intensity": s.intensity,
                    },
                ),
            )
            for s in stages
        ],
    }
    return render_form(request, "early_warning/election.html", context)
