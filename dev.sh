#!/usr/bin/env bash
# newsgraph's set-up and run script: everything the README's two commands need.
#
#   ./dev.sh run    install into .venv, then start the service with the samples loaded
#   ./dev.sh test   install into .venv (with test extras), then run the whole test suite
#   ./dev.sh setup  only install (with test extras)
#   ./dev.sh check  install (with test extras), then lint (ruff) and type-check (mypy)
#   ./dev.sh train KBP37_DIR CONLL04_DIR   rebuild the learned relation classifier's weights
#   ./dev.sh lock   refresh requirements/lock.txt (and train-lock.txt) to the newest versions pyproject.toml allows
#
# It finds a Python >= 3.12 by itself (python3.13, python3.12, python3, then pyenv),
# creates .venv once, and reinstalls only when pyproject.toml or the lock changes.
# Installs take exactly the versions (and hashes) in requirements/lock.txt;
# NEWSGRAPH_UNLOCKED=1 resolves from pyproject.toml instead (to try newer releases).
set -euo pipefail
cd "$(dirname "$0")"

python_ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }

find_python() {
    if [ -n "${NEWSGRAPH_PYTHON:-}" ] && python_ok "$NEWSGRAPH_PYTHON"; then echo "$NEWSGRAPH_PYTHON"; return; fi
    for candidate in python3.13 python3.12 python3; do
        if command -v "$candidate" >/dev/null 2>&1 && python_ok "$candidate"; then command -v "$candidate"; return; fi
    done
    if command -v pyenv >/dev/null 2>&1; then
        for version in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.(1[2-9]|[2-9][0-9])(\.|$)' | sort -rV); do
            for exe in "$(pyenv prefix "$version" 2>/dev/null)"/bin/python3; do
                if python_ok "$exe"; then echo "$exe"; return; fi
            done
        done
    fi
    echo "newsgraph needs Python 3.12 or newer and found none." >&2
    echo "Install one (e.g. 'apt-get install python3.12 python3.12-venv', 'pyenv install 3.12'," >&2
    echo "or python.org), or point NEWSGRAPH_PYTHON at it." >&2
    exit 1
}

install() {
    local extras="$1"
    if [ ! -x .venv/bin/python ] || ! python_ok .venv/bin/python; then
        rm -rf .venv
        local python; python="$(find_python)"
        echo "Creating .venv with $python ($("$python" --version 2>&1))"
        "$python" -m venv .venv
        .venv/bin/python -m pip install --quiet --upgrade pip
    fi
    local stamp; stamp="$(cat pyproject.toml requirements/lock.txt | sha256sum | cut -c1-16)-$extras-${NEWSGRAPH_UNLOCKED:-0}"
    if [ "$(cat .venv/.dev-stamp 2>/dev/null)" != "$stamp" ]; then
        if [ "${NEWSGRAPH_UNLOCKED:-0}" = "1" ]; then
            echo "Installing newsgraph[$extras] into .venv from pyproject.toml (unlocked) ..."
            .venv/bin/python -m pip install --quiet -e ".[$extras]"
        else
            echo "Installing the locked dependencies (requirements/lock.txt) and newsgraph into .venv ..."
            .venv/bin/python -m pip install --quiet --require-hashes -r requirements/lock.txt
            .venv/bin/python -m pip install --quiet --no-deps -e .
        fi
        echo "$stamp" > .venv/.dev-stamp
    fi
    if [ -x .ci/build-ui ]; then .ci/build-ui; fi
}

command="${1:-}"; shift || true
case "$command" in
    run)
        install "sm"
        exec .venv/bin/newsgraph serve --load samples "$@"
        ;;
    test)
        install "sm,test"
        exec .venv/bin/python -m pytest "$@"
        ;;
    setup)
        install "sm,test"
        ;;
    check)
        install "sm,test"
        .venv/bin/ruff check src tests bench train
        .venv/bin/mypy
        ;;
    train)
        # Rebuild src/newsgraph/nlp/data/relations.npz from KBP37 and CoNLL04 (README, developers).
        if [ "$#" -lt 2 ]; then echo "usage: ./dev.sh train KBP37_DIR CONLL04_DIR [train/relations.py options]" >&2; exit 2; fi
        install "sm,test"
        # The training extra's locked versions (scikit-learn and its dependencies), with hashes.
        .venv/bin/python -m pip install --quiet --require-hashes -r requirements/train-lock.txt
        kbp37="$1"; conll04="$2"; shift 2
        exec .venv/bin/python train/relations.py --kbp37 "$kbp37" --conll04 "$conll04" \
            --out src/newsgraph/nlp/data/relations.npz "$@"
        ;;
    lock)
        # uv resolves one lock for every supported Python (3.12 and newer) with hashes.
        if [ ! -x .tools/bin/uv ]; then
            "$(find_python)" -m venv .tools
            .tools/bin/python -m pip install --quiet uv
        fi
        .tools/bin/uv pip compile pyproject.toml --extra sm --extra test --universal \
            --python-version 3.12 --generate-hashes --upgrade \
            --custom-compile-command "./dev.sh lock" -o requirements/lock.txt "$@"
        # Training only (./dev.sh train): the train extra, held to the versions just locked.
        .tools/bin/uv pip compile pyproject.toml --extra train --universal \
            --python-version 3.12 --generate-hashes -c requirements/lock.txt \
            --custom-compile-command "./dev.sh lock" -o requirements/train-lock.txt
        sed -i 's|^    #   -c requirements/lock.txt$|    #   requirements/lock.txt (constraint)|' requirements/train-lock.txt
        ;;
    *)
        echo "usage: ./dev.sh run [serve options] | test [pytest args] | check | setup | train KBP37_DIR CONLL04_DIR | lock" >&2
        exit 2
        ;;
esac
