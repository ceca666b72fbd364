"""Models side by side: the metrics pane, the scaling chart and the parameter panel that re-simulates.

Modules: `style` (how each model is drawn), `metrics_pane` (per-model figures),
`scaling_chart` (tasks 1..10,000 on a log axis), `runner` (background simulation),
`params_panel` (the editable model parameters), `compare_view` (all of it together).
"""
