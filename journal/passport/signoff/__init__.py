"""Sign-off: staff confirm or return the revision they saw; the SHA-256 that proves what was
signed (``signing``); the queue."""
