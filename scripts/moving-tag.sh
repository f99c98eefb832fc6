#!/usr/bin/env bash
# The tag that follows the newest compatible release, printed for a release
# tag (release.yml moves it once every binary is published):
#   v1.4.2 -> v1      from 1.0 on, a major version is the compatible range
#   v0.3.1 -> v0.3    before 1.0 a minor release may break (as Cargo reads ^0.3)
#   v1.0.0-rc.1 ->    a pre-release moves nothing (prints nothing)
# Anything else is an error (exit 2).
set -euo pipefail
tag="${1:?usage: scripts/moving-tag.sh vX.Y.Z}"
if [[ ! "$tag" =~ ^v([0-9]+)\.([0-9]+)\.([0-9]+)(-[0-9A-Za-z.-]+)?$ ]]; then
  echo "moving-tag: \`$tag\` is not a release tag (vX.Y.Z or vX.Y.Z-pre)" >&2
  exit 2
fi
if [ -n "${BASH_REMATCH[4]}" ]; then
  exit 0
fi
if [ "${BASH_REMATCH[1]}" = 0 ]; then
  echo "v0.${BASH_REMATCH[2]}"
else
  echo "v${BASH_REMATCH[1]}"
fi
