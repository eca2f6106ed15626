/** Limits every front-end checks the same way: the API refuses past them, forms stop at them. */

/** The longest idea or instruction a project accepts, in characters. */
export const MAX_PROMPT_CHARS = 4000;
