"""xxgk: 政府信息公开年报看板 — read annual government-information-disclosure reports, store, compare."""

__version__ = "0.1.0"
