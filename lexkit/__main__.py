from lexkit.cli.main import run

run()
