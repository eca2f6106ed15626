/** The git clone address of a project, shared by the Worker, its Durable Objects and the console. */

/** The user name in clone URLs. Any name works; the password is what grants access. */
export const CLONE_USER = "autocrea";

/**
 * `<base>/git/<id>.git`, with `autocrea:<password>@` when a password is given (a clone token or
 * a share link's token), so `git clone <url>` needs no prompt and later `git fetch`es work too.
 */
export function cloneUrl(base: string, projectId: string, password?: string): string {
  const url = new URL(`/git/${encodeURIComponent(projectId)}.git`, base);
  if (password) {
    url.username = CLONE_USER;
    url.password = password;
  }
  return url.toString();
}

export function cloneCommand(url: string): string {
  return `git clone ${url}`;
}
