"""Serve the app: `streamlit run navigator_server.py` (what run.sh and scripts/serve.sh start).

The same app as navigator_app.py, mounted by Streamlit's ASGI mode so that Streamlit's internal endpoints a visitor
has no business with (/_stcore/metrics, the agent API) answer 404: see navigator/ui/server.py.
"""

from starlette.middleware import Middleware
from streamlit.starlette import App

from navigator.ui.server import HideInternalEndpoints

app = App("navigator_app.py", middleware=[Middleware(HideInternalEndpoints)])
