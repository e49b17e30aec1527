"""The views: one model per command, rendered for a terminal (Rich) or for a pipe (text).

- :mod:`.model`: the plain shapes (records, documents) and the glyphs; no Rich.
- :mod:`.build`: each command's plain view, built from the catalog; no Rich.
- :mod:`.plain`: text, tsv, csv and markdown from those shapes; no Rich.
- :mod:`.terminal`: the Rich drawings (terminal, ``--format table`` and ``svg``).

JSON is not a view: :mod:`jobcli.jsonout` writes it and shares nothing with these.
"""
