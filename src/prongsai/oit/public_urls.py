from django.urls import path

from prongsai.oit import public_views

app_name = "oit_public"
urlpatterns = [
    path("", public_views.documents, name="documents"),
    path("d/<slug:key>/", public_views.document, name="document"),
    path("d/<slug:key>/pdf/", public_views.document_pdf, name="document_pdf"),
    path("d/<slug:key>/file/<slug:ext>/", public_views.document_file, name="document_file"),
    path("feed.json", public_views.feed, name="feed"),
    path("embed/", public_views.embed, name="embed"),
]
