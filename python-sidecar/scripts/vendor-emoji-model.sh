#!/usr/bin/env sh
# Copies the fastText emoji model out of the MIT-licensed `nade` wheel on PyPI into
# app/inference/linear/emoji_model/, and checks it is byte for byte the file the model was trained
# with. Only the model file, its emoji index and the licence are taken: nade's own code and its
# dependencies (LightGBM, pyarrow) and its emotion regressors are not used.
# Usage: python-sidecar/scripts/vendor-emoji-model.sh  (needs pip and unzip; run from anywhere)
set -eu
here="$(cd "$(dirname "$0")/.." && pwd)"
dest="$here/app/inference/linear/emoji_model"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"${PYTHON:-python3}" -m pip download --quiet --no-deps --only-binary=:all: -d "$tmp" nade==0.3.1
unzip -q -o "$tmp"/nade-0.3.1-py3-none-any.whl -d "$tmp/wheel"
mkdir -p "$dest"
cp "$tmp/wheel/nade/data/socialmedia_en/nade_250k_hp.ftz" "$dest/"
cp "$tmp/wheel/nade/data/socialmedia_en/emoji_frequencies.jsonl" "$dest/"
cp "$tmp/wheel/nade-0.3.1.dist-info/LICENSE" "$dest/LICENSE"
cd "$dest" && sha256sum -c SHA256SUMS
