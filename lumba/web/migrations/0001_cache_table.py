"""The cache table (settings.CACHES, Django's DatabaseCache), made by
`migrate` so that `lumba serve` and every deployment get it with the rest
of the schema. Django's createcachetable makes only tables that are missing,
so this is safe on a database that already has one."""

from django.apps.registry import Apps
from django.core.management import call_command
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def create_cache_table(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
