"""The parser's version. Raise it whenever a change to xxgk/read or xxgk/parse can change what a
stored report holds: `python -m xxgk reparse` re-parses every stored source parsed by another version."""

PARSER_VERSION = "7"
