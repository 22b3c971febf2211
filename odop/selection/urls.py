"""Pages of product selection, mounted at /selection/."""

from django.urls import path

from odop.selection import views

app_name = "selection"
urlpatterns = [
    path("", views.candidates_view, name="candidates"),
    path("candidates/new/", views.candidate_new_view, name="candidate-new"),
    path("candidates/<int:pk>/", views.candidate_view, name="candidate"),
    path("candidates/<int:pk>/move/", views.candidate_move_view, name="candidate-move"),
    path("candidates/<int:pk>/committee/", views.committee_add_view, name="committee-add"),
    path("candidates/<int:pk>/assessment/", views.assessment_view, name="assessment"),
    path("dashboard/", views.dashboard_view, name="dashboard"),
    path("scorecards/", views.scorecards_view, name="scorecards"),
    path("scorecards/<int:pk>/derive/", views.scorecard_derive_view, name="scorecard-derive"),
    path("scorecards/<int:pk>/publish/", views.scorecard_publish_view, name="scorecard-publish"),
    path("scorecards/<int:pk>/adopt/", views.scorecard_adopt_view, name="scorecard-adopt"),
]
