"""API paths of product selection, mounted at /api/v1/selection/ (dashed names).

The namespace is "selection-api": "selection" is the namespace of the HTML pages.
"""

from django.urls import path

from odop.selection.api import views

app_name = "selection-api"
urlpatterns = [
    path("scorecards/", views.ScorecardListApi.as_view(), name="scorecard-list"),
    path(
        "scorecards/<int:scorecard_id>/",
        views.ScorecardDetailApi.as_view(),
        name="scorecard-detail",
    ),
    path(
        "scorecards/<int:scorecard_id>/derive/",
        views.ScorecardDeriveApi.as_view(),
        name="scorecard-derive",
    ),
    path(
        "scorecards/<int:scorecard_id>/weights/",
        views.ScorecardWeightsUpdateApi.as_view(),
        name="scorecard-weights-update",
    ),
    path(
        "scorecards/<int:scorecard_id>/publish/",
        views.ScorecardPublishApi.as_view(),
        name="scorecard-publish",
    ),
    path(
        "states/<int:lgd_code>/scorecard/",
        views.StateScorecardAdoptApi.as_view(),
        name="state-scorecard-adopt",
    ),
    path("candidates/", views.CandidateListCreateApi.as_view(), name="candidate-list"),
    path(
        "candidates/overdue/",
        views.CandidateOverdueListApi.as_view(),
        name="candidate-overdue-list",
    ),
    path(
        "candidates/<int:candidate_id>/",
        views.CandidateDetailApi.as_view(),
        name="candidate-detail",
    ),
    path(
        "candidates/<int:candidate_id>/transition/",
        views.CandidateTransitionApi.as_view(),
        name="candidate-transition",
    ),
    path(
        "candidates/<int:candidate_id>/committee/",
        views.CandidateCommitteeAddApi.as_view(),
        name="candidate-committee-add",
    ),
    path(
        "candidates/<int:candidate_id>/assessments/",
        views.CandidateAssessmentListApi.as_view(),
        name="candidate-assessment-list",
    ),
    path(
        "candidates/<int:candidate_id>/assessment/",
        views.CandidateAssessmentSaveApi.as_view(),
        name="candidate-assessment-save",
    ),
    path(
        "candidates/<int:candidate_id>/evidence/",
        views.CandidateEvidenceApi.as_view(),
        name="candidate-evidence",
    ),
    path(
        "candidates/<int:candidate_id>/attachments/",
        views.CandidateAttachmentAddApi.as_view(),
        name="candidate-attachment-add",
    ),
    path("dashboard/", views.DashboardApi.as_view(), name="dashboard"),
]
