"""The dashboard pages (run by app.py through st.navigation) and their shared Streamlit modules."""

# Libraries that Plotly, DuckDB and Polars import lazily, on first use, from whichever session's thread gets
# there first. Imported here, once: every session's first run imports this package before anything else, and
# the package's import lock holds the others back until it is done, so no session ever sees one of them
# half-imported (seen under load: "partially initialized module 'pandas' has no attribute 'Series'" while
# Plotly checked a value).
import pandas  # noqa: F401
import plotly.graph_objects  # noqa: F401
import pyarrow  # noqa: F401
