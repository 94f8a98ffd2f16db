"""Password hashing for the tests (root conftest.py): Argon2, the algorithm
lumba stores passwords with, at the least cost Argon2 allows.

Django's own parameters (100 MB and eight lanes for every hash) are right
for a server and cost a test that signs a person up several seconds when the
machine is busy (the browser tests share it). A hash made here is still an
`argon2$...` hash, read back by the same code; and Django reads a hash at
the cost written in it, so a real one is still checked rightly.
"""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class CheapArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 1
    memory_cost = 8  # KiB: the least Argon2 takes for one lane
    parallelism = 1
