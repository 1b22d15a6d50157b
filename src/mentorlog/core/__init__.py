"""The core of mentorlog: models, the store and one service per verb.

Nothing in here imports Typer or Rich, prints, or exits; the CLI calls in and renders.
"""
