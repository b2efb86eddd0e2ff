"""The WhatsApp Cloud API's webhook body, shaped as its documentation shows, for the benches that
post chat messages (bench/chat.py, bench/load/client.py)."""

from __future__ import annotations

import json


def whatsapp_body(
    wamid: str, sender: str, *, phone_number_id: str, name: str, timestamp: str, **message: object
) -> bytes:
    """One message from `sender` (named `name`) to the number `phone_number_id`; `message` is the
    rest of the message item, e.g. type="text", text={"body": "Halo"}."""
    body = {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "102290129340398",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {
                                "display_phone_number": "6285100000000",
                                "phone_number_id": phone_number_id,
                            },
                            "contacts": [{"profile": {"name": name}, "wa_id": sender}],
                            "messages": [
                                {"from": sender, "id": wamid, "timestamp": timestamp, **message}
                            ],
                        },
                    }
                ],
            }
        ],
    }
    return json.dumps(body).encode()
