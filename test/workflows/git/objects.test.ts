import { describe, expect, it } from "vitest";
import { TREE_MODE, compareEntries, encodeCommit, encodeTree, gitObject, parseTree } from "../../../workflows/git/objects";
import type { TreeEntry } from "../../../workflows/git/objects";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("git object ids: SHA-1 over the type, the length and the content", () => {
  it("gives the ids stock git gives (git hash-object, the empty tree)", async () => {
    expect((await gitObject("blob", bytes("hello\n"))).id).toBe("ce013625030ba8dba906f756967f9e9ca394464a");
    expect((await gitObject("blob", new Uint8Array())).id).toBe("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
    expect((await gitObject("tree", encodeTree([]))).id).toBe("4b825dc642cb6eb9a060e54bf8d69288fbee4904");
  });

  it("encodes a tree with one file as git does", async () => {
    // printf 'hello\n' > a.txt && git add a.txt && git write-tree
    const tree = encodeTree([{ name: "a.txt", mode: "100644", id: "ce013625030ba8dba906f756967f9e9ca394464a" }]);
    expect((await gitObject("tree", tree)).id).toBe("2e81171448eb9f2ee3821e3d447aa6b2fe3ddba1");
    expect(parseTree(tree)).toEqual([{ name: "a.txt", mode: "100644", id: "ce013625030ba8dba906f756967f9e9ca394464a" }]);
  });

  it("sorts entries as git does: a folder compares as if its name ended in '/'", () => {
    const id = "ce013625030ba8dba906f756967f9e9ca394464a";
    const entries: TreeEntry[] = [
      { name: "a0", mode: "100644", id },
      { name: "a", mode: TREE_MODE, id },
      { name: "a.js", mode: "100644", id },
      { name: "B", mode: "100644", id },
    ];
    expect([...entries].sort(compareEntries).map((e) => e.name)).toEqual(["B", "a.js", "a", "a0"]);
    expect(parseTree(encodeTree(entries)).map((e) => e.name)).toEqual(["B", "a.js", "a", "a0"]);
  });

  it("encodes a commit with parents, author, committer and message", async () => {
    const who = { name: "Architect (AUTOCREA)", email: "architect@autocrea.invalid", seconds: 1767225600 };
    const data = encodeCommit({
      tree: "4b825dc642cb6eb9a060e54bf8d69288fbee4904",
      parents: ["ce013625030ba8dba906f756967f9e9ca394464a"],
      author: who,
      committer: who,
      message: "hi\n",
    });
    expect(new TextDecoder().decode(data)).toBe(
      [
        "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904",
        "parent ce013625030ba8dba906f756967f9e9ca394464a",
        "author Architect (AUTOCREA) <architect@autocrea.invalid> 1767225600 +0000",
        "committer Architect (AUTOCREA) <architect@autocrea.invalid> 1767225600 +0000",
        "",
        "hi",
        "",
      ].join("\n"),
    );
  });
});
