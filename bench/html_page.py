#!/usr/bin/env python3
"""Writes a made-up notice page as a government website publishes it, for the HTML benchmarks
(bench/html.sh): site chrome (inline style and script, navigation, breadcrumbs, a column of
links, the info bar, share and print buttons, related articles, footer), a long outline notice
in Word-exported markup (spans, mso styles, `<o:p>`), and a 分解表 table with rowspan/colspan.
The text is random phrases of notice vocabulary; nothing is taken from a real document.
Deterministic (a fixed seed). Standard library only.

Usage: bench/html_page.py [--plain] KB OUT.html       a page of about KB kilobytes (--plain: the
                                                     notice with the least markup, three times
                                                     the text)
       bench/html_page.py --nest N TAG OUT.html       N nested <TAG>s around one paragraph
"""

import sys

CHARS = ("安全生产隐患排查专项整治危险化学品道路交通消防燃气管道建筑施工特种设备应急救援监管执法"
         "宣传教育责任制风险管控企业主体信息化培训演练督查检查考核问责农村公路人员密集场所工业园区"
         "矿山烟花爆竹防汛抗旱森林防火校园医院养老机构电动自行车高层建筑地下空间渔业船舶危险废物"
         "粉尘涉爆有限空间职业健康")
UNITS = ["县应急管理局", "县公安局", "县住建局", "县交通运输局", "县市场监管局", "县消防救援大队",
         "县水利局", "县自然资源局", "县教育局", "县卫健局", "县农业农村局", "县生态环境局"]
NUMERALS = "一二三四五六七八九十"


class Lcg:
    def __init__(self, seed):
        self.state = seed

    def next(self, n):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % 2**64
        return (self.state >> 33) % n


def phrase(rng, length):
    return "".join(CHARS[rng.next(len(CHARS))] for _ in range(length))


