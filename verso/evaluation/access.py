"""The only way views and the API fetch feedback links and evaluations: through the
network (``access_network_for``), so an id of another network answers 404. The public
answer form finds its link by the short code (or a personal link's token)."""

from django.http import Http404

from verso.evaluation.models import Evaluation, FeedbackLink, FeedbackToken
from verso.networks.access import Need, NetworkAccess, access_network_for, refused

LINK = "evaluation.feedbacklink"
EVALUATION = "evaluation.evaluation"


def _pk(value) -> int:
    pk = int(value)
    if not 0 < pk < 2**63:
        raise ValueError
    return pk


def access_link_for(user, network_id, link_id, need: Need) -> tuple[NetworkAccess, FeedbackLink]:
    access = access_network_for(user, network_id, need)
    try:
        link = FeedbackLink.objects.select_related("activity", "meeting").get(
            pk=_pk(link_id), network=access.network
        )
    except (FeedbackLink.DoesNotExist, TypeError, ValueError, OverflowError):
        raise refused(user, Http404, LINK, link_id) from None
    return access, link


def access_evaluation_for(
    user, network_id, evaluation_id, need: Need
) -> tuple[NetworkAccess, Evaluation]:
    access = access_network_for(user, network_id, need)
    try:
        evaluation = Evaluation.objects.select_related(
            "activity", "meeting", "action_item", "created_by"
        ).get(pk=_pk(evaluation_id), network=access.network)
    except (Evaluation.DoesNotExist, TypeError, ValueError, OverflowError):
        raise refused(user, Http404, EVALUATION, evaluation_id) from None
    return access, evaluation


def public_link(code) -> FeedbackLink:
    if not isinstance(code, str) or not 4 <= len(code) <= 16:
        raise Http404
    link = FeedbackLink.objects.select_related("network").filter(code=code).first()
    if link is None:
        raise Http404
    return link


def public_token(code, token) -> tuple[FeedbackLink, FeedbackToken]:
    link = public_link(code)
    if not isinstance(token, str) or not 10 <= len(token) <= 32:
        raise Http404
    row = FeedbackToken.objects.filter(link=link, token=token).first()
    if row is None:
        raise Http404
    return link, row


def access_measurement_for(user, network_id, measurement_id, need: Need):
    from verso.evaluation.models import Measurement

    access = access_network_for(user, network_id, need)
    try:
        measurement = Measurement.objects.select_related("instrument").get(
            pk=_pk(measurement_id), network=access.network
        )
    except (Measurement.DoesNotExist, TypeError, ValueError, OverflowError):
        raise refused(user, Http404, "evaluation.measurement", measurement_id) from None
    return access, measurement


def public_measurement(code):
    from verso.evaluation.models import Measurement

    if not isinstance(code, str) or not 4 <= len(code) <= 16:
        raise Http404
    measurement = Measurement.objects.select_related("instrument").filter(code=code).first()
    if measurement is None:
        raise Http404
    return measurement


def instrument_by_id(instrument_id):
    from verso.evaluation.models import Instrument

    try:
        return Instrument.objects.get(pk=_pk(instrument_id))
    except (Instrument.DoesNotExist, TypeError, ValueError, OverflowError):
        raise Http404 from None


def access_questionnaire_for(user, network_id, questionnaire_id, need: Need):
    from verso.evaluation.models import Questionnaire

    access = access_network_for(user, network_id, need)
    try:
        questionnaire = Questionnaire.objects.get(pk=_pk(questionnaire_id), network=access.network)
    except (Questionnaire.DoesNotExist, TypeError, ValueError, OverflowError):
        raise refused(user, Http404, "evaluation.questionnaire", questionnaire_id) from None
    return access, questionnaire


def public_questionnaire(code):
    from verso.evaluation.models import Questionnaire

    if not isinstance(code, str) or not 4 <= len(code) <= 16:
        raise Http404
    questionnaire = Questionnaire.objects.filter(code=code, is_template=False).first()
    if questionnaire is None:
        raise Http404
    return questionnaire
