"""The outbox as the settings configure it: the generic webhook, plus Chatwoot's API when set."""

from __future__ import annotations

from assist.config import Settings
from assist.sources.chatwoot_outbound import ChatwootApi
from assist.sources.outbox import OutboxDelivery
from assist.storage.database import Database


def outbox_for(database: Database, settings: Settings) -> OutboxDelivery:
    return OutboxDelivery(
        database,
        settings.outbound_webhook,
        settings.outbound_token,
        target=ChatwootApi.from_settings(settings, database),
    )
