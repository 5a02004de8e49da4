"""What every benchmark script shares: timing one call, and printing a figure with its runs and its target."""

from __future__ import annotations

import statistics
import time


def timed(call) -> float:
    """Seconds ``call()`` took."""
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def report(name: str, seconds: list[float], target: str, unit: str = "ms", width: int = 46) -> float:
    """Print ``name``, the median of ``seconds`` and each run in ``unit`` (ms or s), and the target."""
    scale = 1000 if unit == "ms" else 1
    values = [s * scale for s in seconds]
    places = 1 if unit == "ms" else 2
    median = statistics.median(values)
    shown = ", ".join(f"{v:.{places}f}" for v in values)
    print(f"{name:<{width}} median {median:>8.{places}f} {unit:<2} [{shown}]  target {target}", flush=True)
    return median
