"""The message-loop engine: real asyncio programs on a virtual clock with simulated IO.

`simulator.loop.engine.install(ctx)` is the runner's hook; `virtual_loop` is the
loop; `state.loop_snapshot_at` turns a trace into what the loop pane shows;
`workload.workload_from_trace` derives the threads engine's twin.
"""
