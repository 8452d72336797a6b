"""The suite's fixtures are one plugin, :mod:`tests.fixtures`; folder conftests only change a
``*_details`` fixture of it."""

pytest_plugins = [
    "tests.fixtures.database",
    "tests.fixtures.people",
    "tests.fixtures.browser",
    "tests.fixtures.split",
    "tests.fixtures.sso",
    "tests.access_support",
]
