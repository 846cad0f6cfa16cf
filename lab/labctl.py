"""Entry point: see stackdeploy_lab/cli.py."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stackdeploy_lab.cli import main  # noqa: E402

sys.exit(main())
