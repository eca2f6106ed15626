/**
 * Every way a name can mean `.git` to git, macOS or Windows, or be a name Windows cannot hold:
 * unzipping such a file there writes into the repository's hooks and config, or fails half-way.
 * test/workflows/files/limits.test.ts checks each against safePath, and
 * test/workflows/generate-app/unsafe-paths.test.ts sends each through a whole run.
 */
export const PATH_TRICKS: Array<[string, RegExp]> = [
  [".GIT/config", /writes inside \.git/],
  [".Git/hooks/pre-commit", /writes inside \.git/],
  ["src/.gIt/config", /writes inside \.git/],
  [".git./config", /writes inside \.git/],
  [".git../config", /writes inside \.git/],
  [".git /config", /writes inside \.git/],
  [".git. . /config", /writes inside \.git/],
  ["git~1/config", /writes inside \.git/],
  ["GIT~1/hooks/post-checkout", /writes inside \.git/],
  // NTFS upcases the dotless ı to I; NFC and case folding make these `.git` too.
  [".g\u0131t/config", /writes inside \.git/],
  // Bidirectional controls: "cod\u202egnp.js" reads as "codsj.png".
  ["src/cod\u202egnp.js", /bidirectional/],
  ["src/\u202aapp.js", /bidirectional/],
  ["src/\u2066app.js", /bidirectional/],
  ["src/\u2069app.js", /bidirectional/],
  ["src/app\u200e.js", /bidirectional/],
  ["src/app\u200f.js", /bidirectional/],
  ["src/app\u061c.js", /bidirectional/],
  // Zero-width characters macOS ignores when it compares names.
  [".g\u200cit/config", /invisible/],
  // (The parser trims a leading BOM as whitespace; what is left is `.git` itself.)
  ["\ufeff.git/config", /invisible|inside \.git/],
  ["src/app\u0085.js", /control/],
  // Names Windows cannot hold.
  ["CON", /device name/],
  ["src/con.js", /device name/],
  ["aux.tar.gz", /device name/],
  ["NuL", /device name/],
  ["prn.txt", /device name/],
  ["com1.log", /device name/],
  ["LPT9", /device name/],
  ["src/lpt\u00b9.txt", /device name/],
  ["src/a<b.js", /Windows cannot hold/],
  ["src/a>b.js", /Windows cannot hold/],
  ["src/a:b.js", /Windows cannot hold/],
  ['src/a"b.js', /Windows cannot hold/],
  ["src/a|b.js", /Windows cannot hold/],
  ["src/a?b.js", /Windows cannot hold/],
  ["src/a*b.js", /Windows cannot hold/],
  ["src/app.js.", /ending in a dot or a space/],
  ["src/app.js ", /ending in a dot or a space/],
  ["src./app.js", /ending in a dot or a space/],
  ["src/.../app.js", /only of dots/],
];
