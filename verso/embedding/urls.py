app_name = "embedding"
urlpatterns: list = []
