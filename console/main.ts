/**
 * The console's entry: decides who is looking (a share-link viewer, a signed-in user, or nobody
 * yet), then routes by the URL's hash: `#/` projects, `#/projects/<id>` one project, `#/account`.
 */
import * as z from "zod/mini";
import { HttpError, sendJson } from "./api";
import { loadSession } from "./session";
import { byId, el, replace } from "./dom";
import { lang, setLang, t } from "./i18n";
import { ownerPaths, publicPaths, sharePaths } from "./paths";
import { GALLERY_ROUTE, isGalleryRoute } from "./gallery-query";
import { galleryPage } from "./views/gallery-view";
import { NOTICE_KEY } from "./views/community-panel";
import { accountPage } from "./views/account-view";
import type { CheckoutReturn } from "./views/account-view";
import { DEV_SIGNIN_TRIED, forgetDevSignIn, markDevSignIn } from "./signin-marker";
import { ProjectPage } from "./views/project-view";
import { projectsPage } from "./views/projects-view";

const app = byId("app", HTMLElement);
const nav = byId("nav", HTMLElement);
const langButton = byId("lang", HTMLButtonElement);
let page: ProjectPage | null = null;
let rerender: () => void = () => undefined;

const devLink = z.object({ url: z.string(), code: z.string() });

function start(): void {
  setLang(lang());
  langButton.addEventListener("click", () => {
    setLang(lang() === "es" ? "en" : "es");
    labelChrome();
    rerender();
  });
  labelChrome();
  const shared = location.pathname.match(/^\/p\/(prj_[a-z2-9]{20})$/);
  const token = new URLSearchParams(location.search).get("s");
  if (shared?.[1]) {
    nav.hidden = true;
    const id = shared[1];
    if (token) {
      page = new ProjectPage(app, { id, paths: sharePaths(id, token), readOnly: true, community: "none" });
      rerender = () => page?.render();
      return;
    }
    // A public or unlisted project's page: anyone may read it; signed-in visitors may also star,
    // remix or report it, so the session is known before the page is drawn.
    void loadSession().then(() => {
      page = new ProjectPage(app, { id, paths: publicPaths(id), readOnly: true, community: "visitor" });
      rerender = () => page?.render();
    });
    return;
  }
  skipLink();
  void signedIn().then((ok) => {
    // The gallery is for everyone: it opens without an account too.
    if (!ok && isGalleryRoute(location.hash)) {
      window.addEventListener("hashchange", () => isGalleryRoute(location.hash) && route());
      route();
      return;
    }
    if (!ok) return;
    const checkout = takeCheckoutReturn();
    window.addEventListener("hashchange", () => {
      // `#app` (the skip link) and other in-page anchors are not pages: the open one stays.
      if (isRoute(location.hash)) route();
    });
    route(checkout);
  });
}

/** The skip link moves focus to the content; it never touches the hash, so no page unmounts. */
function skipLink(): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>("a.skip")) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      app.focus();
    });
  }
}

function isRoute(hash: string): boolean {
  return hash === "" || hash === "#" || hash.startsWith("#/");
}

/**
 * Stripe Checkout sends the user back to `/?checkout=success|cancelled`: show the account page with
 * a notice, and drop the marker from the URL so a reload does not announce it again.
 */
function takeCheckoutReturn(): CheckoutReturn | undefined {
  const value = new URLSearchParams(location.search).get("checkout");
  if (value !== "success" && value !== "cancelled") return undefined;
  history.replaceState(null, "", "/#/account");
  return value;
}

/** Header labels, which follow the language switch. */
function labelChrome(): void {
  replace(langButton, t("switchLang"));
  langButton.lang = lang() === "es" ? "en" : "es";
  replace(
    nav,
    el("a", { href: "#/", id: "nav-projects" }, t("projects")),
    el("a", { href: GALLERY_ROUTE, id: "nav-explore" }, t("explore")),
    el("a", { href: "#/account", id: "nav-account" }, t("account")),
    el("button", { type: "button", id: "sign-out", onclick: () => void signOut() }, t("signOut")),
  );
  markCurrent();
}

