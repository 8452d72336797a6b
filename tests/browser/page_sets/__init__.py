"""Pages of the browser walk, by domain: each module defines ``PAGES`` (see test_pages_a11y)."""
