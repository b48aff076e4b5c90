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
