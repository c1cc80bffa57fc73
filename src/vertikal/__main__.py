from vertikal.cli import main

main()
