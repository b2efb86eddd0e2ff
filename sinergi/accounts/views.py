"""Sign-in in two steps for officials (password, then TOTP), one step for citizens."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from sinergi.accounts import access, audit, services
from sinergi.accounts.forms import LoginForm, TokenForm
from sinergi.accounts.models import AuditEvent, User
from sinergi.areas.models import Area
from sinergi.platform.http import render_form

PENDING_KEY = "sinergi_pending_user"
PENDING_SECONDS = 300
MAX_TOKEN_TRIES = 5
_BACKEND = "django.contrib.auth.backends.ModelBackend"


def verified_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in, and officials with their second factor."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated or (
            isinstance(user, User) and user.is_official and not user.is_verified()  # type: ignore[attr-defined]  # added by django-otp's middleware
        ):
            return redirect(f"{reverse('accounts:login')}?next={request.get_full_path()}")
        return view(request, *args, **kwargs)

    return wrapper


def official_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The officers' pages (/petugas/): an official with the second factor done. A signed-in
    citizen gets the same 404 as for a record that is not theirs."""

    @wraps(view)
    @verified_required
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not (isinstance(request.user, User) and request.user.is_official):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def official_user(request: HttpRequest) -> User:
    """The signed-in official of a view behind ``official_required``."""
    user = request.user
    assert isinstance(user, User)  # noqa: S101 -- official_required guarantees it
    return user


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("home:index")


def _pending_user(request: HttpRequest) -> User | None:
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None
    return User.objects.filter(pk=pending["user"], is_active=True).first()


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        user = authenticate(request, username=username, password=form.cleaned_data["password"])
        if getattr(request, "axes_locked_out", False):
            audit.record(AuditEvent.Kind.LOGIN_LOCKED, request=request, username=username)
            return render(request, "accounts/locked.html", status=429)
        if not isinstance(user, User):
            audit.record(AuditEvent.Kind.LOGIN_FAILED, request=request, username=username)
            form.add_error(None, _("Nama pengguna atau kata sandi salah."))
        elif user.is_official:
            request.session[PENDING_KEY] = {"user": user.pk, "at": time.time(), "tries": 0}
            step = "accounts:otp" if services.totp_device_confirmed(user) else "accounts:otp_enroll"
            return redirect(f"{reverse(step)}?next={_safe_next(request)}")
        else:
            login(request, user, backend=_BACKEND)
            audit.record(AuditEvent.Kind.LOGIN_SUCCEEDED, actor=user, subject=user, request=request)
            return HttpResponseRedirect(_safe_next(request))
    return render_form(request, "accounts/login.html", {"form": form, "next": _safe_next(request)})


def _finish(request: HttpRequest, user: User, device: Any) -> HttpResponse:
    request.session.pop(PENDING_KEY, None)
    login(request, user, backend=_BACKEND)
    otp_login(request, device)
    audit.record(
        AuditEvent.Kind.LOGIN_SUCCEEDED,
        actor=user,
        subject=user,
        request=request,
        data={"otp": True},
    )
    return HttpResponseRedirect(_safe_next(request))


def _count_failure(request: HttpRequest, user: User) -> bool:
    """Records a wrong code; True when the tries are used up and the sign-in must restart."""
    audit.record(AuditEvent.Kind.TOTP_FAILED, subject=user, request=request, username=user.username)
    pending = request.session[PENDING_KEY]
    pending["tries"] += 1
    request.session[PENDING_KEY] = pending
    if pending["tries"] >= MAX_TOKEN_TRIES:
        request.session.pop(PENDING_KEY, None)
        return True
    return False


@require_http_methods(["GET", "POST"])
def otp_view(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        messages.error(request, _("Sesi masuk berakhir. Silakan masuk lagi."))
        return redirect("accounts:login")
    device = services.totp_device_confirmed(user)
    if device is None:
        return redirect("accounts:otp_enroll")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            return _finish(request, user, device)
        if _count_failure(request, user):
            messages.error(request, _("Terlalu banyak kode salah. Silakan masuk lagi."))
            return redirect("accounts:login")
        form.add_error("token", _("Kode salah atau sudah kedaluwarsa."))
    context = {"form": form, "next": _safe_next(request), "person": user}
    return render_form(request, "accounts/otp.html", context)


@require_http_methods(["GET", "POST"])
def otp_enroll_view(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        messages.error(request, _("Sesi masuk berakhir. Silakan masuk lagi."))
        return redirect("accounts:login")
    if services.totp_device_confirmed(user):
        return redirect("accounts:otp")
    device = services.totp_device_start(user=user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.totp_device_confirm(
            device=device, token=form.cleaned_data["token"], request=request
        ):
            return _finish(request, user, device)
        form.add_error("token", _("Kode salah atau sudah kedaluwarsa."))
    qr = segno.make(device.config_url, error="m")
    context = {
        "form": form,
        "next": _safe_next(request),
        "person": user,
        "qr_data_uri": qr.svg_data_uri(scale=4),
        "secret": services.totp_secret_b32(device),
    }
    return render(request, "accounts/otp_enroll.html", context, status=400 if form.errors else 200)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    if isinstance(user, User):
        audit.record(AuditEvent.Kind.LOGOUT, actor=user, subject=user, request=request)
    logout(request)
    return redirect("home:index")


@verified_required
def me_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 -- verified_required guarantees it
    posts = user.posts.active().select_related("unit").prefetch_related("areas", "unit__areas")
    scope = access.scope_of(user)
    context = {
        "person": user,
        "posts": posts,
        "scope": scope,
        # the areas by name, as a person knows them ("Bontang Baru, Bontang Utara, …")
        "areas": Area.objects.filter(code__in=scope.codes).order_by("code"),
    }
    return render(request, "accounts/me.html", context)


@verified_required
def person_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = access.get_person_for_user(request, pk)
    posts = person.posts.active().select_related("unit").prefetch_related("areas")
    return render(request, "accounts/person.html", {"person": person, "posts": posts})
