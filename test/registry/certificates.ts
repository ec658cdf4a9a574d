// Test certificates made with openssl at test time: a private CA, server certificates (right and wrong host), a client certificate for mTLS.
//
//   const certs = makeCertificates();       // in a fresh temp dir; certs.cleanup() removes it
//   startFakeRegistry({ tls: { cert: certs.server.cert, key: certs.server.key } })
//   client: { ca: certs.ca.cert }            // trusted; without `ca` Node refuses the self-signed chain
// Every PEM is returned as text (RegistryConnection takes PEM contents) and written to `dir` too
// (ca.pem, server.pem, server-key.pem, wrong-host.pem, wrong-host-key.pem, client.pem, client-key.pem,
// other-ca.pem, rogue-client.pem, rogue-client-key.pem) for tools that want paths.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface KeyPair {
  cert: string;
  key: string;
  certPath: string;
  keyPath: string;
}

export interface TestCertificates {
  dir: string;
  /** The CA that signs the server and client certificates. */
  ca: { cert: string; certPath: string };
  /** For 127.0.0.1 and localhost. */
  server: KeyPair;
  /** Signed by the same CA but for wrong.example only (hostname mismatch on 127.0.0.1). */
  wrongHost: KeyPair;
  /** A client certificate signed by the CA (mTLS). */
  client: KeyPair;
  /** Another CA and a client certificate it signed (refused by a server that trusts only `ca`). */
  otherCa: { cert: string; certPath: string };
  rogueClient: KeyPair;
  cleanup(): void;
}

function openssl(cwd: string, ...args: string[]): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

function makeCa(dir: string, name: string, cn: string): void {
  openssl(dir, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2', '-subj', `/CN=${cn}`, '-keyout', `${name}-key.pem`, '-out', `${name}.pem`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
}

function makeLeaf(dir: string, name: string, caName: string, cn: string, extensions: string): KeyPair {
  openssl(dir, 'req', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-subj', `/CN=${cn}`, '-keyout', `${name}-key.pem`, '-out', `${name}.csr`);
  fs.writeFileSync(path.join(dir, `${name}.ext`), extensions);
  openssl(dir, 'x509', '-req', '-in', `${name}.csr`, '-CA', `${caName}.pem`, '-CAkey', `${caName}-key.pem`, '-CAcreateserial', '-days', '2', '-sha256', '-out', `${name}.pem`, '-extfile', `${name}.ext`);
  const certPath = path.join(dir, `${name}.pem`);
  const keyPath = path.join(dir, `${name}-key.pem`);
  return { cert: fs.readFileSync(certPath, 'utf8'), key: fs.readFileSync(keyPath, 'utf8'), certPath, keyPath };
}

/** Generate the whole set (about a second: five RSA keys). */
export function makeCertificates(): TestCertificates {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-registry-tls-'));
  makeCa(dir, 'ca', 'Avro Studio Test CA');
  makeCa(dir, 'other-ca', 'Some Other CA');
  const serverExt = 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n';
  const server = makeLeaf(dir, 'server', 'ca', 'localhost', serverExt);
  const wrongHost = makeLeaf(dir, 'wrong-host', 'ca', 'wrong.example', 'basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:wrong.example\n');
  const clientExt = 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n';
  const client = makeLeaf(dir, 'client', 'ca', 'avro-studio-client', clientExt);
  const rogueClient = makeLeaf(dir, 'rogue-client', 'other-ca', 'rogue-client', clientExt);
  const caPath = path.join(dir, 'ca.pem');
  const otherCaPath = path.join(dir, 'other-ca.pem');
  return {
    dir,
    ca: { cert: fs.readFileSync(caPath, 'utf8'), certPath: caPath },
    server,
    wrongHost,
    client,
    otherCa: { cert: fs.readFileSync(otherCaPath, 'utf8'), certPath: otherCaPath },
    rogueClient,
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
