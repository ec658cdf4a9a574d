// Asking the person at the terminal before writing: a yes/no question on stderr, the answer from stdin (only when stdin is a terminal).
import type { CliIO } from '../io';

export type Confirmation = 'yes' | 'no' | 'not-interactive';

type Input = NodeJS.ReadableStream & { isTTY?: boolean; pause?: () => void };

/** Ask `question` ("Register 2 schemas in https://...?"); 'not-interactive' when stdin is not a terminal (CI: pass --yes). */
export async function confirm(io: CliIO, question: string): Promise<Confirmation> {
  const stdin = io.stdin as Input | undefined;
  if (!stdin || stdin.isTTY !== true) return 'not-interactive';
  io.stderr.write(`${question} [y/N] `);
  const answer = await readLine(stdin);
  return /^\s*y(es)?\s*$/i.test(answer) ? 'yes' : 'no';
}

/** One line from a stream (up to the first line break, or what came before it ended). */
function readLine(stream: Input): Promise<string> {
  return new Promise(resolve => {
    let text = '';
    const finish = (): void => {
      stream.removeListener('data', onData);
      stream.removeListener('end', finish);
      stream.removeListener('error', finish);
      stream.pause?.();
      const nl = text.indexOf('\n');
      resolve(nl >= 0 ? text.slice(0, nl) : text);
    };
    const onData = (chunk: Buffer | string): void => {
      text += chunk.toString();
      if (text.includes('\n')) finish();
    };
    stream.on('data', onData);
    stream.on('end', finish);
    stream.on('error', finish);
    (stream as NodeJS.ReadableStream).resume();
  });
}
