"""The command line: `ragqa` and its commands (entry point ragqa.cli.main:main)."""
