from django.urls import path

from sinergi.engagement import views

app_name = "engagement"
urlpatterns = [
    path("petugas/kegiatan/", views.calendar_view, name="calendar"),
    path("petugas/kegiatan/rencana/", views.plan_view, name="plan"),
    path("petugas/kegiatan/lapor/", views.report_view, name="record"),
    path("petugas/kegiatan/<int:pk>/", views.officer_activity_view, name="officer_activity"),
    path("petugas/kegiatan/<int:pk>/lapor/", views.report_view, name="report"),
    path(
        "petugas/kegiatan/<int:pk>/aspirasi/<int:index>/",
        views.release_request_view,
        name="release_request",
    ),
    path("petugas/kegiatan/<int:pk>/verifikasi/", views.verify_view, name="verify"),
    path("petugas/kegiatan/<int:pk>/kembalikan/", views.return_view, name="return"),
    path("petugas/kegiatan/<int:pk>/perbaiki/", views.correct_view, name="correct"),
    path("petugas/kegiatan/<int:pk>/batal/", views.cancel_view, name="cancel"),
    path("petugas/kegiatan/<int:pk>/jadwal/", views.reschedule_view, name="reschedule"),
    path("petugas/komitmen/<int:pk>/", views.commitment_view, name="commitment"),
    path("petugas/komitmen/<int:pk>/bukti/", views.evidence_view, name="evidence"),
    path("petugas/komitmen/<int:pk>/tutup/", views.close_commitment_view, name="close_commitment"),
    path("petugas/mitra/", views.partner_list_view, name="partners"),
    path("petugas/mitra/baru/", views.partner_edit_view, name="partner_new"),
    path("petugas/mitra/<int:pk>/", views.partner_view, name="partner"),
    path("petugas/mitra/<int:pk>/ubah/", views.partner_edit_view, name="partner_edit"),
    path("petugas/cakupan/", views.coverage_view, name="coverage"),
    path("kegiatan/<int:pk>/", views.public_activity_view, name="activity"),
    path("jadwal/<str:code>/", views.schedule_view, name="schedule"),
    path("komitmen/<str:code>/", views.board_view, name="board"),
]
