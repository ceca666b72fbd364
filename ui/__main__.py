"""`python -m ui`: open Coroscope (the same as the `coroscope` command)."""

import sys

from ui.app import main

sys.exit(main())
