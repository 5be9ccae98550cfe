"""HTML reports: decode (GBK pages included), then running text as Lines and leaf tables as grids.

Layout tables (tables holding other tables) are walked through as text containers; only tables with
no table inside become Table blocks. rowspan/colspan are expanded so every grid row has the same
length; the positions a merged cell covers are copies whose `origin` points at the printed cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

from xxgk import settings
from xxgk.document import Block, Cell, Document, Line, Table
from xxgk.errors import UnreadableFile
from xxgk.read.text import check_length, decode_text

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_SKIP = frozenset({"script", "style", "noscript", "iframe", "head", "select", "option", "textarea", "button",
                   "svg", "object", "embed", "template", "-comment", "input", "img"})
_BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "td", "th",
                    "section", "article", "header", "footer", "nav", "aside", "main", "blockquote", "pre",
                    "dl", "dt", "dd", "form", "center", "hr", "caption", "figure", "address", "tbody",
                    "thead", "tfoot", "ucapcontent", "title"})
_WS = re.compile(r"[ \t\r\n\f\u00a0\u3000\u200b]+")
MAX_SPAN = 200
_new = tuple.__new__  # a Cell made from its fields in order, without the named tuple's slower __new__
# Elements that nest when left open. The HTML parser's time grows with the square of the nesting depth
# (200,000 nested <div>s take minutes), and the walker stops near 1,000 levels anyway.
_NESTS = ("div", "span", "font", "table", "section", "article", "blockquote", "center", "strong", "em", "b", "i", "u")


def _tags_re(closing: str) -> re.Pattern[str]:
    """An opening (or, with closing "/?", also a closing) tag of _NESTS, any case. Spelled with character
    classes behind a look-ahead on the first letter instead of re.I, which keeps the regex engine's fast
    scan for "<": about three times faster on a page."""
    names = "|".join("".join(f"[{c}{c.upper()}]" for c in t) for t in _NESTS)
    first = "".join(sorted({t[0] for t in _NESTS} | {t[0].upper() for t in _NESTS}))
    return re.compile(rf"<({closing})(?=[{first}])(?:{names})[\s>/]" if closing else
                      rf"<(?=[{first}])(?:{names})[\s>/]")


_NESTING = _tags_re("/?")
_OPENING = _tags_re("")
MAX_DEPTH = 1000


def decode_html(data: bytes) -> str:
    """The page's text: BOM first, then <meta charset>, then UTF-8, then GB18030."""
    m = _META_CHARSET.search(data[:8192])
    declared = m.group(1).decode("ascii", "ignore") if m else None
    return decode_text(data, declared)[0]


_TD, _TH = (LexborHTMLParser("<table><tr><td></td><th></th></tr></table>").css_first(t).tag_id  # type: ignore[union-attr]
            for t in ("td", "th"))


def _span(value: str | None) -> int:
    if value is None:
        return 1
    try:
        n = int(str(value).strip())
    except ValueError:
        return 1
    return min(max(n, 1), MAX_SPAN)


_SPANNED = "td[rowspan],td[colspan],th[rowspan],th[colspan]"


def _table_cells(table: LexborNode) -> tuple[int, list[list[tuple[int, int, LexborNode]]]] | None:
    """(rows, per row its cells as (rowspan, colspan, node)) of a leaf <table>, spans clamped as the grid
    takes them; None when the spans would expand into more than MAX_GRID_CELLS positions. The rows are
    found by lexbor's selector and the cells are a row's children (the HTML parser puts every <td> and
    <th> of a leaf table directly in its <tr>); the few cells with a span are found by one selector, so no
    other cell's attributes are read from Python."""
    trs = table.css("tr")
    n = len(trs)
    spanned = {td: td.attributes for td in table.css(_SPANNED)}
    out: list[list[tuple[int, int, LexborNode]]] = []
    size = 0
    for tr in trs:
        cells: list[tuple[int, int, LexborNode]] = []
        for td in tr.iter():
            tag = td.tag_id  # a number: cheaper to read than the tag's name
            if tag != _TD and tag != _TH:
                continue
            if spanned and td in spanned:
                attrs = spanned[td]
                rs = _span(attrs.get("rowspan")) if "rowspan" in attrs else 1
                cs = _span(attrs.get("colspan")) if "colspan" in attrs else 1
                size += cs * min(rs, n)
                cells.append((rs, cs, td))
            else:
                size += 1
                cells.append((1, 1, td))
        out.append(cells)
    if size > MAX_GRID_CELLS:
        return None
    return n, out


