import { idFromSeed } from "../../shared/ids";
import { FIRST_RUN } from "../../shared/runs";
import { log } from "../lib/log";
import { startProject } from "../projects/start";
import { startFollowUp } from "../projects/start-follow-up";
import { errorCodeOf } from "../projects/start-errors";
import { ensureAccount, getBalance } from "../accounts/accounts";
import { LINK_CODE_TTL_MS, createLinkCode, redeemLinkCode } from "../accounts/linking";
import { getCatalog, planName } from "../billing/catalog";
import { createCheckout } from "../billing/checkout";
import { BillingUnavailableError } from "../billing/stripe-client";
import { errorText, t } from "./i18n";
import type { Locale } from "./i18n";
import { cloneUrl } from "../../shared/git";
import { branchSchema, repoSchema } from "../github/target";
import { runGithubExport } from "../github/run-export";
import { downloadUrl, projectLine, renderProgress } from "./progress";
import { findProject, projectShownIn, recentProjects } from "../projects/lookup";
import { healedView } from "../runs/sweep";
import type { ChatMessage, ProgressLinks } from "./progress";
import { config } from "../config/config";
import type { FollowUpKind } from "../../shared/runs";
import { galleryTop, remixFromChat, setProjectVisibility } from "./community-commands";

/** Who is talking, as the platform identifies them. */
export interface ChatUser {
  /** `discord:<user id>` or `telegram:<user id>`. */
  identity: string;
  locale: Locale;
  /** The profile's name, offered as the author's name the first time they publish. */
  displayName?: string;
}

export type Command =
  /** `deliveryId` is the platform's id for this message: a redelivery carries the same one. */
  | { name: "crear"; idea: string; projectName?: string; model?: string; deliveryId: string }
  | { name: "estado"; project?: string }
  /**
   * A change (`/cambiar`), a fix (`/arreglar`) or a question (`/explicar`) on a project: the one
   * named, else the latest. `text` is the instruction, the problem or the question.
   */
  | {
      name: "seguir";
      kind: FollowUpKind;
      text: string;
      project?: string;
      shownIn?: { chatId: number; messageId: number };
      /** The platform's id for this message, when it may be delivered twice (Telegram). */
      deliveryId?: string;
    }
  | { name: "proyectos" }
  | { name: "consola" }
  | { name: "saldo" }
  | { name: "comprar" }
  /** Without a code: get one. With one (typed in the other chat): join that account. */
  | { name: "vincular"; code?: string }
  | { name: "publicar"; project?: string }
  | { name: "ocultar"; project?: string }
  | { name: "galeria"; query?: string }
  /** `deliveryId` as for `crear`: a redelivery lands on the copy already made. */
  | { name: "remix"; project: string; instruction?: string; deliveryId: string }
  /** Push a project's history to GitHub with the user's stored token. */
  | { name: "github"; repo: string; project?: string; branch?: string }
  | { name: "ayuda" };

export type CommandResult =
  /** A plain answer. `private`: only the user should see it (Discord ephemeral). */
  | { kind: "reply"; message: ChatMessage; private: boolean }
  /** A run of a project started (or, `duplicate`, was already started by this very message). */
  | { kind: "started"; projectId: string; run: string; message: ChatMessage; duplicate: boolean }
  /**
   * An answer now, and work that goes on after it (a GitHub export): the front-end shows
   * `message`, then replaces it with what `finish` resolves to, off the webhook's hot path.
   */
  | { kind: "background"; message: ChatMessage; private: boolean; finish: () => Promise<ChatMessage> };

const CONSOLE_LINK_MINUTES = 10;

/**
 * The bots' logic, once: Discord and Telegram only translate their wire formats into a `Command`
 * and a `CommandResult` back into a message. Everything here is quick (a few Durable Object
 * calls); generation itself runs in the Workflow.
 */
