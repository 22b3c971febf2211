from django.contrib.auth import views as auth_views
from django.urls import path

from odop.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Sign-up and recovery (issue 12).
    path("signup/", views.signup_view, name="signup"),
    path("signup/sent/", views.signup_sent_view, name="signup-sent"),
    path("verify/resend/", views.verify_resend_view, name="verify-resend"),
    path("verify/<str:token>/", views.verify_view, name="verify"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password-reset-done"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "password-reset/done/",
        views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
]
