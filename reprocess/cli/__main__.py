"""``python -m reprocess.cli`` runs the command line."""

from reprocess.cli.main import main

raise SystemExit(main())
