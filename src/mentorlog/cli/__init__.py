"""The command line: parse, call the core, render. No file I/O or domain logic here."""
