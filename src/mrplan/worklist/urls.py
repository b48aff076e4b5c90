from django.urls import path

from mrplan.worklist import views

urlpatterns = [path("", views.my_tasks, name="worklist-my-tasks")]
