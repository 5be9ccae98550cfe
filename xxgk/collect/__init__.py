"""Collecting reports from government portals: `python -m xxgk collect` and the import page (docs/collect.md).

fetcher (polite HTTP) → lists (links a page holds, every list style) → classify (titles) → dates →
crawl (the loop) → state (frontier, fetch log and provenance in the database, through the one writer).
"""
