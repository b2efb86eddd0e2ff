from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from sinergi.accounts.access import roles_of, scope_of
from sinergi.accounts.views import official_required
from sinergi.areas import selectors as area_selectors
from sinergi.areas.models import Area
from sinergi.units import selectors
from sinergi.units.models import Post

GAPS_PAGE = 50
# who fills seats: operators, and the leaders of the units whose villages they are
STAFFING_ROLES = {Post.Role.ADMIN, Post.Role.UNIT_LEADER}


def detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_get(pk)
    if unit is None:
        raise Http404
    children = unit.children.filter(active=True).order_by("name")[:200]
    return render(request, "units/detail.html", {"unit": unit, "children": children})


@official_required
def gaps_view(request: HttpRequest) -> HttpResponse:
    """The staffing gap list: villages of the user's areas whose Tiga Pilar has an empty seat."""
    user = request.user
    scope = scope_of(user)
    if not roles_of(user) & STAFFING_ROLES:
        raise Http404
    code = request.GET.get("wilayah", "") or (scope.codes[0] if scope.codes else "")
    if not code and scope.everything:
        # a national operator picks a province first
        provinces = area_selectors.area_search(level=Area.Level.PROVINCE, limit=100).items
        return render(request, "units/gaps.html", {"gaps": None, "parts": provinces})
    area = area_selectors.area_get(code) if code else None
    if area is None or not scope.covers(area.code):
        raise Http404
    gaps = selectors.forum_gaps(area)
    context = {
        "gaps": gaps,
        "page": Paginator(gaps.rows, GAPS_PAGE).get_page(request.GET.get("hal")),
        "parts": area_selectors.area_children(area) if gaps.too_many else [],
        "areas": [a for c in scope.codes if (a := area_selectors.area_get(c)) is not None],
    }
    return render(request, "units/gaps.html", context)
