"""lexkit: Indian anti-trafficking law at hand, offline."""

__version__ = "0.1.0"
