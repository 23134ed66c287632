"""``python -m troops`` runs the command line."""

from troops.cli import main

main()