def _texts(nodes: list[LexborNode]) -> list[str]:
    """Each cell's visible text with whitespace runs collapsed (&nbsp; and <o:p> </o:p> become blank): the texts
    are pulled by lexbor and collapsed in one pass over them all, joined by a character no run of whitespace holds."""
    raw = [td.text_lexbor() for td in nodes]
    joined = _WS.sub(" ", "\x00".join(raw))
    parts = joined.split("\x00")
    if len(parts) != len(raw):  # a cell holding the joining character itself: one at a time
        parts = [_WS.sub(" ", t) for t in raw]
    return [t.strip() for t in parts]


def table_to_grid(table: LexborNode, index: int, cells: tuple[int, list[list[tuple[int, int, LexborNode]]]] | None
                  = None) -> Table:
    """One leaf <table> as a rectangular grid with rowspan/colspan expanded.

    Each grid row is a list filled left to right; a merged cell also fills the rows below it, and a
    row's next cell goes to its first free position, as browsers place them. A row with no span of its own
    and nothing spanning into it from above is its cells in order."""
    found = cells if cells is not None else _table_cells(table)
    if found is None:
        return Table(rows=[], index=index)
    n, rows = found
    grid: list[list[Cell | None]] = [[] for _ in range(n)]
    texts = _texts([td for row in rows for _rs, _cs, td in row])
    t = 0
    width = 0
    whole = [False] * n  # rows made at once: every position holds a cell
    for r, row in enumerate(rows):
        line = grid[r]
        k = len(row)
        if not line and all(rs == 1 and cs == 1 for rs, cs, _td in row):
            grid[r] = [_new(Cell, (text, r, c, None, (r, c), None)) for c, text in enumerate(texts[t:t + k])]
            whole[r] = True
            t += k
            if k > width:
                width = k
            continue
        c = 0
        for rs, cs, _td in row:
            k = len(line)
            while c < k and line[c] is not None:
                c += 1
            text = texts[t]
            t += 1
            if rs == 1 and cs == 1:
                if c == k:
                    line.append(_new(Cell, (text, r, c, None, (r, c), None)))
                else:
                    line[c] = _new(Cell, (text, r, c, None, (r, c), None))
                c += 1
            else:
                origin = (r, c)
                end = c + cs
                for dr in range(min(rs, n - r)):
                    other = grid[r + dr]
                    if len(other) < end:
                        other.extend([None] * (end - len(other)))
                    for dc in range(cs):
                        other[c + dc] = _new(Cell, (text, r + dr, c + dc, None, origin, None))
                c = end
            if c > width:
                width = c
    out: list[list[Cell]] = []
    if width:
        for r, line in enumerate(grid):
            if whole[r] and len(line) == width:
                out.append(line)  # type: ignore[arg-type]
                continue
            if len(line) < width:
                line.extend([None] * (width - len(line)))
            out.append([x if x is not None else _new(Cell, ("", r, c, None, (r, c), None)) for c, x in enumerate(line)])
    return Table(rows=out, index=index)


