"""Models side by side: the metrics pane, the scaling chart and the parameter panel that re-simulates.

Modules: `style` (how each model is drawn), `metrics_pane` (per-model figures),
`scaling_chart` (tasks 1..10,000 on a log axis), `runner` (background simulation),
`params_panel` (the workload, preset and model parameters), `reading` (the chart in one
line of words), `compare_view` (all of it together), `screenshot` (the view rendered
synchronously, for `coroscope screenshot --view compare` and fit checks).
"""
