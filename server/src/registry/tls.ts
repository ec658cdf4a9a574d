// TLS for registry connections: the https.Agent (extra CA, client certificate for mTLS, verification always on) and TLS failures in words.
//
// Why node:https and not fetch: Node's fetch (undici) takes a CA or a client certificate only
// through an undici Agent passed as `dispatcher`, and undici's Agent is not public API of Node
// without the `undici` package (a dependency we would have to ship and keep in step with Node's
// internal copy). node:https takes `ca`, `cert` and `key` directly, is stable public API, needs no
// dependency, and reports certificate problems with precise codes. Extra CA certificates are ADDED
// to Node's bundled roots (tls.rootCertificates), so a custom CA never breaks a public registry, and
// rejectUnauthorized is never turned off.
import * as crypto from 'node:crypto';
import * as https from 'node:https';
import * as tls from 'node:tls';
import { RegistryError, type RegistryConnection } from './types';
import type { RequestContext } from './errors';

/** Build the agent for an https registry; throws RegistryError('tls') when a PEM cannot be used. */
export function createHttpsAgent(connection: Pick<RegistryConnection, 'ca' | 'cert' | 'key' | 'url'>, displayUrl: string): https.Agent {
  const options: https.AgentOptions = { keepAlive: true, maxSockets: 8, rejectUnauthorized: true };
  if (connection.ca) options.ca = [...tls.rootCertificates, connection.ca];
  if (connection.cert || connection.key) {
    if (!connection.cert || !connection.key) {
      throw new RegistryError('tls', `The client certificate for ${displayUrl} needs both the certificate and its private key (PEM): only the ${connection.cert ? 'certificate' : 'key'} is configured.`);
    }
    options.cert = connection.cert;
    options.key = connection.key;
  }
  // Validate the PEMs now, so a bad file is reported once and clearly (Node silently skips a CA that is not PEM).
  const unusable = (which: string, why: string): RegistryError =>
    new RegistryError('tls', `The ${which} configured for ${displayUrl} cannot be used: ${why} (expected PEM text: -----BEGIN ...-----).`);
  if (connection.ca) {
    const blocks = pemBlocks(connection.ca, 'CERTIFICATE');
    if (blocks.length === 0) throw unusable('CA certificate', 'no certificate found in it');
    for (const block of blocks) {
      try {
        new crypto.X509Certificate(block);
      } catch (e) {
        throw unusable('CA certificate', (e as Error).message);
      }
    }
  }
  if (options.cert && options.key) {
    if (pemBlocks(connection.cert!, 'CERTIFICATE').length === 0) throw unusable('client certificate', 'no certificate found in it');
    try {
      crypto.createPrivateKey(connection.key!);
    } catch (e) {
      throw unusable('client key', (e as Error).message);
    }
    try {
      tls.createSecureContext({ cert: options.cert, key: options.key });
    } catch (e) {
      throw unusable('client certificate and key', (e as Error).message);
    }
  }
  return new https.Agent(options);
}

function pemBlocks(text: string, label: string): string[] {
  const re = new RegExp(`-----BEGIN ${label}-----[\\s\\S]*?-----END ${label}-----`, 'g');
  return text.match(re) ?? [];
}

const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

/** Is this a TLS failure (rather than a plain network one)? */
export function isTlsError(err: NodeJS.ErrnoException): boolean {
  const code = err.code ?? '';
  return UNTRUSTED.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code.startsWith('CERT_') || code === 'EPROTO' || /certificate|ssl|tls/i.test(code);
}

/** A TLS failure in words: what is wrong and what to do (verification is never turned off). */
export function tlsError(err: NodeJS.ErrnoException, ctx: RequestContext, hasCa: boolean, hasClientCert: boolean): RegistryError {
  const code = err.code ?? '';
  const host = hostOf(ctx.url);
  let message: string;
  if (UNTRUSTED.has(code)) {
    message = hasCa
      ? `The certificate of ${ctx.url} is not signed by the configured CA or a public CA (${code}): check that the CA file is the one that issued the registry's certificate.`
      : `The certificate of ${ctx.url} is not trusted (${code}): it is signed by a CA this machine does not know (self-signed or private). Configure the CA certificate (PEM) for this registry; verification stays on.`;
  } else if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'ERR_TLS_CERT_ALTNAME_FORMAT') {
    message = `The certificate of ${ctx.url} is not valid for the host ${host} (${clipReason(err.message)}): use the host name the certificate was issued for.`;
  } else if (code === 'CERT_HAS_EXPIRED') {
    message = `The certificate of ${ctx.url} has expired: the registry's administrators must renew it.`;
  } else if (code === 'CERT_NOT_YET_VALID') {
    message = `The certificate of ${ctx.url} is not valid yet (check this machine's clock).`;
  } else if (/CERTIFICATE_REQUIRED/.test(code) || (/HANDSHAKE_FAILURE/.test(code) && !hasClientCert)) {
    message = `The registry at ${ctx.url} requires a client certificate (mTLS): configure a client certificate and its key.`;
  } else if (/UNKNOWN_CA|BAD_CERTIFICATE|CERTIFICATE_UNKNOWN|DECRYPT_ERROR|ACCESS_DENIED/.test(code)) {
    message = hasClientCert
      ? `The registry at ${ctx.url} refused the client certificate (${code}): it is not signed by a CA the registry trusts, or it is not meant for client authentication.`
      : `The registry at ${ctx.url} refused the TLS connection (${code}): it probably requires a client certificate (mTLS).`;
  } else if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number|packet length too long/i.test(err.message)) {
    message = `The server at ${ctx.url} does not speak TLS on that port: if it is plain HTTP use http://, otherwise check the port.`;
  } else {
    message = `The TLS connection to ${ctx.url} failed (${code || 'TLS error'}: ${clipReason(err.message)}).`;
  }
  return new RegistryError('tls', message);
}

/** The server closed the connection right after a new TLS handshake, before answering: how servers refuse client certificates under TLS 1.3. */
export function closedAfterHandshake(ctx: RequestContext, hasClientCert: boolean): RegistryError {
  return new RegistryError(
    'tls',
    hasClientCert
      ? `The registry at ${ctx.url} closed the connection right after the TLS handshake: it probably refused the client certificate (not signed by a CA it trusts, or not meant for client authentication).`
      : `The registry at ${ctx.url} closed the connection right after the TLS handshake: it probably requires a client certificate (mTLS).`,
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

function clipReason(message: string): string {
  const flat = message.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 159)}…` : flat;
}
