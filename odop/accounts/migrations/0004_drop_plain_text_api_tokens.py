"""Drop DRF's `authtoken_token` table: it held API keys in plain text (issue 10).

API tokens are now knox's hashed, expiring tokens; `rest_framework.authtoken` is no longer
installed, so nothing reads the old table. Old keys stop working: clients ask for a new token.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_alter_user_role")]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS authtoken_token", reverse_sql=migrations.RunSQL.noop)
    ]
