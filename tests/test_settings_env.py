from pathlib import Path

import pytest

from mrplan import env


def test_env_str_prefers_the_file_named_by_name_file(tmp_path: Path, monkeypatch) -> None:
    secret = tmp_path / "secret"
    secret.write_text("från-fil\n", encoding="utf-8")
    monkeypatch.setenv("SOME_SECRET", "från-miljö")
    monkeypatch.setenv("SOME_SECRET_FILE", str(secret))
    assert env.env_str("SOME_SECRET") == "från-fil"


def test_env_str_falls_back_to_the_variable_and_then_the_default(monkeypatch) -> None:
    monkeypatch.delenv("SOME_SECRET_FILE", raising=False)
    monkeypatch.setenv("SOME_SECRET", "värde")
    assert env.env_str("SOME_SECRET") == "värde"
    monkeypatch.delenv("SOME_SECRET")
    assert env.env_str("SOME_SECRET", "standard") == "standard"


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("true", True), ("On", True), ("0", False), ("no", False)]
)
def test_env_bool_reads_common_spellings(monkeypatch, raw: str, expected: bool) -> None:
    monkeypatch.setenv("FLAG", raw)
    assert env.env_bool("FLAG") is expected


def test_env_bool_and_int_and_list_use_defaults_when_unset(monkeypatch) -> None:
    for name in ("FLAG", "NUMBER", "HOSTS"):
        monkeypatch.delenv(name, raising=False)
    assert env.env_bool("FLAG", default=True) is True
    assert env.env_int("NUMBER", 7) == 7
    assert env.env_list("HOSTS", ["a"]) == ["a"]
    monkeypatch.setenv("HOSTS", "x.se, y.se ,")
    assert env.env_list("HOSTS", []) == ["x.se", "y.se"]


def test_the_dev_secret_key_is_generated_once_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "var" / "dev-secret-key"
    first = env.dev_secret_key(path)
    assert len(first) > 40
    assert env.dev_secret_key(path) == first
    assert oct(path.stat().st_mode)[-3:] == "600"


def test_the_dev_secret_key_file_is_kept_out_of_git() -> None:
    ignored = (Path(__file__).parent.parent / ".gitignore").read_text(encoding="utf-8")
    assert "var/" in ignored.splitlines()


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    environment = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "SECRET_KEY_FILE"}
    }
    environment.update(MRPLAN_ENV="production", MRPLAN_VAR_DIR=str(tmp_path))
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import mrplan.settings"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def _start_production(tmp_path: Path, **extra: str):  # type: ignore[no-untyped-def]
    import os
    import subprocess
    import sys

    removed = {"REDIS_URL", "MRPLAN_DATABASE_CACHE", "WEB_CONCURRENCY"}
    environment = {k: v for k, v in os.environ.items() if k not in removed}
    environment.update(
        MRPLAN_ENV="production",
        MRPLAN_VAR_DIR=str(tmp_path),
        SECRET_KEY="x" * 50,
        MRPLAN_ATTESTATION_KEY="a" * 64,
        **extra,
    )
    return subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import mrplan.settings as s; print(s.CACHES['default']['BACKEND'])",
        ],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_the_per_process_cache_with_several_workers(tmp_path: Path) -> None:
    result = _start_production(tmp_path)
    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr
    assert _start_production(tmp_path, WEB_CONCURRENCY="4").returncode != 0


def test_production_accepts_the_per_process_cache_with_exactly_one_worker(tmp_path: Path) -> None:
    result = _start_production(tmp_path, WEB_CONCURRENCY="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("LocMemCache")


def test_production_accepts_redis_or_the_database_cache(tmp_path: Path) -> None:
    redis = _start_production(tmp_path, REDIS_URL="redis://127.0.0.1:6379/0")
    assert redis.returncode == 0, redis.stderr
    assert redis.stdout.strip().endswith("RedisCache")
    database = _start_production(tmp_path, MRPLAN_DATABASE_CACHE="1")
    assert database.returncode == 0, database.stderr
    assert database.stdout.strip().endswith("DatabaseCache")


def test_dev_keeps_the_in_memory_cache_without_configuration(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    removed = {"REDIS_URL", "MRPLAN_DATABASE_CACHE", "WEB_CONCURRENCY", "MRPLAN_ENV"}
    environment = {k: v for k, v in os.environ.items() if k not in removed}
    environment["MRPLAN_VAR_DIR"] = str(tmp_path)
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import mrplan.settings as s; print(s.CACHES['default']['BACKEND'])",
        ],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("LocMemCache")


@pytest.mark.django_db
def test_postgresql_connections_run_without_jit() -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("JIT is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
