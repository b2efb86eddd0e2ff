from django.urls import path

from sinergi.early_warning import views

app_name = "early_warning"
urlpatterns = [
    path("petugas/isu/", views.issue_list_view, name="issues"),
    path("petugas/isu/baru/", views.issue_new_view, name="issue_new"),
    path("petugas/isu/<int:pk>/", views.issue_view, name="issue"),
    path("petugas/isu/<int:pk>/<slug:action>/", views.issue_action_view, name="issue_action"),
    path("petugas/peringatan/<int:pk>/dibaca/", views.alert_ack_view, name="alert_ack"),
    path("petugas/indeks/<str:code>/", views.village_view, name="village"),
    path("petugas/pemilihan/", views.elections_view, name="elections"),
    path("petugas/pemilihan/baru/", views.election_new_view, name="election_new"),
    path("petugas/pemilihan/<int:pk>/", views.election_view, name="election"),
    path("klarifikasi/", views.clarifications_view, name="clarifications"),
    path("klarifikasi/<int:pk>/", views.clarification_view, name="clarification"),
]
