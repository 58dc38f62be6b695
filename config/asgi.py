import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_asgi_application()

# Like config/wsgi.py: with DEBUG off, refuse to start while a demo account keeps its public password.
from mingjian.org.safety import refuse_demo_passwords  # noqa: E402

refuse_demo_passwords()
