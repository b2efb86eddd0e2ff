"""Every write of partners, activities and commitments. Views, API, demo and tasks call these,
as ``services.<name>``; each lives in the module of its concern:

- ``partners``: partner_save.
- ``activities``: activity_plan / activity_report / activity_record (the report's photos, its
  aspirations filed as cases through cases.services.case_submit, its promises as commitments,
  its new partners), activity_verify, activity_return / activity_correct, activity_reschedule,
  activity_cancel;
  their inputs AspirationIn, CommitmentIn, PartnerIn, ReportIn, CorrectionIn.
- ``commitments``: commitment_evidence_add / commitment_document_add, commitment_close,
  evidence_days, commitment_rate, commitments_notify_overdue (the hourly sweep).
- ``releases``: activity_import (an activity read from a press release), recorded_as (what
  this very release was recorded as), release_request_file (a request the release tells of,
  filed as a case), ReleaseRecord, can_import, IMPORT_ROLES.
- ``_common``: EngagementError and the private helpers the others share.
"""

from sinergi.engagement.services._common import MAX_ASPIRATIONS, MAX_COMMITMENTS, EngagementError
from sinergi.engagement.services.activities import (
    MAX_PHOTOS,
    AspirationIn,
    CommitmentIn,
    CorrectionIn,
    PartnerIn,
    ReportIn,
    activity_cancel,
    activity_correct,
    activity_plan,
    activity_record,
    activity_report,
    activity_reschedule,
    activity_return,
    activity_verify,
)
from sinergi.engagement.services.commitments import (
    DONE_STATUSES,
    commitment_close,
    commitment_document_add,
    commitment_evidence_add,
    commitment_rate,
    commitments_notify_overdue,
    evidence_days,
)
from sinergi.engagement.services.partners import partner_save
from sinergi.engagement.services.releases import (
    IMPORT_ROLES,
    ReleaseRecord,
    activity_import,
    can_import,
    recorded_as,
    release_request_file,
)

__all__ = [
    "DONE_STATUSES",
    "IMPORT_ROLES",
    "MAX_ASPIRATIONS",
    "MAX_COMMITMENTS",
    "MAX_PHOTOS",
    "AspirationIn",
    "CommitmentIn",
    "CorrectionIn",
    "EngagementError",
    "PartnerIn",
    "ReleaseRecord",
    "ReportIn",
    "activity_cancel",
    "activity_correct",
    "activity_import",
    "activity_plan",
    "activity_record",
    "activity_report",
    "activity_reschedule",
    "activity_return",
    "activity_verify",
    "can_import",
    "commitment_close",
    "commitment_document_add",
    "commitment_evidence_add",
    "commitment_rate",
    "commitments_notify_overdue",
    "evidence_days",
    "partner_save",
    "recorded_as",
    "release_request_file",
]
