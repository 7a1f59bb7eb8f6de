from app.eval.cli import main

raise SystemExit(main())
