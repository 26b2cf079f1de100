"""Settings for the test suite: the production settings with test-safe environment defaults."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("IMEDIA_HTTPS", "false")
os.environ.setdefault("IMEDIA_MIGRATION_EXECUTOR", "standard")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("STATIC_ROOT", tempfile.mkdtemp(prefix="imedia-static-"))

from django.contrib.auth.hashers import Argon2PasswordHasher  # noqa: E402

from imedia_core.settings import *  # noqa: E402,F403


class FastArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 still (tests check the algorithm), with costs fit for hundreds of test accounts;
    production keeps Django's defaults."""

    time_cost = 1
    memory_cost = 1024
    parallelism = 1


PASSWORD_HASHERS = ["imedia_core.settings_test.FastArgon2PasswordHasher", *PASSWORD_HASHERS]  # noqa: F405
