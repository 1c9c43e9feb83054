"""The log of rule changes comes from the facts' history, and a recent change shows next to the figures."""

from __future__ import annotations

import datetime as dt
from importlib import resources

from calculators.changes import RECENT_DAYS, changelog, recent
from calculators.engine import evaluate
from calculators.facts import get_fact, parse_facts_text

TEXT = resources.files("calculators").joinpath("data/facts.toml").read_text("utf-8")


def test_the_log_holds_the_changes_the_research_records() -> None:
    """Creator Fund's end, the Subscriptions split, the Shop fee (monetization-facts.md §1, §2, §4)."""
    log = {(e.fact.key, e.date): e for e in changelog()}
    assert ("creator_fund_rpm", "2023-12-16") in log
    assert log[("sub_share_us_ca", "2025-10-01")].values == "50% → 70%"
    assert log[("shop_referral_fee", "2024-04-01")].values == "2% → 6%"
    assert log[("live_min_age", "2022-11-23")].values == "16 → 18"
    dates = [e.date for e in changelog()]
    assert dates == sorted(dates, reverse=True), "newest first"


def test_the_value_after_a_change_is_never_written_twice() -> None:
    """The log's "after" is the fact's current value: change the fact and the log follows."""
    entry = next(e for e in changelog() if e.fact.key == "sub_share_us_ca")
    assert entry.after == get_fact("sub_share_us_ca").value
    edited = parse_facts_text(TEXT.replace("value = 70\nconfidence", "value = 75\nconfidence", 1))
    assert edited["sub_share_us_ca"].value.typical == 75
    later = next(e for e in changelog(edited.values()) if e.fact.key == "sub_share_us_ca")
    assert later.values == "50% → 75%"


def test_an_event_without_a_new_value_shows_no_values() -> None:
    entry = next(e for e in changelog() if e.fact.key == "creator_fund_rpm")
    assert entry.before is None
    assert entry.values == ""


def test_a_calculator_says_so_when_its_facts_changed_in_the_last_90_days() -> None:
    changed = dt.date(2025, 10, 1)
    within = evaluate("subscriptions", {"country": "US"}, today=changed + dt.timedelta(days=RECENT_DAYS - 1))
    assert within.result is not None
    notes = [n.text for n in within.result.notes if n.text.startswith("Changed recently")]
    assert notes == [
        "Changed recently: on 2025-10-01, Subscription: base creator share in the US and Canada (after app-store"
        " fees): In the US and Canada the base creator share of subscriptions rose to 70% after app-store fees,"
        " with a bonus of up to 20% on top; before, the global 50% base applied there too. (50% → 70%)"
        " See the What changed page."
    ]
    after = evaluate("subscriptions", {"country": "US"}, today=changed + dt.timedelta(days=RECENT_DAYS + 1))
    assert after.result is not None
    assert not [n for n in after.result.notes if n.text.startswith("Changed recently")]
    before = evaluate("subscriptions", {"country": "US"}, today=changed - dt.timedelta(days=1))
    assert before.result is not None
    assert not [n for n in before.result.notes if n.text.startswith("Changed recently")], "not before it happens"


def test_a_calculator_that_does_not_read_the_fact_says_nothing() -> None:
    result = evaluate("engagement", today=dt.date(2025, 10, 2)).result
    assert result is not None
    assert not [n for n in result.notes if n.text.startswith("Changed recently")]


def test_recent_counts_a_month_precise_change_from_its_first_day() -> None:
    assert [e.fact.key for e in recent(["shop_refund_admin_fee"], dt.date(2025, 6, 1))] == ["shop_refund_admin_fee"]
