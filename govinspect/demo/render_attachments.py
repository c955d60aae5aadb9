"""Attachments the demo serves as real files: a 公示 table as xlsx, a docx and a PDF with a text layer. The
personal-data plants (docs/demo_city.md) live in them; the numbers are synthetic but pass the checksums."""
from __future__ import annotations

import io
from datetime import date

from govinspect.demo.prose import pick


def id_number(seed: str, region: str = "421202", born: date = date(1985, 3, 14)) -> str:
    """A synthetic 居民身份证号 with a valid GB 11643 check character (sequence drawn from ``seed``)."""
    body = f"{region}{born:%Y%m%d}{pick(seed, 900) + 100:03d}"
    total = sum(int(d) * w for d, w in zip(body, (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)))
    return body + "10X98765432"[total % 11]


def card_number(seed: str) -> str:
    """A synthetic 19-digit UnionPay card number (62…) with a valid Luhn digit."""
    body = "621700" + f"{pick(seed, 10**8):08d}" + f"{pick(seed + '|2', 10**4):04d}"
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return body + str((10 - total % 10) % 10)


def xlsx_bytes(title: str, header: list[str], rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "公示名单"
    ws.append([title])
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def docx_bytes(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    from docx import Document

    doc = Document()
    for p in paragraphs:
        doc.add_paragraph(p)
    if table:
        t = doc.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def pdf_bytes(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (Adobe-GB1 STSong-Light, UniGB-UCS2-H: no font file
    is embedded, readers substitute a Song face; text extraction reads the UCS-2 codes)."""
    ops = ["BT", "/F1 11 Tf", "14 TL", "50 790 Td"]
    for line in lines:
        ops.append(f"<{line.encode('utf-16-be').hex().upper()}> Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
         b"/Contents 4 0 R >>"),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        (b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
         b"/DescendantFonts [6 0 R] >>"),
        (b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
         b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R >>"),
        (b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
         b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>"),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
