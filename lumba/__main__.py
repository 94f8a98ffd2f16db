from lumba.cli import main

main()
