#!/usr/bin/env python3
"""Writes the PDF fixtures: a notice and a bordered 分解表 with merged cells as .docx and .xlsx
(standard library only), each printed to PDF by LibreOffice as an office prints it, plus a
scanned PDF (a page image without a text layer) and a PDF with an open password. The PDFs are
checked in, so the tests never run this; the tests assert that each PDF gives the register of
its .docx/.xlsx twin. Installs Debian's libreoffice when soffice is missing. Run from the
repository root:

    python3 scripts/make_pdf_fixtures.py

With `--corpus DIR OUT`, prints the corpus instead, for grading the PDF reader against the
formats it was printed from (nothing of it is checked in): each DIR/NAME.txt is imported by
target/release/dutyctl to OUT/xlsx/NAME.xlsx and OUT/docx/NAME.docx, and each of those is
printed to NAME.pdf beside it. Then, from the repository root:

    ../shared/eval/score --dutyctl target/release/dutyctl --corpus OUT/xlsx --ext .pdf --present-only
    ../shared/eval/score --dutyctl target/release/dutyctl --corpus OUT/xlsx --ext .xlsx --present-only
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
import zlib
from xml.sax.saxutils import escape

OUT = "fixtures/"
BAD = OUT + "pdf_refused/"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

# A made-up notice: long paragraphs that the page width breaks into several lines, numbered
# headings on lines of their own, assignments in brackets, a page header and page numbers.
NOTICE_HEADER = "东湖区人民政府办公室"
NOTICE = [
    ("title", "东湖区人民政府办公室关于做好2024年城乡环境整治工作的通知"),
    ("center", "东政办〔2024〕7号"),
    ("plain", "各街道办事处，区直各单位："),
    ("body", "为持续改善城乡人居环境，巩固近年来环境整治取得的成效，推动全区环境面貌整体提升，经区政府同意，现就做好2024年城乡环境整治工作有关事项通知如下。"),
    ("heading", "一、总体要求"),
    ("body", "坚持问题导向和目标导向相结合，聚焦群众反映强烈的突出问题，以背街小巷、城乡结合部、农贸市场周边为重点区域，集中力量开展专项整治，建立健全常态长效管理机制，做到整治一处、巩固一处、群众满意一处。"),
    ("heading", "二、重点任务"),
    ("body", "（一）开展背街小巷整治。全面排查背街小巷路面破损、杂物堆放、线缆凌乱等问题，建立问题清单，明确整改时限，2024年6月底前完成首批三十条背街小巷的整治提升。（区城管局牵头，区住建局、各街道办事处配合）"),
    ("body", "（二）整治农贸市场周边秩序。加强农贸市场周边占道经营、乱停乱放等问题的日常巡查，合理设置临时疏导点，引导摊贩入市经营，做到市场内外干净整洁、通行顺畅有序。（区市场监管局牵头，区城管局、区公安分局配合）"),
    ("body", "（三）推进城乡结合部垃圾治理。完善垃圾收集和转运设施，清理积存垃圾和卫生死角，落实保洁人员和经费，2024年9月底前实现城乡结合部垃圾日产日清。（区城管局牵头，区财政局、各街道办事处配合）"),
    ("body", "（四）加强河道沟渠环境治理。组织开展河道沟渠清淤疏浚，清理水面漂浮物和岸坡垃圾，排查整治沿河违规排污行为，保持水体清洁、岸线整洁。（区水利局牵头，区生态环境局、各街道办事处配合）"),
    ("heading", "三、保障措施"),
    ("body", "（一）加强组织领导。各单位要把城乡环境整治作为改善民生的重要举措，主要负责同志亲自抓、负总责，明确专人负责日常工作，确保各项任务按期完成。（区城管局牵头，区直各单位配合）"),
    ("body", "（二）强化督查考核。区政府督查室要定期对整治工作开展情况进行督查，及时通报工作进展，对工作推进不力、问题整改不到位的单位进行通报批评，督查结果纳入年度绩效考核。（区政府督查室牵头，区委组织部配合）"),
    ("body", "（三）营造良好氛围。充分利用报刊、电视、网络等媒体广泛宣传环境整治的重要意义和进展成效，鼓励群众积极参与、主动监督，形成全社会共同关心支持环境整治的良好氛围。（区委宣传部牵头，区融媒体中心配合）"),
    ("signature", "东湖区人民政府办公室"),
    ("signature", "2024年3月15日"),
]

# A bordered 分解表: a header row repeated on every page, sections merged across, a lead unit
# merged down over the rows it leads, cells whose text wraps over several lines.
TABLE_TITLE = "东湖区2024年城乡环境整治任务分解表"
TABLE_HEADER = ["序号", "重点任务", "牵头单位", "配合单位", "责任人", "完成时限"]
# A row of one string is a section row; None means merged down from the cell above.
TABLE_ROWS = [
    "一、市容环境整治",
    [1, "全面排查背街小巷路面破损、杂物堆放、线缆凌乱等问题，建立问题清单，完成首批背街小巷整治提升。", "区城管局", "区住建局\n各街道办事处", "王建国", "2024年6月底前"],
    [2, "加强农贸市场周边占道经营、乱停乱放等问题的日常巡查，合理设置临时疏导点。", None, "区市场监管局\n区公安分局", "李明华", "2024年6月底前"],
    [3, "完善垃圾收集转运设施，清理积存垃圾和卫生死角，实现城乡结合部垃圾日产日清。", None, "区财政局", "王建国", "2024年9月底前"],
    [4, "规范户外广告和招牌设置，拆除违规设置和存在安全隐患的户外广告设施。", "区城管局、区市场监管局", "各街道办事处", "张卫东", "2024年8月底前"],
    "二、生态环境治理",
    [5, "组织开展河道沟渠清淤疏浚，清理水面漂浮物和岸坡垃圾，保持水体清洁。", "区水利局", "区生态环境局", "陈志强", "2024年5月底前"],
    [6, "排查整治沿河违规排污行为，建立入河排污口台账，实行动态管理。", None, "区生态环境局\n各街道办事处", "陈志强", "2024年10月底前"],
    [7, "加强建筑工地扬尘管控，落实围挡、覆盖、冲洗等防尘措施。", "区住建局", "区城管局", "刘海燕", "长期坚持"],
    [8, "开展餐饮油烟专项治理，督促餐饮单位安装并正常使用油烟净化设施。", "区生态环境局", "区市场监管局\n区城管局", "赵立新", "2024年7月底前"],
    [9, "推进裸露土地绿化覆盖，对闲置地块实施临时绿化或防尘覆盖。", "区自然资源局", "区住建局\n区城管局", "孙永红", "2024年11月底前"],
    "三、长效机制建设",
    [10, "建立环境整治问题发现、交办、整改、反馈闭环工作机制，明确各环节责任和时限要求。", "区城管局", "区直各单位", "王建国", "2024年4月底前"],
    [11, "将环境整治工作纳入年度绩效考核，定期通报各单位工作进展和问题整改情况。", "区政府督查室", "区委组织部", "周文斌", "每季度末"],
    [12, "广泛宣传环境整治的意义和成效，鼓励群众参与监督，营造共建共享的良好氛围。", "区委宣传部", "区融媒体中心\n各街道办事处", "吴丽萍", "长期坚持"],
    [13, "落实环境整治工作经费，保障保洁人员工资和设施设备运行维护支出。", "区财政局", "区城管局", "郑国平", "2024年12月底前"],
]
TABLE_NOTE = "备注：各街道办事处要明确一名分管负责同志具体抓好落实。"


def run(command, **kw):
    return subprocess.run(command, check=True, **kw)


def soffice():
    found = shutil.which("soffice")
    if found:
        return found
    print("soffice not found: installing Debian's libreoffice", file=sys.stderr)
    run(["apt-get", "update"])
    run(["apt-get", "install", "-y", "--no-install-recommends", "libreoffice-writer", "libreoffice-calc",
         "libreoffice-draw", "fonts-noto-cjk"])
    return shutil.which("soffice")


def run_props(size=32, bold=False, font="仿宋"):
    b = "<w:b/>" if bold else ""
    return f'<w:rPr><w:rFonts w:ascii="{font}" w:eastAsia="{font}" w:hAnsi="{font}"/>{b}<w:sz w:val="{size}"/></w:rPr>'


def paragraph(text, jc=None, indent=False, size=32, bold=False, font="仿宋", spacing=None):
    props = ""
    if jc:
        props += f'<w:jc w:val="{jc}"/>'
    if indent:
        props += '<w:ind w:firstLineChars="200" w:firstLine="640"/>'
    if spacing:
        props += f'<w:spacing w:after="{spacing}"/>'
    runs = "".join(f'<w:r>{run_props(size, bold, font)}<w:t xml:space="preserve">{escape(t)}</w:t></w:r>'
                   + ("<w:r><w:br/></w:r>" if i < len(text.split("\n")) - 1 else "")
                   for i, t in enumerate(text.split("\n")))
    return f"<w:p><w:pPr>{props}</w:pPr>{runs}</w:p>"


def write_docx(path, body, header_text, landscape=False):
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
             '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
             '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
             '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    doc_rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
                '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>')
    header = f'<?xml version="1.0" encoding="UTF-8"?><w:hdr {W}>{paragraph(header_text, jc="center", size=21)}</w:hdr>'
    # The page number as 公文 print it: －1－, centred.
    dash = f'<w:r>{run_props(28, font="宋体")}<w:t>－</w:t></w:r>'
    footer = (f'<?xml version="1.0" encoding="UTF-8"?><w:ftr {W}><w:p><w:pPr><w:jc w:val="center"/></w:pPr>{dash}'
              f'<w:r>{run_props(28, font="宋体")}<w:fldChar w:fldCharType="begin"/></w:r>'
              f'<w:r>{run_props(28, font="宋体")}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
              f'<w:r>{run_props(28, font="宋体")}<w:fldChar w:fldCharType="separate"/></w:r>'
              f'<w:r>{run_props(28, font="宋体")}<w:t>1</w:t></w:r>'
              f'<w:r>{run_props(28, font="宋体")}<w:fldChar w:fldCharType="end"/></w:r>{dash}</w:p></w:ftr>')
    size = '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>' if landscape else '<w:pgSz w:w="11906" w:h="16838"/>'
    section = (f'<w:sectPr><w:headerReference w:type="default" r:id="rId2"/><w:footerReference w:type="default" r:id="rId3"/>'
               f'{size}<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992"/></w:sectPr>')
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}'
                f'{section}</w:body></w:document>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/_rels/document.xml.rels", doc_rels)
        z.writestr("word/document.xml", document)
        z.writestr("word/header1.xml", header)
        z.writestr("word/footer1.xml", footer)


def notice_docx(path):
    body = []
    for kind, text in NOTICE:
        if kind == "title":
            body.append(paragraph(text, jc="center", size=44, font="黑体", spacing=300))
        elif kind == "center":
            body.append(paragraph(text, jc="center", spacing=300))
        elif kind == "plain":
            body.append(paragraph(text))
        elif kind == "heading":
            body.append(paragraph(text, indent=True, font="黑体"))
        elif kind == "signature":
            body.append(paragraph(text, jc="right"))
        else:
            body.append(paragraph(text, jc="both", indent=True))
    write_docx(path, "".join(body), NOTICE_HEADER)


def table_docx(path):
    widths = [700, 5200, 1900, 2200, 1100, 1900]
    border = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                     for side in ("top", "left", "bottom", "right", "insideH", "insideV"))

    def cell(value, column, span=1, vmerge=None):
        props = f'<w:tcW w:w="{sum(widths[column:column + span])}" w:type="dxa"/>'
        if span > 1:
            props += f'<w:gridSpan w:val="{span}"/>'
        if vmerge == "restart":
            props += '<w:vMerge w:val="restart"/>'
        elif vmerge == "continue":
            props += "<w:vMerge/>"
        props += '<w:vAlign w:val="center"/>'
        if value is None:
            paragraphs = "<w:p/>"
        else:
            paragraphs = "".join(paragraph(line, size=24, jc="left" if column == 1 or span > 1 else "center")
                                 for line in str(value).split("\n"))
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraphs}</w:tc>"

    rows = ['<w:tr><w:trPr><w:tblHeader/></w:trPr>' + "".join(cell(h, i) for i, h in enumerate(TABLE_HEADER)) + "</w:tr>"]
    for index, row in enumerate(TABLE_ROWS):
        if isinstance(row, str):
            rows.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cell(row, 0, span=len(TABLE_HEADER))}</w:tr>")
            continue
        cells = []
        for column, value in enumerate(row):
            below = TABLE_ROWS[index + 1] if index + 1 < len(TABLE_ROWS) else None
            starts = isinstance(below, list) and below[column] is None
            cells.append(cell(value, column, vmerge="continue" if value is None else ("restart" if starts else None)))
        rows.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(cells) + "</w:tr>")
    table = (f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
             f'<w:tblBorders>{border}</w:tblBorders></w:tblPr><w:tblGrid>'
             + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>" + "".join(rows) + "</w:tbl>")
    body = (paragraph("附件", font="黑体") + paragraph(TABLE_TITLE, jc="center", size=36, font="黑体", spacing=200)
            + table + paragraph(TABLE_NOTE, size=24))
    write_docx(path, body, NOTICE_HEADER, landscape=True)


def column(i):
    return chr(ord("A") + i)


def table_xlsx(path):
    def c(ref, value, style):
        if isinstance(value, int):
            return f'<c r="{ref}" s="{style}"><v>{value}</v></c>'
        return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'

    last = column(len(TABLE_HEADER) - 1)
    rows, merges = [], [f"A1:{last}1"]
    rows.append(f'<row r="1" ht="36" customHeight="1">{c("A1", TABLE_TITLE, 1)}</row>')
    rows.append('<row r="2" ht="22" customHeight="1">' + "".join(c(f"{column(i)}2", h, 2) for i, h in enumerate(TABLE_HEADER)) + "</row>")
    widths = [5, 40, 15, 15, 8, 14]

    def height(row):
        """Points a row needs for its wrapped lines (Excel does not fit rows on opening)."""
        def lines(value, width):
            chars = [2 if ord(ch) > 0x2E80 else 1 for ch in str(value)]
            return sum(max(1, -(-sum(2 if ord(ch) > 0x2E80 else 1 for ch in part) // (width - 2)))
                       for part in str(value).split("\n")) if chars else 1
        return 17 * max(lines(v, widths[i]) for i, v in enumerate(row) if v is not None) + 6

    r, runs = 2, {}
    for row in TABLE_ROWS:
        r += 1
        if isinstance(row, str):
            rows.append(f'<row r="{r}">{c(f"A{r}", row, 4)}' + "".join(c(f"{column(i)}{r}", "", 4) for i in range(1, len(TABLE_HEADER))) + "</row>")
            merges.append(f"A{r}:{last}{r}")
            continue
        cells = []
        for i, value in enumerate(row):
            if value is None:
                runs.setdefault(i, [r - 1, r])[1] = r
                cells.append(f'<c r="{column(i)}{r}" s="3"/>')
                continue
            if i in runs:
                start, end = runs.pop(i)
                merges.append(f"{column(i)}{start}:{column(i)}{end}")
            cells.append(c(f"{column(i)}{r}", value, 4 if i == 1 else 3))
        rows.append(f'<row r="{r}" ht="{height(row)}" customHeight="1">' + "".join(cells) + "</row>")
    for i, (start, end) in runs.items():
        merges.append(f"{column(i)}{start}:{column(i)}{end}")
    cols = "".join(f'<col min="{i + 1}" max="{i + 1}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths))
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
             f'<cols>{cols}</cols><sheetData>'
             + "".join(rows) + "</sheetData>"
             + f'<mergeCells count="{len(merges)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in merges) + "</mergeCells>"
             '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
             '<pageSetup paperSize="9" orientation="landscape"/>'
             '<headerFooter><oddFooter>&amp;C第 &amp;P 页 共 &amp;N 页</oddFooter></headerFooter>'
             '</worksheet>')
    thin = '<left style="thin"><color rgb="FF000000"/></left><right style="thin"><color rgb="FF000000"/></right><top style="thin"><color rgb="FF000000"/></top><bottom style="thin"><color rgb="FF000000"/></bottom><diagonal/>'
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<fonts count="3"><font><sz val="12"/><name val="仿宋"/></font><font><b/><sz val="18"/><name val="黑体"/></font>'
              '<font><b/><sz val="12"/><name val="黑体"/></font></fonts>'
              '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
              f'<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border>{thin}</border></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
              '<cellXfs count="6">'
              '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
              '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>'
              '<xf numFmtId="0" fontId="2" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>'
              '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>'
              '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="left" vertical="center" wrapText="1"/></xf>'
              '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment horizontal="left" vertical="center"/></xf>'
              '</cellXfs></styleSheet>')
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
             '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
             '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
             '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    workbook = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                '<sheet name="分解表" sheetId="1" r:id="rId1"/></sheets>'
                '<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">分解表!$2:$2</definedName></definedNames></workbook>')
    wb_rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
               '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", wb_rels)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        z.writestr("xl/styles.xml", styles)


def scanned_pdf(pgm, path):
    """A one-page PDF holding a binary PGM image (as pdftoppm -gray writes it) and no text."""
    magic, width, height, depth, pixels = pgm.split(maxsplit=4)
    assert magic == b"P5" and depth == b"255"
    width, height = int(width), int(height)
    image = zlib.compress(pixels[:width * height])
    content = b"q 595 0 0 842 0 0 cm /Im1 Do Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
        % (width, height, len(image)) + image + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    with open(path, "wb") as f:
        f.write(out)


def to_pdf(office, work, source, target, export_filter="pdf"):
    """Prints SOURCE to PDF with LibreOffice (a private profile, so a running instance is not
    disturbed) and moves the result to TARGET."""
    run([office, f"-env:UserInstallation=file://{work}/profile", "--headless", "--convert-to", export_filter,
         "--outdir", work, source], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    shutil.move(os.path.join(work, os.path.splitext(os.path.basename(source))[0] + ".pdf"), target)


def print_table_sheet_only(path):
    """Leaves out every sheet but the 责任分解表 of a workbook dutyctl wrote (its first sheet where it
    has none of that name), so LibreOffice prints one sheet as Excel does by default, not the
    per-unit summary or a 领导分工 sheet that only reads back through the hidden metadata."""
    with zipfile.ZipFile(path) as z:
        members = {name: z.read(name) for name in z.namelist()}
    workbook = members["xl/workbook.xml"].decode("utf-8")
    tags = re.findall(r"<sheet [^>]*>", workbook)
    keep = next((t for t in tags if 'name="责任分解表"' in t), tags[0] if tags else None)
    # Left out rather than hidden: LibreOffice prints the active sheet even when hidden.
    for tag in tags:
        if tag != keep:
            workbook = workbook.replace(tag, "")
    workbook = re.sub(r' activeTab="\d+"', "", workbook)
    # A print area or print titles name their sheet for printing, hidden or not.
    workbook = re.sub(r'<definedName name="_xlnm[^>]*>[^<]*</definedName>',
                      lambda m: m.group(0) if keep and re.search(r'name="([^"]*)"', keep).group(1) + "!" in m.group(0) else "",
                      workbook)
    # The kept sheet is now the first.
    workbook = re.sub(r'localSheetId="\d+"', 'localSheetId="0"', workbook)
    members["xl/workbook.xml"] = workbook.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)


def print_corpus(office, corpus, out):
    for kind in ("xlsx", "docx"):
        os.makedirs(os.path.join(out, kind), exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        for name in sorted(os.listdir(corpus)):
            stem, ext = os.path.splitext(name)
            if ext != ".txt":
                continue
            for kind in ("xlsx", "docx"):
                target = os.path.join(out, kind, stem + "." + kind)
                done = subprocess.run(["target/release/dutyctl", "import", os.path.join(corpus, name), "-o", target],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                if done.returncode == 0:
                    if kind == "xlsx":
                        print_table_sheet_only(target)
                    to_pdf(office, work, target, os.path.join(out, kind, stem + ".pdf"))


if __name__ == "__main__":
    office = soffice()
    if sys.argv[1:2] == ["--corpus"]:
        print_corpus(office, sys.argv[2], sys.argv[3])
        sys.exit(0)
    os.makedirs(BAD, exist_ok=True)
    notice_docx(OUT + "pdf_notice_source.docx")
    table_docx(OUT + "pdf_table_word_source.docx")
    table_xlsx(OUT + "pdf_table_excel_source.xlsx")
    with tempfile.TemporaryDirectory() as work:
        to_pdf(office, work, OUT + "pdf_notice_source.docx", OUT + "pdf_notice.pdf")
        to_pdf(office, work, OUT + "pdf_table_word_source.docx", OUT + "pdf_table_word.pdf")
        to_pdf(office, work, OUT + "pdf_table_excel_source.xlsx", OUT + "pdf_table_excel.pdf")
        # Restrictions only (no printing, no copying): encrypted, but opened without a password.
        restricted = ('pdf:writer_pdf_Export:{"RestrictPermissions":{"type":"boolean","value":"true"},'
                      '"PermissionPassword":{"type":"string","value":"dutyctl"},"Printing":{"type":"long","value":"0"},'
                      '"EnableCopyingOfContent":{"type":"boolean","value":"false"}}')
        to_pdf(office, work, OUT + "pdf_notice_source.docx", OUT + "pdf_notice_restricted.pdf", restricted)
        # An open password, as a notice protected against reading is sent.
        locked = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
                  '"DocumentOpenPassword":{"type":"string","value":"dutyctl"}}')
        to_pdf(office, work, OUT + "pdf_notice_source.docx", BAD + "encrypted.pdf", locked)
        # A scan: the first page as a grey image, and no text layer.
        run(["pdftoppm", "-gray", "-r", "50", "-f", "1", "-l", "1", "-singlefile", OUT + "pdf_notice.pdf",
             os.path.join(work, "scan")])
        with open(os.path.join(work, "scan.pgm"), "rb") as f:
            scanned_pdf(f.read(), BAD + "scanned.pdf")
