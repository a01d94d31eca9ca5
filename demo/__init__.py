"""The demo: the whole platform on generated data, offline, in one command (`meeluister demo`).

    from demo import DemoOptions, run_demo
    result = run_demo(DemoOptions(out=Path("demo-out"), audio=False))

`demo.run` drives every stage through its public API on data from `synth/`; `demo.report` prints
the result; `demo.cli` registers the command. This package stands above every stage and the shared
package: nothing imports it except the CLI, which finds it by name in its stage list.
"""
from __future__ import annotations

from demo.run import DemoOptions, DemoResult, run_demo

__all__ = ["DemoOptions", "DemoResult", "run_demo"]
