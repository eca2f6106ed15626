import { verifyKey } from "discord-interactions";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { idFromSeed } from "../../shared/ids";
import { readText } from "../lib/body";
import { apiError } from "../lib/errors";
import { log } from "../lib/log";
import { runCommand } from "./commands";
import type { Command, CommandResult } from "./commands";
import { discordBody, editOriginal } from "./discord-api";
import { errorText, localeFrom, t } from "./i18n";
import type { Locale } from "./i18n";
import { config } from "../config/config";

const PING = 1;
const APPLICATION_COMMAND = 2;
const PONG = 1;
const CHANNEL_MESSAGE = 4;
const DEFERRED_CHANNEL_MESSAGE = 5;
const EPHEMERAL = 64;
/** Interaction tokens are valid for 15 minutes. */
const TOKEN_LIFETIME_MS = 15 * 60_000;
/** How far a request's timestamp may be from now, either way, before it counts as a replay. */
const MAX_SKEW_MS = 5 * 60_000;
/** Interactions are a few KiB (a 4,000-character idea at most); anything far larger is refused unread. */
const MAX_BODY_BYTES = 64 * 1024;
/** The first progress edit waits a moment, so Discord has recorded the deferred answer it edits. */
const FIRST_EDIT_DELAY_MS = 1_000;

const userSchema = z.object({ id: z.string(), username: z.string().optional(), global_name: z.string().nullish() });
/** A PING needs only its type (Discord's own samples send no more); a command needs the rest. */
const pingSchema = z.object({ type: z.literal(PING) });
const interactionSchema = z.object({
  id: z.string().min(1),
  type: z.number(),
  application_id: z.string(),
  token: z.string(),
  channel_id: z.string().optional(),
  locale: z.string().optional(),
  member: z.object({ user: userSchema }).optional(),
  user: userSchema.optional(),
  data: z
    .object({
      name: z.string(),
      options: z.array(z.object({ name: z.string(), value: z.union([z.string(), z.number(), z.boolean()]).optional() })).optional(),
    })
    .optional(),
});
type Interaction = z.infer<typeof interactionSchema>;

/**
 * `POST /discord/interactions`. In order: the body's size (413, before anything is read whole), the
 * timestamp's age (a captured request is refused once it is more than 5 minutes from now, either
 * way), the Ed25519 signature over the raw body (401), and only then parsing. Each interaction id
 * is answered once: a replay within the window gets a short private note and runs nothing.
 */
export const discord = new Hono<AppEnv>().post("/interactions", async (c) => {
  const publicKey = config(c.env).DISCORD_PUBLIC_KEY;
  if (!publicKey) throw apiError(503, "not_configured", "Discord is not configured on this deployment");
  const signature = c.req.header("x-signature-ed25519");
  const timestamp = c.req.header("x-signature-timestamp");
  const raw = await readText(c.req.raw, MAX_BODY_BYTES);
  if (!signature || !timestamp) throw apiError(401, "invalid_signature", "bad request signature");
  const sentAt = sentAtMs(timestamp);
  if (sentAt === null) throw apiError(401, "stale_request", "the request's timestamp is more than 5 minutes from now");
  if (!(await verifyKey(raw, signature, timestamp, publicKey))) throw apiError(401, "invalid_signature", "bad request signature");
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw apiError(400, "invalid_json", "the interaction is not JSON");
  }
  if (pingSchema.safeParse(json).success) return c.json({ type: PONG });
  const parsed = interactionSchema.safeParse(json);
  if (!parsed.success) throw apiError(400, "invalid_request", "not a Discord interaction");
  const interaction = parsed.data;
  if (interaction.type !== APPLICATION_COMMAND || !interaction.data) {
    throw apiError(400, "unsupported_interaction", `interaction type ${interaction.type} is not handled`);
  }
  const user = interaction.member?.user ?? interaction.user;
  const userId = user?.id;
  if (!userId) throw apiError(400, "invalid_request", "the interaction names no user");
  const locale = localeFrom(interaction.locale);
  const command = toCommand(interaction);
  if (!command) return c.json(answer({ text: t(locale).unknownCommand, buttons: [] }, true));

  // The id is remembered (by the user's identity, whom the signed body names) past the moment
  // the timestamp check would refuse the same request anyway.
  const identity = c.env.IDENTITIES.getByName(`discord:${userId}`);
  if (!(await identity.claimInteraction(interaction.id, sentAt + 2 * MAX_SKEW_MS))) {
    log("chat.replay", { platform: "discord", command: command.name, outcome: "refused" });
    return c.json(answer({ text: await replayText(c.env, command, locale), buttons: [] }, true));
  }

  let result: CommandResult;
  try {
    const displayName = user?.global_name || user?.username;
    result = await runCommand(c.env, { identity: `discord:${userId}`, locale, ...(displayName ? { displayName } : {}) }, command);
  } catch (err) {
    log("chat.error", {
      platform: "discord",
      command: command.name,
      outcome: "error",
      detail: err instanceof Error ? err.message : "unknown",
    });
    return c.json(answer({ text: errorText(locale, "internal"), buttons: [] }, true));
  }
  if (result.kind === "reply") return c.json(answer(result.message, result.private));
  if (result.kind === "background") {
    // The answer goes out now; the outcome replaces it (an interaction token lasts 15 minutes).
    const opts = { base: config(c.env).DISCORD_API_BASE };
    c.executionCtx.waitUntil(result.finish().then((message) => editOriginal(opts, interaction.application_id, interaction.token, message)));
    return c.json(answer(result.message, result.private));
  }

  await subscribe(c.env, result.projectId, interaction, locale);
  return c.json({ type: DEFERRED_CHANNEL_MESSAGE });
});

