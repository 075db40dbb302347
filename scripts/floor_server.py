"""The floor page served the way production serves the app (navigator_server.py): Streamlit's ASGI mode with the same
middleware (hidden internal endpoints, per-connection budget, headers) and lifespan (systemd's watchdog, idle here), so that a load test's floor differs from the
app by the app's own script only.

    streamlit run scripts/floor_server.py
"""

from pathlib import Path

from starlette.middleware import Middleware
from streamlit.starlette import App

from navigator.ui.server import HideInternalEndpoints, systemd_watchdog

app = App(Path(__file__).with_name("floor_page.py"), middleware=[Middleware(HideInternalEndpoints)], lifespan=systemd_watchdog)