class _Walker:
    """Collects blocks in reading order from a parsed page."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.tables = 0

    def flush(self) -> None:
        if self.buf:
            text = _WS.sub(" ", "".join(self.buf)).strip()
            if text:
                self.blocks.append(Line(text))
            self.buf = []

    def walk(self, root: LexborNode) -> None:
        """Depth-first over the page without recursion (sloppy pages nest deeply)."""
        stack: list[tuple[Iterator[LexborNode], bool]] = [(iter(root.iter(include_text=True)), False)]
        while stack:
            children, flush_after = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                if flush_after:
                    self.flush()
                continue
            tag = child.tag
            if tag == "-text":
                self.buf.append(child.text_content or "")
            elif tag in _SKIP:
                continue
            elif tag == "br":
                self.flush()
            elif tag == "table":
                self.flush()
                cells = None if len(child.css("table")) > 1 else _table_cells(child)  # css() matches the node too
                if cells is None:  # a layout table (tables inside), or one too big to expand: text inside
                    stack.append((iter(child.iter(include_text=True)), True))
                else:
                    grid = table_to_grid(child, self.tables, cells)
                    if grid.rows:
                        self.blocks.append(grid)
                        self.tables += 1
            elif tag in _BLOCK:
                self.flush()
                stack.append((iter(child.iter(include_text=True)), True))
            else:
                stack.append((iter(child.iter(include_text=True)), False))


MAX_GRID_CELLS = 200_000


def _check_depth(html: str) -> None:
    """Refuse a page nested deeper than MAX_DEPTH before parsing it (no report is)."""
    # the depth grows only at an opening tag, and every "<" that is not "</" may be one: when there are no more
    # of them than the limit (most pages; counted in C), or no more opening tags of nesting elements, it cannot pass
    if html.count("<") - html.count("</") <= MAX_DEPTH or len(_OPENING.findall(html)) <= MAX_DEPTH:
        return
    depth = 0
    for m in _NESTING.finditer(html):
        depth = max(0, depth - 1) if m.group(1) else depth + 1
        if depth > MAX_DEPTH:
            raise UnreadableFile(f"网页结构嵌套超过 {MAX_DEPTH} 层，无法读取：文件可能已损坏或被恶意构造。",
                                 code="unreadable")


def html_to_document(data: bytes) -> Document:
    """An HTML report page as Lines and Tables in reading order; page chrome is kept as text."""
    html = decode_html(data)
    _check_depth(html)
    tree = LexborHTMLParser(html)
    title_node = tree.css_first("title")
    title = _WS.sub(" ", title_node.text()).strip() if title_node is not None else None
    root = tree.body or tree.root
    if root is None:
        raise UnreadableFile("网页没有可读的内容。", code="empty")
    if len(html) > settings.get_int("max_text_chars"):  # the visible text is never longer than the page's source
        check_length(len(root.text(deep=True)), "网页文字")
    walker = _Walker()
    walker.walk(root)
    walker.flush()
    if not walker.blocks:
        raise UnreadableFile("网页没有可读的文字或表格。", code="empty")
    published = _published_meta(tree)
    return Document(blocks=walker.blocks, format="html", title=title or None,
                    meta={"published": published} if published else {})


# The meta tags Chinese government CMSs (TRS, Hanweb) and others give a page's publication date in.
_PUBLISHED_META = frozenset({"pubdate", "publishdate", "firstpublishedtime", "article:published_time",
                             "dc.date.issued", "dcterms.issued", "publish_date", "publishtime", "releasedate"})


def _published_meta(tree: LexborHTMLParser) -> str | None:
    """The page's publication date as its meta tags give it (PubDate, publishdate, article:published_time …): the
    first such tag in the page. The <head> is searched first: it comes first in the page and holds the meta tags of
    nearly every page, and a selector over it alone takes about 2 µs where one over a whole page of tables takes
    about 100. Only a page whose head has none is searched whole."""
    head = tree.head
    if head is not None and (found := _published_in(head.css("meta"))) is not None:
        return found
    return _published_in(tree.css("meta"))


def _published_in(metas: list[LexborNode]) -> str | None:
    """The content of the first of these meta tags that gives a publication date."""
    for node in metas:
        name = (node.attributes.get("name") or node.attributes.get("property") or "").strip().lower()
        content = (node.attributes.get("content") or "").strip()
        if name in _PUBLISHED_META and content:
            return content[:40]
    return None