async function subscribe(env: Env, projectId: string, interaction: Interaction, locale: Locale): Promise<void> {
  const now = Date.now();
  await env.PROJECTS.getByName(projectId).subscribeChat(
    {
      kind: "discord",
      applicationId: interaction.application_id,
      interactionToken: interaction.token,
      ...(interaction.channel_id ? { channelId: interaction.channel_id } : {}),
      tokenExpiresAt: now + TOKEN_LIFETIME_MS,
      locale,
    },
    { notBefore: now + FIRST_EDIT_DELAY_MS },
  );
}

/** The timestamp (Unix seconds) in milliseconds, or null when it is more than 5 minutes from now. */
function sentAtMs(timestamp: string): number | null {
  if (!/^\d{1,12}$/.test(timestamp)) return null;
  const ms = Number(timestamp) * 1000;
  return Math.abs(Date.now() - ms) <= MAX_SKEW_MS ? ms : null;
}

/**
 * A replayed `crear` maps to the project the first delivery started (its id comes from the
 * interaction id), if it started one; nothing else is said again.
 */
async function replayText(env: Env, command: Command, locale: Locale): Promise<string> {
  if (command.name !== "crear") return t(locale).replayed;
  const projectId = await idFromSeed("prj", command.deliveryId);
  const started = await env.PROJECTS.getByName(projectId).read();
  return started ? t(locale).replayedCrear(projectId) : t(locale).replayed;
}

/** The follow-up commands: which kind of run each starts, and the option holding its text. */
const FOLLOW_UPS = {
  cambiar: { kind: "edit", option: "instruccion" },
  arreglar: { kind: "fix", option: "problema" },
  explicar: { kind: "explain", option: "pregunta" },
} as const;

function toCommand(interaction: Interaction): Command | null {
  const options = new Map((interaction.data?.options ?? []).map((o) => [o.name, o.value === undefined ? "" : String(o.value)]));
  switch (interaction.data?.name) {
    case "crear": {
      const projectName = options.get("nombre");
      const model = options.get("modelo");
      return {
        name: "crear",
        idea: options.get("idea") ?? "",
        ...(projectName ? { projectName } : {}),
        ...(model ? { model } : {}),
        deliveryId: `discord:${interaction.id}`,
      };
    }
    case "estado": {
      const project = options.get("proyecto");
      return project ? { name: "estado", project } : { name: "estado" };
    }
    case "cambiar":
    case "arreglar":
    case "explicar": {
      const { kind, option } = FOLLOW_UPS[interaction.data.name];
      const project = options.get("proyecto");
      return { name: "seguir", kind, text: options.get(option) ?? "", ...(project ? { project } : {}) };
    }
    case "vincular": {
      const code = options.get("codigo");
      return code ? { name: "vincular", code } : { name: "vincular" };
    }
    case "publicar":
    case "ocultar": {
      const project = options.get("proyecto");
      return project ? { name: interaction.data.name, project } : { name: interaction.data.name };
    }
    case "galeria": {
      const query = options.get("busqueda");
      return query ? { name: "galeria", query } : { name: "galeria" };
    }
    case "remix": {
      const instruction = options.get("instruccion");
      return {
        name: "remix",
        project: options.get("proyecto") ?? "",
        ...(instruction ? { instruction } : {}),
        deliveryId: `discord:${interaction.id}`,
      };
    }
    case "github": {
      const project = options.get("proyecto");
      const branch = options.get("rama");
      return { name: "github", repo: options.get("repo") ?? "", ...(project ? { project } : {}), ...(branch ? { branch } : {}) };
    }
    case "proyectos":
    case "consola":
    case "saldo":
    case "comprar":
    case "ayuda":
      return { name: interaction.data.name };
    default:
      return null;
  }
}

function answer(message: Parameters<typeof discordBody>[0], isPrivate: boolean) {
  return { type: CHANNEL_MESSAGE, data: { ...discordBody(message), ...(isPrivate ? { flags: EPHEMERAL } : {}) } };
}
