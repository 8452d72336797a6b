"""Reference data: the code lists and numbers every domain shares, as pure data and small pure
functions. Nothing here imports a domain (an import contract in pyproject.toml checks it).

- ``destinations``: NCCIS activity codes, intended-destination choices and stages;
- ``kinds``: kinds of passport entry, encounter categories, sources, feelings, fields, prompts;
- ``skills``: the eight Skills Builder skills and their steps 0–15;
- ``gatsby``: the benchmarks and the numbers the milestones expect.
"""
