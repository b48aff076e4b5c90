"""Hardened defaults: security headers on every page, no-store for personal data, deploy check."""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from tests.base import BaseTestCase

TEMPLATES = Path(settings.BASE_DIR)
# Rendered to PDF by WeasyPrint, never served to a browser, so CSP does not concern them.
PDF_TEMPLATES = {
    "compiled_document.html",
    "statement_document.html",
    "compilation_document.html",
    "report_document.html",
}


def policy(response: object) -> dict[str, str]:
    header = response["Content-Security-Policy"]  # type: ignore[index]
    return {
        part.strip().split(" ", 1)[0]: part.strip().partition(" ")[2]
        for part in header.split(";")
        if part.strip()
    }


class SecurityHeaderTests(BaseTestCase):
    def test_every_page_has_a_strict_content_security_policy(self) -> None:
        for user in (None, self.editor):
            response = self.client_for(user).get("/")
            directives = policy(response)
            assert directives["default-src"] == "'self'"
            assert directives["frame-ancestors"] == "'none'"
            assert directives["object-src"] == "'none'"
            for name in ("script-src", "style-src"):
                assert "'unsafe-inline'" not in directives.get(name, directives["default-src"])
            assert response["X-Frame-Options"] == "DENY"
            assert response["X-Content-Type-Options"] == "nosniff"
            assert response["Referrer-Policy"] == "same-origin"
            assert "camera=()" in response["Permissions-Policy"]
            assert "geolocation=()" in response["Permissions-Policy"]

    def test_the_api_documentation_may_use_inline_styles_but_no_inline_script(self) -> None:
        directives = policy(self.client_for(None).get("/api/v1/docs"))
        assert "'unsafe-inline'" in directives["style-src"]
        assert "'unsafe-inline'" not in directives.get("script-src", "'self'")
        assert directives["frame-ancestors"] == "'none'"

    def test_signed_in_pages_are_not_stored_by_browsers_or_proxies(self) -> None:
        for url in ("/", reverse("accounts-memberships"), "/api/v1/me"):
            response = self.client_for(self.editor).get(url)
            assert "no-store" in response["Cache-Control"], url
        anonymous = self.client_for(None).get("/oppet/")
        assert "no-store" not in anonymous.get("Cache-Control", "")

    def test_the_one_time_token_page_is_not_stored(self) -> None:
        response = self.client_for(self.editor).post(
            reverse("accounts-token-create"), {"name": "Skript", "scope": "read", "days": 90}
        )
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]

    def test_no_template_served_to_browsers_has_inline_style_or_script(self) -> None:
        offenders = []
        for path in TEMPLATES.rglob("templates/**/*.html"):
            if path.name in PDF_TEMPLATES:
                continue
            text = path.read_text(encoding="utf-8")
            if re.search(r"\sstyle=|<style|\son[a-z]+=", text):
                offenders.append(str(path))
            for tag in re.findall(r"<script[^>]*>", text):
                if "src=" not in tag:
                    offenders.append(f"{path}: {tag}")
        assert offenders == []


def test_the_deploy_check_reports_nothing_with_production_settings(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "MRPLAN_ENV": "production",
        "DEBUG": "false",
        "SECRET_KEY": "x" * 20 + "-production-secret-" + "y" * 30,
        # Production also needs the attestation key and a cache shared by the workers.
        "MRPLAN_ATTESTATION_KEY": "a" * 64,
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "ALLOWED_HOSTS": "mrplan.stad.example",
        "MRPLAN_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "mrplan.settings",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for Playwright in tests/conftest.py
    result = subprocess.run(
        [sys.executable, "-m", "mrplan", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
