"""Reading a roadmap file: our validated load against a bare YAML parse in the same run."""

from __future__ import annotations

import yaml

from benchmarks.bench_planning import median_ms
from studyplanner.core.roadmap.loader import bundled_roadmap_files, parse_roadmap

RUNS = 20


def main() -> None:
    """Print a Markdown table of medians and ratios."""
    fast = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    print(
        "| roadmap | parse_roadmap (ms) | bare libyaml load (ms) | ratio | pure-Python load (ms) |"
    )
    print("|---|---|---|---|---|")
    for file in bundled_roadmap_files():
        text = file.read_text(encoding="utf-8")
        ours = median_ms(lambda t=text: parse_roadmap(t), RUNS)  # type: ignore[misc]
        bare = median_ms(lambda t=text: yaml.load(t, Loader=fast), RUNS)  # type: ignore[misc]
        pure = median_ms(lambda t=text: yaml.load(t, Loader=yaml.SafeLoader), RUNS)  # type: ignore[misc]
        print(f"| {file.name} | {ours:.1f} | {bare:.1f} | {ours / bare:.1f}x | {pure:.1f} |")


if __name__ == "__main__":
    main()
