"""The Typer layer: parse, call one core function, render. Nothing in the core imports this package."""
