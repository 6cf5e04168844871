#!/usr/bin/env bash
# Rebuilds assets/NotoSansCJKsc-subset.otf: Noto Sans CJK SC (Debian's fonts-noto-cjk,
# SIL OFL 1.1) cut down to every character locales/zh-CN.ftl uses, the 3 755 most
# common Chinese characters (GB 2312 level 1), CJK punctuation, full-width forms and
# ASCII. Run it after adding Chinese text that uses a character outside that set:
# tests/i18n.rs fails until then.
#
# Needs: apt-get install fonts-noto-cjk; pip install fonttools
set -euo pipefail
cd "$(dirname "$0")/.."
font=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
chars=$(mktemp)
python3 - "$chars" <<'PY'
import sys
chars = set(open("locales/zh-CN.ftl", encoding="utf-8").read())
for hi in range(0xB0, 0xD8):  # GB 2312 level 1: rows 16-55
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
ranges = [(0x20, 0x7F), (0x3000, 0x3040), (0xFF00, 0xFFF0)]
for lo, hi in ranges:
    chars.update(chr(c) for c in range(lo, hi))
chars.update("°·×–—‘’“”…•←→✓✗")
chars.discard("\n")
open(sys.argv[1], "w", encoding="utf-8").write("".join(sorted(chars)))
PY
# Face 2 of the collection is Simplified Chinese.
pyftsubset "$font" --font-number=2 --text-file="$chars" \
  --output-file=assets/NotoSansCJKsc-subset.otf \
  --layout-features='' --no-hinting --desubroutinize --name-IDs='*'
rm -f "$chars"
ls -l assets/NotoSansCJKsc-subset.otf
