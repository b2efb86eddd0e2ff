"""Writes of messaging: the outbox (enqueue once, deliver with retries and backoff) and the chat
channels (store an inbound event once, run it through the conversation, record receipts)."""

from __future__ import annotations

import hashlib
import importlib
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from types import ModuleType

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from sinergi.messaging.chat import (
    SILENT,
    Inbound,
    OutsideWindowError,
    ProviderError,
    ProviderRefusedError,
    Reply,
    contact_ref,
    msisdn,
)
from sinergi.messaging.models import ChatContact, ChatLine, Conversation, InboundEvent, Outbox
from sinergi.messaging.sms.payloads import to_inbound as sms_inbound
from sinergi.messaging.telegram.payloads import to_inbound as tg_inbound
from sinergi.messaging.whatsapp.payloads import to_inbound as wa_inbound
from sinergi.platform.lease import enqueue_once

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
BACKOFF_MINUTES = (1, 5, 15, 60, 240)
# what a delivery attempt changes, and nothing else of the row
DELIVERY_FIELDS = [
    "attempts",
    "status",
    "sent_at",
    "next_attempt_at",
    "last_error",
    "provider_id",
    "error_code",
    "held",
    "data",
    "receipt",
]


def outbox_add(messages: list[Outbox]) -> int:
    """Writes messages (a key already in the outbox is skipped: idempotent) and asks the worker
    to deliver what is due once the surrounding transaction commits. Returns how many were new."""
    messages = [m for m in messages if m.to]
    if not messages:
        return 0
    now = timezone.now()
    for message in messages:
        message.key = message.key[:120]
        # a subject is one header line: a line break in it would make SMTP refuse the message
        # on every try
        message.subject = " ".join(message.subject.split())[:200]
        message.next_attempt_at = message.next_attempt_at or now
    keys = [m.key for m in messages]
    before = Outbox.objects.filter(key__in=keys).count()
    Outbox.objects.bulk_create(messages, ignore_conflicts=True, batch_size=1000)
    added = Outbox.objects.filter(key__in=keys).count() - before
    if added:
        _wake_worker()
    return added


def outbox_enqueue(*, channel: str, to: str, subject: str, body: str, key: str) -> Outbox | None:
    """One message; the same key twice leaves one row."""
    if not to:
        return None
    outbox_add([Outbox(channel=channel, to=to[:254], subject=subject[:200], body=body, key=key)])
    return Outbox.objects.filter(key=key[:120]).first()


def _send(message: Outbox, mailer: BaseEmailBackend) -> None:
    if message.channel == Outbox.Channel.EMAIL:
        # One Message-ID per outbox row: if a worker dies between the SMTP server's "queued" and
        # marking the row sent, the retry is the same message, which mail systems show once.
        digest = hashlib.sha256(message.key.encode()).hexdigest()[:32]
        email = EmailMessage(
            message.subject,
            message.body,
            settings.DEFAULT_FROM_EMAIL,
            [message.to],
            headers={"Message-ID": f"<{digest}@outbox.sinergi>"},
        )
        mailer.open()  # stays open for the sweep's next e-mail (a no-op when it is)
        mailer.send_messages([email])
        return
    from sinergi.messaging.sms import transport as sms  # noqa: PLC0415 -- transports import us
    from sinergi.messaging.telegram import transport as telegram  # noqa: PLC0415 -- see above
    from sinergi.messaging.whatsapp import transport as whatsapp  # noqa: PLC0415 -- see above

    transports: dict[str, Callable[[Outbox, ChatContact], str]] = {
        Outbox.Channel.WHATSAPP: whatsapp.send,
        Outbox.Channel.TELEGRAM: telegram.send,
        Outbox.Channel.SMS: sms.send,
    }
    if message.channel not in transports:
        raise ValueError(f"no transport for channel {message.channel!r}")
    contact = ChatContact.objects.filter(channel=message.channel, ref=message.to).first()
    if contact is None:
        raise ValueError(f"no contact {message.to!r}")
    if contact.blocked_at is not None:  # remembered from my_chat_member or an earlier 403
        raise ProviderRefusedError("the person blocked the bot", code=telegram.BLOCKED)
    try:
        message.provider_id = transports[message.channel](message, contact)[:160]
    except ProviderRefusedError as exc:
        if exc.code == telegram.BLOCKED:
            ChatContact.objects.filter(pk=contact.pk).update(blocked_at=timezone.now())
        raise


