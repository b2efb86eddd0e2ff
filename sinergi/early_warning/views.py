"""Officer pages of issues and alerts; the public clarification pages of hoaxes."""

from __future__ import annotations

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
from sinergi.early_warning import access, selectors, services
from sinergi.early_warning.catalogue import IssueCategory, IssueStatus
from sinergi.early_warning.elections import stage_on
from sinergi.early_warning.forms import ClarificationForm, IssueForm, LinkForm, StatusForm
from sinergi.early_warning.models import Alert, Issue
from sinergi.engagement.models import Activity

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
        "issues": issues[:PAGE], "alerts": alerts, "status": status, "category": category,
        "statuses": IssueStatus.choices, "categories": IssueCategory.choices,
    }  # fmt: skip
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
                    by=user, title=data["title"], category=data["category"],
                    severity=data["severity"], area=area, description=data["description"],
                    source=data["source"], source_reliability=data["source_reliability"],
                    credibility=data["credibility"], tags=form.tag_list(),
                )  # fmt: skip
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
        "issue": issue, "events": issue.events.select_related("actor"),
        "cases": records.cases, "cases_elsewhere": records.cases_elsewhere,
        "activities_elsewhere": records.activities_elsewhere, "areas": issue.areas.all(),
        "stage": stage_on(issue.area_id, timezone.localdate()),
        "status_form": StatusForm(), "link_form": LinkForm(),
        "clarification_form": ClarificationForm(initial={"text": issue.clarification}),
        "recipients": len(services.counter_recipients(issue))
        if issue.category == IssueCategory.HOAKS else 0,
        "activities": records.activities,
        "recent_activities": selectors.issue_recent_activities(issue, user=request.user),
        "ungrouped": selectors.issue_ungrouped_hoaxes(issue, user=request.user)[:20]
        if issue.category == IssueCategory.HOAKS else [],
    }  # fmt: skip
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
                issue=issue, by=user, status=form.cleaned_data["status"],
                level=form.cleaned_data["level"], note=form.cleaned_data["note"],
            )  # fmt: skip
            messages.success(request, _("Status isu diubah."))
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
    if alert.acknowledged_at is None:
        Alert.objects.filter(pk=alert.pk).update(
            acknowledged_by=user, acknowledged_at=timezone.now()
        )
    return redirect("early_warning:issues")


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
        pk=pk, category=IssueCategory.HOAKS, clarification_published_at__isnull=False,
    )  # fmt: skip
    return render(request, "early_warning/clarification.html", {"issue": issue})
