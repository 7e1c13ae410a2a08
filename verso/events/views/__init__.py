from verso.events.views.organiser import *  # noqa: F403
from verso.events.views.public import *  # noqa: F403
