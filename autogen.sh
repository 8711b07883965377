#!/bin/sh
# Generate configure and Makefile.in (nothing generated is kept in git).
set -e
cd "$(dirname "$0")"
mkdir -p m4 build-aux
autoreconf --install --force
