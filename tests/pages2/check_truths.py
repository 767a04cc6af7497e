#!/usr/bin/env python3
"""Self-check of the pages2 truths (written with the pages, blind to the extractor).

For every tests/pages2/<family>-<nn>/: the truth file is well formed, the page is 5-60 KB, and
the title and every body line occur in the page's visible text (charset decoded, entities
unescaped, NFC, whitespace collapsed), body lines in page order. Run: python3 check_truths.py
"""
import html.parser, json, os, re, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"article", "listing", "home", "search", "error", "document", "gallery", "video", "other"}
SKIP = {"script", "style", "noscript", "template", "head", "textarea", "svg"}
BLOCK = {"p", "div", "br", "li", "ul", "ol", "td", "th", "tr", "table", "h1", "h2", "h3", "h4", "h5",
         "h6", "figcaption", "figure", "section", "article", "header", "footer", "blockquote", "aside",
         "nav", "dd", "dt", "dl", "hr", "main", "pre", "caption", "center", "form", "option", "select",
         "button", "label", "time", "address"}
VOID = {"br", "img", "hr", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed",
        "param", "track", "amp-img"}


class Visible(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP and tag not in VOID:
            self.skip.append(tag)
        if tag in BLOCK:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if self.skip and self.skip[-1] == tag:
            self.skip.pop()
        if tag in BLOCK:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def norm(s):
    s = unicodedata.normalize("NFC", s)
    return re.sub(r"\s+", " ", s).strip()


def decode(raw):
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    m = re.search(rb"charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", raw[:4096])
    cs = m.group(1).decode().lower() if m else "utf-8"
    return raw.decode({"windows-1258": "cp1258"}.get(cs, cs))


def visible_text(text):
    p = Visible()
    p.feed(text)
    p.close()
    return norm("".join(p.parts))


def check(d):
    errs = []
    truth = json.load(open(os.path.join(d, "truth.json"), encoding="utf-8"))
    if set(truth) != {"family", "kind", "url", "title", "published", "body"}:
        errs.append("keys %s" % sorted(truth))
    if truth["kind"] not in KINDS:
        errs.append("kind %r" % truth["kind"])
    raw = open(os.path.join(d, "source.html"), "rb").read()
    if not 5 * 1024 <= len(raw) <= 60 * 1024:
        errs.append("size %d" % len(raw))
    vis = visible_text(decode(raw))
    if truth["kind"] != "article":
        if truth["title"] or truth["body"] or truth["published"] is not None:
            errs.append("non-article with title/body/date")
        return errs, truth
    pub = truth["published"]
    if pub is not None and not re.fullmatch(r"\d{4}-\d\d-\d\d", pub):
        errs.append("published %r" % pub)
    if not truth["title"] or norm(truth["title"]) not in vis:
        errs.append("title not visible: %r" % truth["title"])
    pos = 0
    for line in truth["body"].split("\n"):
        n = norm(line.replace("\t", " "))
        if not n:
            errs.append("empty body line")
            continue
        i = vis.find(n, pos)
        if i < 0:
            errs.append(("body line out of order: %r" if n in vis else "body line not visible: %r") % line[:90])
            continue
        pos = i + len(n)
    return errs, truth


def main():
    dirs = sorted(e.path for e in os.scandir(HERE) if e.is_dir() and os.path.exists(os.path.join(e.path, "truth.json")))
    bad = 0
    counts = {}
    for d in dirs:
        errs, truth = check(d)
        fam = truth["family"]
        a, n = counts.get(fam, (0, 0))
        counts[fam] = (a + 1, n) if truth["kind"] == "article" else (a, n + 1)
        for e in errs:
            print("%s: %s" % (os.path.basename(d), e))
        bad += bool(errs)
    arts = sum(a for a, _ in counts.values())
    print("%d pages (%d articles, %d non-articles) in %d families; %d with problems"
          % (len(dirs), arts, len(dirs) - arts, len(counts), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
