"""`python -m simulator`: the command line (see simulator.cli).

`run` is supervised first (simulator.supervise): the program runs in a child process with a
process group of its own, its limits kept from outside it. Decided before importing the
command line, so the supervisor stays a small process.
"""

import sys

from simulator import supervise

if sys.argv[1:2] == ["run"] and supervise.can_supervise() and not supervise.supervised():
    sys.exit(supervise.supervise(sys.argv[1:]))

from simulator.cli import main

sys.exit(main())
