import { DurableObject } from "cloudflare:workers";

export class ProjectRoom extends DurableObject<Env> {}
