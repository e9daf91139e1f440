#!/bin/sh
# Rebuild examples/pytorch from PyTorch's published files (copied, with their provenance, in
# tests/importers/fixtures/). Re-running it changes nothing: a second import is a no-op.
# Usage: examples/pytorch/build.sh   (with charter installed, e.g. .venv/bin on PATH)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
fixtures=$(cd "$here/../../tests/importers/fixtures" && pwd)
charter="${CHARTER:-charter}"
# The day the copies describe: the landscape's commit date (neither file dates its entries).
as_of=2026-07-01

# Library-level groups are whole repositories; the page does not say which, so name them.
"$charter" import maintainers-rst "$fixtures/pytorch-persons_of_interest.rst" --repo "$here" \
  --as-of "$as_of" --output generated/pages/persons_of_interest.rst \
  --repository 'XLA=pytorch/xla' \
  --repository 'TorchServe=pytorch/serve' \
  --repository 'TorchVision=pytorch/vision' \
  --repository 'TorchText=pytorch/text' \
  --repository 'TorchAudio=pytorch/audio' \
  --repository 'TorchRec=pytorch/torchrec' \
  --repository 'TorchX=pytorch/torchx' \
  --repository 'TorchData / TorchArrow=pytorch/data,pytorch/torcharrow' \
  --apply "$@"

# Four items link an organisation instead of a repository; these are the choices a person made.
"$charter" import landscape "$fixtures/pytorch-landscape.yml" --repo "$here" \
  --as-of "$as_of" --output generated/pages/landscape.yml \
  --repository 'OpenMMLab=open-mmlab/mmcv' \
  --repository 'joeynmt=joeynmt/joeynmt' \
  --repository 'MONAI=Project-MONAI/MONAI' \
  --repository 'Substra=Substra/substra' \
  --apply "$@"

"$charter" codeowners --repo "$here"
