"""The benchmarks, outside the runtime: ``flask --app journal bench [NAME...]``.

Nothing in ``journal/`` imports this package; Flask finds its command through the
``flask.commands`` entry point in ``pyproject.toml``. ``run`` builds a scratch app and
database (``journal_demo.scratch``) seeded with the demo school and runs the benchmarks named
in ``run.BENCHMARKS``; ``common`` holds the :class:`Figure` and :class:`Bench` they share;
``pages`` and ``roster`` measure the core pages and the roster import; ``cohort``,
``documents``, ``offline``, ``programme`` and ``reviews`` measure their domain.
"""
