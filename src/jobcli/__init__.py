"""jobcli: a command-line career explorer for tech roles that stay human as AI spreads."""

__version__ = "0.1.0"
