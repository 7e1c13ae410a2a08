"""What a network needs before it moves to a phase: a registry that later apps fill in.

The phases and the move itself belong to the networks app: every change of a network's
phase goes through ``services.network_update``, which calls ``phase_check`` here. What a
phase needs is known to the apps that hold it, so each registers, in its
``AppConfig.ready()``, a function ``(network) -> [PhaseGap, …]`` for a phase with
``register_phase_requirement``; the networks app never imports them. Today:

- plans: planning needs an idea or a recorded need; co-development a ready plan;
  implementation a ready plan whose budget is committed; evaluation an evaluation plan;
- activities and events (not built yet) register what implementation and evaluation need
  of them (an activity planned, an activity held);
- evaluation (not built yet) registers what embedding needs (results recorded).

Moving forward checks every phase passed on the way; moving back or staying needs nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from verso.networks.choices import Phase

ORDER: list[str] = list(Phase.values)


@dataclass(frozen=True)
class PhaseGap:
    """One thing missing before a phase, with where it is fixed (a URL, or "")."""

    message: str
    url: str = ""


PhaseRequirement = Callable[..., list[PhaseGap]]
_REQUIREMENTS: dict[str, list[PhaseRequirement]] = {}


def register_phase_requirement(phase: str, fn: PhaseRequirement) -> PhaseRequirement:
    if phase not in ORDER:
        raise ValueError(f"Unknown phase: {phase}")
    handlers = _REQUIREMENTS.setdefault(phase, [])
    if fn not in handlers:
        handlers.append(fn)
    return fn


def phase_next(phase: str) -> str | None:
    index = ORDER.index(phase) if phase in ORDER else -1
    return ORDER[index + 1] if 0 <= index < len(ORDER) - 1 else None


def phase_requirements(network, phase: str) -> list[PhaseGap]:
    """What ``network`` still lacks for ``phase`` itself."""
    gaps: list[PhaseGap] = []
    for fn in _REQUIREMENTS.get(phase, []):
        gaps.extend(fn(network))
    return gaps


def phase_gaps_for_move(network, current: str, target: str) -> list[PhaseGap]:
    """What is missing to move from ``current`` to ``target``: the needs of every phase
    passed on the way forward; nothing when moving back or staying."""
    if current not in ORDER or target not in ORDER:
        return []
    start, end = ORDER.index(current), ORDER.index(target)
    gaps: list[PhaseGap] = []
    for phase in ORDER[start + 1 : end + 1]:
        gaps.extend(phase_requirements(network, phase))
    return gaps


def phase_check(network, current: str, target: str) -> None:
    """Raise a ValidationError on ``phase`` naming what is missing for the move."""
    gaps = phase_gaps_for_move(network, current, target)
    if gaps:
        raise ValidationError(
            {
                "phase": _("The network cannot move to the phase %(phase)s yet: %(missing)s")
                % {
                    "phase": Phase(target).label,
                    "missing": " ".join(gap.message for gap in gaps),
                }
            }
        )
