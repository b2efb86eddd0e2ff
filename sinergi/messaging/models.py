"""The outbox (every message Sinergi sends, written first, delivered by the task worker) and the
chat channels: the numbers and bots we answer on, the people who write to them (pseudonymous),
each person's conversation, and every inbound event exactly once."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def masked(address: str) -> str:
    """A recipient as the admin shows it: enough to tell two apart, not to contact anyone
    (a reporter's number is seen only by those handling the case, and each view is recorded)."""
    local, at, domain = address.partition("@")
    if at:
        return f"{local[:1]}•••@{domain}"
    return f"•••{address[-4:]}" if len(address) > 6 else "•••"


class Outbox(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("Surel")
        WHATSAPP = "whatsapp", _("WhatsApp")
        TELEGRAM = "telegram", _("Telegram")
        SMS = "sms", _("SMS")

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        SENT = "sent", _("Terkirim")
        FAILED = "failed", _("Gagal")

    class Receipt(models.IntegerChoices):
        # What the provider later reports about a sent chat message. Receipts arrive out of
        # order; the number only ever goes up, so the highest state reached is kept.
        NONE = 0, _("Belum ada kabar")
        SENT = 1, _("Dikirim penyedia")
        FAILED = 2, _("Gagal sampai")
        DELIVERED = 3, _("Sampai")
        READ = 4, _("Dibaca")

    channel = models.CharField(max_length=12, choices=Channel.choices)
    # An e-mail address; for chat channels the contact's pseudonymous reference (ChatContact.ref),
    # never the phone number or chat id itself.
    to = models.CharField(max_length=254)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    # Our own message id: enqueuing the same notification twice leaves one row (idempotent).
    key = models.CharField(max_length=120, unique=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    # The provider's code when it refused the message for good ("131026", "400", "blocked").
    error_code = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Chat extras: the case it belongs to, answer buttons, template parameters.
    data = models.JSONField(default=dict, blank=True)
    # The provider's id of the sent message (wamid, "<chat>:<message_id>"), so receipts and
    # citizens' replies find it.
    provider_id = models.CharField(max_length=160, blank=True, db_index=True)
    receipt = models.PositiveSmallIntegerField(choices=Receipt.choices, default=Receipt.NONE)
    # What the message is about, as the sender names it ("case:42"): the case page lists the
    # messages to its reporter that did not arrive. A plain label, so the outbox imports no app.
    about = models.CharField(max_length=40, blank=True)
    # Sent as WhatsApp's approved template instead of its own words: those follow as soon as
    # the person writes back (and so opens the 24-hour window again).
    held = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due"),
            models.Index(fields=["about"], condition=~Q(about=""), name="outbox_about"),
            models.Index(fields=["to"], condition=Q(held=True), name="outbox_held"),
        ]

    def __str__(self) -> str:
        return f"{self.channel}:{masked(self.to)} {self.status}"

    @property
    def undelivered(self) -> bool:
        return self.status == self.Status.FAILED or self.receipt == self.Receipt.FAILED

    def failure_text(self) -> str:
        """Why the message did not arrive, in words a handler understands."""
        reasons = {
            "blocked": _("Pelapor memblokir bot Telegram."),
            "131026": _("Nomor ini tidak dapat menerima pesan WhatsApp."),
            "131047": _("Lebih dari 24 jam sejak pesan terakhir pelapor."),
            "400": _("Ditolak penyedia: permintaan tidak sah."),
            "403": _("Ditolak penyedia: pelapor tidak dapat dihubungi lewat saluran ini."),
        }
        if self.error_code in reasons:
            return str(reasons[self.error_code])
        if self.error_code:
            return _("Ditolak penyedia (kode %(code)s).") % {"code": self.error_code}
        if self.status == self.Status.FAILED:
            return str(_("Gagal dikirim setelah beberapa kali dicoba."))
        return str(_("Penyedia melaporkan pesan tidak sampai."))


class ChatLine(models.Model):
    """A WhatsApp number (phone_number_id) or a Telegram bot (bot id) and the unit it serves:
    a Polres number routes its conversations to that Polres's areas first."""

    channel = models.CharField(max_length=12, choices=Outbox.Channel.choices)
    account = models.CharField(_("ID nomor / bot"), max_length=64)
    # what citizens type to reach it, shown on the public pages: "+62 811-5400-110", "@Bot"
    handle = models.CharField(_("nomor / nama bot untuk warga"), max_length=64, blank=True)
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["channel", "account"], name="chatline_unique")
        ]

    def __str__(self) -> str:
        return f"{self.channel}:{self.account}"


class ChatContact(models.Model):
    """Someone who wrote to one of our lines. Cases link to this row, never to the sender id:
    ``ref`` is a keyed hash, and ``address`` (needed to answer) is read only by the transports."""

    channel = models.CharField(max_length=12, choices=Outbox.Channel.choices)
    account = models.CharField(max_length=64, blank=True)
    ref = models.CharField(max_length=32, unique=True)
    # The number or chat id we answer to; blank for a WhatsApp username user without one.
    address = models.CharField(max_length=64, blank=True)
    # WhatsApp's business-scoped user id (BSUID): "ID.1502576394655843", up to 131 characters.
    user_id = models.CharField(max_length=160, blank=True)
    # WhatsApp allows free-form messages only within 24 hours of the person's last message.
    last_inbound_at = models.DateTimeField(null=True, blank=True)
    # The person blocked the Telegram bot: nothing is sent until they unblock it.
    blocked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.channel}:{self.ref}"


class Conversation(models.Model):
    """The guided conversation of one contact: where it stands and what it has gathered."""

    class State(models.TextChoices):
        IDLE = "idle", _("Menunggu")
        KIND = "kind", _("Memilih jenis")
        CATEGORY = "category", _("Memilih kategori")
        LOCATION = "location", _("Menentukan lokasi")
        VILLAGE = "village", _("Memilih desa")
        DESCRIPTION = "description", _("Menulis uraian")
        PHOTO = "photo", _("Mengirim foto")
        CONFIRM = "confirm", _("Konfirmasi")
        # a greeting mid-way: go on with the report, or start a new one?
        RESUME = "resume", _("Melanjutkan atau mulai baru")
        # adding a note to an open case the person already filed
        NOTE = "note", _("Menambah keterangan")

    contact = models.OneToOneField(
        ChatContact, on_delete=models.CASCADE, related_name="conversation"
    )
    state = models.CharField(max_length=12, choices=State.choices, default=State.IDLE)
    data = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.contact} {self.state}"


class InboundEvent(models.Model):
    """One message from a provider, stored raw before anything else; the unique provider id
    makes a redelivery a no-op."""

    channel = models.CharField(max_length=12, choices=Outbox.Channel.choices)
    # wamid; "<bot id>:<update_id>"; the SMS gateway's id
    external_id = models.CharField(max_length=160)
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["channel", "external_id"], name="inbound_once")
        ]

    def __str__(self) -> str:
        return f"{self.channel}:{self.external_id}"
