"""Tools run by hand or by make (bench, bench-scale, soak, fuzz), not by `make test`."""
