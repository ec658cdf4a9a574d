// File paths <-> file: URIs in the form VS Code produces, and the identity key that makes two spellings of one file equal.
import * as path from 'node:path';

/** Characters VS Code leaves unencoded in a file URI path (RFC 3986 unreserved, plus the separator). */
const UNRESERVED = /[A-Za-z0-9\-._~/]/;

function encodePathSegmentChars(p: string): string {
  let out = '';
  for (const ch of p) {
    if (UNRESERVED.test(ch)) {
      out += ch;
    } else {
      for (const byte of Buffer.from(ch, 'utf8')) out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
    }
  }
  return out;
}

/**
 * An absolute file system path as a file: URI, encoded as VS Code's URI.file(...).toString() does
 * (so a file read from disk and the same file opened in the editor have the same URI).
 */
export function pathToUri(fsPath: string): string {
  let p = fsPath.replace(/\\/g, '/');
  // Windows drive letter: c:/x -> /c%3A/x (VS Code lowercases the drive letter).
  const drive = /^([A-Za-z]):(\/|$)/.exec(p);
  if (drive) p = '/' + drive[1].toLowerCase() + ':' + p.slice(2);
  if (p.startsWith('//')) {
    // UNC path //server/share/x -> file://server/share/x
    const slash = p.indexOf('/', 2);
    const authority = slash < 0 ? p.slice(2) : p.slice(2, slash);
    const rest = slash < 0 ? '/' : p.slice(slash);
    return 'file://' + authority.toLowerCase() + encodePathSegmentChars(rest);
  }
  if (!p.startsWith('/')) p = '/' + p;
  return 'file://' + encodePathSegmentChars(p);
}

/** The file system path of a file: URI, or undefined for other schemes (untitled:, vscode-vfs:, ...). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.toLowerCase().startsWith('file:')) return undefined;
  let rest = uri.slice(5);
  let authority = '';
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? '/' : rest.slice(slash);
  }
  const q = rest.search(/[?#]/);
  if (q >= 0) rest = rest.slice(0, q);
  let decoded: string;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    decoded = rest;
  }
  if (authority && authority !== 'localhost') {
    return path.sep === '\\' ? `\\\\${authority}${decoded.replace(/\//g, '\\')}` : `//${authority}${decoded}`;
  }
  if (/^\/[A-Za-z]:/.test(decoded)) {
    const win = decoded.slice(1);
    return path.sep === '\\' ? win.replace(/\//g, '\\') : win;
  }
  return path.sep === '\\' ? decoded.replace(/\//g, '\\') : decoded;
}

/**
 * The identity of a document: file URIs are decoded and re-encoded (clients differ in how they
 * percent-encode); other URIs are used as they are.
 */
export function uriKey(uri: string): string {
  const p = uriToPath(uri);
  return p === undefined ? uri : pathToUri(p);
}