def chinese(n):
    """1 to 99 as a heading numbers them; larger numbers start again at 一 (a 10 MB page)."""
    n = (n - 1) % 99 + 1
    if n <= 10:
        return NUMERALS[n - 1]
    if n < 20:
        return "十" + NUMERALS[n - 11]
    return NUMERALS[n // 10 - 1] + "十" + (NUMERALS[n % 10 - 1] if n % 10 else "")


def units(rng):
    lead = UNITS[rng.next(len(UNITS))]
    support = sorted({UNITS[rng.next(len(UNITS))] for _ in range(2)} - {lead})
    return lead, support


HEAD = """<!DOCTYPE html>
<html lang="zh-CN" xmlns:o="urn:schemas-microsoft-com:office:office">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>云溪县人民政府关于印发2025年安全生产重点工作任务的通知_云溪县人民政府</title>
<meta name="ArticleTitle" content="云溪县人民政府关于印发2025年安全生产重点工作任务的通知">
<meta name="PubDate" content="2025-03-12 10:00">
<meta name="ContentSource" content="县政府办公室">
<link rel="stylesheet" href="/css/common.css">
"""


def style(rng, rules):
    out = ["<style type=\"text/css\">"]
    for i in range(rules):
        out.append(f"  .c{i}-{rng.next(999)} {{ margin: {rng.next(20)}px {rng.next(20)}px; "
                   f"font-size: {12 + rng.next(8)}px; color: #{rng.next(0xFFFFFF):06x}; }}")
    out.append("</style>")
    return "\n".join(out) + "\n"


def script(rng, lines):
    out = ["<script type=\"text/javascript\">"]
    for i in range(lines):
        out.append(f"  var v{i} = document.getElementById(\"n{rng.next(999)}\"); "
                   f"if (v{i}) {{ v{i}.innerText = \"一、不是正文{i}\"; }}")
    out.append("</script>")
    return "\n".join(out) + "\n"


def chrome_top(rng):
    nav = "".join(f"<li><a href=\"/c{i}/\">{phrase(rng, 4)}</a></li>" for i in range(12))
    left = "\n".join(f"      <li><a href=\"/zwgk/l{i}/\">{phrase(rng, 5)}</a></li>" for i in range(30))
    return f"""<body>
<div class="top"><div class="logo"><img src="/images/logo.png" alt="云溪县人民政府"></div>
<div class="search"><form action="/search"><input name="q" placeholder="请输入关键字"><button>搜索</button></form></div></div>
<div class="nav"><ul>{nav}</ul></div>
<div class="main">
  <div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/tzgg/">通知公告</a></div>
  <div class="left"><h3>政务公开</h3>
    <ul>
{left}
    </ul>
  </div>
  <div class="right">
    <div class="article-title"><h1>云溪县人民政府关于印发2025年安全生产重点工作任务的通知</h1></div>
    <div class="article-info">发布时间：2025-03-12 10:00&nbsp;&nbsp;来源：县政府办公室&nbsp;&nbsp;浏览次数：<span id="hits">512</span></div>
    <div class="fontsize">【字体：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】</div>
    <div id="zoom" class="TRS_Editor"><div class="WordSection1">
"""


# How the notice's paragraphs and cells are marked up: "word" as Word's "save as web page"
# (and the CMS editors that paste from it) writes them, a run per change of script with its own
# style, every cell with its borders; "plain" with the least markup, so that the page holds
# about three times the text (the interpreters' and writers' worst case for its size).
MARKUP = "word"

CJK_RUN = ("<span style='font-size:16.0pt;font-family:仿宋_GB2312;mso-hansi-font-family:\"Times New Roman\";"
           "mso-bidi-font-family:\"Times New Roman\"'>")
LATIN_RUN = ("<span lang=EN-US style='font-size:16.0pt;font-family:\"Times New Roman\";"
             "mso-fareast-font-family:仿宋_GB2312'>")
CELL_RUN = ("<span style='font-size:12.0pt;font-family:仿宋_GB2312;mso-hansi-font-family:宋体;"
            "mso-bidi-font-family:宋体;color:black;mso-font-kerning:0pt'>")


def runs(text, cjk=CJK_RUN, latin=LATIN_RUN):
    """Word's runs: digits and Latin letters in a span of their own."""
    out, run, ascii_run = [], "", None
    for c in text:
        is_ascii = c.isascii()
        if ascii_run is not None and is_ascii != ascii_run:
            out.append((latin if ascii_run else cjk) + run + "</span>")
            run = ""
        run += c
        ascii_run = is_ascii
    if run:
        out.append((latin if ascii_run else cjk) + run + "</span>")
    return "".join(out)


def word_paragraph(text, bold=False):
    if MARKUP == "plain":
        inner = f"<b>{text}</b>" if bold else text
        return f"<p class=MsoNormal><span>{inner}<o:p></o:p></span></p>\n"
    inner = runs(text)
    if bold:
        inner = f"<b style='mso-bidi-font-weight:normal'>{inner}</b>"
    return ("<p class=MsoNormal style='text-indent:32.0pt;line-height:28.0pt;mso-line-height-rule:exactly'>"
            f"{inner}<span lang=EN-US style='font-size:16.0pt;font-family:仿宋_GB2312'><o:p></o:p></span></p>\n")


def notice(rng, measures_per_section, sections):
    out = [word_paragraph("云政发〔2025〕7号"),
           word_paragraph("各乡镇人民政府，县政府各部门："),
           word_paragraph("为扎实做好今年安全生产工作，现将重点工作任务印发给你们，请认真贯彻落实。")]
    for s in range(1, sections + 1):
        out.append(word_paragraph(f"{chinese(s)}、{phrase(rng, 8)}", bold=True))
        for m in range(1, measures_per_section + 1):
            lead, support = units(rng)
            body = "，".join(phrase(rng, 10) for _ in range(5))
            out.append(word_paragraph(
                f"（{chinese(m)}）{phrase(rng, 8)}。{body}。2025年{1 + rng.next(12)}月底前完成。"
                f"（{lead}牵头，{'、'.join(support)}配合）"))
    out.append(word_paragraph("附件：2025年安全生产重点工作任务分解表"))
    return "".join(out)


WIDTHS = [34, 60, 260, 80, 100, 70]


def cell(column, paragraphs, span="", header=False):
    """One cell: its paragraphs, each a line of the cell."""
    if MARKUP == "plain":
        text = "".join(f"<p class=MsoNormal><span>{p}</span></p>" for p in paragraphs)
        tag = "th" if header else "td"
        return f"<{tag}{span}>{text}</{tag}>"
    width = WIDTHS[column] if column < len(WIDTHS) else sum(WIDTHS)
    style = (f"width:{width * 0.75:.1f}pt;border:solid windowtext 1.0pt;border-top:none;"
             "mso-border-top-alt:solid windowtext .5pt;mso-border-alt:solid windowtext .5pt;"
             "padding:0cm 5.4pt 0cm 5.4pt;height:42.5pt")
    align = "center" if column != 2 else "left"
    text = "".join(
        f"<p class=MsoNormal align={align} style='text-align:{align};line-height:18.0pt;"
        f"mso-line-height-rule:exactly'>{runs(p, CELL_RUN, CELL_RUN.replace('<span ', '<span lang=EN-US '))}</p>"
        for p in paragraphs)
    if header:
        text = f"<b>{text}</b>"
    return f"<td width={width}{span} valign=middle style='{style}'>{text}</td>"


def row(cells, index):
    if MARKUP == "plain":
        return "<tr>" + "".join(cells) + "</tr>\n"
    return f"<tr style='mso-yfti-irow:{index};height:42.5pt'>\n" + "\n".join(cells) + "\n</tr>\n"


def table(rng, groups, rows_per_group):
    out = ["<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 width=604 "
           "style='width:453.0pt;border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;"
           "mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>\n"]
    index = 0
    out.append(row([cell(6, ["2025年安全生产重点工作任务分解表"], " colspan=6", header=True)], index))
    index += 1
    out.append(row([cell(i, [h], header=True) for i, h in
                    enumerate(["序号", "类别", "重点工作任务", "牵头单位", "配合单位", "完成时限"])], index))
    n = 0
    for g in range(groups):
        index += 1
        out.append(row([cell(6, [f"{chinese(g + 1)}、{phrase(rng, 6)}"], " colspan=6", header=True)], index))
        lead, support = units(rng)
        for r in range(rows_per_group):
            n += 1
            index += 1
            cells = [cell(0, [str(n)])]
            if r == 0:
                cells.append(cell(1, [phrase(rng, 4)], f" rowspan={rows_per_group}"))
            cells.append(cell(2, [f"{phrase(rng, 30)}。", f"{phrase(rng, 20)}。"]))
            if r == 0:
                cells.append(cell(3, [lead], f" rowspan={rows_per_group}"))
            cells.append(cell(4, support))
            cells.append(cell(5, [f"2025年{1 + rng.next(12)}月底前"]))
            out.append(row(cells, index))
    out.append("</table>\n")
    return "".join(out)


def chrome_bottom(rng):
    related = "\n".join(f"        <li><a href=\"/zwgk/tzgg/r{i}.html\">关于{phrase(rng, 10)}的通知</a></li>"
                        for i in range(10))
    return f"""    <p class=MsoNormal align=right style='text-align:right'><span>云溪县人民政府</span></p>
    <p class=MsoNormal align=right style='text-align:right'><span>2025年3月10日</span></p>
    </div></div>
    <div class="share">分享到：<a href="#" class="wx">微信</a> <a href="#" class="wb">微博</a></div>
    <div class="tools">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
    <div class="pages"><p>上一篇：<a href="/zwgk/tzgg/1.html">关于{phrase(rng, 8)}的通知</a></p>
    <p>下一篇：<a href="/zwgk/tzgg/2.html">关于{phrase(rng, 8)}的通知</a></p></div>
    <div class="xgwz"><h3>相关文章</h3>
      <ul>
{related}
      </ul>
    </div>
  </div>
</div>
<div class="footer"><p>主办单位：云溪县人民政府办公室　　地址：云溪县新华路1号　　电话：0000-7654321</p>
<p>网站标识码：0000000000　备案号：某ICP备00000000号</p></div>
"""


def page(kb):
    """About `kb` kilobytes: chrome about 15 % of the page, the rest notice and table."""
    target = kb * 1024

    def build(scale):
        rng = Lcg(12)
        chrome = HEAD + style(rng, max(20, target * 8 // 100 // 90)) + "</head>\n" + chrome_top(rng)
        tail = chrome_bottom(rng) + script(rng, max(10, target * 7 // 100 // 110)) + "</body>\n</html>\n"
        room = max(0, target - len((chrome + tail).encode())) * scale
        # A section of the notice (eight measures) is about 4.6 KB, a group of table rows 3.7 KB.
        sections = max(1, round(room / 2 / 4600))
        groups = max(1, round(room / 2 / 3700))
        return chrome + notice(rng, 8, sections) + table(rng, groups, 6) + tail

    scale, text = 1.0, build(1.0)
    for _ in range(4):
        scale *= target / len(text.encode())
        text = build(scale)
    return text


def nested(depth, tag):
    inner = "<p>一、总体要求。（县应急管理局牵头）</p>"
    if tag == "table":
        open_, close = "<table><tr><td>", "</td></tr></table>"
    else:
        open_, close = f"<{tag}>", f"</{tag}>"
    return ("<!DOCTYPE html><html><head><meta charset=utf-8></head><body>"
            + open_ * depth + inner + close * depth + "</body></html>\n")


def main(args):
    global MARKUP
    if args[:1] == ["--plain"]:
        MARKUP = "plain"
        args = args[1:]
    if args[:1] == ["--nest"] and len(args) == 4:
        text = nested(int(args[1]), args[2])
        out = args[3]
    elif len(args) == 2:
        text = page(int(args[0]))
        out = args[1]
    else:
        sys.exit(__doc__)
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main(sys.argv[1:])