def outbox_deliver(*, message_id: int, now: datetime | None = None) -> Outbox | None:
    """Sends one due message; safe to run twice (a sent message is never sent again). A message
    another worker is sending right now is left to it (None), not waited for."""
    mailer = mailers.default  # dials only for an e-mail
    try:
        return _deliver_first(
            Outbox.objects.filter(pk=message_id), now=now or timezone.now(), mailer=mailer
        )
    finally:
        _hang_up(mailer)


def outbox_deliver_due(*, now: datetime | None = None, limit: int = 500) -> int:
    """Sends the messages whose time has come, oldest first, at most `limit` (after each new
    batch, and the scheduled retry sweep); returns how many were sent. Each step takes the next
    message no other worker holds, so two workers sweeping at once share the work and the
    sweep's e-mails share one SMTP connection. A full sweep queues the next one."""
    now = now or timezone.now()
    due = Outbox.objects.order_by("next_attempt_at", "pk")
    taken = sent = 0
    mailer = mailers.default
    try:
        while taken < limit:
            message = _deliver_first(due, now=now, mailer=mailer)
            if message is None:
                break
            taken += 1
            sent += int(message.status == Outbox.Status.SENT)
            if message.data.get("rate_limited"):
                # the provider said "slow down": the rest of the sweep leaves it alone
                due = due.exclude(channel=message.channel)
    finally:
        _hang_up(mailer)
    if taken == limit:
        from sinergi.messaging.tasks import deliver_due_task  # noqa: PLC0415 -- tasks import us

        enqueue_once(deliver_due_task)
    return sent


def _deliver_first(
    candidates: QuerySet[Outbox], *, now: datetime, mailer: BaseEmailBackend
) -> Outbox | None:
    """Sends the first due message of `candidates` that no other worker holds, under its row
    lock: the lock and the new state are one transaction, so a message is sent once."""
    with transaction.atomic():
        message = (
            candidates.select_for_update(skip_locked=True)
            .filter(status=Outbox.Status.PENDING, next_attempt_at__lte=now)
            .first()
        )
        if message is None:
            return None
        message.attempts += 1
        message.data.pop("rate_limited", None)
        try:
            _send(message, mailer)
        except OutsideWindowError as exc:
            _outside_window(message, exc, now=now)
        except ProviderRefusedError as exc:  # this message can never go as it is: stop at once
            _refused(message, exc)
        except Exception as exc:  # any other failure is retried, then shown to admins
            _hang_up(mailer)  # the sweep's next e-mail dials again
            _retry_later(message, exc, now=now)
        else:
            message.status = Outbox.Status.SENT
            message.sent_at = now
            message.next_attempt_at = None
        message.save(update_fields=DELIVERY_FIELDS)
    return message


def _retry_later(message: Outbox, exc: Exception, *, now: datetime) -> None:
    """Backoff (1, 5, 15, 60, 240 minutes), never sooner than the provider's Retry-After."""
    message.last_error = f"{type(exc).__name__}: {exc}"[:500]
    if message.attempts >= MAX_ATTEMPTS:
        message.status = Outbox.Status.FAILED
        message.next_attempt_at = None
        return
    wait = timedelta(minutes=BACKOFF_MINUTES[min(message.attempts - 1, len(BACKOFF_MINUTES) - 1)])
    if isinstance(exc, ProviderError):
        if exc.retry_after is not None:
            wait = max(wait, timedelta(seconds=exc.retry_after))
        if exc.rate_limited:
            message.data["rate_limited"] = True
    message.next_attempt_at = now + wait


def _refused(message: Outbox, exc: ProviderRefusedError) -> None:
    message.status = Outbox.Status.FAILED
    message.next_attempt_at = None
    message.error_code = exc.code[:40]
    message.last_error = f"{type(exc).__name__}: {exc}"[:500]


def _outside_window(message: Outbox, exc: OutsideWindowError, *, now: datetime) -> None:
    """WhatsApp 131047: a case update goes again at once as the approved template; a message
    that has no template (a conversation's answer) cannot go at all."""
    if message.data.get("template") and not message.data.get("force_template"):
        message.data["force_template"] = True
        message.last_error = f"{type(exc).__name__}: {exc}"[:500]
        message.next_attempt_at = now
        message.attempts -= 1  # the template is a new message, not a second try of this one
        return
    _refused(message, exc)


