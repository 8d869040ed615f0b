from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("registers", "0003_items_and_groups_to_rows"),
    ]

    operations = [
        migrations.RemoveField(
            model_name='event',
            name='participants',
        ),
        migrations.RemoveField(
            model_name='loan',
            name='items',
        ),
    ]
