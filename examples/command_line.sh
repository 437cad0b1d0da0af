#!/bin/sh
# The command line that comes with the SDK: a table in English, a record as JSON, a search as CSV,
# and a bulk download with its progress bar.
#
# LONGGANG_OPENDATA_BASE_URL=http://127.0.0.1:8000 sh examples/command_line.sh
set -eu

longgang-opendata list observations --filter kind=target --lang en
longgang-opendata get indicators gdp-growth --format json
longgang-opendata search 碧道 --kind project --format csv

folder=$(mktemp -d)
longgang-opendata download longgang-2024.sqlite -o "$folder/longgang-2024.sqlite" --progress
rm -r "$folder"
