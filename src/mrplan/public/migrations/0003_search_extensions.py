"""PostgreSQL extensions for search: pg_trgm (similarity) and unaccent (å, ä, ö folded).

Both are "trusted" extensions since PostgreSQL 13, so the database owner may create them;
on SQLite these operations do nothing (search then matches in Python).
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("public", "0002_easy_read_and_accessibility")]

    operations = [TrigramExtension(), UnaccentExtension()]
