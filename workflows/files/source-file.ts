/** A file with its full content, as the security role and the scanner read it. */
export interface SourceFile {
  path: string;
  content: string;
}