def _hang_up(mailer: BaseEmailBackend) -> None:
    try:
        mailer.close()
    except Exception:  # a connection that failed already is closed all the same
        log.info("mail connection closed with an error", exc_info=True)


# --- chat channels ------------------------------------------------------------------------------


def inbound_store(*, channel: str, external_id: str, payload: object) -> InboundEvent | None:
    """Keeps the raw event once and asks the worker to process it; a redelivery (same provider
    id) writes nothing and returns None."""
    from sinergi.messaging.tasks import inbound_process_task  # noqa: PLC0415 -- tasks import us

    try:
        with transaction.atomic():
            event = InboundEvent.objects.create(
                channel=channel, external_id=external_id[:160], payload=payload
            )
            # The task queue lives in the same database: enqueuing inside the transaction
            # commits event and task together (one commit, the webhook's main cost), and a
            # rolled-back event leaves no task behind.
            inbound_process_task.enqueue(event_id=event.pk)
    except IntegrityError:
        log.info("%s %s: already received", channel, external_id[:60])
        return None
    return event


RECEIPTS = {
    "sent": Outbox.Receipt.SENT,
    "failed": Outbox.Receipt.FAILED,
    "delivered": Outbox.Receipt.DELIVERED,
    "read": Outbox.Receipt.READ,
}


def receipt_record(*, provider_id: str, status: str, error: str = "", code: str = "") -> int:
    """A provider's receipt for a message we sent. They come out of order: only a higher state
    is written, so "delivered" after "read" changes nothing. A failure keeps the provider's
    code; WhatsApp's 131047 (outside the 24-hour window) sends a case update again at once as
    the approved template. Returns rows changed."""
    receipt = RECEIPTS.get(status)
    if receipt is None or not provider_id:
        log.info("receipt %r for %s ignored", status, provider_id[:60])
        return 0
    if receipt == Outbox.Receipt.FAILED and code == str(OUTSIDE_WINDOW):
        requeued = _as_template(provider_id, error=error)
        if requeued:
            return requeued
    changes: dict[str, object] = {"receipt": receipt}
    if receipt == Outbox.Receipt.FAILED:
        changes["last_error"] = f"provider: {error}"[:500]
        changes["error_code"] = code[:40]
    return Outbox.objects.filter(provider_id=provider_id, receipt__lt=receipt).update(**changes)


OUTSIDE_WINDOW = 131047


@transaction.atomic
def _as_template(provider_id: str, *, error: str) -> int:
    message = (
        Outbox.objects.select_for_update()
        .filter(
            provider_id=provider_id, status=Outbox.Status.SENT, receipt__lt=Outbox.Receipt.DELIVERED
        )
        .first()
    )
    if message is None or not message.data.get("template") or message.data.get("force_template"):
        return 0
    message.data["force_template"] = True
    message.status = Outbox.Status.PENDING
    message.receipt = Outbox.Receipt.NONE
    message.next_attempt_at = timezone.now()
    message.last_error = f"provider: {error}"[:500]
    message.save(update_fields=["data", "status", "receipt", "next_attempt_at", "last_error"])
    _wake_worker()
    return 1


def _wake_worker() -> None:
    from sinergi.messaging.tasks import deliver_due_task  # noqa: PLC0415 -- tasks import us

    transaction.on_commit(lambda: enqueue_once(deliver_due_task))


def _normalise(event: InboundEvent) -> Inbound | None:

    payload = event.payload
    if event.channel == Outbox.Channel.WHATSAPP:
        return wa_inbound(payload)
    if event.channel == Outbox.Channel.TELEGRAM:
        return tg_inbound(event.external_id.split(":", 1)[0], payload)
    if event.channel == Outbox.Channel.SMS:
        return sms_inbound(payload)
    return None


def _refs(channel: str, account: str, *senders: str) -> list[str]:
    return [contact_ref(channel, account, sender) for sender in senders if sender]


def _sender(message: Inbound) -> str:
    if message.channel == Outbox.Channel.SMS:
        # the same person as the number typed on a form (phone_contact)
        return msisdn(message.sender) or message.sender
    return message.sender


