"""The split of CI's two test runs leaves no test that touches the database out of the
PostgreSQL run, and the guard fails a ``db_independent`` test that sends SQL.

CI (``.ci/run``) selects its runs with the marker expressions ``SQLITE_TESTS`` and
``POSTGRESQL_TESTS``; ``db_independent`` is set by ``tests/fixtures/split.py``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from _pytest.mark.expression import Expression

ROOT = Path(__file__).resolve().parent.parent
CI = ROOT / ".ci" / "run"
PYTEST = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]

LIST_ITEMS = """
import json, os
from tests.fixtures.split import touches_database

def pytest_collection_finish(session):
    with open(os.environ["SPLIT_ITEMS"], "w") as out:
        json.dump([
            {"id": item.nodeid, "database": touches_database(item),
             "markers": sorted({m.name for m in item.iter_markers()})}
            for item in session.items
        ], out)
"""


def _expression(name: str) -> Expression:
    found = re.search(rf'^{name}="([^"]+)"$', CI.read_text(), re.M)
    assert found, f".ci/run sets no {name}"
    return Expression.compile(found.group(1))


def _selects(expression: Expression, markers: list[str]) -> bool:
    return expression.evaluate(lambda name, **_: name in markers)


@pytest.mark.database  # starts pytest in a child process
def test_every_test_that_touches_the_database_runs_on_postgresql(tmp_path):
    """Collects the whole suite (a few seconds, no test runs) and applies CI's two marker
    expressions: every test runs at least once; every test that touches the database runs on
    both, except the page walk, split between them on purpose (its HTML and CSS cannot differ
    by database, and each view of it runs once)."""
    plugin = tmp_path / "list_items.py"
    plugin.write_text(LIST_ITEMS)
    listing = tmp_path / "items.json"
    subprocess.run(
        [*PYTEST, "--collect-only", "-p", "list_items", str(ROOT / "tests")],
        cwd=ROOT,
        env={"PYTHONPATH": f"{tmp_path}:{ROOT}", "SPLIT_ITEMS": str(listing), "PATH": ""},
        check=True,
        capture_output=True,
    )
    items = json.loads(listing.read_text())
    sqlite, postgresql = _expression("SQLITE_TESTS"), _expression("POSTGRESQL_TESTS")
    never, once_only = [], []
    for item in items:
        assert item["database"] != ("db_independent" in item["markers"]), item["id"]
        on_sqlite = _selects(sqlite, item["markers"])
        on_postgresql = _selects(postgresql, item["markers"])
        walk = "page_walk" in item["markers"]
        if not (on_sqlite or on_postgresql):
            never.append(item["id"])
        elif item["database"] and not walk and not (on_sqlite and on_postgresql):
            once_only.append(item["id"])
    assert len(items) > 1000, "the collection found too few tests"
    assert not never, f"tests neither run selects: {never[:20]}"
    assert not once_only, f"tests that touch the database but miss a run: {once_only[:20]}"


@pytest.mark.database  # starts pytest in a child process
def test_the_guard_fails_a_db_independent_test_that_sends_sql(tmp_path):
    """A test requesting no database fixture is marked db_independent; if it sends SQL
    through any SQLAlchemy engine, or starts a child process, it fails (unless it is marked
    ``database``)."""
    (tmp_path / "conftest.py").write_text('pytest_plugins = ["tests.fixtures.split"]\n')
    (tmp_path / "test_inner.py").write_text(
        textwrap.dedent(
            """
            import pytest
            from sqlalchemy import create_engine, text

            @pytest.fixture
            def engine():
                return create_engine("sqlite://")

            def _select_one(engine):
                with engine.connect() as connection:
                    connection.execute(text("SELECT 1"))

            def test_sends_sql(engine):
                _select_one(engine)

            @pytest.fixture
            def sends_sql_in_setup(engine):
                _select_one(engine)

            def test_sends_sql_from_a_fixture(sends_sql_in_setup):
                pass

            def test_starts_a_child_process():
                import subprocess, sys
                subprocess.run([sys.executable, "-c", "pass"], check=True)

            def test_pure():
                assert 1 + 1 == 2

            @pytest.mark.database
            def test_marked(engine):
                _select_one(engine)
            """
        )
    )
    done = subprocess.run(
        [*PYTEST, "-rA", "-o", "markers=database", str(tmp_path)],
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
        capture_output=True,
        text=True,
    )
    out = done.stdout
    assert "FAILED test_inner.py::test_sends_sql " in out, out
    assert "FAILED test_inner.py::test_sends_sql_from_a_fixture " in out, out
    assert "test_inner.py::test_starts_a_child_process is marked db_independent" in out, out
    assert "sent 1 SQL statement(s) or child process(es), the first: 'SELECT 1'" in out, out
    assert "PASSED test_inner.py::test_pure" in out, out
    assert "PASSED test_inner.py::test_marked" in out, out
    assert "3 failed, 2 passed" in out, out
