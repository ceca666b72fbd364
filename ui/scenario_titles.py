"""Scenario titles in the user's language.

The simulator names scenarios in English; this table gives each known scenario a
translatable title (lupdate reads the QT_TRANSLATE_NOOP strings). A scenario not in
the table shows its own English title.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from simulator.scenarios import Scenario

TITLES: dict[str, object] = {
    "producer-consumer": QT_TRANSLATE_NOOP("Scenario", "Producer and consumer with generators (the seed's program)"),
    "producer-consumer-threads": QT_TRANSLATE_NOOP("Scenario", "Producer and consumer as two OS threads with a lock"),
    "fetch-hosts": QT_TRANSLATE_NOOP("Scenario", "asyncio: fetch pages from four hosts at once"),
    "say-after": QT_TRANSLATE_NOOP("Scenario", "asyncio: say_after, hello and world with timers"),
    "blocking-call": QT_TRANSLATE_NOOP("Scenario", "The mistake: a blocking call inside a coroutine"),
}


def scenario_title(scenario: Scenario) -> str:
    """The scenario's title, translated when we know it."""
    source = TITLES.get(scenario.name)
    return QCoreApplication.translate("Scenario", str(source)) if source else scenario.title
