from realist.cli.main import main

main()
