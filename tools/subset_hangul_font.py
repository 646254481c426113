#!/usr/bin/env python3
"""Builds data/fonts/MissionbotHangul-Subset.ttf: the Hangul glyphs that
the Korean catalogue (locales/ko.json) can draw on a map, cut from
NanumGothic (SIL Open Font License 1.1) so the binary stays small.

Usage: python3 tools/subset_hangul_font.py PATH/TO/NanumGothic.ttf

The source used: NanumGothic.ttf (version 3.021) from Debian's fonts-nanum
20200506-1, sha256
48a28e97b34fc8e5b157657633670cd1b7de126cfc414da65ce9c3d5bc8be733:

    apt-get download fonts-nanum && dpkg-deb -x fonts-nanum_20200506-1_all.deb nanum
    python3 tools/subset_hangul_font.py nanum/usr/share/fonts/truetype/nanum/NanumGothic.ttf

(Until Dec 2026 the subset came from Android's external/naver-fonts copy,
sha256 dbb3515f39634ebcc0f182202f8a2f06da242fe03f213e2ca760f71f23b7ba64,
which is no longer at hand; Debian's package is on every Debian machine's
mirror. fontTools: `pip install fonttools`.)
"Nanum" and "NanumGothic" are Reserved Font Names under the OFL, so the
subset (a Modified Version) is renamed "Missionbot Hangul Subset".
Deterministic: the same inputs give the same bytes.
"""
import json
import pathlib
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "fonts" / "MissionbotHangul-Subset.ttf"
FAMILY = "Missionbot Hangul Subset"


def is_hangul(c):
    return "\uac00" <= c <= "\ud7a3" or "\u3130" <= c <= "\u318f"


def hangul_in_catalogues():
    """The catalogues' words, and the Korean names of the mission cities
    (the locator maps label them)."""
    chars = set()
    for path in sorted((ROOT / "locales").glob("*.json")):
        for text in json.loads(path.read_text(encoding="utf-8")).values():
            chars.update(c for c in text if is_hangul(c))
    for mission in json.loads((ROOT / "data" / "missions.json").read_text(encoding="utf-8")):
        for local in (mission.get("city_names") or {}).values():
            chars.update(c for c in local["name"] if is_hangul(c))
    return sorted(chars)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    chars = hangul_in_catalogues()
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    options.notdef_outline = True
    font = TTFont(sys.argv[1], recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    names = font["name"]
    for record in names.names:
        if record.nameID in (1, 4):
            record.string = FAMILY
        elif record.nameID == 3:
            record.string = FAMILY + " (subset of NanumGothic)"
        elif record.nameID == 6:
            record.string = FAMILY.replace(" ", "")
    # Fixed timestamps keep the output identical from run to run.
    font["head"].created = font["head"].modified = 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(OUT))
    print(f"{OUT.relative_to(ROOT)}: {len(chars)} Hangul characters, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
