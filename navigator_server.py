"""Serve the app: `streamlit run navigator_server.py` (what run.sh and scripts/serve.sh start).

The same app as navigator_app.py, mounted by Streamlit's ASGI mode so that Streamlit's internal endpoints a visitor
has no business with (/_stcore/metrics, the agent API) answer 404, the sheet is downloaded from its own path
(/sheet, navigator/ui/sheet_download.py), and, under systemd, the process tells systemd it is
ready and still answering (deploy/navigator@.service's watchdog): see navigator/ui/server.py.
"""

from starlette.middleware import Middleware
from streamlit.starlette import App

from navigator.ui.resources import preload
from navigator.ui.server import HideInternalEndpoints, systemd_watchdog
from navigator.ui.sheet_download import ROUTES

preload()  # the catalogue and the directory's snapshot are read while the server starts, not at the first visitor

app = App("navigator_app.py", routes=ROUTES, middleware=[Middleware(HideInternalEndpoints)], lifespan=systemd_watchdog)
