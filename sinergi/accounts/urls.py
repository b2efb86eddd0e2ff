from django.urls import path

from sinergi.accounts import views

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.login_view, name="login"),
    path("masuk/kode/", views.otp_view, name="otp"),
    path("masuk/daftar-kode/", views.otp_enroll_view, name="otp_enroll"),
    path("keluar/", views.logout_view, name="logout"),
    path("akun/", views.me_view, name="me"),
    path("orang/<int:pk>/", views.person_view, name="person"),
]
