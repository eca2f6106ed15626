import { env } from "cloudflare:workers";
import { manifestKey } from "../../workflows/files/storage";
import type { StepManifest } from "../../workflows/files/storage";
import { ROLES } from "../../shared/roles";
import { call } from "./api";

export interface AccountJson {
  id: string;
  credits: number;
  plan: { id: string; status: string } | null;
  identities: Array<{ identity: string; linkedAt: string }>;
  ledger: { entries: Array<{ seq: number; kind: string; amount: number; reason: string; ref: string }>; next: number | null };
}

export async function getAccountJson(auth: Record<string, string>, query = ""): Promise<AccountJson> {
  const res = await call(`/api/account${query}`, { headers: auth });
  if (res.status !== 200) throw new Error(`account: ${res.status} ${await res.text()}`);
  return res.json();
}

/** What a finished run should cost, recomputed from the manifests it left in R2 (the providers' counts). */
export async function expectedCredits(projectId: string): Promise<number> {
  let tokens = 0;
  let steps = 0;
  for (const role of ROLES) {
    const object = await env.ARTIFACTS.get(manifestKey({ projectId, runId: "r1", legacy: false }, role));
    if (!object) continue;
    const manifest: StepManifest = await object.json();
    tokens += manifest.usage.promptTokens + manifest.usage.completionTokens;
    steps += 1;
  }
  return Math.max(Math.ceil(tokens / 1000), steps);
}