def contact_find(message: Inbound) -> ChatContact | None:
    """The sender's contact, by number first, then by WhatsApp's business-scoped user id."""
    refs = _refs(message.channel, message.account, _sender(message), message.sender_user_id)
    found = {c.ref: c for c in ChatContact.objects.filter(ref__in=refs)}
    return next((found[ref] for ref in refs if ref in found), None)


def contact_touch(message: Inbound) -> ChatContact:
    """The sender's pseudonymous contact, created on first contact. A message the person wrote
    restarts the 24-hour clock (a reaction or a system notice does not); a number or user id
    not known before is kept, to answer them."""
    sender = _sender(message)
    contact = contact_find(message)
    if contact is None:
        ref = _refs(message.channel, message.account, sender, message.sender_user_id)[0]
        contact, _ = ChatContact.objects.get_or_create(
            ref=ref,
            defaults={
                "channel": message.channel,
                "account": message.account,
                "address": sender[:64],
                "user_id": message.sender_user_id[:160],
            },
        )
    changed = []
    if sender and contact.address != sender[:64]:
        contact.address = sender[:64]
        changed.append("address")
    if message.sender_user_id and contact.user_id != message.sender_user_id[:160]:
        contact.user_id = message.sender_user_id[:160]
        changed.append("user_id")
    if message.kind not in SILENT:
        contact.last_inbound_at = timezone.now()
        changed.append("last_inbound_at")
    if changed:
        contact.save(update_fields=changed)
    return contact


def contact_move(message: Inbound) -> ChatContact | None:
    """WhatsApp says the person changed number (or user id): their contact, cases and messages
    follow them to the new one. When the new number already wrote to us, both stay as they are."""
    contact = contact_find(message)
    new_ref = next(
        iter(_refs(message.channel, message.account, message.new_sender, message.new_user_id)), ""
    )
    if contact is None or not new_ref:
        log.info("whatsapp: changed number of an unknown sender ignored")
        return None
    if new_ref != contact.ref and ChatContact.objects.filter(ref=new_ref).exists():
        log.warning("whatsapp: changed number already has its own contact; both kept")
        return contact
    old_ref = contact.ref
    contact.ref = new_ref
    contact.address = message.new_sender[:64] if message.new_sender else contact.address
    contact.user_id = message.new_user_id[:160] or contact.user_id
    contact.save(update_fields=["ref", "address", "user_id"])
    Outbox.objects.filter(channel=contact.channel, to=old_ref).update(to=new_ref)
    return contact


def contact_block(message: Inbound) -> None:
    """The person blocked (or unblocked) the Telegram bot: nothing goes to them meanwhile."""
    blocked_at = timezone.now() if message.kind == "blocked" else None
    contact = contact_find(message)
    if contact is not None:
        ChatContact.objects.filter(pk=contact.pk).update(blocked_at=blocked_at)


def held_release(contact: ChatContact) -> list[str]:
    """The person wrote back after a template: the case updates it stood for follow now, in
    their own words. Returns the provider ids of those templates."""
    held = list(
        Outbox.objects.select_for_update().filter(
            channel=contact.channel, to=contact.ref, held=True
        )
    )
    if not held:
        return []
    outbox_add(
        [
            Outbox(
                channel=m.channel,
                to=m.to,
                body=m.body,
                key=f"{m.key}:words",
                about=m.about,
                data={"case": m.data.get("case")},
            )
            for m in sorted(held, key=lambda m: m.pk)
        ]
    )
    Outbox.objects.filter(pk__in=[m.pk for m in held]).update(held=False)
    return [m.provider_id for m in held if m.provider_id]


def inbound_process(*, event_id: int) -> bool:
    """Runs one stored event through the conversation; safe to run twice (a processed event is
    skipped). A failure is kept on the event for the admins, and the task fails visibly."""
    callback = ""
    try:
        with transaction.atomic():
            event = (
                InboundEvent.objects.select_for_update()
                .filter(pk=event_id, processed_at__isnull=True)
                .first()
            )
            if event is None:
                return False
            message = _normalise(event)
            if message is not None:
                callback = message.callback_id
                _answer(message)
            event.processed_at = timezone.now()
            event.error = ""
            event.save(update_fields=["processed_at", "error"])
    except Exception as exc:
        InboundEvent.objects.filter(pk=event_id).update(error=f"{type(exc).__name__}: {exc}"[:500])
        log.exception("inbound event %s failed", event_id)
        raise
    if callback:
        _answer_callback(callback)
    return True


