// A fake GitHub REST API on 127.0.0.1 for the tests, started once by vitest (globalSetup): the
// repository and Git Data endpoints the export uses, computing real git object ids (SHA-1) so a
// test can check that what arrived is the project's history, byte for byte. Plain JS, in Node.
// Tokens choose the user and the failures:
//   ghp_user_<login>...  a user called <login> (member of the organisation "acme")
//   ghp_revoked...       401 Bad credentials
//   ghp_limited...       403 rate limit, with x-ratelimit-remaining: 0 and x-ratelimit-reset
// Test hooks: POST /__repos seeds a repository ({ full_name, empty?, foreign?: branch }), GET
// /__repos/<owner>/<name> shows one (refs and commits), POST /__refs/<owner>/<name> sets a ref
// ({ ref, sha }), POST /__race/<owner>/<name>/<branch> makes
// the next ref update of that branch find it moved by someone else (422), GET /__calls lists calls.
import { createHash } from "node:crypto";
import { createServer } from "node:http";

const repos = new Map();
const calls = [];
const races = new Set();
const ORGS = new Set(["acme"]);

function gitId(type, data) {
  return createHash("sha1")
    .update(Buffer.concat([Buffer.from(`${type} ${data.length}\0`), data]))
    .digest("hex");
}

function newRepo(owner, name, isPrivate) {
  return { owner, name, private: isPrivate, default_branch: "main", objects: new Map(), refs: new Map() };
}

function view(repo) {
  const full = `${repo.owner}/${repo.name}`;
  return {
    id: 1,
    name: repo.name,
    full_name: full,
    private: repo.private,
    default_branch: repo.default_branch,
    html_url: `https://github.test/${full}`,
  };
}

function put(repo, type, data) {
  const sha = gitId(type, data);
  repo.objects.set(sha, { type, data });
  return sha;
}

function treeData(entries) {
  const key = (e) => Buffer.from(e.mode === "40000" ? `${e.path}/` : e.path);
  const sorted = [...entries].sort((a, b) => Buffer.compare(key(a), key(b)));
  return Buffer.concat(sorted.flatMap((e) => [Buffer.from(`${e.mode} ${e.path}\0`), Buffer.from(e.sha, "hex")]));
}

function signature(who) {
  const seconds = Math.floor(Date.parse(who.date) / 1000);
  return `${who.name} <${who.email}> ${seconds} +0000`;
}

function commitData({ tree, parents, author, committer, message }) {
  const lines = [
    `tree ${tree}`,
    ...parents.map((p) => `parent ${p}`),
    `author ${signature(author)}`,
    `committer ${signature(committer ?? author)}`,
  ];
  return Buffer.from(`${lines.join("\n")}\n\n${message}`);
}

/** A first commit with one file, as `auto_init` or the contents API makes it. */
function initialCommit(repo, path, content, message) {
  const blob = put(repo, "blob", Buffer.from(content));
  const tree = put(repo, "tree", treeData([{ mode: "100644", path, sha: blob }]));
  const who = { name: "GitHub", email: "noreply@github.com", date: "2026-01-01T00:00:00Z" };
  return put(repo, "commit", commitData({ tree, parents: [], author: who, committer: who, message }));
}

function parents(repo, sha) {
  const object = repo.objects.get(sha);
  if (object?.type !== "commit") return [];
  return [...object.data.toString("utf8").matchAll(/^parent ([0-9a-f]{40})$/gm)].map((m) => m[1]);
}

function isAncestor(repo, ancestor, of) {
  const stack = [of];
  const seen = new Set();
  while (stack.length) {
    const sha = stack.pop();
    if (sha === ancestor) return true;
    if (seen.has(sha)) continue;
    seen.add(sha);
    stack.push(...parents(repo, sha));
  }
  return false;
}

function describe(repo) {
  const commits = [...repo.objects]
    .filter(([, o]) => o.type === "commit")
    .map(([sha, o]) => {
      const text = o.data.toString("utf8");
      const at = text.indexOf("\n\n");
      const header = (name) =>
        text
          .slice(0, at)
          .split("\n")
          .find((l) => l.startsWith(`${name} `))
          ?.slice(name.length + 1);
      return {
        sha,
        tree: header("tree"),
        parents: parents(repo, sha),
        author: header("author"),
        committer: header("committer"),
        message: text.slice(at + 2),
      };
    });
  const blobs = Object.fromEntries(
    [...repo.objects].filter(([, o]) => o.type === "blob").map(([sha, o]) => [sha, o.data.toString("base64")]),
  );
  const trees = Object.fromEntries(
    [...repo.objects].filter(([, o]) => o.type === "tree").map(([sha, o]) => [sha, o.data.toString("base64")]),
  );
  return { ...view(repo), refs: Object.fromEntries(repo.refs), commits, blobs, trees };
}

