"""Browser fixtures: every page opened here fails its test if it reaches beyond localhost
or logs an uncaught error."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]"}

PLAN_AS_ON_A_FAST_CONNECTION = """
{
  const byType = Performance.prototype.getEntriesByType;
  Performance.prototype.getEntriesByType = function (type) {
    return type === "navigation" || type === "resource" ? [] : byType.call(this, type);
  };
}
"""
"""An init script for every e2e page: its plan is the one for a connection that is not dear.

connection.js judges the connection by how fast the page's own responses arrived. From this
localhost server that timing measures the host's CPU at the moment, not a network: on a loaded
CI host it read below ``DEAR_BELOW_MBPS``, Python waited for a touch and the tests waiting for a
live calculator failed. With no response timings to judge, the plan is "not dear", unless a test
emulates Save-Data (which still makes it dear). The measured plan is unit-tested
(tests/js/connection.test.mjs) and measured on a shaped network by the phone benchmark.
"""


@dataclass
class Watch:
    """What a browser context did that a test must not ignore."""

    external: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def count(self, suffix: str) -> int:
        return sum(1 for url in self.requests if urlparse(url).path.endswith(suffix))


def leaves_localhost(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme not in ("data", "blob") and (parsed.hostname or "") not in LOCAL_HOSTS


def guard(context: Any, watch: Watch, *, abort: bool = True) -> None:
    """Abort (or, with ``abort=False``, only record) any request that would leave localhost; record page errors."""

    def route(route: Any) -> None:
        url = route.request.url
        if leaves_localhost(url):
            watch.external.append(url)
            route.abort()
        else:
            route.fallback()

    def seen(request: Any) -> None:
        watch.requests.append(request.url)
        if not abort and leaves_localhost(request.url):
            watch.external.append(request.url)

    if abort:
        context.route("**/*", route)
    context.on("request", seen)

    def on_page(page: Any) -> None:
        page.on("pageerror", lambda exc: watch.errors.append(f"pageerror: {exc}"))
        page.on(
            "console",
            lambda msg: watch.errors.append(f"console.{msg.type}: {msg.text}") if msg.type == "error" else None,
        )

    context.on("page", on_page)


@pytest.fixture(scope="module")
def open_context(chromium: Any) -> Iterator[Callable[..., tuple[Any, Watch]]]:
    """Make guarded browser contexts; each is checked for stray requests when the module ends."""
    made: list[tuple[Any, Watch]] = []

    def make(**options: Any) -> tuple[Any, Watch]:
        # The guide registers a service worker. Playwright bypasses service workers in a context
        # with routes, and routes are how requests are guarded and faults injected here: only the
        # tests of the service worker allow it, and their requests leaving localhost are recorded
        # (the module then fails) instead of aborted.
        options.setdefault("service_workers", "block")
        context = chromium.new_context(**options)
        context.add_init_script(PLAN_AS_ON_A_FAST_CONNECTION)
        watch = Watch()
        guard(context, watch, abort=options["service_workers"] != "allow")
        made.append((context, watch))
        return context, watch

    yield make
    for context, watch in made:
        context.close()
        assert not watch.external, f"requests left localhost: {watch.external}"
