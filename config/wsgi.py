import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# A production server (DEBUG off) refuses to start while a demo account keeps its public password.
from mingjian.org.safety import refuse_demo_passwords  # noqa: E402

refuse_demo_passwords()
