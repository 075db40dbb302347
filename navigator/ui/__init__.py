"""The Streamlit layer: the only package that imports Streamlit. It asks, calls the domain, shows."""
