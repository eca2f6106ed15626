/** The API's prompt limit (workers/api/projects.ts, MAX_PROMPT), so the form stops where it would. */
export const MAX_PROMPT_CHARS = 4000;
