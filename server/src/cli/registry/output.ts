// Output of the registry commands: every write passes through redaction of the secrets in the environment, so no output can hold one.
import { ENV_PASSWORD, ENV_TOKEN, ENV_USERNAME, redact } from '../../registry/credentials';
import type { CliIO, OutputStream } from '../io';

/** The secrets the environment holds (password, token, and the basic Authorization value made from them). */
export function environmentSecrets(env: Readonly<Record<string, string | undefined>>): string[] {
  const out: string[] = [];
  const password = env[ENV_PASSWORD];
  const token = env[ENV_TOKEN];
  if (password) {
    out.push(password);
    out.push(Buffer.from(`${env[ENV_USERNAME] ?? ''}:${password}`).toString('base64'));
  }
  if (token) out.push(token);
  // Longest first: a secret that contains another is replaced whole.
  return [...new Set(out)].sort((a, b) => b.length - a.length);
}

function redacting(stream: OutputStream, secrets: readonly string[]): OutputStream {
  return {
    write: (text: string) => stream.write(redact(text, secrets)),
    get isTTY() {
      return stream.isTTY;
    },
  };
}

/** The same IO whose stdout and stderr never let a secret of the environment through. */
export function redactedIO(io: CliIO): CliIO {
  const secrets = environmentSecrets(io.env);
  if (secrets.length === 0) return io;
  return { ...io, stdout: redacting(io.stdout, secrets), stderr: redacting(io.stderr, secrets) };
}
