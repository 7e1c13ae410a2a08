"""Paths of the ideas pages for the browser tests, from a fresh world."""

from verso.ideas.tests import factories


def call_public(world, prefix: str) -> str:
    return f"{prefix}/i/{factories.world_call(world).code}/"


def follow(world, prefix: str) -> str:
    idea = factories.world_idea(world)
    from verso.ideas import services

    services.idea_triage(
        actor=world.coordinator,
        idea=idea,
        status="not_now",
        reason="Kirjaston piha on kesällä remontissa. Palataan tähän syksyllä.",
    )
    return f"{prefix}/ideas/follow/{factories.world_follow_token(world)}/?new=1"


def network(world, suffix: str) -> str:
    return f"/en/networks/{world.network.pk}/{suffix}"


def idea(world, suffix: str) -> str:
    factories.world_comment(world)
    return f"/en/networks/{world.network.pk}/ideas/{factories.world_idea(world).pk}/{suffix}"


def comment_hide(world) -> str:
    comment = factories.world_comment(world)
    return idea(world, f"comments/{comment.pk}/hide/")


def call(world, suffix: str) -> str:
    return f"/en/networks/{world.network.pk}/idea-calls/{factories.world_call(world).pk}/{suffix}"
