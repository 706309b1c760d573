"""Agora's reStructuredText renderer: one long-lived process per sync.

Reads JSON lines ``{"id", "name", "text"}`` on stdin and answers each with one
JSON line on stdout: ``{"id", "ok": true, "title", "html", "toc", "sections",
"warnings"}`` or ``{"id", "ok": false, "error"}``. The first line written is
``{"ready": true, "docutils": VERSION}``, or ``{"fatal": MESSAGE}`` when
docutils cannot be imported (the process then exits with status 3).

It uses docutils itself (the reference implementation) with safe settings: no
raw HTML, no file inclusion, no configuration files, no system messages in the
output and no abort on errors. Sphinx's directives and roles, which specs use
and docutils alone lacks, degrade to visible text instead of vanishing.
Run with the system's Python (``/usr/bin/python3 -I``); it needs only the
standard library and docutils.
"""
import copy
import json
import re
import sys
import warnings

try:
    import docutils
    from docutils import frontend, nodes, utils
    from docutils.core import publish_parts
    from docutils.parsers.rst import Directive, directives, roles
    from docutils.parsers.rst import Parser
    from docutils.readers import standalone
    from docutils.transforms import frontmatter
    from docutils.statemachine import StringList
    from docutils.writers import html5_polyglot
except ImportError as error:  # answered once, so the caller can name the install command
    sys.stdout.write(json.dumps({"fatal": "cannot import docutils: %s" % error}) + "\n")
    sys.stdout.flush()
    sys.exit(3)

warnings.filterwarnings("ignore", category=DeprecationWarning)
warnings.filterwarnings("ignore", category=PendingDeprecationWarning)

SAFE_SETTINGS = {
    "_disable_config": True,
    "raw_enabled": False,
    "file_insertion_enabled": False,
    "report_level": 5,  # no system message reaches the HTML; they are collected as warnings instead
    "halt_level": 5,  # an error never aborts the document
    "exit_status_level": 5,
    "traceback": True,  # exceptions reach our handler instead of docutils calling sys.exit
    "syntax_highlight": "none",
    "doctitle_xform": True,
    "sectsubtitle_xform": False,
    "docinfo_xform": False,  # a field list under the title stays in the body (nothing is lost)
    "initial_header_level": 2,
    "section_self_link": False,
    "embed_stylesheet": False,
    "stylesheet_path": "",
    "math_output": "HTML",
    "input_encoding": "unicode",
    "output_encoding": "unicode",
    "pep_references": False,
    "rfc_references": False,
}

# Sphinx roles whose text is code-like (shown as <code>), by name without domain.
CODE_ROLES = {
    "command", "file", "samp", "program", "option", "envvar", "kbd", "makevar", "mailheader",
    "class", "func", "meth", "mod", "attr", "exc", "data", "obj", "const", "type", "member",
    "var", "macro", "struct", "enum", "enumerator", "union", "function", "method", "module",
    "attribute", "exception", "token", "keyword", "manpage", "regexp",
}
# Sphinx directives whose content is reStructuredText (parsed); other unknown ones show their content literally.
NESTED_DIRECTIVES = {
    "seealso", "versionadded", "versionchanged", "deprecated", "only", "hlist", "glossary",
    "centered", "rst-class", "cssclass", "tabs", "tab", "group-tab", "ifconfig", "todo",
    "productionlist", "describe", "object", "card", "dropdown", "grid", "grid-item",
    "grid-item-card", "tab-set", "tab-item", "details",
}
# Of those, the ones whose argument is the start of their text (Sphinx's `.. seealso:: Other things.`).
ARGUMENT_IS_TEXT = {"seealso", "todo", "centered", "card", "dropdown", "details"}
# Directives whose output is not visible text in Sphinx either: recorded as a warning only.
SILENT_DIRECTIVES = {"index", "highlight", "sectionauthor", "moduleauthor", "codeauthor", "spelling:word-list", "meta"}


class AnyOptions(dict):
    """An option spec that accepts every option (Sphinx's :linenos:, :caption: …) as plain text."""

    def __missing__(self, key):
        return directives.unchanged

    def __bool__(self):  # docutils reads options only when the spec is truthy
        return True


def css_name(name):
    return re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-") or "x"


class Collector:
    """Warnings of the document being rendered: docutils' system messages and our degradations."""

    def __init__(self):
        self.messages = []

    def add(self, text):
        if text not in self.messages and len(self.messages) < 200:
            self.messages.append(text)

    def observe(self, message):
        if message["level"] < 2:  # info and debug are not warnings
            return
        line = message.get("line")
        text = message.astext().strip().splitlines()
        summary = text[0] if text else "problem"
        summary = re.sub(r"^[^:]*:\d*:?\s*\((\w+)/\d\)\s*", r"\1: ", summary)
        self.add(("line %s: %s" % (line, summary)) if line else summary)


CURRENT = Collector()


