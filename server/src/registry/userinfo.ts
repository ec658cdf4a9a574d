// The one place that removes user:password@ from URLs before they are shown: in the CLI, the language server and the client (through protocol.ts).
//
// Textual, so it works on URLs that do not parse (a bad port, trailing text, ftp://) and on URLs
// inside longer messages; parsing first would let exactly the invalid ones through.

/** scheme://userinfo@ : everything from "//" to the last "@" before the end of the token. */
const AFTER_SCHEME = /\b([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^\s"'<>`]*@/g;
/** A token that starts with name:secret@ (a URL typed without its scheme: "u:pw@host:8081"). */
const NO_SCHEME = /(^|[\s"'(<[=,])[^\s"'<>`/@:]+:[^\s"'<>`]*@/g;

/**
 * `text` (a URL, or a message that holds URLs) without the userinfo of any URL in it: the user name
 * and password before "@" are removed, so "http://u:pw@host:99999" shows as "http://host:99999".
 */
export function withoutUserinfo(text: string): string {
  if (!text.includes('@')) return text;
  return text.replace(AFTER_SCHEME, '$1').replace(NO_SCHEME, '$1');
}
