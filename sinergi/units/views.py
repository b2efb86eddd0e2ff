from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from sinergi.units import selectors


def detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_get(pk)
    if unit is None:
        raise Http404
    children = unit.children.filter(active=True).order_by("name")[:200]
    return render(request, "units/detail.html", {"unit": unit, "children": children})
