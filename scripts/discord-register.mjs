#!/usr/bin/env node
// `npm run discord:register`: registers the slash commands from the same definitions the Worker
// uses. Global by default (may take up to an hour to show everywhere); set DISCORD_GUILD_ID to
// register them in one server at once, for development.
import { DISCORD_COMMANDS } from "../workers/chat/discord-commands.ts";
import { setting } from "./lib-env.mjs";

const app = setting("DISCORD_APPLICATION_ID");
const token = setting("DISCORD_BOT_TOKEN");
const base = setting("DISCORD_API_BASE", "https://discord.com/api/v10");
const guild = process.env.DISCORD_GUILD_ID;

const url = guild ? `${base}/applications/${app}/guilds/${guild}/commands` : `${base}/applications/${app}/commands`;
const res = await fetch(url, {
  method: "PUT",
  headers: { "content-type": "application/json", authorization: `Bot ${token}` },
  body: JSON.stringify(DISCORD_COMMANDS),
});
if (!res.ok) {
  console.error(`Discord answered ${res.status}: ${await res.text()}`);
  process.exit(1);
}
const registered = await res.json();
console.log(
  `registered ${registered.length} commands ${guild ? `in guild ${guild}` : "globally"}: ${registered.map((c) => `/${c.name}`).join(" ")}`,
);
