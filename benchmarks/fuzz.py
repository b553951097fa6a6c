"""The fuzz harness of tests/test_robustness.py, run longer by hand.

    python benchmarks/fuzz.py [--prepare 20000] [--parse 3000] [--windowed 0] [--seed 0]

Uses the same strategies and invariant checks as the bounded CI tests (tests/fuzzing.py):
real report fragments from ../shared mixed with scrape noise. Prints, per target, the
number of cases tried, the time taken and the characters processed; on a failure Hypothesis
shrinks it and the minimal input is printed. Runs on one core (OMP_NUM_THREADS=1).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402

import reportie  # noqa: E402
from tests.fuzzing import (SMALL_OVERLAP, SMALL_WINDOW, check_parse, check_prepare, encode_input,  # noqa: E402
                           parse_inputs, prepare_texts, small_windows)  # noqa: E402

SETTINGS = dict(deadline=None, database=None, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def run(name: str, test, stats: dict) -> bool:
    """Run one fuzz target; print its row; True if it failed."""
    started = time.perf_counter()
    outcome = "no failure"
    try:
        test()
    except Exception as error:  # report it after the counts
        outcome = f"FAILED: {type(error).__name__}: {error}"
        print("\n".join(getattr(error, "__notes__", [])), file=sys.stderr)
    elapsed = time.perf_counter() - started
    print(f"| {name} | {stats['n']} | {stats['chars']} | {elapsed:.0f} s | {outcome} |", flush=True)
    return outcome != "no failure"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--prepare", type=int, default=20000, help="cases for reportie.prepare")
    parser.add_argument("--parse", type=int, default=3000, help="cases for reportie.parse (shipped model)")
    parser.add_argument("--windowed", type=int, default=0,
                        help="cases for reportie.parse in small windows (rule pipeline on characters)")
    parser.add_argument("--seed", type=int, default=0, help="Hypothesis seed, for a reproducible run")
    args = parser.parse_args()

    print(f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, "
          f"Python {platform.python_version()}, reportie from {Path(reportie.__file__).parent}")
    print(f"command: python benchmarks/fuzz.py {' '.join(sys.argv[1:])}\n")
    print("| target | cases | characters | time | outcome |\n|---|---|---|---|---|")
    failed = False

    prepare_stats = {"n": 0, "chars": 0}

    @seed(args.seed)
    @settings(max_examples=max(1, args.prepare), **SETTINGS)
    @given(text=prepare_texts)
    def fuzz_prepare(text):
        prepare_stats["n"] += 1
        prepare_stats["chars"] += len(text)
        check_prepare(text)

    if args.prepare:
        failed |= run("reportie.prepare", fuzz_prepare, prepare_stats)

    nlp = reportie.load() if args.parse else None
    parse_stats = {"n": 0, "chars": 0}

    @seed(args.seed)
    @settings(max_examples=max(1, args.parse), **SETTINGS)
    @given(case=parse_inputs)
    def fuzz_parse(case):
        text, encoding = case
        parse_stats["n"] += 1
        parse_stats["chars"] += len(text)
        check_parse(reportie.parse, encode_input(text, encoding), nlp)

    if args.parse:
        failed |= run("reportie.parse", fuzz_parse, parse_stats)

    if args.windowed:
        failed |= fuzz_windowed(args)
    return 1 if failed else 0


def fuzz_windowed(args: argparse.Namespace) -> bool:
    """Windowed parsing (tiny windows, so fuzzed texts cross many cuts) with the rules
    pipeline on char tokens, which is fast enough for thousands of cases."""
    from reportie.pipeline import build_rules_pipeline

    rules = build_rules_pipeline(segmenter="char")
    stats = {"n": 0, "chars": 0}

    @seed(args.seed)
    @settings(max_examples=max(1, args.windowed), **SETTINGS)
    @given(case=parse_inputs)
    def case_passes(case):
        text, encoding = case
        stats["n"] += 1
        stats["chars"] += len(text)
        with small_windows():
            check_parse(reportie.parse, encode_input(text, encoding), rules)

    return run(f"reportie.parse, windows {SMALL_WINDOW}/{SMALL_OVERLAP}, rules", case_passes, stats)


if __name__ == "__main__":
    sys.exit(main())
