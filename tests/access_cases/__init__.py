"""Access cases by domain: each module defines ``CASES`` like ``tests/test_access.py`` does."""
