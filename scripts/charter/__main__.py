from charter.cli import main

raise SystemExit(main())
