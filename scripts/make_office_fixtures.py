#!/usr/bin/env python3
"""Writes the binary fixtures (.docx, .xlsx, .csv) and their text twin from one description, so
each binary format can be tested against the register its text twin gives. Standard library
only; the outputs are checked in, so the tests never run this. Run from the repository root:

    python3 scripts/make_office_fixtures.py
"""
import zipfile
from xml.sax.saxutils import escape

OUT = "fixtures/"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

# One responsibility table: title, header, rows. A row of one string is a section row.
# A cell value None means "merged down from the cell above".
TITLE = "东湖区2024年安全生产责任分解表"
HEADER = ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"]
ROWS = [
    "一、隐患排查",
    [1, "排查工贸企业。一是摸清底数。二是建立台账。", "区应急管理局", "区市场监管局", "2024年6月底前"],
    [2, "排查危化企业。", None, "区消防救援大队\n区公安分局", "2024年9月底前"],
    "二、能力建设",
    [3, "建设应急队伍。", "区应急管理局、区人武部", "各街道办事处", "长期坚持"],
]


# A table whose first column groups rows (merged down over several), whose headers no list holds
# (存在问题｜整改目标和措施｜责任单位｜实施范围), with phrase cells and an empty cell.
GROUPED_TITLE = "某县突出问题整改任务分解表"
GROUPED_HEADER = ["存在问题", "整改目标和措施", "责任单位", "实施范围"]
GROUPED_ROWS = [
    ["河道垃圾较多", "开展河道清理专项行动，2024年6月底前完成全县主要河道清理。", "县水利局牵头，县城管局、县生态环境局配合", "全县"],
    [None, "建立河道保洁长效机制，落实保洁经费。", "县财政局、水利局牵头，各乡镇人民政府", "全县"],
    [None, "开展河道两岸垃圾清运。", "县城管局", "城区"],
    ["污水直排问题", "2024年9月底前，完成城区雨污分流改造。", "县住建局", "城区"],
    [None, "排查整治入河排污口。", "各乡镇人民政府", ""],
    ["执法力量薄弱", "充实基层执法队伍，开展执法培训。", "县司法局牵头，县人社局配合", "全县"],
]


def resolved_rows(rows=None):
    """Rows with merged-down cells filled in, as a reader must give them."""
    out, above = [], {}
    for row in ROWS if rows is None else rows:
        if isinstance(row, str):
            out.append(row)
            continue
        filled = []
        for i, value in enumerate(row):
            value = above.get(i) if value is None else value
            above[i] = value
            filled.append(value)
        out.append(filled)
    return out


def text_twin(title=TITLE, header=HEADER, rows=None):
    lines = [title] + ["\t" + h for h in header] + [""]
    for row in resolved_rows(rows):
        cells = [row] if isinstance(row, str) else [str(v) for v in row]
        for cell in cells:
            first, *rest = cell.split("\n")
            lines.append("\t" + first)
            lines.extend(rest)
        lines.append("")
    return "\n".join(lines) + "\n"


def docx_table(title=TITLE, header=HEADER, table=ROWS, name="table_merged_cells_word.docx"):
    def para(text):
        runs = "".join(f"<w:r><w:t xml:space=\"preserve\">{escape(t)}</w:t></w:r>" for t in text.split("\n")[:1])
        return f"<w:p>{runs}</w:p>"

    def cell(value, span=1, vmerge=None):
        props = ""
        if span > 1:
            props += f'<w:gridSpan w:val="{span}"/>'
        if vmerge == "restart":
            props += '<w:vMerge w:val="restart"/>'
        elif vmerge == "continue":
            props += "<w:vMerge/>"
        paragraphs = "".join(para(line) for line in str(value).split("\n")) if value is not None else "<w:p/>"
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraphs}</w:tc>"

    rows = ["<w:tr>" + "".join(cell(h) for h in header) + "</w:tr>"]
    for index, row in enumerate(table):
        if isinstance(row, str):
            rows.append(f"<w:tr>{cell(row, span=len(header))}</w:tr>")
            continue
        cells = []
        for column, value in enumerate(row):
            below = table[index + 1] if index + 1 < len(table) else None
            starts = isinstance(below, list) and below[column] is None
            cells.append(cell(value, vmerge="continue" if value is None else ("restart" if starts else None)))
        rows.append("<w:tr>" + "".join(cells) + "</w:tr>")
    body = para(title) + "<w:tbl><w:tblGrid>" + "<w:gridCol/>" * len(header) + "</w:tblGrid>" + "".join(rows) + "</w:tbl>"
    write_docx(name, body, numbering=None)


