"""Issues: open, grade, change status, link cases and activities; group hoax reports and publish
their clarification. The only writer of Issue and IssueEvent."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.accounts import access as account_access
from sinergi.accounts.models import User
from sinergi.areas.codes import within_q
from sinergi.areas.models import Area
from sinergi.cases.models import Case, Category
from sinergi.early_warning import access, alerts
from sinergi.early_warning.catalogue import (
    Credibility,
    ElectionKind,
    IssueCategory,
    IssueStatus,
    SourceReliability,
)
from sinergi.early_warning.index_data import index_recompute
from sinergi.early_warning.models import Alert, Election, ElectionStage, Issue, IssueEvent
from sinergi.engagement.models import Activity, Partner
from sinergi.messaging import texts
from sinergi.messaging.models import Outbox
from sinergi.messaging.services import outbox_add, phone_contact

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import ManyRelatedManager

S = IssueStatus
# Where an issue may go from each status; "selesai" can be reopened as "dipantau".
TRANSITIONS: dict[str, set[str]] = {
    S.DIPANTAU: {S.DITANGANI, S.TERLOKALISIR, S.MELUAS, S.SELESAI},
    S.DITANGANI: {S.TERLOKALISIR, S.MELUAS, S.SELESAI, S.DIPANTAU},
    S.TERLOKALISIR: {S.DITANGANI, S.MELUAS, S.SELESAI},
    S.MELUAS: {S.DITANGANI, S.TERLOKALISIR, S.SELESAI},
    S.SELESAI: {S.DIPANTAU},
}


class IssueError(ValueError):
    """What is wrong, in Indonesian, for the form or the API."""


def _event(issue: Issue, kind: str, by: User | None, message: str = "", **data: Any) -> None:
    IssueEvent.objects.create(issue=issue, kind=kind, actor=by, message=message, data=data)


@transaction.atomic
def issue_open(
    *,
    by: User,
    title: str,
    category: str,
    severity: int,
    area: Area,
    areas: Iterable[Area] = (),
    description: str = "",
    source: str = "",
    source_reliability: str = "F",
    credibility: str = "6",
    tags: Iterable[str] = (),
) -> Issue:
    affected = {a.code: a for a in [area, *areas]}
    for code in affected:
        if not access.can_act(by, code):
            raise IssueError(_("Wilayah %(code)s di luar wilayah tugas Anda.") % {"code": code})
    if category not in IssueCategory.values:
        raise IssueError(_("Kategori isu tidak dikenal."))
    if not 1 <= severity <= 5:
        raise IssueError(_("Tingkat keparahan harus 1 sampai 5."))
    issue = Issue.objects.create(
        title=title.strip(),
        description=description.strip(),
        category=category,
        severity=severity,
        source=source.strip(),
        source_reliability=source_reliability,
        credibility=credibility,
        area=area,
        tags=sorted({t.strip().lower() for t in tags if t}),
        created_by=by,
    )
    issue.areas.set(list(affected.values()))
    _event(issue, IssueEvent.Kind.OPENED, by, grade=f"{source_reliability}{credibility}")
    _follow_up(issue, by=by)
    return issue


@transaction.atomic
def issue_grade(
    *,
    issue: Issue,
    by: User,
    severity: int,
    source_reliability: str,
    credibility: str,
    note: str = "",
) -> Issue:
    """Re-grades an issue as more is known; raising it to a high severity alerts like a new
    one, and the villages' index moves at once."""
    issue = Issue.objects.select_for_update().select_related("area").get(pk=issue.pk)
    if not 1 <= severity <= 5:
        raise IssueError(_("Tingkat keparahan harus 1 sampai 5."))
    if source_reliability not in SourceReliability.values or credibility not in Credibility.values:
        raise IssueError(_("Penilaian sumber dan informasi tidak dikenal."))
    old = (issue.severity, issue.source_reliability, issue.credibility)
    if old == (severity, source_reliability, credibility):
        return issue
    issue.severity, issue.source_reliability, issue.credibility = (
        severity,
        source_reliability,
        credibility,
    )
    issue.save(update_fields=["severity", "source_reliability", "credibility", "updated_at"])
    _event(
        issue,
        IssueEvent.Kind.GRADED,
        by,
        note.strip()[:500],
        old=f"{old[0]} {old[1]}{old[2]}",
        new=f"{severity} {source_reliability}{credibility}",
    )
    raised = severity > old[0]
    _follow_up(issue, by=by, raised_from=old[0] if raised else None, may_alert=raised)
    return issue


