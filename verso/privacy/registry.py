"""Where each app tells the privacy services about its own personal data.

An app registers, in its ``AppConfig.ready()``:
- an exporter: ``(person) -> {section: rows}``, every row a JSON-able dict;
- an eraser: ``(person, context) -> None``, removing or anonymising its rows;
- an erasure blocker: ``(person) -> [reason, …]``, why erasure must wait (a coming sign-up);
- a withdrawal handler per consent purpose: ``(person) -> None``, what withdrawal changes;
- a retention rule: ``(now, dry_run) -> int``, anonymising what outlived its purpose.
Later apps (ideas, events, evaluation, card) add theirs; the export and erasure test
builds a person who touches every model and fails when a model is not covered.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

Exporter = Callable[..., dict]
Eraser = Callable[..., None]
Blocker = Callable[..., list]
WithdrawalHandler = Callable[..., None]
RetentionRule = Callable[..., int]


@dataclass
class Registry:
    exporters: list[Exporter] = field(default_factory=list)
    erasers: list[Eraser] = field(default_factory=list)
    blockers: list[Blocker] = field(default_factory=list)
    withdrawal: dict[str, list[WithdrawalHandler]] = field(default_factory=dict)
    retention: dict[str, RetentionRule] = field(default_factory=dict)


registry = Registry()


def register_exporter(fn: Exporter) -> Exporter:
    if fn not in registry.exporters:
        registry.exporters.append(fn)
    return fn


def register_eraser(fn: Eraser) -> Eraser:
    if fn not in registry.erasers:
        registry.erasers.append(fn)
    return fn


def register_erasure_blocker(fn: Blocker) -> Blocker:
    if fn not in registry.blockers:
        registry.blockers.append(fn)
    return fn


def register_withdrawal_handler(purpose: str, fn: WithdrawalHandler) -> WithdrawalHandler:
    handlers = registry.withdrawal.setdefault(purpose, [])
    if fn not in handlers:
        handlers.append(fn)
    return fn


def register_retention_rule(name: str, fn: RetentionRule) -> RetentionRule:
    registry.retention[name] = fn
    return fn
