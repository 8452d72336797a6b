"""The demo school, outside the runtime: ``flask --app journal seed-demo``.

Nothing in ``journal/`` imports this package; Flask finds its command through the
``flask.commands`` entry point in ``pyproject.toml``. The made-up words, places and Maya's
hand-written passport are data files in ``data/`` (TOML, read by ``common.data``).

- ``common``: the demo's names, password and sign-ins, its data files, helpers every seeder uses;
- ``school``: ``seed_demo``, the school, its staff and pupils, calling the seeders below;
- ``words``, ``planned``, ``story``, ``maya``, ``writing``: passports planned in memory from
  the word lists (Maya's by hand), then written in bulk;
- ``family``, ``destinations``, ``reviews``, ``cohort``, ``documents``, ``programme``: one
  seeder per domain;
- ``scratch``: a scratch app in a folder of its own, for tools (the benchmarks, scripts/);
- ``cli``: the ``seed-demo`` command.
"""
