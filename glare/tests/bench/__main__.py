import sys

from glare.tests.bench import run

sys.exit(run.main())
