/** Turns flat file paths into folders and files, folders first, each level sorted. */
import type { FileView } from "../shared/protocol";

export interface TreeFolder {
  name: string;
  folders: TreeFolder[];
  files: FileView[];
}

export function buildTree(files: readonly FileView[]): TreeFolder {
  const root: TreeFolder = { name: "", folders: [], files: [] };
  for (const file of files) {
    const parts = file.path.split("/");
    let folder = root;
    for (const part of parts.slice(0, -1)) {
      let next = folder.folders.find((f) => f.name === part);
      if (!next) {
        next = { name: part, folders: [], files: [] };
        folder.folders.push(next);
      }
      folder = next;
    }
    folder.files.push(file);
  }
  sortTree(root);
  return root;
}

function sortTree(folder: TreeFolder): void {
  folder.folders.sort((a, b) => a.name.localeCompare(b.name));
  folder.files.sort((a, b) => a.path.localeCompare(b.path));
  for (const child of folder.folders) sortTree(child);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}
