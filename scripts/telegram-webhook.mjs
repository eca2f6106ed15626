#!/usr/bin/env node
// `npm run telegram:webhook`: points the bot's webhook at this deployment, with the secret token
// Telegram will send back on every update, and prints the getMe answer for TELEGRAM_BOT_INFO.
import { setting } from "./lib-env.mjs";

const token = setting("TELEGRAM_BOT_TOKEN");
const secret = setting("TELEGRAM_WEBHOOK_SECRET");
const publicUrl = setting("PUBLIC_URL").replace(/\/+$/, "");
const root = setting("TELEGRAM_API_ROOT", "https://api.telegram.org");

async function call(method, body) {
  const res = await fetch(`${root}/bot${token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body ?? {}),
  });
  const json = await res.json();
  if (!json.ok) {
    console.error(`${method} failed: ${json.description ?? res.status}`);
    process.exit(1);
  }
  return json.result;
}

await call("setWebhook", {
  url: `${publicUrl}/telegram/webhook`,
  secret_token: secret,
  allowed_updates: ["message"],
});
const me = await call("getMe");
console.log(`webhook set to ${publicUrl}/telegram/webhook for @${me.username}`);
console.log("Set TELEGRAM_BOT_INFO to:");
console.log(JSON.stringify(me));
