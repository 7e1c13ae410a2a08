"""The demo network's embedding: a score with named gaps to close (no wellbeing-plan link
yet, budget held by a project), a communication log, a score history and a handover note."""


def seed() -> None:
    pass
