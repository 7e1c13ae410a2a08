"""Ideas test data, made through the services. The harness files (access matrix, bad
input, form fuzzing, browser) use these too: one call, idea and comment per world."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from verso.ideas import services
from verso.ideas.models import Idea, IdeaCall, IdeaComment
from verso.networks.models import Person


def image_bytes(fmt: str = "JPEG", size=(40, 30), color=(200, 120, 40), exif: bytes = b"") -> bytes:
    out = BytesIO()
    image = Image.new("RGB", size, color)
    kwargs = {"exif": exif} if exif else {}
    image.save(out, format=fmt, **kwargs)
    return out.getvalue()


def photo_upload(name: str = "photo.jpg", data: bytes | None = None) -> SimpleUploadedFile:
    content_type = "image/png" if name.endswith(".png") else "image/jpeg"
    return SimpleUploadedFile(name, data if data is not None else image_bytes(), content_type)


def make_call(world, network=None, **fields) -> IdeaCall:
    network = network or world.network
    actor = world.coordinator if network == world.network else world.outsider
    return services.idea_call_create(
        actor=actor,
        network=network,
        title=fields.pop("title", "What should we do in summer?"),
        question=fields.pop("question", "Tell us your idea."),
        **fields,
    )


def make_idea(world, call=None, **fields) -> tuple[Idea, str]:
    call = call or make_call(world)
    return services.idea_submit(
        actor=None, call=call, text=fields.pop("text", "A garden."), **fields
    )


def world_call(world) -> IdeaCall:
    if getattr(world, "_ideas_call", None) is None:
        world._ideas_call = make_call(world)
    return world._ideas_call


def world_idea(world) -> Idea:
    """The world's idea, with a photo, and the follow token of it."""
    if getattr(world, "_ideas_idea", None) is None:
        idea, token = make_idea(
            world, call=world_call(world), photo=photo_upload(), photo_alt="A red square."
        )
        world._ideas_idea, world._ideas_token = idea, token
    return world._ideas_idea


def world_follow_token(world) -> str:
    world_idea(world)
    return world._ideas_token


def world_comment(world) -> IdeaComment:
    if getattr(world, "_ideas_comment", None) is None:
        person = Person.objects.get(user=world.group)
        world._ideas_comment = services.idea_comment_add(
            actor=world.group, idea=world_idea(world), author=person, text="Good idea."
        )
    return world._ideas_comment


def foreign_idea(world) -> Idea:
    """An idea of the other network, for the object-level 404 tests."""
    call = make_call(world, network=world.other_network)
    idea, _token = make_idea(world, call=call)
    return idea