def write_docx(name, body, numbering):
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
             '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
             '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
             '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    doc_rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
                '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>')
    header = f'<?xml version="1.0" encoding="UTF-8"?><w:hdr {W}><w:p><w:r><w:t>页眉（一）不是任务（市财政局牵头）</w:t></w:r></w:p></w:hdr>'
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}'
                '<w:sectPr><w:headerReference w:type="default" r:id="rId2"/></w:sectPr></w:body></w:document>')
    with zipfile.ZipFile(OUT + name, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/_rels/document.xml.rels", doc_rels)
        z.writestr("word/document.xml", document)
        z.writestr("word/header1.xml", header)
        if numbering:
            z.writestr("word/numbering.xml", numbering)


def docx_outline():
    """The outline fixture typed as text, here with Word's automatic numbering for 一、 and （一）,
    a deleted revision that must not be read and an inserted one that must."""
    numbering = (f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {W}>'
                 '<w:abstractNum w:abstractNumId="0">'
                 '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
                 '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
                 '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    paragraphs = []
    with open(OUT + "outline_trailing_assignments.txt", encoding="utf-8") as f:
        for line in f.read().splitlines():
            if not line.strip():
                continue
            level = None
            for i, marks in enumerate(["一二三四五六七八九", ""]):
                pass
            if line[0] in "一二三四五六七八九" and line[1] == "、":
                level, line = 0, line[2:]
            elif line.startswith("（") and line[2] == "）":
                level, line = 1, line[3:]
            num = f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr></w:pPr>' if level is not None else ""
            text = escape(line)
            if "市住建局牵头" in line:
                # an inserted revision is kept; a deleted one is not
                before, after = text.split("市住建局牵头", 1)
                runs = (f'<w:r><w:t xml:space="preserve">{before}</w:t></w:r>'
                        '<w:del w:id="1" w:author="a"><w:r><w:delText>市城管局牵头，</w:delText></w:r></w:del>'
                        '<w:ins w:id="2" w:author="a"><w:r><w:t>市住建局</w:t></w:r></w:ins>'
                        f'<w:r><w:t xml:space="preserve">牵头{after}</w:t></w:r>')
            else:
                runs = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
            paragraphs.append(f"<w:p>{num}{runs}</w:p>")
    write_docx("outline_auto_numbered.docx", "".join(paragraphs), numbering)


def column(i):
    return chr(ord("A") + i)


def xlsx_table(title=TITLE, header=HEADER, table=ROWS, name="table_merged_cells_excel.xlsx"):
    def c(ref, value):
        if isinstance(value, int):
            return f'<c r="{ref}"><v>{value}</v></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'

    rows, merges, r = [], [f"A1:{column(len(header) - 1)}1"], 1
    rows.append(f'<row r="1">{c("A1", title)}</row>')
    r = 2
    rows.append(f'<row r="2">' + "".join(c(f"{column(i)}2", h) for i, h in enumerate(header)) + "</row>")
    # Per column: the row a run merged down starts on, and the last row it reaches.
    runs = {}
    for row in table:
        r += 1
        if isinstance(row, str):
            rows.append(f'<row r="{r}">{c(f"A{r}", row)}</row>')
            merges.append(f"A{r}:{column(len(header) - 1)}{r}")
            continue
        cells = []
        for i, value in enumerate(row):
            if value is None:
                runs.setdefault(i, [r - 1, r])[1] = r
                continue
            if i in runs:
                start, end = runs.pop(i)
                merges.append(f"{column(i)}{start}:{column(i)}{end}")
            if value != "":
                cells.append(c(f"{column(i)}{r}", value))
        rows.append(f'<row r="{r}">' + "".join(cells) + "</row>")
    for i, (start, end) in runs.items():
        merges.append(f"{column(i)}{start}:{column(i)}{end}")
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             + "".join(rows) + "</sheetData>"
             + f'<mergeCells count="{len(merges)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in merges) + "</mergeCells></worksheet>")
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
             '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
             '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    workbook = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                '<sheet name="分解表" sheetId="1" r:id="rId1"/></sheets></workbook>')
    wb_rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    with zipfile.ZipFile(OUT + name, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", wb_rels)
        z.writestr("xl/worksheets/sheet1.xml", sheet)


def csv_gbk():
    def quote(v):
        v = str(v)
        return '"' + v.replace('"', '""') + '"' if any(ch in v for ch in ',"\n') else v
    lines = [TITLE, ",".join(HEADER)]
    for row in resolved_rows():
        lines.append(row if isinstance(row, str) else ",".join(quote(v) for v in row))
    with open(OUT + "table_merged_cells_gbk.csv", "wb") as f:
        f.write(("\r\n".join(lines) + "\r\n").encode("gbk"))


def excel97_table():
    """The Excel 97-2003 twin, converted by LibreOffice (installed from Debian's package when
    missing): no pure-Python writer of .xls is at hand."""
    import shutil, subprocess, tempfile
    if not shutil.which("soffice"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "libreoffice-calc"], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", "--headless", "--convert-to", "xls", "--outdir", tmp,
                        OUT + "table_merged_cells_excel.xlsx"], check=True, capture_output=True)
        shutil.copy(tmp + "/table_merged_cells_excel.xls", OUT + "table_merged_cells_excel97.xls")


if __name__ == "__main__":
    with open(OUT + "table_merged_cells.txt", "w", encoding="utf-8") as f:
        f.write(text_twin())
    docx_table()
    docx_outline()
    xlsx_table()
    csv_gbk()
    grouped = (GROUPED_TITLE, GROUPED_HEADER, GROUPED_ROWS)
    with open(OUT + "table_grouping_column.txt", "w", encoding="utf-8") as f:
        f.write(text_twin(*grouped))
    docx_table(*grouped, name="table_grouping_column_word.docx")
    xlsx_table(*grouped, name="table_grouping_column_excel.xlsx")
    excel97_table()
