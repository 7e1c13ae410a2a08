from django.urls import path

from verso.card.views import admin, public, staff

app_name = "card"
urlpatterns = [
    # public
    path("card/offerings/", public.offering_list, name="offerings"),
    path("card/offerings/<int:offering_id>/", public.offering_detail, name="offering"),
    path("card/h/<str:token>/", public.holder, name="holder"),
    path("card/h/<str:token>/card.pdf", public.holder_pdf, name="holder_pdf"),
    # the scheme's administration
    path("card/", admin.home, name="home"),
    path("card/schemes/new/", admin.scheme_create, name="scheme_create"),
    path("card/schemes/<int:scheme_id>/", admin.scheme_detail, name="scheme"),
    path("card/schemes/<int:scheme_id>/edit/", admin.scheme_edit, name="scheme_edit"),
    path("card/schemes/<int:scheme_id>/terms/", admin.terms_publish, name="terms"),
    path("card/schemes/<int:scheme_id>/units/add/", admin.unit_add, name="unit_add"),
    path("card/schemes/<int:scheme_id>/providers/add/", admin.provider_add, name="provider_add"),
    path("card/schemes/<int:scheme_id>/staff/add/", admin.staff_add, name="staff_add"),
    path(
        "card/schemes/<int:scheme_id>/staff/<int:staff_id>/end/",
        admin.staff_end,
        name="staff_end",
    ),
    path("card/schemes/<int:scheme_id>/statistics/", admin.statistics, name="statistics"),
    path(
        "card/schemes/<int:scheme_id>/statistics.csv",
        admin.statistics_export,
        {"fmt": "csv"},
        name="statistics_csv",
    ),
    path(
        "card/schemes/<int:scheme_id>/statistics.xlsx",
        admin.statistics_export,
        {"fmt": "xlsx"},
        name="statistics_xlsx",
    ),
    # issuers
    path("card/schemes/<int:scheme_id>/issue/", staff.issue, name="issue"),
    path("card/schemes/<int:scheme_id>/revoke/", staff.revoke, name="revoke"),
    # providers
    path("card/schemes/<int:scheme_id>/redeem/", staff.redeem, name="redeem"),
    path("card/schemes/<int:scheme_id>/uses/<int:use_id>/undo/", staff.use_undo, name="use_undo"),
    path("card/providers/<int:provider_id>/", staff.provider_detail, name="provider"),
    path("card/providers/<int:provider_id>/join/", staff.provider_join, name="provider_join"),
    path(
        "card/providers/<int:provider_id>/offerings/new/",
        staff.offering_create,
        name="offering_create",
    ),
    path("card/offerings/<int:offering_id>/edit/", staff.offering_edit, name="offering_edit"),
    path("card/providers/<int:provider_id>/tokens/", staff.token_create, name="token_create"),
    path("card/tokens/<int:token_id>/revoke/", staff.token_revoke, name="token_revoke"),
]
