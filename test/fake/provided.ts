/**
 * What the Node-side test servers (globalSetup) hand to the tests inside workerd. No imports
 * here: both type-check contexts (Worker and Node) include this file.
 */

export interface RecordedCall {
  at: number;
  method: string;
  path: string;
  authorization: string | null;
  body: unknown;
}

declare module "vitest" {
  export interface ProvidedContext {
    chatFakeUrl: string;
    discordPublicKey: string;
    discordPrivateKey: JsonWebKey;
    githubApiBase: string;
  }
}
