#!/usr/bin/python3
# The matplotlib peer of bench-timeline: 10M points saved as a 1920×600 PNG
# (Agg), data already in memory, best of three. Debian: python3-matplotlib.
import time, numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
n = 10_000_000
t = np.arange(n, dtype=np.float64)
v = np.sin(t / 5e5) * 100 + np.random.default_rng(1).normal(0, 10, n)
best = 1e9
for _ in range(3):
    s = time.perf_counter()
    fig = plt.figure(figsize=(19.2, 6), dpi=100)
    ax = fig.add_axes([0.05, 0.1, 0.93, 0.85])
    ax.plot(t, v, linewidth=0.5)
    fig.savefig("/tmp/courant-matplotlib-peer.png")
    plt.close(fig)
    best = min(best, time.perf_counter() - s)
print(f"matplotlib {n} points 1920x600 PNG: best {best*1000:.0f} ms")
