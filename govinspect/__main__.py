from govinspect.cli import main

main()
