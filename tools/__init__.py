"""Tools run by hand or by make: bench, bench-scale, soak and fuzz, none by `make test`; and docs
(the table of settings in docs/running.md), whose check `make check-generated` runs."""
