"""``python -m reprocess`` runs the command line."""

from reprocess.cli.main import main

raise SystemExit(main())
