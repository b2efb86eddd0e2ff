"""Writes of accounts: sign-in steps, TOTP devices, API tokens."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from sinergi.accounts import audit
from sinergi.accounts.models import ApiToken, AuditEvent, User


def totp_device_confirmed(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


@transaction.atomic
def totp_device_start(*, user: User) -> TOTPDevice:
    """The unconfirmed device an official scans on first sign-in (one at a time)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Sinergi", confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, token: str, request: HttpRequest) -> bool:
    if not device.verify_token(token):
        audit.record(AuditEvent.Kind.TOTP_FAILED, subject=device.user, request=request)
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record(
        AuditEvent.Kind.TOTP_ENROLLED, actor=device.user, subject=device.user, request=request
    )
    return True


@transaction.atomic
def api_token_create(*, user: User, name: str, by: User | None = None) -> tuple[ApiToken, str]:
    """Returns the token and its key; the key is shown once and only its hash is kept."""
    key = f"sng_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user, name=name, prefix=key[4:10], key_hash=ApiToken.hash(key)
    )
    audit.record(
        AuditEvent.Kind.TOKEN_CREATED, actor=by, subject=user, obj=token, data={"name": name}
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: User | None = None) -> ApiToken:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(AuditEvent.Kind.TOKEN_REVOKED, actor=by, subject=token.user, obj=token)
    return token


def api_token_user(key: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.hash(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    # Touch at most once a minute: a busy integration should not write on every call.
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def totp_secret_b32(device: TOTPDevice) -> str:
    """The secret as authenticator apps take it when typed in by hand."""
    import base64  # noqa: PLC0415 -- only the enrolment page needs it

    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
