"""`python -m ragqa.cli.main`: the same as `ragqa`."""

import sys

from ragqa.cli.main import main

sys.exit(main())