def _follow_up(
    issue: Issue, *, by: User | None, raised_from: int | None = None, may_alert: bool = True
) -> None:
    """After an issue changed: its villages' index now, and if it is severe and open (new,
    raised or reopened), its area's leaders and analysts told, once per severity reached."""
    moves = alerts.index_refresh(issue)
    severe = issue.severity >= settings.ISSUE_ALERT_SEVERITY and issue.status != S.SELESAI
    if severe and may_alert:
        alert = alerts.severe_issue_alert(issue=issue, moves=moves, raised_from=raised_from)
        if alert is not None:
            told = Outbox.objects.filter(key__startswith=f"alert:{alert.pk}:user:").count()
            _event(issue, IssueEvent.Kind.ALERTED, by, alert=alert.pk, told=told)


@transaction.atomic
def alert_acknowledge(*, alert: Alert, by: User) -> Alert:
    """Marks an alert read by one of its area's people (the first reader is kept)."""
    Alert.objects.filter(pk=alert.pk, acknowledged_at=None).update(
        acknowledged_by=by, acknowledged_at=timezone.now()
    )
    alert.refresh_from_db()
    return alert


@transaction.atomic
def issue_set_status(
    *, issue: Issue, by: User, status: str, level: int | None = None, note: str = ""
) -> Issue:
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if status not in TRANSITIONS.get(issue.status, set()):
        raise IssueError(
            _("Status tidak dapat diubah dari %(old)s ke %(new)s.")
            % {
                "old": issue.get_status_display(),
                "new": status,
            }
        )
    if status == S.TERLOKALISIR and level not in Area.Level.values:
        raise IssueError(_("Sebutkan tingkat tempat isu terlokalisir."))
    old = issue.status
    issue.status = status
    issue.localised_level = level if status == S.TERLOKALISIR else None
    issue.closed_at = timezone.now() if status == S.SELESAI else None
    issue.save(update_fields=["status", "localised_level", "closed_at", "updated_at"])
    _event(issue, IssueEvent.Kind.STATUS, by, note, old=old, new=status, level=level)
    _follow_up(issue, by=by)
    return issue


def _link[T: (Case, Activity)](
    linked: ManyRelatedManager[T, Any], rows: Iterable[T], *, by: User, nothing: str
) -> list[T]:
    """Links the rows the user may see (``nothing`` is the error when there are none); returns
    those new to the issue."""
    scope = account_access.scope_of(by)
    chosen = [r for r in rows if scope.covers(r.area_id)]
    if not chosen:
        raise IssueError(nothing)
    known = set(linked.values_list("pk", flat=True))
    new = [r for r in chosen if r.pk not in known]
    linked.add(*new)
    return new


@transaction.atomic
def issue_link_cases(*, issue: Issue, by: User, cases: Iterable[Case]) -> int:
    """Links cases the user may see; returns how many were new to the issue."""
    new = _link(issue.cases, cases, by=by, nothing=_("Tidak ada laporan yang dapat dikaitkan."))
    if new:
        _event(issue, IssueEvent.Kind.LINKED, by, cases=[c.tracking_code for c in new])
    return len(new)


@transaction.atomic
def issue_link_activities(*, issue: Issue, by: User, activities: Iterable[Activity]) -> int:
    """Links engagement activities the user may see (e.g. the cooling-system dialogue held about
    it); returns how many were new to the issue."""
    new = _link(
        issue.activities, activities, by=by, nothing=_("Tidak ada kegiatan yang dapat dikaitkan.")
    )
    if new:
        _event(issue, IssueEvent.Kind.LINKED, by, activities=[a.pk for a in new])
    return len(new)


@transaction.atomic
def hoax_group(*, by: User, cases: Iterable[Case], title: str, area: Area) -> Issue:
    """Groups hoax reports into one hoax issue (severity 3, credibility unknown until checked)."""
    chosen = [c for c in cases if c.kind == Category.Kind.HOAKS]
    if not chosen:
        raise IssueError(_("Pilih sedikitnya satu laporan hoaks."))
    issue = issue_open(
        by=by,
        title=title,
        category=IssueCategory.HOAKS,
        severity=3,
        area=area,
        areas=Area.objects.filter(code__in={c.area_id for c in chosen}),
        source=_("Laporan warga"),
        source_reliability="F",
        credibility="6",
    )
    issue_link_cases(issue=issue, by=by, cases=chosen)
    return issue


@transaction.atomic
def clarification_publish(*, issue: Issue, by: User, text: str) -> Issue:
    if issue.category != IssueCategory.HOAKS:
        raise IssueError(_("Klarifikasi hanya untuk isu hoaks."))
    if len(text.strip()) < 20:
        raise IssueError(_("Tulis klarifikasi sedikitnya 20 huruf."))
    issue.clarification = text.strip()
    issue.clarification_published_at = issue.clarification_published_at or timezone.now()
    issue.save(update_fields=["clarification", "clarification_published_at", "updated_at"])
    _event(issue, IssueEvent.Kind.CLARIFIED, by)
    return issue


