"""The one image cleaner every upload goes through (``verso.core.uploads.image_clean``):
format check, size and pixel limits, image bombs refused, re-encoded from the pixels with
EXIF, GPS and every other piece of metadata gone."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from verso.core.uploads import image_clean

LIMITS = {"max_bytes": 2 * 1024 * 1024, "max_pixels": 10_000_000, "longest_side": 1000}


def _bytes(fmt="JPEG", size=(1200, 800), mode="RGB", color=(30, 120, 60), **save) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, color).save(out, format=fmt, **save)
    return out.getvalue()


def _upload(data: bytes, name="photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def _exif_with_gps(orientation: int | None = None) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # camera maker
    exif[0x8825] = {2: (65.0, 57.0, 0.0), 1: "N"}  # GPS latitude
    if orientation:
        exif[0x0112] = orientation
    return exif.tobytes()


def test_exif_gps_icc_and_trailing_data_are_gone_and_the_image_is_scaled():
    data = _bytes(exif=_exif_with_gps(), icc_profile=b"SecretProfile" * 10) + b"TRAILING-SECRET"
    assert b"SecretCam" in data and b"SecretProfile" in data
    clean = image_clean(_upload(data), **LIMITS)
    assert (clean.suffix, clean.width, clean.height) == ("jpg", 1000, 667)
    for secret in (b"SecretCam", b"SecretProfile", b"TRAILING-SECRET", b"Exif"):
        assert secret not in clean.content
    with Image.open(io.BytesIO(clean.content)) as image:
        assert image.format == "JPEG" and not image.getexif()
        assert "icc_profile" not in image.info


def test_the_picture_is_turned_upright_by_its_exif_orientation():
    # Orientation 6: the camera was turned; the stored picture is upright, without the tag.
    data = _bytes(size=(400, 200), exif=_exif_with_gps(orientation=6))
    clean = image_clean(_upload(data), **LIMITS)
    assert (clean.width, clean.height) == (200, 400)


def test_transparency_is_kept_as_png_only_when_asked():
    data = _bytes("PNG", mode="RGBA", color=(255, 0, 0, 0))
    kept = image_clean(_upload(data, "a.png"), keep_transparency=True, **LIMITS)
    flat = image_clean(_upload(data, "a.png"), **LIMITS)
    assert kept.suffix == "png" and flat.suffix == "jpg"
    with Image.open(io.BytesIO(flat.content)) as image:
        assert image.getpixel((0, 0)) == pytest.approx((255, 255, 255), abs=2)  # on white


def test_webp_is_accepted_and_stored_as_jpeg():
    assert image_clean(_upload(_bytes("WEBP"), "a.webp"), **LIMITS).suffix == "jpg"


def _bomb() -> bytes:
    # 20000 × 20000 of one colour: a few kilobytes that would unpack to over a gigabyte.
    out = io.BytesIO()
    Image.new("1", (20000, 20000)).save(out, format="PNG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("upload", "limits", "message"),
    [
        (None, {}, "Choose an image file."),
        (_upload(b""), {}, "The file must be a JPEG, PNG or WebP image."),
        (_upload(b"<svg onload=alert(1)>"), {}, "The file must be a JPEG, PNG or WebP image."),
        (_upload(_bytes("GIF"), "a.gif"), {}, "The file must be a JPEG, PNG or WebP image."),
        (_upload(_bytes()[:200]), {}, "The file must be a JPEG, PNG or WebP image."),
        (_upload(_bytes()), {"max_bytes": 1000}, "The image is too large: at most 0 MB."),
        (_upload(_bytes()), {"max_pixels": 10_000}, "The image has too many pixels."),
        (_upload(_bomb(), "bomb.png"), {}, "The image has too many pixels."),
    ],
    ids=["none", "empty", "svg", "gif", "truncated", "too large", "too many pixels", "bomb"],
)
def test_what_is_not_an_acceptable_image_is_refused_on_the_field(upload, limits, message):
    with pytest.raises(ValidationError) as error:
        image_clean(upload, field="picture", **{**LIMITS, **limits})
    assert error.value.message_dict == {"picture": [message]}


def test_an_upload_that_lies_about_its_size_is_refused():
    upload = _upload(_bytes(size=(900, 900)))
    upload.size = 10  # what the client claimed
    with pytest.raises(ValidationError) as error:
        image_clean(upload, **{**LIMITS, "max_bytes": 1000})
    assert "too large" in str(error.value)


def test_an_app_may_word_the_refusals_itself_and_allow_other_formats():
    messages = {"not_an_image": "Not a photo.", "too_large": "At most %(mb)s MB, please."}
    with pytest.raises(ValidationError) as error:
        image_clean(_upload(b"junk"), field="photo", messages=messages, **LIMITS)
    assert error.value.message_dict == {"photo": ["Not a photo."]}
    with pytest.raises(ValidationError) as error:
        image_clean(_upload(_bytes()), messages=messages, **{**LIMITS, "max_bytes": 1000})
    assert error.value.message_dict == {"image": ["At most 0 MB, please."]}
    gif = _upload(_bytes("GIF"), "a.gif")
    assert image_clean(gif, formats=frozenset({"GIF"}), **LIMITS).suffix == "jpg"
