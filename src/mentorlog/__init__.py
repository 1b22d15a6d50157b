"""mentorlog: a private, plain-text mentoring journal for the command line."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mentorlog")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
