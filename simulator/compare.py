"""Models side by side: one workload as threads, a thread pool, coroutines, and processes.

Owns the four ways of running a workload on the modelled OS and the figures each
gives (the JSON field names of issue 4). All four run on the same engine
(simulator.threads.os_model) with the same costs, so the differences come only
from how the work is organised:

- threads: one blocking thread per task (Python threads: with `gil`, they share
  CPython's GIL and pay its hand-offs and convoys, simulator.threads.gil);
- pool: `pool_size` worker threads taking tasks from a shared queue (same GIL);
- coroutines: one event loop on one thread (task steps cost `task_step_ns`);
- processes: `processes` event loops (tasks dealt round-robin), each its own
  process started for `process_start_ns` and holding `process_bytes`.

"Switching" CPU is what moving between pieces of work costs, and it is zero where
nothing switched: OS context switches (each with its switch, cache-refill or
wake-up cost) for every model, plus, for the coroutine models, the event loop's
task switches (a step into a coroutine and back, `task_step_ns`) and turns. Creating
threads or processes is start-up, shown apart. Memory is resident memory: per thread
its user pages and kernel stack, per coroutine `task_bytes`, per process
`process_bytes`. `setup` is the one definition of a preset and a named workload that
the window and the command line share. It never records a trace (replay does that).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace

from simulator.costs import CostModel, InvalidParameter, S, preset
from simulator.threads.behaviours import blocking_thread, event_loop, pool_worker, task_steps
from simulator.threads.os_model import OSResult, SimThread, simulate
from simulator.workload import TaskProfile, Workload
from simulator.workload_gen import WorkloadParams, generate
from simulator.workloads import DEFAULT_WORKLOAD, named_workload

MODELS = ("threads", "pool", "coroutines", "processes")


@dataclass(frozen=True)
class CompareParams:
    """How the pool and the processes are sized, and what a process costs."""

    pool_size: int = 16
    processes: int = 0  # 0: one per CPU
    process_bytes: int = 20 * 1024 * 1024  # resident size of a Python process with asyncio loaded (measured)
    process_start_ns: int = 2_500_000  # fork + start + join of a multiprocessing.Process (measured, fork)
    gil: bool = True  # the threads' CPU work holds CPython's GIL (Python code); False: C code releasing it

    def validate(self) -> CompareParams:
        if self.pool_size < 1:
            raise InvalidParameter(f"pool_size must be at least 1 (got {self.pool_size})")
        if self.processes < 0:
            raise InvalidParameter(f"processes must not be negative (got {self.processes})")
        for name in ("process_bytes", "process_start_ns"):
            if getattr(self, name) < 0:
                raise InvalidParameter(f"{name} must not be negative (got {getattr(self, name)})")
        return self


@dataclass(frozen=True)
class ModelResult:
    """One model's figures (field names are the JSON names)."""

    name: str
    tasks: int
    makespan_s: float
    throughput_per_s: float
    cpu_useful_s: float
    cpu_switching_s: float  # OS switches' costs + the event loop's task switches and turns
    cpu_idle_s: float
    context_switches: int  # OS context switches: voluntary + involuntary
    voluntary_switches: int
    involuntary_switches: int
    memory_bytes: int
    cpu_startup_s: float = 0.0  # creating the threads or processes
    task_switches: int = 0  # the event loop switching to a coroutine and back (coroutine models)

    def useful_share(self) -> float:
        """Useful CPU over all CPU that did something (0..1)."""
        busy = self.cpu_useful_s + self.cpu_switching_s + self.cpu_startup_s
        return self.cpu_useful_s / busy if busy > 0 else 0.0

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def run_model(name: str, workload: Workload, costs: CostModel, params: CompareParams) -> ModelResult:
    """Run `workload` under one model."""
    costs.validate()
    params.validate()
    tasks = list(workload.tasks)
    n = len(tasks)
    thread_costs = replace(costs, gil=params.gil)
    per_thread = costs.thread_resident_bytes + costs.thread_kernel_bytes
    if name == "threads":
        threads = [SimThread(t.name, blocking_thread(task_steps(t)), t.start_ns) for t in tasks]
        return _result(name, n, simulate(threads, thread_costs), n * per_thread)
    if name == "pool":
        shared: deque[TaskProfile] = deque(sorted(tasks, key=lambda t: t.start_ns))
        size = min(params.pool_size, n)
        workers = [SimThread(f"worker-{i}", pool_worker(shared, costs)) for i in range(size)]
        return _result(name, n, simulate(workers, thread_costs), size * per_thread)
    no_gil = replace(costs, gil=False)  # each process has its own interpreter; one loop is one thread anyway
    steps = [0]  # the loops count their task switches here
    if name == "coroutines":
        loop = SimThread("event loop", event_loop(tasks, costs, steps))
        return _result(name, n, simulate([loop], no_gil), per_thread + n * costs.task_bytes, steps[0])
    if name == "processes":
        count = min(params.processes or costs.cpus, n)
        loops = [SimThread(f"process-{p}", event_loop(tasks[p::count], costs, steps)) for p in range(count)]
        result = simulate(loops, no_gil, create_ns=params.process_start_ns)
        return _result(name, n, result, count * params.process_bytes + n * costs.task_bytes, steps[0])
    raise InvalidParameter(f"unknown model {name!r} (choose {', '.join(MODELS)})")


def _result(name: str, tasks: int, r: OSResult, memory: int, task_switches: int = 0) -> ModelResult:
    makespan = r.makespan_ns / S
    return ModelResult(
        name=name,
        tasks=tasks,
        makespan_s=makespan,
        throughput_per_s=tasks / makespan if makespan else 0.0,
        cpu_useful_s=r.useful_ns / S,
        cpu_switching_s=(r.switching_ns + r.overhead_ns) / S,
        cpu_idle_s=r.idle_ns / S,
        context_switches=r.context_switches,
        voluntary_switches=r.voluntary,
        involuntary_switches=r.involuntary,
        memory_bytes=memory,
        cpu_startup_s=r.startup_ns / S,
        task_switches=task_switches,
    )


def setup(preset_name: str = "realistic", workload_name: str = DEFAULT_WORKLOAD,
          ) -> tuple[CostModel, WorkloadParams, CompareParams]:
    """The costs, workload and model parameters of a preset and a named workload (window and CLI alike)."""
    chosen = named_workload(workload_name)
    return preset(preset_name), chosen.params, CompareParams(gil=chosen.holds_gil)


def compare(workload: Workload, costs: CostModel, params: CompareParams,
            models: Iterable[str] = MODELS) -> list[ModelResult]:
    """Every model on the same workload."""
    return [run_model(m, workload, costs, params) for m in models]


def sweep(task_counts: Iterable[int], workload: WorkloadParams, costs: CostModel,
          params: CompareParams) -> list[ModelResult]:
    """The comparison for each task count (the scaling curves), models in MODELS order."""
    results: list[ModelResult] = []
    for n in task_counts:
        results.extend(compare(generate(replace(workload, tasks=n)), costs, params))
    return results