class CodeBlock(Directive):
    """``code-block``/``sourcecode``/``code``: a literal block, the language as a class, every option accepted."""

    optional_arguments = 1
    final_argument_whitespace = False
    has_content = True
    option_spec = AnyOptions()

    def run(self):
        language = self.arguments[0] if self.arguments else ""
        code = "\n".join(self.content)
        classes = ["code"] + ([css_name(language)] if language else [])
        block = nodes.literal_block(code, code, classes=classes)
        self.add_name(block)
        caption = self.options.get("caption")
        if caption:
            return [nodes.paragraph(caption, caption, classes=["code-caption"]), block]
        return [block]


class TocTree(Directive):
    """Sphinx's ``toctree``: the entries as a list of text (the other documents are not part of this one)."""

    has_content = True
    option_spec = AnyOptions()

    def run(self):
        items = []
        for line in self.content:
            entry = line.strip()
            if not entry or entry.startswith(":"):
                continue
            match = re.match(r"^(.+?)\s*<([^<>]+)>$", entry)
            label = match.group(1) if match else entry
            items.append(nodes.list_item("", nodes.paragraph(label, label)))
        result = []
        caption = self.options.get("caption")
        if caption:
            result.append(nodes.paragraph(caption, caption, classes=["toctree-caption"]))
        if items:
            result.append(nodes.bullet_list("", *items, classes=["toctree"]))
        return result


class Unknown(Directive):
    """Any directive docutils does not know: its name, argument and content stay visible."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = AnyOptions()

    def run(self):
        name = self.name.lower()
        CURRENT.add("line %s: directive \"%s\" is not part of docutils: shown as text" % (self.lineno, self.name))
        if name in SILENT_DIRECTIVES:
            return []
        text_argument = name in ARGUMENT_IS_TEXT and self.arguments
        label = self.name + (": " + self.arguments[0] if self.arguments and not text_argument else "")
        box = nodes.container(classes=["directive", "directive-" + css_name(name)])
        box += nodes.paragraph(label, label, classes=["directive-name"])
        if text_argument:
            lines = StringList([self.arguments[0], ""], source=self.state.document.current_source)
            self.state.nested_parse(lines, self.content_offset, box)
        if self.content:
            if name in NESTED_DIRECTIVES:
                self.state.nested_parse(self.content, self.content_offset, box)
            else:
                text = "\n".join(self.content)
                box += nodes.literal_block(text, text)
        return [box]


class RawAsText(Directive):
    """``raw`` is disabled; its content is shown escaped so the reader sees what was there."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = AnyOptions()

    def run(self):
        CURRENT.add("line %s: raw directive disabled: shown as text" % self.lineno)
        text = "\n".join(self.content) or self.options.get("url", "") or self.options.get("file", "")
        return [nodes.literal_block(text, text, classes=["raw-disabled"])]


class IncludeAsText(Directive):
    """``include`` reads no file (file insertion is off): a visible note of what it named."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec = AnyOptions()

    def run(self):
        CURRENT.add("line %s: include of %s not done (file insertion is disabled)" % (self.lineno, self.arguments[0]))
        text = "include: %s" % self.arguments[0]
        return [nodes.paragraph(text, text, classes=["include-disabled"])]


SPHINX_DIRECTIVES = {"code-block": CodeBlock, "sourcecode": CodeBlock, "code": CodeBlock, "toctree": TocTree, "raw": RawAsText, "include": IncludeAsText}


def fallback_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """Sphinx roles (``:ref:``, ``:doc:``, ``:term:``, ``:py:class:`` …): the text a reader would see."""
    CURRENT.add("line %s: role \":%s:\" is not part of docutils: shown as text" % (lineno, name))
    shown = utils.unescape(text)
    match = re.match(r"^(.+?)\s*<([^<>]+)>$", shown, re.S)
    if match:
        shown = match.group(1)
    else:
        shown = shown.lstrip("!")
        if shown.startswith("~"):
            shown = re.split(r"[.:/]", shown[1:])[-1]
    bare = name.lower().split(":")[-1]
    classes = ["xref", "role-" + css_name(name)]
    if bare in CODE_ROLES:
        return [nodes.literal(rawtext, shown, classes=classes)], []
    return [nodes.inline(rawtext, shown, classes=classes)], []


_original_directive = directives.directive
_original_role = roles.role


def lenient_directive(name, language_module, document):
    found = SPHINX_DIRECTIVES.get(name.lower())
    if found:
        return found, []
    cls, messages = _original_directive(name, language_module, document)
    return (cls or Unknown), messages


def lenient_role(name, language_module, lineno, reporter):
    fn, messages = _original_role(name, language_module, lineno, reporter)
    return (fn or fallback_role), messages


directives.directive = lenient_directive
roles.role = lenient_role


class Translator(html5_polyglot.HTMLTranslator):
    """docutils' HTML5 output with the section id on the heading (the TOC's anchor) and no dangling links."""

    def visit_section(self, node):
        self.section_level += 1
        ids, node["ids"] = node["ids"], []
        self.body.append(self.starttag(node, "section"))
        node["ids"] = ids

    def section_title_tags(self, node):
        own = node["ids"]
        node["ids"] = list(node.parent["ids"]) + list(own)
        try:
            return super().section_title_tags(node)
        finally:
            node["ids"] = own

    def visit_problematic(self, node):
        # The system message it would link to is not in the output.
        self.context.append("")
        self.body.append(self.starttag(node, "span", "", CLASS="problematic"))


class TitleOnly(frontmatter.DocTitle):
    """Promotes the document title only: a lone section under it stays a section instead of becoming a subtitle."""

    def apply(self):
        if self.document.settings.setdefault("doctitle_xform", True):
            self.promote_title(self.document)


class Reader(standalone.Reader):
    def get_transforms(self):
        return [TitleOnly if t is frontmatter.DocTitle else t for t in super().get_transforms()]

    def new_document(self):
        document = super().new_document()
        document.reporter.attach_observer(CURRENT.observe)
        return document


def base_settings():
    components = (Parser, html5_polyglot.Writer, standalone.Reader)
    if hasattr(frontend, "get_default_settings"):
        settings = frontend.get_default_settings(*components)
    else:
        settings = frontend.OptionParser(components=components).get_default_values()
    for key, value in SAFE_SETTINGS.items():
        setattr(settings, key, value)
    return settings


class NullStream:
    def write(self, _text):
        pass

    def flush(self):
        pass


def text_of(node):
    """A node's visible text: comments and system messages left out, inline markup joined without gaps."""
    if isinstance(node, (nodes.comment, nodes.system_message, nodes.substitution_definition, nodes.target, nodes.footnote_reference, nodes.citation_reference)):
        return ""
    if isinstance(node, nodes.Text):
        return str(node)
    glue = "" if isinstance(node, nodes.TextElement) else " "
    return glue.join(text_of(child) for child in node.children)


