"""`python -m simulator`: the command line (see simulator.cli)."""

import sys

from simulator.cli import main

sys.exit(main())
