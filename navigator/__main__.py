"""`python -m navigator …`: see navigator.cli."""

import sys

from navigator.cli import main

sys.exit(main())
