"""pypdf vs pdfminer.six on PDFs with a text layer: seconds and characters read (CJK and English).

    python bench/attachments/measure_pdf_readers.py [PDF ...]

Without arguments it measures the demo city's planted PDF and, when present, the notice PDF of a demo run
(govinspect-data/demo/通报/*.pdf) and two English manuals Debian ships. pdfminer.six is not a dependency:
install it to compare (pip install pdfminer.six). Numbers: docs/personal_data.md.
"""
from __future__ import annotations

import io
import re
import sys
import time
from pathlib import Path

from govinspect.demo.personal_data_plants import PDF, attachment

DEFAULTS = [*sorted(Path("govinspect-data/demo/通报").glob("*.pdf")),
            Path("/usr/share/doc/libtasn1-doc/libtasn1.pdf"),
            Path("/usr/share/doc/shared-mime-info/shared-mime-info-spec.pdf")]


def _han(text: str) -> int:
    return len(re.findall(r"[\u4e00-\u9fa5]", text))


def measure(name: str, data: bytes, repeat: int = 3) -> None:
    from pypdf import PdfReader

    t = time.perf_counter()
    for _ in range(repeat):
        a = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)
    pypdf_s = (time.perf_counter() - t) / repeat
    line = f"{name}: pypdf {pypdf_s:.3f}s {len(a)} chars {_han(a)} 汉字"
    try:
        from pdfminer.high_level import extract_text
    except ImportError:
        print(line + " | pdfminer.six not installed")
        return
    t = time.perf_counter()
    for _ in range(repeat):
        b = extract_text(io.BytesIO(data))
    miner_s = (time.perf_counter() - t) / repeat
    print(line + f" | pdfminer.six {miner_s:.3f}s {len(b)} chars {_han(b)} 汉字 | ×{miner_s / pypdf_s:.1f}")


if __name__ == "__main__":
    measure("demo dbmd.pdf (planted 低保名单)", attachment(PDF, "bench"))
    for path in [Path(p) for p in sys.argv[1:]] or [p for p in DEFAULTS if p.exists()]:
        measure(path.name, path.read_bytes())
