"""Printing a sheet without opening a window: on a kiosk a print window could stay open, with one visitor's routes,
for the next visitor. The sheet is printed from a hidden frame inside the page instead, which goes away with the page's
next run (and with Start over and the inactivity reset)."""

from __future__ import annotations

import json

import streamlit.components.v1 as components

_PRINT_FROM_A_HIDDEN_FRAME = """<script>
const frame = document.createElement("iframe");
frame.setAttribute("aria-hidden", "true");
frame.style.cssText = "position:fixed;right:0;bottom:0;width:0;height:0;border:0";
frame.onload = () => { frame.contentWindow.focus(); frame.contentWindow.print(); };
frame.srcdoc = %s;
(document.body || document.documentElement).appendChild(frame);
</script>"""


def print_document(document_html: str) -> None:
    """Open the browser's print dialog for a self-contained HTML document, from a hidden frame in the page."""
    as_script = json.dumps(document_html).replace("</", "<\\/")  # the sheet cannot end the script early
    components.html(_PRINT_FROM_A_HIDDEN_FRAME % as_script, height=0)
