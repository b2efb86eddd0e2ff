from django.urls import path

from sinergi.humas import views

app_name = "humas"
urlpatterns = [
    path("petugas/rilis/", views.desk_view, name="desk"),
    path("petugas/rilis/<int:pk>/", views.release_view, name="release"),
    path("petugas/rilis/<int:pk>/<slug:action>/", views.release_action_view, name="action"),
    path("petugas/kegiatan/<int:activity_pk>/rilis/", views.draft_view, name="draft"),
    path("berita/", views.news_view, name="news"),
    path("berita/feed/", views.NewsFeed(), name="feed"),
    path("berita/<slug:slug>/", views.news_item_view, name="news_item"),
]
