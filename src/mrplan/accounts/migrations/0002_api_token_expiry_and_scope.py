from datetime import timedelta

from django.db import migrations, models
from django.utils import timezone

# Tokens made before expiry existed keep working for this long, then must be renewed.
GRACE = timedelta(days=90)


def give_existing_tokens_an_expiry(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    ApiToken.objects.filter(expires_at__isnull=True).update(expires_at=timezone.now() + GRACE)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        # Existing tokens had full rights; they keep them (until they expire) so that
        # running integrations do not break, while new tokens default to read-only.
        migrations.AddField(
            model_name="apitoken",
            name="scope",
            field=models.CharField(
                choices=[("read", "Bara läsa"), ("write", "Läsa och ändra")],
                default="write",
                max_length=8,
                verbose_name="behörighet",
            ),
        ),
        migrations.AlterField(
            model_name="apitoken",
            name="scope",
            field=models.CharField(
                choices=[("read", "Bara läsa"), ("write", "Läsa och ändra")],
                default="read",
                max_length=8,
                verbose_name="behörighet",
            ),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="giltig till"),
        ),
        migrations.RunPython(give_existing_tokens_an_expiry, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="giltig till"),
        ),
    ]
