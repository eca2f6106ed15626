/**
 * The deterministic checks that run before the security role. Each is a plain pattern over one
 * file's text: cheap, explainable, the same answer every time. They find the usual suspects; the
 * auditor model (given these findings) does the judgement.
 */

export type Severity = "critical" | "high" | "medium" | "low";

export interface Rule {
  id: string;
  severity: Severity;
  /** What is wrong, in a sentence a developer can act on. */
  title: string;
  /** Which files the rule reads. */
  applies: (path: string) => boolean;
  /** 1-based lines that break the rule. */
  find: (content: string, path: string) => number[];
}

const CODE = /\.(m?[jt]sx?|cjs|html?|vue|svelte)$/;
const SERVER = /\.(m?[jt]s|cjs)$/;
const ANY_TEXT = (path: string) => !/\.(png|jpe?g|gif|ico|webp|woff2?|lock)$/.test(path) && !/(^|\/)\.env\.example$/.test(path);

function linesMatching(content: string, pattern: RegExp, skip?: RegExp): number[] {
  const out: number[] = [];
  content.split("\n").forEach((line, i) => {
    if (pattern.test(line) && !(skip?.test(line) ?? false)) out.push(i + 1);
  });
  return out;
}

/** Placeholders and environment lookups are not secrets. */
const PLACEHOLDER = /process\.env|import\.meta\.env|getenv|<[^>]+>|\$\{|your[-_ ]|example|changeme|placeholder|x{6,}|\*{4,}|test|dummy/i;

export const RULES: Rule[] = [
  {
    id: "hardcoded-secret",
    severity: "critical",
    title: "A secret (API key, token, private key or password) is written into the source",
    applies: ANY_TEXT,
    find: (content) =>
      [
        ...linesMatching(
          content,
          /AKIA[0-9A-Z]{16}|-----BEGIN (RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----|\bsk-[A-Za-z0-9_-]{20,}|\bgh[pousr]_[A-Za-z0-9]{30,}|\bxox[abprs]-[A-Za-z0-9-]{10,}|\bhf_[A-Za-z0-9]{30,}/,
        ),
        ...linesMatching(
          content,
          /(password|passwd|secret|api[_-]?key|access[_-]?token|auth[_-]?token|private[_-]?key)["']?\s*[:=]\s*["'][^"'\s]{8,}["']/i,
          PLACEHOLDER,
        ),
      ].sort((a, b) => a - b),
  },
  {
    id: "eval",
    severity: "high",
    title: "eval() or new Function() runs strings as code",
    applies: (path) => CODE.test(path),
    find: (content) => linesMatching(content, /(^|[^\w.$])eval\s*\(|\bnew\s+Function\s*\(/),
  },
  {
    id: "sql-concatenation",
    severity: "high",
    title: "SQL built by string concatenation or interpolation (SQL injection); use parameters",
    applies: (path) => SERVER.test(path),
    find: (content) => {
      const sql = linesMatching(content, /["'`][^"'`]*\b(SELECT\b.*\bFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b/i);
      const built = new Set(linesMatching(content, /["'`]\s*\+|\+\s*["'`]|\$\{/));
      return sql.filter((line) => built.has(line));
    },
  },
  {
    id: "html-injection",
    severity: "high",
    title: "innerHTML (or document.write) receives data that is not a constant (XSS); use textContent",
    applies: (path) => CODE.test(path),
    find: (content) =>
      linesMatching(
        content,
        /(\.(innerHTML|outerHTML)\s*\+?=|insertAdjacentHTML\s*\(|document\.write\s*\()/,
        /\.(innerHTML|outerHTML)\s*=\s*(["'])[^"'$]*\2\s*;?\s*$|\.(innerHTML|outerHTML)\s*=\s*`[^`$]*`\s*;?\s*$/,
      ),
  },
  {
    id: "cors-wildcard-credentials",
    severity: "high",
    title: "CORS allows any origin (*) together with credentials",
    applies: (path) => SERVER.test(path),
    find: (content) => {
      const wildcard = linesMatching(content, /Access-Control-Allow-Origin["']?\s*[:,]\s*["']\*["']|origin\s*:\s*["']\*["']/i);
      const credentials = /Access-Control-Allow-Credentials["']?\s*[:,]\s*["']?true|credentials\s*:\s*true/i.test(content);
      return credentials ? wildcard : [];
    },
  },
  {
    id: "unvalidated-input",
    severity: "medium",
    title: "A route reads the request body with no visible input validation",
    applies: (path) => SERVER.test(path) && !/(^|\/)(test|tests|__tests__)\/|\.test\.|\.spec\./.test(path),
    find: (content) => {
      const writes = linesMatching(content, /\.(post|put|patch)\s*\(\s*["'`/]|method\s*===?\s*["'](POST|PUT|PATCH)["']/);
      if (writes.length === 0) return [];
      const readsBody = /req\.body|request\.json\(\)|JSON\.parse\(|readBody|c\.req\.json\(\)/.test(content);
      const validates = /validat|schema|safeParse|zod|joi|yup|typeof\s+[\w.[\]"']+\s*[!=]==|\b400\b/i.test(content);
      return readsBody && !validates ? writes.slice(0, 1) : [];
    },
  },
];
