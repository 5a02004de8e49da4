"""Whether a page must read its data again before it is shown.

A page that read everything again each time it was shown made every switch cost its queries
(the home page 0.4 s on a large village, issue 18).  A page shown again reads anew only when what
it shows may have changed since its last reading: something was written (through this window or
by another program: ``Store.data_stamp``), the day turned (overdue and due lines move), or what
the page names besides (``also``: the home page's newest backup file) differs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from villagedesk import clock
from villagedesk.store import Store


class Freshness:
    """The state a page last read its data in; ``stale()`` once anything it depends on changed."""

    def __init__(self, store: Store, also: Callable[[], Any] | None = None):
        self.store = store
        self._also = also
        self._seen: tuple | None = None  # never read yet: stale

    def _now(self) -> tuple:
        return self.store.data_stamp(), clock.today(), self._also() if self._also is not None else None

    def stale(self) -> bool:
        return not self.store.closed and self._now() != self._seen

    def reading(self) -> None:
        """Called as a page starts to read: a change made while it reads shows at the next showing."""
        if not self.store.closed:
            self._seen = self._now()

    def forget(self) -> None:
        """The next showing reads again, whatever changed (a page whose reading was cut short)."""
        self._seen = None
