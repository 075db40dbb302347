"""Serve the app: `streamlit run navigator_server.py` (what run.sh and scripts/serve.sh start).

The same app as navigator_app.py, mounted by Streamlit's ASGI mode so that Streamlit's internal endpoints a visitor
has no business with (/_stcore/metrics, the agent API) answer 404: see navigator/ui/server.py.
"""

from starlette.middleware import Middleware
from streamlit.starlette import App

from navigator.ui.resources import preload
from navigator.ui.server import HideInternalEndpoints

preload()  # the catalogue and the directory's snapshot are read while the server starts, not at the first visitor

app = App("navigator_app.py", middleware=[Middleware(HideInternalEndpoints)])
