"""The Qt-free pipeline every front end drives: message -> intents -> drafts -> logged actions.

service = AssistService(database, intent_engine, draft_engine, agent_name="ana", listener=...)
await service.handle_message(IncomingMessage(...))
"""

from assist.service.latency import LatencyStats, percentile
from assist.service.listener import NullListener, ServiceListener
from assist.service.pipeline import AssistService

__all__ = ["AssistService", "LatencyStats", "NullListener", "ServiceListener", "percentile"]
