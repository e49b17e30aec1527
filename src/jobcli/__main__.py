"""``python -m jobcli``."""

from jobcli.cli import main

if __name__ == "__main__":
    main()
