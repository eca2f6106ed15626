/**
 * The project's README.md, rendered from console/markdown.ts's tree into elements and text nodes
 * only (no HTML string anywhere, so Trusted Types never has anything to refuse). Links open in a
 * new tab without telling the target where the reader came from.
 */
import { el } from "../dom";
import type { Block, Inline } from "../markdown";
import { parseMarkdown } from "../markdown";

/** The page has its own h1 and h2s: README headings sit below them. */
const HEADINGS = ["h3", "h4", "h5", "h6", "h6", "h6"] as const;

export function renderMarkdown(source: string): HTMLElement {
  return el("div", { class: "markdown" }, ...parseMarkdown(source).map(block));
}

function block(b: Block): HTMLElement {
  switch (b.kind) {
    case "heading":
      return el(HEADINGS[b.level - 1] ?? "h6", {}, ...b.children.map(inline));
    case "paragraph":
      return el("p", {}, ...b.children.map(inline));
    case "code":
      return el("pre", {}, el("code", {}, b.text));
    case "list":
      return el(b.ordered ? "ol" : "ul", {}, ...b.items.map((item) => el("li", {}, ...item.map(inline))));
    case "quote":
      return el("blockquote", {}, ...b.children.map(inline));
    case "rule":
      return el("hr");
    case "table":
      return el(
        "div",
        { class: "table-wrap" },
        el(
          "table",
          {},
          el("thead", {}, el("tr", {}, ...b.head.map((cell) => el("th", {}, ...cell.map(inline))))),
          el("tbody", {}, ...b.rows.map((row) => el("tr", {}, ...row.map((cell) => el("td", {}, ...cell.map(inline)))))),
        ),
      );
  }
}

function inline(node: Inline): Node {
  switch (node.kind) {
    case "text":
      return document.createTextNode(node.text);
    case "code":
      return el("code", {}, node.text);
    case "strong":
      return el("strong", {}, ...node.children.map(inline));
    case "em":
      return el("em", {}, ...node.children.map(inline));
    case "link":
      return el("a", { href: node.href, rel: "noopener noreferrer nofollow", target: "_blank" }, ...node.children.map(inline));
  }
}
