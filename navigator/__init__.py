"""navigator: find the programmes a job seeker or newcomer in France can use, and who to contact.

The domain (this package, except `navigator.ui`) imports no Streamlit.
"""
