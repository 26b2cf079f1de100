"""Settings for the test suite: the production settings with test-safe environment defaults."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("IMEDIA_HTTPS", "false")
os.environ.setdefault("IMEDIA_MIGRATION_EXECUTOR", "standard")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("STATIC_ROOT", tempfile.mkdtemp(prefix="imedia-static-"))

from imedia_core.settings import *  # noqa: E402,F403
