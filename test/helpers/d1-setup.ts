import { env } from "cloudflare:workers";
import { applyD1Migrations } from "cloudflare:test";
import type { D1Migration } from "cloudflare:test";

// Runs before every test file. Migrations already applied are skipped, so this is cheap after the
// first file; the binding is a test-only extra, kept out of the product's Env type.
const migrations: D1Migration[] = Reflect.get(env, "TEST_D1_MIGRATIONS");
await applyD1Migrations(env.DB, migrations);
