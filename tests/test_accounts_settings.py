"""Authentication settings read from the environment (each case in a fresh process)."""

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import json
from mrplan import settings as s
print(json.dumps({name: getattr(s, name, None) for name in %r}))
"""


def settings_with(tmp_path: Path, names: list[str], **environment: str) -> dict:
    """Return the named settings as a fresh process computes them from ENVIRONMENT."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OIDC_", "MRPLAN_"))}
    env.update(MRPLAN_VAR_DIR=str(tmp_path), **environment)
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", SCRIPT % (names,)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_session_age_is_eight_hours_unless_configured(tmp_path: Path) -> None:
    assert settings_with(tmp_path, ["SESSION_COOKIE_AGE"]) == {"SESSION_COOKIE_AGE": 8 * 3600}
    configured = settings_with(tmp_path, ["SESSION_COOKIE_AGE"], MRPLAN_SESSION_AGE_HOURS="2")
    assert configured == {"SESSION_COOKIE_AGE": 2 * 3600}


def test_the_login_limit_and_cool_off_are_configurable(tmp_path: Path) -> None:
    names = ["AXES_FAILURE_LIMIT", "MRPLAN_TRUSTED_PROXIES"]
    assert settings_with(tmp_path, names) == {
        "AXES_FAILURE_LIMIT": 5,
        "MRPLAN_TRUSTED_PROXIES": 0,
    }
    configured = settings_with(
        tmp_path,
        names,
        MRPLAN_LOGIN_FAILURE_LIMIT="10",
        MRPLAN_TRUSTED_PROXIES="1",
    )
    assert configured == {"AXES_FAILURE_LIMIT": 10, "MRPLAN_TRUSTED_PROXIES": 1}


def test_sso_is_off_unless_a_client_id_is_configured(tmp_path: Path) -> None:
    names = ["MRPLAN_OIDC_ENABLED", "AUTHENTICATION_BACKENDS"]
    off = settings_with(tmp_path, names)
    assert off["MRPLAN_OIDC_ENABLED"] is False
    assert "mrplan.accounts.oidc.OIDCBackend" not in off["AUTHENTICATION_BACKENDS"]
    on = settings_with(
        tmp_path,
        names + ["MRPLAN_OIDC_USER_CLAIM", "OIDC_RP_CLIENT_SECRET"],
        OIDC_RP_CLIENT_ID="mrplan",
        OIDC_RP_CLIENT_SECRET_FILE=str(_secret(tmp_path)),
        OIDC_OP_ISSUER="https://idp.example",
        OIDC_OP_AUTHORIZATION_ENDPOINT="https://idp.example/authorize",
        OIDC_OP_TOKEN_ENDPOINT="https://idp.example/token",
        OIDC_OP_JWKS_ENDPOINT="https://idp.example/jwks",
    )
    assert on["MRPLAN_OIDC_ENABLED"] is True
    assert on["AUTHENTICATION_BACKENDS"][-1] == "mrplan.accounts.oidc.OIDCBackend"
    assert on["MRPLAN_OIDC_USER_CLAIM"] == "sub"
    assert on["OIDC_RP_CLIENT_SECRET"] == "hemlis"


def _secret(tmp_path: Path) -> Path:
    path = tmp_path / "oidc-secret"
    path.write_text("hemlis\n", encoding="utf-8")
    return path


def test_a_half_configured_sso_refuses_to_start(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OIDC_", "MRPLAN_"))}
    env.update(MRPLAN_VAR_DIR=str(tmp_path), OIDC_RP_CLIENT_ID="mrplan")
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import mrplan.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "OIDC_OP_TOKEN_ENDPOINT" in result.stderr
