"""How raqib waits for a service that is down or busy: tenacity wait strategies, named once.

Every retry loop of the worker and the connectors is a tenacity ``Retrying``/``AsyncRetrying`` built from
these, so the delays are the same wherever the same kind of failure is retried.
"""

from __future__ import annotations

import random

from tenacity import RetryCallState
from tenacity.wait import wait_base, wait_exponential, wait_fixed


class wait_capped_jitter(wait_base):  # noqa: N801 - named like tenacity's own strategies
    """``min(cap, base * 2**n)`` seconds times a random factor in [0.5, 1) (n = failures so far - 1, at
    most 10): quick at first, never more than ``cap``, and workers that failed together do not retry in
    step."""

    def __init__(self, base: float = 0.5, cap: float = 30.0) -> None:
        self.base = base
        self.cap = cap

    def __call__(self, retry_state: RetryCallState) -> float:
        failures = retry_state.attempt_number - 1
        return min(self.cap, self.base * 2 ** min(failures, 10)) * (0.5 + random.random() / 2)


#: the search engine while it starts or recovers (percolate, alert index writes): 1, 2, 4 … 30 s
ENGINE_BACKOFF = wait_exponential(multiplier=1, exp_base=2, max=30)
#: a dependency the worker cannot start without (rules registration)
STARTUP_POLL = wait_fixed(2)
