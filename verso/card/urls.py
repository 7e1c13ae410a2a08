app_name = "card"
urlpatterns: list = []
