"""Vectorized numpy reference for bench/risk.ts: the same one-asset GBM with a lower barrier.

paths x days daily log-steps ln S += (mu - sigma^2/2) dt + sigma sqrt(dt) Z, and a path is
"liquidated" on the first day S falls below the barrier (the health factor of a constant-debt
position crossing 1). Prints one JSON line with the timing so the TypeScript bench can show both.
Usage: python3 bench/mc_numpy.py PATHS DAYS SIGMA MU BARRIER_RATIO SEED
"""

import json
import sys
import time

import numpy as np


def simulate(paths: int, days: int, sigma: float, mu: float, barrier_ratio: float, seed: int):
    rng = np.random.default_rng(seed)
    dt = 1.0 / 365.0
    drift = (mu - 0.5 * sigma * sigma) * dt
    vol = sigma * np.sqrt(dt)
    log_barrier = np.log(barrier_ratio)
    z = rng.standard_normal((days, paths))
    log_s = np.cumsum(drift + vol * z, axis=0)  # log(S_t / S_0), day by day
    below = log_s < log_barrier
    hit = below.any(axis=0)
    first_day = np.where(hit, below.argmax(axis=0) + 1, -1)
    terminal = np.exp(log_s[-1])
    return hit.mean(), first_day, terminal


def main() -> None:
    paths, days = int(sys.argv[1]), int(sys.argv[2])
    sigma, mu, barrier_ratio, seed = float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
    simulate(1000, days, sigma, mu, barrier_ratio, seed)  # warm-up (imports, allocator)
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        probability, _, _ = simulate(paths, days, sigma, mu, barrier_ratio, seed)
        runs.append(time.perf_counter() - start)
    best = min(runs)
    print(
        json.dumps(
            {
                "numpy": np.__version__,
                "paths": paths,
                "days": days,
                "seconds": best,
                "medianSeconds": sorted(runs)[len(runs) // 2],
                "runs": runs,
                "pathStepsPerSecond": paths * days / best,
                "liquidationProbability": float(probability),
            }
        )
    )


if __name__ == "__main__":
    main()
