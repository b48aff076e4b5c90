"""Tokens made before expiry and scope existed keep their rights for a limited time."""

from datetime import timedelta

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TransactionTestCase
from django.utils import timezone

BEFORE = ("accounts", "0001_initial")
AFTER = ("accounts", "0002_api_token_expiry_and_scope")


class TokenMigrationTests(TransactionTestCase):
    def tearDown(self) -> None:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

    def test_existing_tokens_keep_write_access_for_ninety_days(self) -> None:
        executor = MigrationExecutor(connection)
        executor.migrate([BEFORE])
        old_apps = executor.loader.project_state([BEFORE]).apps
        user = old_apps.get_model("accounts", "User").objects.create(username="skript")
        old_apps.get_model("accounts", "ApiToken").objects.create(
            user=user, name="Gammal", prefix="mrp_abcd", key_hash="b" * 64
        )

        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate([AFTER])
        new_apps = executor.loader.project_state([AFTER]).apps
        token = new_apps.get_model("accounts", "ApiToken").objects.get(name="Gammal")
        self.assertEqual(token.scope, "write")
        left = token.expires_at - timezone.now()
        self.assertGreater(left, timedelta(days=89))
        self.assertLessEqual(left, timedelta(days=90))
        self.assertEqual(
            new_apps.get_model("accounts", "ApiToken")._meta.get_field("scope").default, "read"
        )