export async function runCommand(env: Env, user: ChatUser, command: Command): Promise<CommandResult> {
  const m = t(user.locale);
  const reply = (text: string, isPrivate = false): CommandResult => ({ kind: "reply", message: { text, buttons: [] }, private: isPrivate });
  const { accountId } = await env.IDENTITIES.getByName(user.identity).resolve();
  // First contact grants the trial; every later call is a cheap no-op.
  await ensureAccount(env, accountId, user.identity);

  switch (command.name) {
    case "ayuda":
      return reply(m.help, true);

    case "crear": {
      const idea = command.idea.trim();
      if (!idea) return reply(m.needIdea, true);
      try {
        const { view, duplicate } = await startProject(env, {
          accountId,
          prompt: idea,
          ...(command.projectName ? { name: command.projectName } : {}),
          ...(command.model ? { model: command.model } : {}),
          id: await idFromSeed("prj", command.deliveryId),
          origin: user.identity.split(":")[0] ?? "chat",
        });
        return { kind: "started", projectId: view.id, run: FIRST_RUN, message: renderProgress(view, user.locale, {}), duplicate };
      } catch (err) {
        return refused(err, user.locale);
      }
    }

    case "seguir": {
      const text = command.text.trim();
      if (!text) return reply(m.needText(command.kind), true);
      // A reply to a project's status message (Telegram) is about that project.
      const shown = command.shownIn ? await projectShownIn(env, accountId, command.shownIn.chatId, command.shownIn.messageId) : undefined;
      const view = shown ?? (await findProject(env, accountId, command.project));
      if (!view) return reply(command.project ? m.projectNotFound : m.noProjects, true);
      // A redelivered update must not start a second run; one that never started is lost, not doubled.
      if (command.deliveryId && !(await env.PROJECTS.getByName(view.id).claimDelivery(command.deliveryId))) return reply(m.replayed, true);
      try {
        const started = await startFollowUp(env, {
          accountId,
          projectId: view.id,
          kind: command.kind,
          text,
          origin: user.identity.split(":")[0] ?? "chat",
        });
        return {
          kind: "started",
          projectId: view.id,
          run: started.run.id,
          message: renderProgress(started.view, user.locale, {}),
          duplicate: false,
        };
      } catch (err) {
        return refused(err, user.locale);
      }
    }

    case "estado": {
      const found = await findProject(env, accountId, command.project);
      if (!found) return reply(command.project ? m.projectNotFound : m.noProjects, true);
      // Asking about a run that stopped making progress heals it; the answer shows the result.
      const view = await healedView(env, found, "estado");
      const links: ProgressLinks = { console: `${publicUrl(env)}/#/projects/${view.id}` };
      // Asking again renews the ZIP link (its expiry, or a new one once it expired or was revoked).
      if (view.status === "completed") {
        const { token } = await env.PROJECTS.getByName(view.id).downloadLink({ renew: true });
        links.zip = downloadUrl(publicUrl(env), view.id, token);
      }
      if (view.runs.some((r) => r.status === "completed")) {
        links.clone = cloneUrl(publicUrl(env), view.id, await env.PROJECTS.getByName(view.id).cloneToken());
      }
      return { kind: "reply", message: renderProgress(view, user.locale, links), private: false };
    }

    case "github":
      return githubCommand(env, accountId, user.locale, command);

    case "proyectos": {
      const views = await recentProjects(env, accountId, 5);
      if (views.length === 0) return reply(m.noProjects, true);
      const lines = views.map(projectLine);
      return reply([m.projectsTitle, ...lines].join("\n"), true);
    }

    case "saldo": {
      const { credits, plan } = await getBalance(env, accountId);
      return reply(m.balance(credits, plan ? `${planName(env, plan.id, user.locale)} (${plan.status})` : null), true);
    }

    case "comprar":
      return buy(env, accountId, user.locale);

    case "vincular": {
      if (!command.code) {
        const { code } = await createLinkCode(env, accountId);
        return reply(m.linkCode(code, LINK_CODE_TTL_MS / 60_000), true);
      }
      const linked = await redeemLinkCode(env, command.code, user.identity);
      return reply(linked ? m.linked : errorText(user.locale, "invalid_code"), true);
    }

    case "publicar":
    case "ocultar": {
      const visibility = command.name === "publicar" ? "public" : "private";
      const answer = await setProjectVisibility(env, accountId, user.locale, command.project, visibility, user.displayName);
      return { kind: "reply", ...answer };
    }

    case "galeria":
      return { kind: "reply", ...(await galleryTop(env, user.locale, command.query)) };

    case "remix":
      return { kind: "reply", ...(await remixFromChat(env, accountId, user.locale, command)) };

    case "consola": {
      const code = await env.ACCOUNTS.getByName(accountId).issueLoginCode(accountId, CONSOLE_LINK_MINUTES * 60);
      const url = `${publicUrl(env)}/auth/console?code=${encodeURIComponent(code)}`;
      log("chat.console_link", { account: accountId });
      return {
        kind: "reply",
        message: { text: m.consoleLink(CONSOLE_LINK_MINUTES), buttons: [{ label: m.openConsole, url }] },
        private: true,
      };
    }
  }
}