def plain(node):
    return re.sub(r"\s+", " ", text_of(node)).strip()


def section_depth(section):
    depth, parent = 1, section.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            depth += 1
        parent = parent.parent
    return depth


def own_text(children):
    return " ".join(t for t in (plain(c) for c in children if not isinstance(c, (nodes.section, nodes.title))) if t)


def outline(document):
    toc, sections = [], []
    for section in document.findall(nodes.section):
        if not len(section) or not isinstance(section[0], nodes.title):
            continue
        title = plain(section[0])
        depth = section_depth(section)
        anchor = section["ids"][0] if section["ids"] else ""
        toc.append({"depth": depth, "title": title, "anchor": anchor})
        sections.append({"title": title, "depth": depth, "text": own_text(section.children)})
    intro = []
    for child in document.children:
        if isinstance(child, nodes.section):
            break
        intro.append(child)
    return toc, sections, own_text(intro)


def document_title(document):
    if len(document) and isinstance(document[0], nodes.title):
        return plain(document[0])
    return ""


def render(text, name, base):
    global CURRENT
    CURRENT = Collector()
    saved = (dict(roles._roles), dict(directives._directives))  # `.. role::` and friends must not leak to the next spec
    settings = copy.copy(base)
    settings.warning_stream = NullStream()
    writer = html5_polyglot.Writer()
    writer.translator_class = Translator
    try:
        parts = publish_parts(source=text, source_path=name, reader=Reader(), writer=writer, settings=settings)
    finally:
        roles._roles.clear()
        roles._roles.update(saved[0])
        directives._directives.clear()
        directives._directives.update(saved[1])
    toc, sections, intro = outline(writer.document)
    title = document_title(writer.document)
    return {"title": title, "html": parts["body"], "toc": toc, "sections": sections, "intro": intro, "warnings": CURRENT.messages}


def answer(line, base):
    try:
        request = json.loads(line)
    except ValueError as error:
        return {"id": None, "ok": False, "error": "bad request line: %s" % error}
    ident = request.get("id")
    try:
        result = render(str(request.get("text", "")), str(request.get("name") or "<spec>"), base)
        result.update({"id": ident, "ok": True})
        return result
    except (Exception, SystemExit, RecursionError) as error:  # one bad document never stops the others
        return {"id": ident, "ok": False, "error": "%s: %s" % (type(error).__name__, error)}


def main():
    base = base_settings()
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 3000))
    out = sys.stdout
    out.write(json.dumps({"ready": True, "docutils": docutils.__version__}) + "\n")
    out.flush()
    for raw in sys.stdin.buffer:
        line = raw.decode("utf-8", "replace").strip()
        if not line:
            continue
        out.write(json.dumps(answer(line, base)) + "\n")  # ASCII-only JSON: no encoding trouble on the pipe
        out.flush()


if __name__ == "__main__":
    main()
