#!/usr/bin/env python3
# name: xlsx fixtures
# description: writes the small .xlsx files service/xlsx_test.cc reads (bulk import, issue 8):
#   tickets.xlsx  deflated; shared strings (one rich text), inline strings, numbers, a date
#                 cell (built-in format 22), a custom date format, a text date, bad rows
#   date1904.xlsx stored (no compression), the 1904 date system, the sheet found through
#                 the workbook's relationships at a non-default path
# group: service/bulk_import
# Run from this folder: python3 make_fixtures.py (standard library only; output is committed).
import zipfile

CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="xml" ContentType="application/xml"/></Types>')


def workbook(date1904=False):
    pr = '<workbookPr date1904="1"/>' if date1904 else '<workbookPr/>'
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            + pr + '<sheets><sheet name="工单" sheetId="1" r:id="rId1"/></sheets></workbook>')


def rels(target):
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId9" Type="x" Target="styles.xml"/>'
            '<Relationship Id="rId1" Type="x" Target="' + target + '"/></Relationships>')


STYLES = ('<?xml version="1.0" encoding="UTF-8"?>'
          '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot; hh:mm"/>'
          '<numFmt numFmtId="165" formatCode="0.00&quot; 元&quot;"/></numFmts>'
          '<cellStyleXfs count="1"><xf numFmtId="22"/></cellStyleXfs>'
          '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="22"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>'
          '</styleSheet>')

HEADER = ["number", "created_at", "title", "body", "region", "category", "owner_unit", "reply",
          "resolved_at", "status", "citizen_phone"]
# Shared strings: the header, then some values; index 11 is rich text with a phonetic run.
SHARED = HEADER + ["H-1", "路灯不亮", "小区路灯坏了 &lt;三盏&gt;", "XD.A", "XD.A/zjj", "archived"]


def shared_strings():
    items = ''.join('<si><t>%s</t></si>' % s for s in SHARED)
    items += ('<si><r><rPr><b/></rPr><t>已</t></r><r><t xml:space="preserve">修复 </t></r>'
              '<rPh sb="0" eb="1"><t>yi</t></rPh></si>')
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>'
            % (len(SHARED) + 1, len(SHARED) + 1, items))


def cell(ref, kind, value, style=None):
    s = ' s="%d"' % style if style is not None else ''
    if kind == 's':
        return '<c r="%s" t="s"%s><v>%d</v></c>' % (ref, s, value)
    if kind == 'inline':
        return '<c r="%s" t="inlineStr"%s><is><t>%s</t></is></c>' % (ref, s, value)
    return '<c r="%s"%s><v>%s</v></c>' % (ref, s, value)


def sheet_tickets():
    cols = "ABCDEFGHIJK"
    rows = ['<row r="1">' + ''.join(cell(cols[i] + "1", 's', i) for i in range(len(HEADER))) + '</row>']
    # H-1: created 2025-03-01 09:00 as a date serial, resolved 2025-03-03 10:00 in a custom
    # date format, the reply as rich text, the phone as a number.
    rows.append('<row r="2">' + cell("A2", 's', 11) + cell("B2", 'n', "45717.375", 1) +
                cell("C2", 's', 12) + cell("D2", 's', 13) + cell("E2", 's', 14) +
                cell("G2", 's', 15) + cell("H2", 's', 17) + cell("I2", 'n', "45719.416666666664", 2) +
                cell("J2", 's', 16) + cell("K2", 'n', "13812341234") + '</row>')
    # H-2: inline strings, a text date, no column references on the cells after B.
    rows.append('<row r="3">' + cell("A3", 'inline', "H-2") + cell("B3", 'inline', "2025-03-02") +
                '<c t="inlineStr"><is><t>噪音</t></is></c><c t="inlineStr"><is><t>夜间施工</t></is></c>'
                '</row>')
    # row 4 left out (absent), row 5 present but blank: neither is a data row.
    rows.append('<row r="5"><c r="A5" t="inlineStr"><is><t> </t></is></c></row>')
    # H-3: a number that is not a date (no date style) in created_at: rejected.
    rows.append('<row r="6">' + cell("A6", 'inline', "H-3") + cell("B6", 'n', "12345") +
                cell("C6", 'inline', "标题") + cell("D6", 'inline', "内容") + '</row>')
    # H-4: a money-formatted number is not a date either: rejected.
    rows.append('<row r="7">' + cell("A7", 'inline', "H-4") + cell("B7", 'n', "45717", 3) +
                cell("D7", 'inline', "内容") + '</row>')
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetData>' + ''.join(rows) + '</sheetData></worksheet>')


def sheet_1904():
    # 1904 system: serial 43889.5 = 2024-02-29 12:00; a boolean and a formula string.
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
            '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>number</x:t></x:is></x:c>'
            '<x:c r="B1" t="inlineStr"><x:is><x:t>created_at</x:t></x:is></x:c>'
            '<x:c r="C1" t="inlineStr"><x:is><x:t>title</x:t></x:is></x:c>'
            '<x:c r="D1" t="inlineStr"><x:is><x:t>body</x:t></x:is></x:c></x:row>'
            '<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>N-1</x:t></x:is></x:c>'
            '<x:c r="B2" s="1"><x:v>43889.5</x:v></x:c>'
            '<x:c r="C2" t="str"><x:f>CONCAT("井盖","缺失")</x:f><x:v>井盖缺失</x:v></x:c>'
            '<x:c r="D2" t="b"><x:v>1</x:v></x:c></x:row>'
            '</x:sheetData></x:worksheet>')


def write(path, parts, method):
    with zipfile.ZipFile(path, "w", compression=method) as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=(2026, 12, 1, 0, 0, 0))
            info.compress_type = method
            z.writestr(info, text.encode("utf-8"))


write("tickets.xlsx", [("[Content_Types].xml", CT), ("xl/workbook.xml", workbook()),
                       ("xl/_rels/workbook.xml.rels", rels("worksheets/sheet1.xml")),
                       ("xl/styles.xml", STYLES), ("xl/sharedStrings.xml", shared_strings()),
                       ("xl/worksheets/sheet1.xml", sheet_tickets())], zipfile.ZIP_DEFLATED)
write("date1904.xlsx", [("[Content_Types].xml", CT), ("xl/workbook.xml", workbook(True)),
                        ("xl/_rels/workbook.xml.rels", rels("/xl/worksheets/tickets_sheet.xml")),
                        ("xl/styles.xml", STYLES), ("xl/worksheets/tickets_sheet.xml", sheet_1904())],
      zipfile.ZIP_STORED)