/** A refusal of starting a run, worded for the user (with a buy button when credits ran out); anything else is rethrown. */
function refused(err: unknown, locale: Locale): CommandResult {
  const refusal = errorCodeOf(err);
  if (!refusal) throw err;
  const error = { code: refusal.code, message: refusal.message, ...refusal.details };
  const buttons = error.buyUrl ? [{ label: t(locale).buyCredits, url: error.buyUrl }] : [];
  return { kind: "reply", message: { text: errorText(locale, error), buttons }, private: true };
}

/** `/github owner/name [project]`: checks what can be checked now, then exports in the background. */
async function githubCommand(
  env: Env,
  accountId: string,
  locale: Locale,
  command: Extract<Command, { name: "github" }>,
): Promise<CommandResult> {
  const m = t(locale);
  const reply = (text: string): CommandResult => ({ kind: "reply", message: { text, buttons: [] }, private: true });
  const repo = repoSchema.safeParse(command.repo);
  const branch = branchSchema.safeParse(command.branch ?? "main");
  if (!repo.success || !branch.success) return reply(m.githubUsage);
  const view = await findProject(env, accountId, command.project);
  if (!view) return reply(command.project ? m.projectNotFound : m.noProjects);
  // A later run in progress does not stop it: the history up to the last completed run goes.
  if (!view.runs.some((r) => r.status === "completed")) return reply(m.githubNotReady);
  const token = await env.ACCOUNTS.getByName(accountId).providerKey(accountId, "github");
  if (!token) return reply(errorText(locale, "github_token_missing"));
  const request = { projectId: view.id, accountId, repo: repo.data, branch: branch.data, private: true, projectName: view.name };
  return {
    kind: "background",
    message: { text: m.githubStarted(repo.data, view.name), buttons: [] },
    private: false,
    finish: async () => {
      const outcome = await runGithubExport(env, request, token);
      if (outcome.status === "failed") return { text: m.githubFailed(outcome.message), buttons: [] };
      const text = outcome.diverged
        ? m.githubDiverged(outcome.repo, request.branch, outcome.branch, outcome.url)
        : outcome.upToDate
          ? m.githubUpToDate(outcome.repo, outcome.branch, outcome.url)
          : m.githubPushed(outcome.repo, outcome.branch, outcome.url);
      return { text, buttons: [{ label: m.openGithub, url: outcome.url }] };
    },
  };
}

/** Checkout links for every pack and plan, made in parallel (Discord wants an answer in 3 s). */
async function buy(env: Env, accountId: string, locale: Locale): Promise<CommandResult> {
  const m = t(locale);
  const catalog = getCatalog(env);
  // Said at once, rather than after a checkout attempt fails.
  if (!catalog.payments.enabled)
    return { kind: "reply", message: { text: errorText(locale, "billing_unavailable"), buttons: [] }, private: true };
  const items = [
    ...catalog.packs.map((p) => ({ item: { pack: p.id }, label: `${p.names[locale]} · ${money(p.price, p.currency)}` })),
    ...catalog.plans.map((p) => ({ item: { plan: p.id }, label: `${p.names[locale]} · ${money(p.price, p.currency)}/${m.month}` })),
  ];
  try {
    const urls = await Promise.all(items.map(({ item }) => createCheckout(env, accountId, item, locale)));
    return {
      kind: "reply",
      message: { text: m.buyIntro, buttons: items.map(({ label }, i) => ({ label, url: urls[i] ?? "" })) },
      private: true,
    };
  } catch (err) {
    if (!(err instanceof BillingUnavailableError)) throw err;
    return { kind: "reply", message: { text: errorText(locale, "billing_unavailable"), buttons: [] }, private: true };
  }
}

function money(cents: number, currency: string): string {
  return `${(cents / 100).toFixed(cents % 100 === 0 ? 0 : 2)} ${currency.toUpperCase()}`;
}

const publicUrl = (env: Env) => config(env).PUBLIC_URL;
