"""Streamlit entry point: `streamlit run navigator_app.py`. The app lives in navigator/ui."""

from navigator.ui.app import main

main()
