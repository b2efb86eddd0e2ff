"""Humas pages: the desk of drafts and reviews, and the public news pages with their feed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sinergi.accounts.views import official_required, official_user
from sinergi.engagement import access as engagement_access
from sinergi.engagement.models import ActivityPhoto
from sinergi.humas import access, selectors, services
from sinergi.humas.models import Release

NEWS_PAGE = 20


@official_required
def desk_view(request: HttpRequest) -> HttpResponse:
    """The Humas desk: verified activities still waiting for their release, and the releases."""
    found = selectors.desk(user=request.user)
    context = {"releases": found.releases, "waiting": found.waiting, "days": selectors.WAITING_DAYS}
    return render(request, "humas/desk.html", context)


@official_required
@require_POST
def draft_view(request: HttpRequest, activity_pk: int) -> HttpResponse:
    activity = engagement_access.get_activity_for_user(request, activity_pk)
    try:
        release = services.release_draft(activity=activity, by=official_user(request))
    except services.ReleaseError as exc:
        messages.error(request, str(exc))
        return redirect("engagement:officer_activity", pk=activity.pk)
    messages.success(request, _("Draf rilis dibuat dari laporan kegiatan. Periksa dan sunting."))
    return redirect("humas:release", pk=release.pk)


@official_required
def release_view(request: HttpRequest, pk: int) -> HttpResponse:
    release = access.get_release_for_user(request, pk)
    user = official_user(request)
    context = {
        "release": release,
        "events": release.events.select_related("actor"),
        "can_edit": access.can_edit(user, release.area_id),
        "editable": (release.status == Release.Status.DRAFT)
        or (release.status == Release.Status.REVIEW and access.can_edit(user, release.area_id)),
        "has_photos": release.has_photos,
        "confidential": services.confidential_quotes(release),
        "photos": release.activity.photos.all() if release.activity else [],
    }
    return render(request, "humas/release.html", context)


# What each step of a release says it did (a writer should not have to guess from "Tersimpan")
DONE = {
    "simpan": gettext_lazy("Perubahan rilis tersimpan."),
    "foto": gettext_lazy("Pilihan foto tersimpan."),
    "ajukan": gettext_lazy("Rilis diajukan ke editor."),
    "kembalikan": gettext_lazy("Rilis dikembalikan ke penulis dengan catatan."),
    "setujui": gettext_lazy("Rilis disetujui; siap diterbitkan."),
    "periksa-foto": gettext_lazy("Foto sudah diperiksa."),
    "terbitkan": gettext_lazy("Rilis terbit di halaman berita."),
}


@official_required
@require_POST
def release_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    release = access.get_release_for_user(request, pk)
    user = official_user(request)
    post = request.POST
    try:
        if action == "simpan":
            services.release_edit(
                release=release,
                by=user,
                headline=post.get("headline", ""),
                dateline=post.get("dateline", ""),
                body=post.get("body", ""),
            )
        elif action == "foto":
            picked = [i for i in post.getlist("photo")[:20] if i.isdigit()]
            services.release_photos_choose(
                release=release,
                by=user,
                captions={int(i): post.get(f"caption-{i}", "") for i in picked},
            )
        elif action == "ajukan":
            services.release_submit(release=release, by=user)
        elif action == "kembalikan":
            services.release_return(release=release, by=user, note=post.get("note", ""))
        elif action == "setujui":
            services.release_approve(
                release=release,
                by=user,
                minors_checked=post.get("minors_checked") == "1",
                confidential_confirmed=post.get("confidential_confirmed") == "1",
            )
        elif action == "periksa-foto":
            services.release_confirm_minors(release=release, by=user)
        elif action == "terbitkan":
            services.release_publish(release=release, by=user)
        else:
            raise Http404
    except services.ReleaseError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, str(DONE[action]))
    return redirect("humas:release", pk=release.pk)


def _photo_choices(release: Release) -> list[tuple[ActivityPhoto, bool, str]]:
    """Every photo of the activity: whether it is chosen, and its caption."""
    if release.activity is None:
        return []
    chosen = {p.photo_id: p.caption for p in release.photos.all()}
    return [
        (photo, photo.pk in chosen, chosen.get(photo.pk, ""))
        for photo in release.activity.photos.order_by("pk")
    ]


# Public news


def news_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "humas/news.html",
        {"releases": selectors.published().order_by("-published_at")[:NEWS_PAGE]},
    )


def news_item_view(request: HttpRequest, slug: str) -> HttpResponse:
    release = get_object_or_404(selectors.published(), slug=slug)
    photos = release.photos.select_related("photo")
    return render(request, "humas/news_item.html", {"release": release, "photos": photos})


class NewsFeed(Feed[Release, None]):
    feed_type = Atom1Feed
    title = "Sinergi — Berita kemitraan Kamtibmas"
    subtitle = "Rilis Humas dari kegiatan yang sudah diverifikasi."

    def link(self) -> str:
        return reverse("humas:news")

    def items(self) -> QuerySet[Release]:
        return selectors.published().order_by("-published_at")[:NEWS_PAGE]

    def item_title(self, item: Release) -> str:
        return item.headline

    def item_description(self, item: Release) -> str:
        # an HTML summary (type="html"): the release's paragraphs, its text escaped
        return str(linebreaks(item.dateline + item.body, autoescape=True))

    def item_updateddate(self, item: Release) -> object:
        # RFC 4287: every entry has <updated>
        return item.updated_at

    def item_link(self, item: Release) -> str:
        return reverse("humas:news_item", args=[item.slug])

    def item_pubdate(self, item: Release) -> object:
        return item.published_at

    def item_author_name(self, item: Release) -> str:
        return item.unit.name
