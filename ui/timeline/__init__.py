"""The thread timeline pane: lanes of thread states, context switches and wake-ups on the shared clock.

Modules: `view` (the viewport model), `index` (fast look-ups over a Timeline), `lod`
(per-pixel dominant state), `patterns` (how each state looks), `axis` (time units),
`render` (the pure painter), `pane` (the interactive widget), `screenshot` (headless).
"""
