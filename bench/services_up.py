"""How long `raqib services up` takes from cold (jars cached, processes stopped) to both answering.

Runs in its own data folder and ports so it never touches a running setup:
    python bench/services_up.py --runs 3
Prints each run and the median as JSON (first run formats a fresh Kafka log; later runs restart).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from pipeline.ops.services import LocalServices
from pipeline.settings import Settings, default_home


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kafka-port", type=int, default=39092)
    parser.add_argument("--search-port", type=int, default=39200)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="raqib-bench-"))
    settings = Settings(home=home, jars_dir=default_home() / "jars", kafka_port=args.kafka_port,
                        kafka_controller_port=args.kafka_port + 1, search_port=args.search_port)
    services = LocalServices(settings, log=lambda m: None)
    for name in ("kafka", "opensearch"):
        services.resolve_jars(name)  # jars cached: not part of the measurement
    timings = []
    try:
        for run in range(args.runs):
            started = time.perf_counter()
            services.up()
            timings.append(time.perf_counter() - started)
            print(f"run {run + 1}: both answering after {timings[-1]:.1f}s "
                  f"({'fresh data' if run == 0 else 'restart with data'})")
            services.down()
    finally:
        services.down()
    print(json.dumps({"runs_s": [round(t, 2) for t in timings], "median_s": round(statistics.median(timings), 2)}))


if __name__ == "__main__":
    main()
