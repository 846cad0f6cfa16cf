#!/usr/bin/env bash
# ansible-test sanity for the collection, with no ignore files. ansible-test needs the collection
# at ansible_collections/<namespace>/<name>: run it on a copy of the tracked and new files there.
# Arguments go to ansible-test (e.g. --test validate-modules PATH).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/.tmp/sanity/ansible_collections/stackdeploy/openstack"
rm -rf "$root/.tmp/sanity"
pip_version=$(python3 -c 'import re, ansible_test._internal.python_requirements as r, inspect
print(re.search(r"pip=.([0-9.]+).", inspect.getsource(r)).group(1))')
bootstrap="$HOME/.ansible/test/cache/get_pip_${pip_version//./_}.py"
mkdir -p "$(dirname "$bootstrap")"
cp "$root/tests/ansible_test_get_pip.py" "$bootstrap"
mkdir -p "$work"
cd "$root"
git ls-files --cached --others --exclude-standard -z | rsync -a --from0 --files-from=- ./ "$work/"
# The collections our plugins import or take doc fragments from, beside ours in the same root.
for dep in openstack.cloud; do
  src=$(python3 -c "import importlib; print(list(importlib.import_module('ansible_collections.$dep').__path__)[0])")
  [ -f "$src/MANIFEST.json" ] || { echo "sanity: collection $dep not found (got '$src')" >&2; exit 1; }
  mkdir -p "$root/.tmp/sanity/ansible_collections/${dep%.*}"
  rsync -a "$src/" "$root/.tmp/sanity/ansible_collections/${dep%.*}/${dep#*.}/"
done
cd "$work"
# ansible-test lists targets with git; give the copy an index of its own.
git init -q . && git add -A
if ls tests/sanity/ignore-*.txt >/dev/null 2>&1; then
  echo "sanity ignore files are not allowed" >&2
  exit 1
fi
ansible-test sanity --python "$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')" \
  --color "${ANSIBLE_TEST_COLOR:-no}" "$@"
