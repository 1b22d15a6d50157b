"""mentorlog: a private, plain-text mentoring journal for the command line."""

__version__ = "0.1.0"
