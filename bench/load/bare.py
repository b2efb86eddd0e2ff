"""The yardstick for public intake: a bare Django view that inserts one case row and one event row
and answers 302, with no middleware, no form and no task, served by the same gunicorn against the
same database as the real server. The issue's bar is relative to it (the full intake path keeps
at least 40 % of what this reaches), so `run.py --wrk --bare` measures both in one run, on the
same machine in the same minute, instead of comparing with a figure taken on another day.

gunicorn --pythonpath bench/load bare:application (run.py starts it; not for anything else)
"""

from __future__ import annotations

import os
import secrets

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from django.conf import settings

settings.MIDDLEWARE = []
settings.ROOT_URLCONF = __name__

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()

from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from sinergi.cases.models import Case, CaseEvent, Category


@csrf_exempt
def lapor(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return HttpResponse("ok")  # run.py waits for this before the load
    area_id = request.POST["area"]  # an Area's key is its code
    code = secrets.token_hex(4).upper()
    with transaction.atomic():
        case = Case.objects.create(
            tracking_code=f"SNG-{code[:4]}-{code[4:]}",
            kind=Category.Kind.ASPIRASI,
            category_id=int(request.POST["category"]),
            area_id=area_id,
            owner_area_id=area_id,
            channel=Case.Channel.WEB,
            description=request.POST["description"],
        )
        CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.SUBMITTED, public=True)
    return HttpResponseRedirect(f"/lacak/{case.tracking_code}/?baru=1")


urlpatterns = [path("lapor/", lapor)]
