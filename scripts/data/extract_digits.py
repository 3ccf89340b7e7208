"""Extracts scikit-learn's digits dataset (1797 8x8 images, UCI optdigits test
set) into Data/digits/digits.u8 for the `train` demo, with scikit-learn's
BSD licence and the dataset description beside it.

Format: 1797 rows of 65 unsigned bytes: 64 pixel intensities (0-16, row-major
8x8) then the label (0-9).

Run: /work/venv-jax/bin/python scripts/data/extract_digits.py
"""

import os
import shutil

import numpy as np
import sklearn
from sklearn.datasets import load_digits

OUT = os.path.join(os.path.dirname(__file__), "../../Data/digits")


def main():
    d = load_digits()
    assert d.data.shape == (1797, 64) and d.data.max() <= 16
    rows = np.concatenate([d.data.astype(np.uint8), d.target.astype(np.uint8)[:, None]], axis=1)
    os.makedirs(OUT, exist_ok=True)
    rows.tofile(os.path.join(OUT, "digits.u8"))
    dist = os.path.join(os.path.dirname(sklearn.__file__), "..", f"scikit_learn-{sklearn.__version__}.dist-info", "licenses", "COPYING")
    shutil.copy(dist, os.path.join(OUT, "LICENSE-scikit-learn.txt"))
    shutil.copy(os.path.join(os.path.dirname(sklearn.__file__), "datasets", "descr", "digits.rst"), os.path.join(OUT, "README.rst"))
    print("wrote", rows.shape, "from scikit-learn", sklearn.__version__)


if __name__ == "__main__":
    main()
