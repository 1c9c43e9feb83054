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


@dataclass
class Watch:
    """What a browser context did that a test must not ignore."""

    external: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def count(self, suffix: str) -> int:
        return sum(1 for url in self.requests if urlparse(url).path.endswith(suffix))


def guard(context: Any, watch: Watch) -> None:
    """Abort and record any request that would leave localhost; record page errors."""

    def route(route: Any) -> None:
        url = route.request.url
        host = urlparse(url).hostname or ""
        if urlparse(url).scheme in ("data", "blob") or host in LOCAL_HOSTS:
            route.fallback()
        else:
            watch.external.append(url)
            route.abort()

    context.route("**/*", route)
    context.on("request", lambda request: watch.requests.append(request.url))

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
        # The guide registers a service worker; requests it answers never reach the routes that
        # guard and fault-inject here, so only the tests of offline visits allow it.
        options.setdefault("service_workers", "block")
        context = chromium.new_context(**options)
        watch = Watch()
        guard(context, watch)
        made.append((context, watch))
        return context, watch

    yield make
    for context, watch in made:
        context.close()
        assert not watch.external, f"requests left localhost: {watch.external}"
