import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")
application = get_wsgi_application()

if os.environ.get("PRONGSAI_SKIP_MIGRATION_CHECK") != "1":
    from prongsai.core.startup import ensure_migrated

    ensure_migrated()  # a web process never starts on a half-migrated database
