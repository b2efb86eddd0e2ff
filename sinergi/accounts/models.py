from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in: an official holding posts, or a citizen following their reports."""

    name = models.CharField(_("nama lengkap"), max_length=150, blank=True)
    rank = models.CharField(_("pangkat"), max_length=30, blank=True)
    phone = models.CharField(_("telepon"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        name = self.name or self.get_full_name() or self.username
        # a name typed with its rank ("Aipda Budi") is not given the rank twice
        if not self.rank or name.split(" ", 1)[0].lower() == self.rank.lower():
            return name
        return f"{self.rank} {name}"

    @cached_property
    def is_official(self) -> bool:
        """Officials (anyone with a post, and staff) must sign in with TOTP. Asked once per
        request: the user object is the request's own."""
        return self.is_staff or self.is_superuser or self.posts.exists()


class AuditEvent(models.Model):
    """Append-only record of sign-ins, denied access, views of personal data and account changes."""

    class Kind(models.TextChoices):
        LOGIN_SUCCEEDED = "login_succeeded", _("Masuk berhasil")
        LOGIN_FAILED = "login_failed", _("Masuk gagal")
        LOGIN_LOCKED = "login_locked", _("Akun dikunci sementara")
        TOTP_FAILED = "totp_failed", _("Kode TOTP salah")
        TOTP_ENROLLED = "totp_enrolled", _("TOTP didaftarkan")
        LOGOUT = "logout", _("Keluar")
        ACCESS_DENIED = "access_denied", _("Akses ditolak")
        CONTACT_VIEWED = "contact_viewed", _("Data pribadi dilihat")
        POST_ASSIGNED = "post_assigned", _("Jabatan diberikan")
        POST_ENDED = "post_ended", _("Jabatan diakhiri")
        TOKEN_CREATED = "token_created", _("Token API dibuat")
        TOKEN_REVOKED = "token_revoked", _("Token API dicabut")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The account acted on (or the username tried, for failed sign-ins).
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    path = models.CharField(max_length=300, blank=True)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    data = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["kind", "at"], name="audit_kind_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind}"


class ApiToken(models.Model):
    """A bearer token for an integration; only its hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=80)
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode("utf-8")).hexdigest()