def conversations() -> ModuleType:
    """The guided conversation that files what people write (CHAT_CONVERSATION: it lives with
    the cases it files, so the outbox and the channels import no domain app)."""
    return importlib.import_module(settings.CHAT_CONVERSATION)


def _answer(message: Inbound) -> None:
    """What each kind of message gets (chat.KINDS): the silent kinds change the contact and
    answer nothing; the others go through the conversation."""
    conversation = conversations()

    if message.kind in {"blocked", "unblocked"}:
        contact_block(message)
        return
    if message.kind == "moved":
        contact_move(message)
        return
    contact = contact_touch(message)
    if message.kind in SILENT:  # a reaction, a deleted message, a notice: nothing to answer
        log.info("%s %s: nothing to answer", message.channel, message.kind)
        return
    released = held_release(contact)
    if released and (message.reply_to in released or conversation.is_small_talk(message)):
        return  # "ok" to the template: the update itself is the answer
    talk, _ = Conversation.objects.get_or_create(contact=contact)
    talk = Conversation.objects.select_for_update().get(pk=talk.pk)
    line = (
        ChatLine.objects.select_related("unit")
        .filter(channel=message.channel, account=message.account)
        .first()
    )
    replies = conversation.handle(
        conversation.Turn(contact=contact, conversation=talk, message=message, line=line)
    )
    chat_reply(contact=contact, replies=replies, about=message.external_id)


def _answer_callback(callback_id: str) -> None:
    from sinergi.messaging.telegram import transport  # noqa: PLC0415 -- transports import us

    try:
        transport.answer_callback(callback_id)
    except ProviderError as exc:  # the button stops spinning by itself after a while
        log.info("answerCallbackQuery failed: %s", exc)


def chat_reply(*, contact: ChatContact, replies: list[Reply], about: str) -> int:
    """Queues the conversation's answers to one inbound message, keyed by that message, so
    processing it again queues nothing new."""
    digest = hashlib.sha256(about.encode()).hexdigest()[:40]
    return outbox_add(
        [
            Outbox(
                channel=contact.channel,
                to=contact.ref,
                body=reply.text,
                key=f"chat:{contact.channel}:{digest}:{i}",
                about=f"case:{reply.case_id}" if reply.case_id else "",
                data={
                    "choices": [
                        {"id": c.id, "title": c.title, "description": c.description}
                        for c in reply.choices
                    ],
                    "case": reply.case_id,
                },
            )
            for i, reply in enumerate(replies)
        ]
    )


def media_fetch(*, channel: str, media: str) -> bytes:
    """A photo the citizen sent, downloaded from the provider."""
    from sinergi.messaging.telegram import transport as telegram  # noqa: PLC0415 -- see above
    from sinergi.messaging.whatsapp import transport as whatsapp  # noqa: PLC0415 -- see above

    if channel == Outbox.Channel.WHATSAPP:
        return whatsapp.fetch_media(media)
    if channel == Outbox.Channel.TELEGRAM:
        return telegram.fetch_file(media)
    raise ProviderError(f"no media on {channel}")


def inbound_forget(*, now: datetime | None = None) -> int:
    """Blanks the raw payload of events processed more than CHAT_RAW_KEEP_DAYS ago: the sender's
    number leaves the database, the provider id stays for replay protection."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.CHAT_RAW_KEEP_DAYS)
    return (
        InboundEvent.objects.filter(processed_at__lt=cutoff).exclude(payload={}).update(payload={})
    )


def phone_contact(number: str) -> ChatContact | None:
    """The SMS contact of a phone number a citizen gave on a form (or an officer typed for
    them): messages to it go through the SMS gateway, and an SMS from that number is the same
    contact. None when the text cannot be a phone number."""
    address = msisdn(number)
    if address is None:
        return None
    contact, _ = ChatContact.objects.get_or_create(
        ref=contact_ref(Outbox.Channel.SMS, "", address),
        defaults={"channel": Outbox.Channel.SMS, "account": "", "address": address},
    )
    return contact