TOKOH = ("tokoh_agama", "tokoh_masyarakat", "tokoh_adat", "tokoh_pemuda", "forum")


def counter_recipients(issue: Issue) -> list[Partner]:
    """Active tokoh and forums in the issue's areas that have an e-mail or a phone."""
    where = Q(pk__in=[])
    for area in issue.areas.all() or [issue.area]:
        where |= within_q("area_id", area.code)
    return list(
        Partner.objects.filter(where, kind__in=TOKOH, active=True)
        .exclude(email="", phone="")
        .order_by("pk")
    )


@transaction.atomic
def counter_message_send(*, issue: Issue, by: User) -> int:
    """Sends the published clarification to the tokoh of the affected areas: by e-mail when
    they have one, else by SMS. Each partner gets it once per issue however often this runs.
    Returns how many messages were new."""
    if not issue.clarification_published_at:
        raise IssueError(_("Terbitkan klarifikasi dulu."))
    context = {"issue": issue}
    body = texts.text("early_warning/counter_text.txt", context)
    messages: list[Outbox] = []
    for partner in counter_recipients(issue):
        key = f"counter:{issue.pk}:partner:{partner.pk}"
        if partner.email:
            messages.append(
                Outbox(
                    channel=Outbox.Channel.EMAIL,
                    to=partner.email,
                    key=key,
                    body=body,
                    subject=texts.subject("early_warning/counter_subject.txt", context),
                )
            )
            continue
        contact = phone_contact(partner.phone)
        if contact is not None:
            messages.append(
                Outbox(channel=Outbox.Channel.SMS, to=contact.ref, key=key, body=body[:1500])
            )
    added = outbox_add(messages)
    _event(issue, IssueEvent.Kind.COUNTER_SENT, by, partners=len(messages), new=added)
    return added


# The election calendar: its stages set the political dimension of the index while they run


def can_edit_election(user: User, area_code: str | None) -> bool:
    """An analyst or leader whose areas cover the election's area; a nationwide election only
    by those who cover everything."""
    if area_code is None:
        return access.can_follow_issues(user) and account_access.scope_of(user).everything
    return access.can_act(user, area_code)


def _rescore(area_code: str | None) -> None:
    if area_code is not None:
        index_recompute(under=area_code)


@transaction.atomic
def election_save(
    *,
    by: User,
    name: str,
    kind: str,
    area: Area | None,
    vote_on: date,
    election: Election | None = None,
) -> Election:
    """Adds an election to the calendar, or corrects one."""
    code = area.code if area is not None else None
    if not can_edit_election(by, code) or (
        election is not None and not can_edit_election(by, election.area_id)
    ):
        raise IssueError(_("Pemilihan di wilayah ini di luar wilayah tugas Anda."))
    if kind not in ElectionKind.values:
        raise IssueError(_("Jenis pemilihan tidak dikenal."))
    if len(name.strip()) < 3:
        raise IssueError(_("Isi nama pemilihan."))
    target = election or Election()
    old_area = target.area_id if election is not None else None
    target.name, target.kind, target.area, target.vote_on = name.strip()[:200], kind, area, vote_on
    target.save()
    for affected in {old_area, code}:
        _rescore(affected)
    return target


@transaction.atomic
def stage_save(
    *,
    by: User,
    election: Election,
    name: str,
    starts_on: date,
    ends_on: date,
    intensity: float,
    stage: ElectionStage | None = None,
) -> ElectionStage:
    """Adds or corrects a stage; the villages of the election's area are scored again at once
    (the running stage is part of their political dimension)."""
    if not can_edit_election(by, election.area_id):
        raise IssueError(_("Pemilihan di wilayah ini di luar wilayah tugas Anda."))
    if stage is not None and stage.election_id != election.pk:
        raise IssueError(_("Tahapan ini bukan bagian pemilihan tersebut."))
    if len(name.strip()) < 3:
        raise IssueError(_("Isi nama tahapan."))
    if ends_on < starts_on:
        raise IssueError(_("Tanggal selesai tidak boleh sebelum tanggal mulai."))
    if not 0.0 <= intensity <= 1.0:
        raise IssueError(_("Intensitas antara 0 dan 1."))
    target = stage or ElectionStage(election=election)
    target.name, target.starts_on, target.ends_on = name.strip()[:120], starts_on, ends_on
    target.intensity = round(intensity, 2)
    target.save()
    _rescore(election.area_id)
    return target


@transaction.atomic
def stage_delete(*, by: User, stage: ElectionStage) -> None:
    election = stage.election
    if not can_edit_election(by, election.area_id):
        raise IssueError(_("Pemilihan di wilayah ini di luar wilayah tugas Anda."))
    stage.delete()
    _rescore(election.area_id)
