"""What an official sees on a page, read from the browser: the state of every control and chart title
(compared before and after reloading a link), and the visible text (checked for English, None, nan and
SI-suffixed axis ticks). Shared by the browser tests."""

from __future__ import annotations

import re

from tests.browser.harness import wait_charts, wait_ready

STATE = """() => {
  const out = [];
  const label = e => ((e.querySelector('[data-testid="stWidgetLabel"]') || {}).innerText || '').trim();
  const main = document.querySelector('[data-testid="stMain"]');
  const side = document.querySelector('[data-testid="stSidebar"]');
  for (const root of [side, main]) {
    if (!root) continue;
    root.querySelectorAll('[data-testid="stButtonGroup"]').forEach(e => out.push(
      ['分段', label(e), [...e.querySelectorAll('[aria-checked="true"]')].map(b => b.innerText.trim()).join('|')]));
    root.querySelectorAll('[data-testid="stCheckbox"]').forEach(e => out.push(
      ['开关', e.innerText.trim(), String(e.getAttribute('data-selected') === 'true')]));
    root.querySelectorAll('[data-testid="stSelectbox"] input').forEach(i => out.push(
      ['下拉', i.getAttribute('aria-label'), i.value]));
    root.querySelectorAll('[data-testid="stNumberInput"] input, [data-testid="stTextInput"] input').forEach(i => out.push(
      ['输入', i.getAttribute('aria-label'), i.value]));
    root.querySelectorAll('[data-testid="stMultiSelect"], [data-testid="stSlider"]').forEach(e => out.push(
      ['多选', e.innerText.trim()]));
  }
  document.querySelectorAll('[role="tab"][aria-selected="true"]').forEach(e => out.push(['标签页', e.innerText.trim()]));
  document.querySelectorAll('[data-testid="stPlotlyChart"] .gtitle').forEach(e => out.push(['图表', e.textContent]));
  document.querySelectorAll('[data-testid="stMain"] h1, [data-testid="stMain"] h2, [data-testid="stMain"] h3')
    .forEach(e => out.push(['标题', e.innerText.trim()]));
  return out;
}"""

VISIBLE_TEXT = """() => {
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const out = [];
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const el = n.parentElement;
    const text = n.nodeValue.trim();
    if (!text || !el || el.closest('[data-testid="stIconMaterial"], script, style, noscript, template')) continue;
    if (!el.checkVisibility({visibilityProperty: true})) continue;
    out.push(text);
  }
  return out;
}"""

# Latin words an official may see: file formats, units, rule codes, and the names of data formats.
ALLOWED = {"csv", "excel", "word", "pdf", "docx", "doc", "html", "htm", "txt", "kb", "mb", "sha", "ocr", "utf",
           "bom", "ctrl"}
WORD = re.compile(r"[A-Za-z]{2,}")
# Not words: a file's own name (as uploaded or stored) and a report's number (its SHA-256 in hex).
NOT_WORDS = re.compile(r"[\w.-]+\.(?:txt|pdf|docx?|html?|md)\b|\b[0-9a-f]{16,}\b", re.IGNORECASE)
RULE_CODE = re.compile(r"\b[RX]\d\b")
SI_TICK = re.compile(r"^[−-]?\d+(?:\.\d+)?[kMGTPµm]$")


def problems(page, where: str) -> list[str]:
    """Every English word, None, nan, "Page not found" and SI-suffixed axis tick visible on the page."""
    texts = page.evaluate(VISIBLE_TEXT)
    found = []
    for text in texts:
        if "Page not found" in text:
            found.append(f"{where}: Page not found")
        for word in WORD.findall(RULE_CODE.sub("", NOT_WORDS.sub("", text))):
            if word.lower() in {"none", "nan", "null"}:
                found.append(f"{where}: {word} in {text!r}")
            elif word.lower() not in ALLOWED:
                found.append(f"{where}: English {word!r} in {text!r}")
    for tick in page.locator(".xtick text, .ytick text, .cbaxis text").all_text_contents():
        if SI_TICK.match(tick.strip()):
            found.append(f"{where}: SI axis tick {tick!r}")
    return found


def settle(page, title: str) -> None:
    """Wait until the page's script has stopped (bounded: an unsettled page fails the test) and charts are drawn."""
    wait_ready(page, title, timeout=90_000)
    wait_charts(page, timeout=90_000)


def control(page, testid: str, label: str):
    return page.locator(f'[data-testid="{testid}"]').filter(
        has=page.locator('[data-testid="stWidgetLabel"]', has_text=label)).first


def segment(page, label: str, option: str) -> None:
    control(page, "stButtonGroup", label).get_by_role("radio", name=option, exact=True).click()


def toggle(page, label: str) -> None:
    page.locator('[data-testid="stCheckbox"]').filter(has_text=label).locator("label").first.click()


def choose(page, label: str, nth: int = 1) -> None:
    """Pick the nth option (0 = first) of the selectbox labelled `label`."""
    page.get_by_role("combobox", name=label).first.click()
    page.get_by_role("option").nth(nth).click()


def number(page, label: str, value: int) -> None:
    box = control(page, "stNumberInput", label).locator("input")
    box.fill(str(value))
    box.press("Enter")


def tab(page, label: str) -> None:
    page.get_by_role("tab", name=label, exact=True).click()
