"""``python -m studyplanner`` starts the desktop app."""

import sys

from studyplanner.ui.app import main

if __name__ == "__main__":
    sys.exit(main())
