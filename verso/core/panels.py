"""Panels other apps add to the signed-in front page, without core importing them.

An app registers, in its ``AppConfig.ready()``, a function ``(request) -> str`` that
renders its panel (an empty string for none); the front page shows them in order.
"""

from collections.abc import Callable

FrontPagePanel = Callable[..., str]
FRONT_PAGE_PANELS: list[FrontPagePanel] = []


def register_front_page_panel(fn: FrontPagePanel) -> FrontPagePanel:
    if fn not in FRONT_PAGE_PANELS:
        FRONT_PAGE_PANELS.append(fn)
    return fn
