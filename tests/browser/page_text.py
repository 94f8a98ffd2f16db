"""What a page says, for the browser tests of other languages: every text a
person can read or hear on it, the words left in English, the layout at a
narrow width, and answering the check without knowing the page's language.

The text is read from the DOM, not from innerText: innerText leaves out what
is folded away (a closed <details>, a card's "More") and what only a screen
reader says (.visually-hidden), and a person opens the one and hears the
other. Only <script>, <style>, <template> and <noscript> are left out (lumba
has no <noscript>; with scripting on, its content is raw markup, not text).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any
from xml.etree import ElementTree

from playwright.sync_api import Page, expect

from tests.browser.conftest import fill_step, step_id

# Where the page shows a source of its advice: the title of a published
# guideline or paper, which is cited as published (in English), and its host.
# Advice cards and myths mark a source up as <cite> with a .source-host after
# it; the result lists them in <details class="sources">, whose summary
# ("Sources") is translated and so still read. The print view lists each
# reason's and card's sources in a bare <ul class="small"> (no class says
# "sources"): its list items are left out too.
SOURCES = "cite, .source-host, .sources li, .source-list li, .print-view main > ul.small > li"
# The language links name each language in that language, as selectors
# do: "English" is the way back for an English reader.
OWN_NAMES = ".language-links [lang]"
NOT_READ = f"{SOURCES}, {OWN_NAMES}"

COLLECT = """(notRead) => {
    const where = (el) => {
        const id = el.id ? `#${el.id}` : "";
        const cls = typeof el.className === "string" && el.className.trim()
            ? "." + el.className.trim().split(/\\s+/).join(".") : "";
        return `${el.tagName.toLowerCase()}${id}${cls}`;
    };
    const skipped = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT"]);
    const root = document.body || document.documentElement;
    const found = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!el || skipped.has(el.tagName.toUpperCase()) || (notRead && el.closest(notRead))) continue;
        const text = node.nodeValue.replace(/\\s+/g, " ").trim();
        if (text) found.push([where(el), text]);
    }
    const named = "[title], [aria-label], [alt], [placeholder], "
        + "input[type=submit][value], input[type=button][value]";
    for (const el of root.querySelectorAll(named)) {
        if (notRead && el.closest(notRead)) continue;
        for (const name of ["title", "aria-label", "alt", "placeholder"]) {
            const value = (el.getAttribute(name) || "").trim();
            if (value) found.push([`${where(el)}[${name}]`, value]);
        }
        if (el.matches("input[type=submit], input[type=button]") && el.value.trim()) {
            found.push([`${where(el)}[value]`, el.value.trim()]);
        }
    }
    if (document.title.trim()) found.push(["<title>", document.title.trim()]);
    return found;
}"""

# Addresses are not words: web addresses (also bare hosts such as nhs.uk) and
# email addresses, such as the signed-in person's own.
ADDRESS = re.compile(
    r"(?:https?://|www\.)[!-~]+"  # printable ASCII: a Chinese full stop ends it
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:org|com|net|gov|int|edu|uk|cn|au|nz|ie|ca|us|io)\b(?:/[!-~]*)?",
    re.IGNORECASE | re.ASCII,  # \w is a-z, 0-9 and _ only: Chinese is no part of an address
)
# Nor is a version: the content version an entry was checked with, a name and
# a hash ("content-4bc1c35632a9").
CODE = re.compile(r"\b[a-z]+-[0-9a-f]{8,}\b", re.ASCII)
LATIN = re.compile(r"[A-Za-z]+")
CJK = re.compile(r"[\u3400-\u9fff]")


def page_text(page: Page, not_read: str = NOT_READ) -> list[tuple[str, str]]:
    """(where, text) for every text node and readable attribute of the page."""
    return [(where, text) for where, text in page.evaluate(COLLECT, not_read)]


def latin_words(text: str, shortest: int) -> list[str]:
    """Runs of Latin letters at least `shortest` long, addresses left out."""
    plain = CODE.sub(" ", ADDRESS.sub(" ", text))
    return [w for w in LATIN.findall(plain) if len(w) >= shortest]


def leftovers(
    found: Iterable[tuple[str, str]], allowed: frozenset[str], shortest: int
) -> list[str]:
    """Each text with a Latin word that is not allowed: 'where: "text" [words]'."""
    lines = []
    for where, text in found:
        words = [w for w in latin_words(text, shortest) if w not in allowed]
        if words:
            lines.append(f"{where}: {text[:160]!r} {sorted(set(words))}")
    return list(dict.fromkeys(lines))


def path_of(page: Page) -> str:
    return page.evaluate("location.pathname + location.search")


# --- Answering the check in any language ---


def press_next(page: Page) -> None:
    """The step's Continue (the region page's submit button), found by what it
    is, not by its words; then wait for the next page (see press_continue)."""
    page.evaluate("document.querySelector('main').dataset.before = 'yes'")
    button = page.locator("main button[name=nav][value=next]")
    if not button.count():
        button = page.locator("main form:not(.restart-form) button[type=submit]").first
    button.click()
    page.locator("main:not([data-before])").wait_for(state="attached")
    page.wait_for_load_state()


def on_a_step(page: Page) -> bool:
    return page.url.split("/check/", 1)[1].split("?")[0].rstrip("/") not in ("answers", "result")


def answer(
    page: Page,
    answers: dict[str, dict[str, Any]],
    *,
    each_step: Callable[[Page], None] | None = None,
) -> None:
    """answer_check, in any language: from /check/ to the answers or the result,
    calling each_step(page) on every step (the region page too)."""
    page.goto("/check/")
    while on_a_step(page):
        if each_step:
            each_step(page)
        fill_step(page, answers.get(step_id(page), {}))
        press_next(page)


# --- Layout ---

# Sideways scrolling, and text cut off inside its own box: an element that
# hides or clips its overflow (or ends it with an ellipsis) while its content
# is wider, and any button, label or summary whose content is wider than it.
LAYOUT = """() => {
    const problems = [];
    const page = document.documentElement;
    if (page.scrollWidth > page.clientWidth + 1) {
        problems.push(`the page scrolls sideways: ${page.scrollWidth}px wide in ${page.clientWidth}px`);
    }
    const label = (el) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === "string"
        ? "." + el.className.trim().split(/\\s+/).join(".") : ""} "${(el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 50)}"`;
    // Hidden from sight on purpose (read out only): .visually-hidden, the skip
    // link until focused, and any box clipped to nothing the same way.
    const clippedAway = (el) => {
        for (let at = el; at && at !== document.body; at = at.parentElement) {
            const s = getComputedStyle(at);
            if (s.clipPath !== "none" || (s.clip && s.clip !== "auto")
                || (s.position === "absolute" && (parseFloat(s.height) <= 1 || parseFloat(s.width) <= 1))) return true;
        }
        return false;
    };
    for (const el of document.body.querySelectorAll("*")) {
        if (el.closest(".visually-hidden, .skip-link, svg, option, select") || clippedAway(el)) continue;
        const style = getComputedStyle(el);
        if (style.display === "none" || style.display === "inline" || !el.getClientRects().length) continue;
        const clips = ["hidden", "clip"].includes(style.overflowX) || style.textOverflow === "ellipsis";
        const control = el.matches("button, .button, label, summary, legend, th, td, input[type=submit]");
        if ((clips || control) && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
            problems.push(`${label(el)}: content ${el.scrollWidth}px wide in a ${el.clientWidth}px box`);
        }
        const box = el.getBoundingClientRect();
        if (box.width && box.right > page.clientWidth + 1 && !el.closest("[hidden]")) {
            problems.push(`${label(el)}: its right edge is at ${Math.round(box.right)}px, past ${page.clientWidth}px`);
        }
    }
    return problems;
}"""


def layout_problems(page: Page) -> list[str]:
    where = path_of(page)
    return [f"{where}: {problem}" for problem in page.evaluate(LAYOUT)]


# --- Chinese glyphs, not boxes ---

# Two different characters drawn in the body's font must differ, and neither
# may be the box a font draws for a character it lacks (U+FFF0, unassigned).
# Where the font stack finds no Chinese font, every character is that box.
TOFU = """() => {
    const font = getComputedStyle(document.body).font;
    const draw = (text) => {
        const canvas = document.createElement("canvas");
        canvas.width = 64;
        canvas.height = 64;
        const ctx = canvas.getContext("2d");
        ctx.font = font;
        ctx.fillStyle = "#000";
        ctx.textBaseline = "top";
        ctx.fillText(text, 4, 4);
        return Array.from(ctx.getImageData(0, 0, 64, 64).data).join(",");
    };
    const [waist, back, box] = [draw("腰"), draw("背"), draw("\\uFFF0")];
    return {font, distinct: waist !== back, notBox: waist !== box && back !== box,
            inked: waist.split(",").some((v) => v !== "0")};
}"""

# A font that draws Simplified Chinese: the families lumba.css names for zh
# and the usual system ones.
CJK_FAMILY = re.compile(
    r"CJK|Source Han|PingFang|Hiragino Sans GB|YaHei|SimHei|SimSun|Heiti|Songti|WenQuanYi|Droid Sans Fallback",
    re.IGNORECASE,
)

# The element whose own text holds Chinese: CSS.getPlatformFontsForNode reports
# the fonts that drew a node's child text nodes.
MARK_CHINESE = """() => {
    for (const el of document.querySelectorAll("main h1, main p, main label, main li, main a")) {
        if ([...el.childNodes].some((n) => n.nodeType === 3 && /[\\u4e00-\\u9fff]/.test(n.nodeValue))) {
            el.setAttribute("data-font-probe", "");
            return el.textContent.trim().slice(0, 30);
        }
    }
    return null;
}"""


def fonts_drawing_chinese(page: Page) -> tuple[str | None, list[dict[str, Any]]]:
    """(the text probed, the platform fonts Chromium drew it with)."""
    sample = page.evaluate(MARK_CHINESE)
    if sample is None:
        return None, []
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "[data-font-probe]"})
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    finally:
        cdp.detach()
        page.evaluate(
            "document.querySelector('[data-font-probe]')?.removeAttribute('data-font-probe')"
        )
    return sample, fonts


def font_problems(page: Page) -> list[str]:
    where = path_of(page)
    problems = []
    drawn = page.evaluate(TOFU)
    if not (drawn["distinct"] and drawn["notBox"] and drawn["inked"]):
        problems.append(f"{where}: Chinese draws as boxes in {drawn['font']!r}: {drawn}")
    sample, fonts = fonts_drawing_chinese(page)
    if sample is None:
        problems.append(f"{where}: no Chinese text in <main> to probe the font with")
    elif not any(CJK_FAMILY.search(f["familyName"]) and f["glyphCount"] for f in fonts):
        problems.append(f"{where}: {sample!r} is drawn with {fonts}, no Chinese font")
    return problems


# An SVG image's words: its <text> and <title> elements (the diary's chart
# draws its labels as text). Its <metadata> is for machines (the maker's name).
# Fetched by the page, as its <img> is (the browser's Accept-Language and
# cookies), and parsed here: parsed in the page, its inline styles would be
# CSP violations.
SVG = "{http://www.w3.org/2000/svg}"
FETCH = """async (address) => {
    const answer = await fetch(address);
    return [answer.status, await answer.text()];
}"""


def image_text(page: Page, address: str) -> list[tuple[str, str]]:
    """(element, text) for the words drawn in the SVG image at address."""
    status, body = page.evaluate(FETCH, address)
    assert status == 200, f"{address}: {status}"
    root = ElementTree.fromstring(body)
    found = []
    for tag in ("text", "title"):
        for element in root.iter(SVG + tag):
            text = " ".join("".join(element.itertext()).split())
            if text:
                found.append((f"{address} <{tag}>", text))
    return found


PASSWORD = "a long pass phrase 42"


def sign_up(page: Page, email: str) -> None:
    page.fill("input[name=email]", email)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/diary/$"))


def walk_advice_and_diary(page: Page, read: Any, email: str) -> None:
    """After the check: the advice library, a card, a search, the myths, sign
    up, a diary entry in four taps, a sign's result, the chart, the summary and
    the profile, calling read() on each page (read.image on the chart)."""
    page.goto("/advice/")
    read()
    page.locator("main .card-list a").first.click()
    expect(page).to_have_url(re.compile(r"/advice/[\w-]+/$"))
    read()
    page.goto("/advice/?q=%E8%85%B0")  # a search: 腰
    read()
    page.locator("footer a[href='/advice/myths/']").click()
    expect(page).to_have_url(re.compile(r"/advice/myths/$"))
    read()
    page.goto("/accounts/signup/")
    read()
    sign_up(page, email)
    read()
    # An entry in four taps: add, the pain, where, save.
    page.locator("main a[href='/diary/entries/new/']").first.click()
    read()
    page.locator("input[name=pain][value='4']").check()
    page.locator("input[name=locations][value=lower_back]").check()
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/diary/$"))
    read()
    # Yesterday's entry with a new sign shows its result first; the diary then
    # has two days and shows its chart.
    page.goto("/diary/entries/new/")
    yesterday = page.evaluate("new Date(Date.now() - 864e5).toLocaleDateString('sv')")
    page.fill("input[name=date]", yesterday)  # YYYY-MM-DD, local
    page.locator("input[name=pain][value='6']").check()
    page.locator("details.fold > summary").first.click()
    page.locator("input[name=symptoms][value=fluid_leak]").check()
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/diary/entries/\d+/result/$"))
    read()
    page.goto("/diary/")
    expect(page.locator("main img.summary-chart")).to_be_visible()
    read()
    read.image("/diary/chart.svg")  # the chart's own labels
    page.goto("/diary/summary/")
    read()
    page.goto("/accounts/profile/")
    read()
