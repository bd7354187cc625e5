from lexkit.cli import run

run()
