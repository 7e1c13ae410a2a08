from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(
    form: forms.Form, error: ValidationError, field_map: dict | None = None
) -> None:
    """Put a service's ValidationError on the form, each message on the field it names."""
    field_map = field_map or {}
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            name = field_map.get(field, field)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def posted(request):
    """The POST data of a form submission (even an empty one), else None for an unbound form."""
    return request.POST if request.method == "POST" else None
