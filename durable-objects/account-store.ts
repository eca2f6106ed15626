import { DurableObject } from "cloudflare:workers";

export class AccountStore extends DurableObject<Env> {}
