// Writing schema files for `registry pull`: pretty JSON (2 spaces, every token as the registry sent it), written atomically.
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { applyEdits, format } from 'jsonc-parser';

/** The registry's schema text laid out with 2 spaces, one member per line; numbers and strings keep their exact spelling. */
export function prettySchema(text: string): string {
  const edits = format(text, undefined, { tabSize: 2, insertSpaces: true, eol: '\n' });
  return applyEdits(text, edits).trim() + '\n';
}

/**
 * Replace `file` with `text` atomically: written to a temporary file beside it, then renamed over
 * it, so a reader (or a crash) never sees half a schema. The file's mode is kept when it exists.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  await fsp.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const mode = await fsp.stat(file).then(s => s.mode & 0o777, () => undefined);
  try {
    const handle = await fsp.open(temp, 'wx', mode ?? 0o644);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.rename(temp, file);
  } catch (e) {
    await fsp.rm(temp, { force: true }).catch(() => undefined);
    throw e;
  }
}
