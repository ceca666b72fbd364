"""The simulated network: hosts with latency, failures, a default HTTP server, and transports.

Reached only through asyncio's normal APIs on the virtual loop (see
simulator.loop.virtual_loop). Nothing here ever opens a real connection.
"""
