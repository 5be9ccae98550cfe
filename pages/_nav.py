"""The sidebar's page list, drawn by the dashboard itself.

Streamlit's automatic page list is off (`client.showSidebarNavigation = false` in .streamlit/config.toml):
before app.py has run once on a fresh server it lists the files of pages/ (helper modules included) as
links. st.navigation still routes (position "hidden"), and this draws its pages as links, by section.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st


def page_links(sections: Mapping[str, Sequence[Any]]) -> None:
    """One link per page of `sections` (section title -> st.Page list) at the top of the sidebar."""
    with st.sidebar:
        for title, pages in sections.items():
            st.caption(title)
            for page in pages:
                st.page_link(page)
        st.divider()
