/** Checks on every source: code built from strings, HTML built from data, secrets in the code. */
import type { Check, Finding } from "./audit";
import { browserSources, findLines, isCode, isTest } from "./audit";
import { useTextContent } from "./security-fixes";

const DYNAMIC_CODE = /\beval\s*\(|\bnew\s+Function\s*\(|\bset(?:Timeout|Interval)\s*\(\s*["'`]/;

export const dynamicCode: Check = ({ sources, t }) => {
  const scanned = sources.filter((file) => isCode(file.path) && !isTest(file.path));
  const findings = scanned.flatMap((file) =>
    findLines(file.content, DYNAMIC_CODE).map(
      (hit): Finding => ({
        severity: "high",
        file: file.path,
        line: hit.line,
        what: t(
          `Ejecuta código construido con texto: \`${hit.match[0].trim()}\``,
          `Runs code built from a string: \`${hit.match[0].trim()}\``,
        ),
        fix: t(
          "Sustituirlo por código explícito (JSON.parse para datos, funciones para lógica)",
          "Replace it with explicit code (JSON.parse for data, functions for logic)",
        ),
      }),
    ),
  );
  const title = t("Sin eval ni new Function", "No eval or new Function");
  return {
    title,
    passed: findings.length === 0,
    detail: t(`${scanned.length} archivos revisados`, `${scanned.length} files scanned`),
    findings,
  };
};

const HTML_SINK =
  /\.(innerHTML|outerHTML)\s*\+?=(?!=)\s*(.*)$|insertAdjacentHTML\s*\(|document\.write(?:ln)?\s*\(|dangerouslySetInnerHTML|v-html/;
/** Clearing an element (`el.innerHTML = ""`) writes no data. */
const CLEARS = /^(["'`])\1\s*;?\s*$/;

export const htmlInjection: Check = ({ sources, t }) => {
  const scanned = browserSources(sources);
  const findings: Finding[] = [];
  for (const file of scanned) {
    const hits = findLines(file.content, HTML_SINK).filter((hit) => !CLEARS.test(hit.match[2] ?? "x"));
    const fixable = hits.filter((hit) => hit.match[1] === "innerHTML").map((hit) => hit.line);
    for (const hit of hits) {
      const isInner = hit.match[1] === "innerHTML";
      findings.push({
        severity: "high",
        file: file.path,
        line: hit.line,
        what: t(
          `Escribe HTML construido con datos: \`${hit.text.trim().slice(0, 80)}\` (XSS)`,
          `Writes HTML built from data: \`${hit.text.trim().slice(0, 80)}\` (XSS)`,
        ),
        fix: t(
          "Crear los nodos con createElement y escribir los datos con textContent",
          "Build nodes with createElement and write data with textContent",
        ),
        ...(isInner
          ? {
              repair: {
                path: file.path,
                apply: useTextContent(fixable),
                done: t(
                  "Corregido: innerHTML sustituido por textContent (los datos se muestran como texto)",
                  "Fixed: innerHTML replaced by textContent (data shows as text)",
                ),
              },
            }
          : {}),
      });
    }
  }
  const title = t("Sin innerHTML con datos", "No innerHTML with data");
  return {
    title,
    passed: findings.length === 0,
    detail: t(`${scanned.length} archivos del navegador revisados`, `${scanned.length} browser files scanned`),
    findings,
  };
};

const SECRET_PATTERNS: readonly { name: string; pattern: RegExp }[] = [
  { name: "private key", pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  { name: "AWS access key", pattern: /\bAKIA[0-9A-Z]{16}\b/ },
  { name: "Stripe key", pattern: /\b[sr]k_(?:live|test)_[0-9a-zA-Z]{16,}/ },
  { name: "OpenAI key", pattern: /\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}/ },
  { name: "GitHub token", pattern: /\bgh[pousr]_[A-Za-z0-9]{30,}/ },
  { name: "Slack token", pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/ },
  {
    name: "password/secret literal",
    pattern: /\b(?:api[_-]?key|secret|password|passwd|token|private[_-]?key)\w*["']?\s*[:=]\s*["']([^"'\s]{8,})["']/i,
  },
];
/** Values that document a setting rather than hold one. */
const PLACEHOLDER = /^(?:changeme|change-me|example|your[-_]|xxx|\*+|<.*>|\$\{|process\.env|test|dummy|placeholder)/i;

export const secrets: Check = ({ sources, t }) => {
  const findings: Finding[] = [];
  for (const file of sources) {
    for (const { name, pattern } of SECRET_PATTERNS) {
      for (const hit of findLines(file.content, pattern)) {
        if (PLACEHOLDER.test(hit.match[1] ?? hit.match[0].replace(/^.*[:=]\s*["']?/, ""))) continue;
        findings.push({
          severity: "critical",
          file: file.path,
          line: hit.line,
          what: t(`Secreto escrito en el código (${name})`, `Secret written in the code (${name})`),
          fix: t(
            "Leerlo de una variable de entorno y revocar el valor expuesto",
            "Read it from an environment variable and revoke the exposed value",
          ),
        });
      }
    }
  }
  const title = t("Sin secretos en el código", "No secrets in the code");
  return {
    title,
    passed: findings.length === 0,
    detail: t(`${sources.length} archivos revisados`, `${sources.length} files scanned`),
    findings,
  };
};
