"""The framework's floor for the load test: an empty Streamlit page with two buttons, served the same way as the app.

    streamlit run scripts/floor_page.py

Each tap reruns this script, as each tap reruns the app's; what a tap on the app costs beyond this is ours.
"""

import streamlit as st

st.button("A", key="floor_a")
st.button("B", key="floor_b")