/** Marks the nav link of the page shown, for screen readers and the underline. */
function markCurrent(): void {
  // The gallery's search and sort do not make it another page.
  const hash = isGalleryRoute(location.hash) ? GALLERY_ROUTE : location.hash || "#/";
  for (const a of nav.querySelectorAll("a")) {
    if (a.getAttribute("href") === hash) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

/** Whether the session cookie works; if not, development signs in by itself, production explains. */
async function signedIn(): Promise<boolean> {
  const who = await loadSession();
  if (who.signedIn) {
    forgetDevSignIn();
    return true;
  }
  // A sign-in link was followed a moment ago and there is still no session: the browser dropped
  // the `__Host-…; Secure` cookie (plain http on a LAN address). Signing in again would loop.
  const dropped = forgetDevSignIn() === DEV_SIGNIN_TRIED;
  // After a sign-out or a dead link, wait for the user instead of signing in again at once.
  const reason = new URLSearchParams(location.search).get("signin");
  if (reason === null && !dropped && who.development) {
    const code = await devSignInCode();
    if (code && markDevSignIn()) {
      await spendSignInCode(code);
      location.replace(`/${location.hash}`);
      return false;
    }
  }
  nav.hidden = true;
  showSignIn(dropped ? "dropped" : reason === "expired" ? "expired" : null, who.development === true);
  return false;
}

/** Development's stand-in for the chat's `consola` code; null in production (404). */
async function devSignInCode(): Promise<string | null> {
  try {
    return devLink.parse(await sendJson("POST", "/auth/dev-link")).code;
  } catch (err) {
    if (err instanceof HttpError && err.status === 404) return null;
    throw err;
  }
}

/** What the sign-in page's button does: POST the code from this origin; the answer sets the cookie. */
async function spendSignInCode(code: string): Promise<void> {
  await fetch("/auth/console", { method: "POST", credentials: "same-origin", body: new URLSearchParams({ code }) });
}

function showSignIn(problem: "expired" | "dropped" | null, development: boolean): void {
  const draw = () =>
    replace(
      app,
      el(
        "section",
        { class: "panel signin" },
        el("h1", {}, t("signInTitle")),
        problem ? el("p", { role: "alert", id: "signin-problem" }, t(problem === "expired" ? "signInExpired" : "signInNoCookie")) : null,
        el("p", {}, t("signInHelp")),
        // Only where development sign-in exists.
        development
          ? el("p", {}, el("button", { type: "button", id: "dev-sign-in", onclick: () => void devSignIn() }, t("devSignIn")))
          : null,
      ),
    );
  rerender = draw;
  draw();
}

async function devSignIn(): Promise<void> {
  const code = await devSignInCode();
  if (code) {
    markDevSignIn();
    await spendSignInCode(code);
    location.replace("/");
  }
}

async function signOut(): Promise<void> {
  page?.unmount();
  await fetch("/auth/logout", { method: "POST", credentials: "same-origin" });
  location.replace("/?signin=out");
}

function route(checkout?: CheckoutReturn): void {
  page?.unmount();
  page = null;
  const hash = location.hash.replace(/^#/, "") || "/";
  const project = hash.match(/^\/projects\/(prj_[a-z2-9]{20})$/);
  if (project?.[1]) {
    const id = project[1];
    page = new ProjectPage(app, { id, paths: ownerPaths(id), readOnly: false, community: "owner" });
    rerender = () => page?.render();
    showNotice();
  } else if (isGalleryRoute(location.hash)) {
    rerender = () => galleryPage(app, location.hash);
    rerender();
  } else if (hash === "/account") {
    rerender = () => accountPage(app, checkout);
    accountPage(app, checkout, true);
  } else {
    rerender = () => projectsPage(app);
    rerender();
  }
  markCurrent();
  app.focus();
}

/** A message left by the page before a navigation (a remix whose instruction was not applied). */
function showNotice(): void {
  let notice: string | null = null;
  try {
    notice = sessionStorage.getItem(NOTICE_KEY);
    sessionStorage.removeItem(NOTICE_KEY);
  } catch {
    return;
  }
  if (notice) app.prepend(el("p", { class: "panel notice", role: "status", id: "page-notice" }, notice));
}

start();
