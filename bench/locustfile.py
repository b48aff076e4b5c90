"""The load run's users (started by bench.load with `locust --headless`, loopback only).

BENCH_PATHS is a JSON list of paths, visited in turn without pauses; BENCH_COOKIE, when set,
is sent with every request (a signed-in user's session).
"""

import itertools
import json
import os
import random

from locust import FastHttpUser, constant, task

PATHS = json.loads(os.environ.get("BENCH_PATHS", '["/healthz"]'))
COOKIE = os.environ.get("BENCH_COOKIE", "")


class Reader(FastHttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        # Each user starts at another path, so that all of them are visited from the start.
        start = random.randrange(len(PATHS))
        self.paths = itertools.cycle(PATHS[start:] + PATHS[:start])

    @task
    def read(self) -> None:
        path = next(self.paths)
        headers = {"Cookie": COOKIE} if COOKIE else {}
        # A redirect (to the sign-in page, say) is an error here: every path answers 200.
        with self.client.get(
            path, headers=headers, name=path, catch_response=True, allow_redirects=False
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
