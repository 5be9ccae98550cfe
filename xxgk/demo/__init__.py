"""The demo corpus: a fictional city's annual reports in every format, each with its truth file.

Everything generated here is fictional and labelled so (示例数据，虚构). Run it with
`python -m xxgk demo --out data/demo`; see docs/demo.md.
"""
