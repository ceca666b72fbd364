"""Where the loop benchmark's Python time goes: bytecodes executed per task step, by function.

`python -m bench.opcount [TASKS]` runs bench_loop's program (TASKS tasks, default 300)
through the runner with a second `sys.monitoring` tool counting INSTRUCTION events per
code object. Unlike a timer it gives the same numbers on a busy machine. The tracer's
own callbacks are not counted (monitoring callbacks are not monitored).
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path
from types import CodeType

from bench.bench_loop import ENGINE, PROGRAM, REQUESTS, TASKS
from simulator import runner

COUNTING_TOOL = 5  # the tracer is tool 4


def count(tasks: int) -> tuple[Counter[CodeType], int]:
    """Bytecodes executed per code object in one recorded run of `tasks` tasks, and its task steps."""
    with tempfile.TemporaryDirectory() as folder:
        program = Path(folder) / "loop.py"
        program.write_text(PROGRAM.replace(f"range({TASKS})", f"range({tasks})"))
        if ENGINE not in runner.ENGINE_MODULES:
            runner.ENGINE_MODULES.append(ENGINE)
        runner.run_program(program, echo=False)  # imports and first-run caches out of the count
        counts: Counter[CodeType] = Counter()

        def on_instruction(code: CodeType, offset: int) -> None:
            counts[code] += 1

        monitoring = sys.monitoring
        monitoring.use_tool_id(COUNTING_TOOL, "bench.opcount")
        monitoring.register_callback(COUNTING_TOOL, monitoring.events.INSTRUCTION, on_instruction)
        monitoring.set_events(COUNTING_TOOL, monitoring.events.INSTRUCTION)
        try:
            runner.run_program(program, echo=False)
        finally:
            monitoring.set_events(COUNTING_TOOL, 0)
            monitoring.free_tool_id(COUNTING_TOOL)
    return counts, tasks * (REQUESTS + 1)


def main(argv: list[str]) -> int:
    tasks = int(argv[0]) if argv else 300
    counts, steps = count(tasks)
    print(f"{sum(counts.values()) / steps:.0f} bytecodes per task step ({tasks} tasks, tracer callbacks not counted)")
    for code, n in counts.most_common(20):
        print(f"{n / steps:8.1f}  {Path(code.co_filename).name}:{code.co_firstlineno} {code.co_qualname}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
