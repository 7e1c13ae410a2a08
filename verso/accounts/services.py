from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_otp import verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from verso.accounts.language import known_language
from verso.accounts.models import ApiToken, User
from verso.core.audit import audit_record


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Make a token and return it with its key; the key is never stored or shown again."""
    key = ApiToken.generate_key()
    token = ApiToken.objects.create(
        user=user, name=name[:100], prefix=key[4:12], digest=ApiToken.hash_key(key)
    )
    audit_record(actor=user, action="api_token.create", target=token, summary=token.name)
    return token, key


def api_token_authenticate(key: str) -> User | None:
    if not key or len(key) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=ApiToken.hash_key(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


@transaction.atomic
def api_token_revoke(*, user: User, token: ApiToken) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(actor=user, action="api_token.revoke", target=token, summary=token.name)


# Two-factor authentication ------------------------------------------------------------------


@transaction.atomic
def totp_device_start(*, user: User) -> TOTPDevice:
    """The user's unconfirmed authenticator device, made with a new secret when missing.

    Reloading the setup page shows the same secret, so a code from an app that already
    scanned it still works."""
    device = (
        TOTPDevice.objects.devices_for_user(user, confirmed=False)
        .select_for_update()
        .order_by("pk")
        .first()
    )
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, user: User, device: TOTPDevice, token: str) -> bool:
    """Turn 2FA on with the first code from the app; False when the code is wrong."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user, confirmed=False)
    if not device.verify_token(token):
        audit_record(actor=user, action="otp.setup_failed", target=device)
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    audit_record(actor=user, action="otp.setup", target=device)
    account_change_notify(user=user, change="otp")
    return True


def otp_verify(*, user: User, device: TOTPDevice, token: str) -> bool:
    """Check a code against the user's confirmed device, with django-otp's throttling."""
    verified = verify_token(user, device.persistent_id, token)
    with transaction.atomic():
        action = "otp.verify" if verified is not None else "otp.verify_failed"
        audit_record(actor=user, action=action, target=device)
    return verified is not None


# Password and e-mail address ----------------------------------------------------------------


@transaction.atomic
def user_password_changed(*, user: User, how: str) -> None:
    """Record a password set by the user (``how``: "change" or "reset") and tell them."""
    audit_record(actor=user, action=f"auth.password_{how}", target=user)
    account_change_notify(user=user, change="password")


@transaction.atomic
def user_email_change(*, user: User, email: str) -> User:
    """Change the login address; the caller has checked the password again."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        raise ValidationError(
            {"email": _("This address is already used by another account.")}, code="taken"
        )
    old = user.email
    if old == email:
        return user
    user.email = email
    user.save(update_fields=["email"])
    audit_record(
        actor=user,
        action="account.email_change",
        target=user,
        changes={"email": [old, email]},
    )
    account_change_notify(user=user, change="email", to=old, new_email=email)
    return user


@transaction.atomic
def user_language_set(*, user: User, language: str) -> User:
    """Choose the language of the user's pages after signing in and of their mails."""
    language = known_language(language)
    if not language:
        raise ValidationError({"language": _("Choose one of the languages.")}, code="invalid")
    old = user.language
    if old == language:
        return user
    user.language = language
    user.save(update_fields=["language"])
    audit_record(
        actor=user,
        action="account.language",
        target=user,
        changes={"language": [old, language]},
    )
    return user


def account_change_notify(*, user: User, change: str, to: str = "", **context) -> None:
    """After the transaction, tell the account's owner that its login details changed
    (``to`` overrides the address: the old one, when the address itself changed), in the
    user's language."""
    recipient = to or user.email
    context = {"change": change, **context}

    def send() -> None:
        with translation.override(known_language(user.language) or None):
            subject = render_to_string("accounts/email/account_changed_subject.txt", context)
            body = render_to_string("accounts/email/account_changed.txt", context)
        send_mail(" ".join(subject.split()), body, None, [recipient], fail_silently=True)

    transaction.on_commit(send)