function handle(req, res, body) {
  const url = new URL(req.url ?? "/", "http://fake");
  const path = url.pathname;
  const method = req.method ?? "GET";
  const send = (status, json, headers = {}) => {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
    res.end(JSON.stringify(json));
  };
  if (path === "/__calls") return send(200, calls);
  if (method === "POST" && path === "/__repos") {
    const [owner, name] = String(body.full_name).split("/");
    const repo = newRepo(owner, name, true);
    if (!body.empty) repo.refs.set("refs/heads/main", initialCommit(repo, "README.md", `# ${name}\n`, "Initial commit"));
    if (body.foreign) {
      const base = repo.refs.get("refs/heads/main");
      const who = { name: "Someone", email: "someone@example.com", date: "2026-02-01T00:00:00Z" };
      const tree = put(repo, "tree", treeData([{ mode: "100644", path: "NOTES.md", sha: put(repo, "blob", Buffer.from("mine\n")) }]));
      repo.refs.set(
        `refs/heads/${body.foreign}`,
        put(repo, "commit", commitData({ tree, parents: base ? [base] : [], author: who, message: "My own work\n" })),
      );
    }
    repos.set(`${owner}/${name}`.toLowerCase(), repo);
    return send(201, view(repo));
  }
  const seen = /^\/__repos\/([^/]+)\/([^/]+)$/.exec(path);
  if (seen) {
    const repo = repos.get(`${seen[1]}/${seen[2]}`.toLowerCase());
    return repo ? send(200, describe(repo)) : send(404, { message: "Not Found" });
  }
  const setRef = /^\/__refs\/([^/]+)\/([^/]+)$/.exec(path);
  if (setRef && method === "POST") {
    const repo = repos.get(`${setRef[1]}/${setRef[2]}`.toLowerCase());
    if (!repo?.objects.has(body.sha)) return send(404, { message: "Not Found" });
    repo.refs.set(body.ref, body.sha);
    return send(200, {});
  }
  const race = /^\/__race\/([^/]+)\/([^/]+)\/(.+)$/.exec(path);
  if (race) {
    races.add(`${race[1]}/${race[2]}:refs/heads/${race[3]}`.toLowerCase());
    return send(204, {});
  }

  const auth = req.headers.authorization ?? "";
  calls.push({ method, path, authorization: auth.replace(/(Bearer ghp_\w{0,6}).*/, "$1…"), body });
  const token = auth.replace(/^Bearer /, "");
  if (token.startsWith("ghp_revoked") || !token.startsWith("ghp_")) {
    return send(401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" });
  }
  if (token.startsWith("ghp_limited")) {
    return send(
      403,
      { message: "API rate limit exceeded for user ID 1.", documentation_url: "https://docs.github.com/rest/rate-limit" },
      { "x-ratelimit-limit": "5000", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1767229200" },
    );
  }
  const login = /^ghp_user_([A-Za-z0-9-]+)/.exec(token)?.[1] ?? "someone";
  if (method === "GET" && path === "/user") return send(200, { login, id: 7 });

  const create = method === "POST" && (path === "/user/repos" ? login : /^\/orgs\/([^/]+)\/repos$/.exec(path)?.[1]);
  if (create) {
    if (path !== "/user/repos" && !ORGS.has(create.toLowerCase())) return send(404, { message: "Not Found" });
    const key = `${create}/${body.name}`.toLowerCase();
    if (repos.has(key))
      return send(422, { message: "Repository creation failed.", errors: [{ message: "name already exists on this account" }] });
    const repo = newRepo(create, body.name, body.private !== false);
    if (body.auto_init) repo.refs.set("refs/heads/main", initialCommit(repo, "README.md", `# ${body.name}\n`, "Initial commit"));
    repos.set(key, repo);
    return send(201, view(repo));
  }

  const match = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path);
  const repo = match ? repos.get(`${match[1]}/${match[2]}`.toLowerCase()) : undefined;
  if (!match || !repo) return send(404, { message: "Not Found" });
  if (repo.owner.toLowerCase() !== login.toLowerCase() && !ORGS.has(repo.owner.toLowerCase())) return send(404, { message: "Not Found" });
  const rest = match[3] ?? "";
  const empty = repo.refs.size === 0;
  if (method === "GET" && rest === "") return send(200, view(repo));

  const contents = /^\/contents\/(.+)$/.exec(rest);
  if (method === "PUT" && contents) {
    if (!empty) return send(422, { message: "sha wasn't supplied" });
    const sha = initialCommit(repo, contents[1], Buffer.from(body.content, "base64").toString("utf8"), body.message);
    repo.refs.set(`refs/heads/${repo.default_branch}`, sha);
    return send(201, { content: { path: contents[1] }, commit: { sha } });
  }
  if (rest.startsWith("/git/") && empty) return send(409, { message: "Git Repository is empty." });

  if (method === "POST" && rest === "/git/blobs") {
    const data = Buffer.from(body.content, body.encoding === "base64" ? "base64" : "utf8");
    const sha = put(repo, "blob", data);
    return send(201, { sha, url: `${path}/${sha}` });
  }
  if (method === "POST" && rest === "/git/trees") {
    if (body.base_tree) return send(422, { message: "this fake does not do base_tree" });
    for (const e of body.tree) {
      if (!repo.objects.has(e.sha)) return send(422, { message: `Invalid tree info: ${e.sha} does not exist` });
    }
    const entries = body.tree.map((e) => ({ mode: e.mode === "040000" ? "40000" : e.mode, path: e.path, sha: e.sha }));
    const sha = put(repo, "tree", treeData(entries));
    return send(201, { sha });
  }
  if (method === "POST" && rest === "/git/commits") {
    if (!repo.objects.has(body.tree)) return send(422, { message: "Tree SHA does not exist" });
    for (const p of body.parents)
      if (!repo.objects.has(p)) return send(422, { message: "Parent SHA does not exist or is not a commit object" });
    const sha = put(repo, "commit", commitData(body));
    return send(201, { sha, html_url: `https://github.test/${repo.owner}/${repo.name}/commit/${sha}` });
  }
  const getRef = /^\/git\/ref\/(heads\/.+)$/.exec(rest);
  if (method === "GET" && getRef) {
    const sha = repo.refs.get(`refs/${getRef[1]}`);
    return sha ? send(200, { ref: `refs/${getRef[1]}`, object: { sha, type: "commit" } }) : send(404, { message: "Not Found" });
  }
  const moveForRace = (ref) => {
    const key = `${repo.owner}/${repo.name}:${ref}`.toLowerCase();
    if (!races.delete(key)) return;
    const who = { name: "Someone", email: "someone@example.com", date: "2026-02-01T00:00:00Z" };
    const tree = put(repo, "tree", treeData([{ mode: "100644", path: "RACE.md", sha: put(repo, "blob", Buffer.from("race\n")) }]));
    const old = repo.refs.get(ref);
    repo.refs.set(ref, put(repo, "commit", commitData({ tree, parents: old ? [old] : [], author: who, message: "Pushed meanwhile\n" })));
  };
  if (method === "POST" && rest === "/git/refs") {
    moveForRace(body.ref);
    if (repo.refs.has(body.ref)) return send(422, { message: "Reference already exists" });
    if (!repo.objects.has(body.sha)) return send(422, { message: "Object does not exist" });
    repo.refs.set(body.ref, body.sha);
    return send(201, { ref: body.ref, object: { sha: body.sha, type: "commit" } });
  }
  const patchRef = /^\/git\/refs\/(heads\/.+)$/.exec(rest);
  if (method === "PATCH" && patchRef) {
    const ref = `refs/${patchRef[1]}`;
    moveForRace(ref);
    const old = repo.refs.get(ref);
    if (!old) return send(422, { message: "Reference does not exist" });
    if (!repo.objects.has(body.sha)) return send(422, { message: "Object does not exist" });
    if (!body.force && !isAncestor(repo, old, body.sha)) return send(422, { message: "Update is not a fast forward" });
    repo.refs.set(ref, body.sha);
    return send(200, { ref, object: { sha: body.sha, type: "commit" } });
  }
  return send(404, { message: "Not Found" });
}

const server = createServer((req, res) => {
  let text = "";
  req.on("data", (c) => (text += c));
  req.on("end", () => {
    let body = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: "Problems parsing JSON" }));
      return;
    }
    handle(req, res, body);
  });
});

/** @param {{ provide: (key: string, value: unknown) => void }} project */
export default async function setup(project) {
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  project.provide("githubApiBase", `http://127.0.0.1:${port}`);
  return () => new Promise((resolve) => server.close(() => resolve(undefined)));
}
