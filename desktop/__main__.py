import multiprocessing
import sys

if __name__ == "__main__":
    # A frozen bundle starts its print workers (desktop/pdf/parallel.py) through this program.
    multiprocessing.freeze_support()
    from desktop.cli import main

    sys.exit(main())
