"""Province-scale benchmark data: the org tree and cadres (tree.py), and the rectification work
on top of it (work.py). Everything created carries the `PREFIX` so `wipe()` removes only it."""

from .accounts import Account, bench_accounts
from .tree import (
    PREFIX,
    Generated,
    analyze,
    build_units,
    exists,
    generate,
    liaison,
    plan_shape,
    representative_units,
    scale_units,
    wipe,
)
from .work import GeneratedWork, generate_work, wipe_work, work_exists

__all__ = [
    "PREFIX",
    "Account",
    "Generated",
    "GeneratedWork",
    "analyze",
    "bench_accounts",
    "build_units",
    "exists",
    "generate",
    "generate_work",
    "liaison",
    "plan_shape",
    "representative_units",
    "scale_units",
    "wipe",
    "wipe_work",
    "work_exists",
]
