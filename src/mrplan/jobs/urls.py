from django.urls import path

from mrplan.jobs import views

urlpatterns = [
    path("<uuid:job_id>/", views.job_status, name="jobs-status"),
    path("<uuid:job_id>/hamta/", views.job_download, name="jobs-download"),
]
