// The workspace FileSystem on Node's fs (used by the stdio server and the CLI).
import * as fs from 'node:fs';
import { promises as fsp, type Stats } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { DecodedText } from '../workspace/decode';
import type { DirectoryEntry, FileStat, FileSystem, FileType } from '../workspace/fileSystem';
import { readDecodedFile, readTextFile, specialFileKind } from './textFile';

// The callback API, promisified: fs.promises' stat goes through more machinery and costs more per
// small file (see textFile.ts, which reads the same way).
const statOf = promisify(fs.stat);

function typeOf(s: { isFile(): boolean; isDirectory(): boolean }): FileType {
  return s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
}

export const nodeFileSystem: FileSystem = {
  readFile(p: string, maxBytes?: number): Promise<string> {
    return readTextFile(p, maxBytes);
  },

  readText(p: string, maxBytes?: number): Promise<DecodedText> {
    return readDecodedFile(p, maxBytes);
  },

  async readDirectory(p: string): Promise<DirectoryEntry[]> {
    const entries = await fsp.readdir(p, { withFileTypes: true });
    const out: DirectoryEntry[] = [];
    for (const e of entries) {
      if (e.isSymbolicLink()) {
        // Linked files count; linked folders are not followed (they can form cycles).
        const target = await fsp.stat(path.join(p, e.name)).catch(() => undefined);
        out.push({ name: e.name, type: target?.isFile() ? 'file' : 'other' });
      } else {
        out.push({ name: e.name, type: typeOf(e) });
      }
    }
    return out;
  },

  async stat(p: string): Promise<FileStat | undefined> {
    let s: Stats;
    try {
      s = await statOf(p);
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT' || (err as { code?: string }).code === 'ENOTDIR') return undefined;
      throw err;
    }
    const type = typeOf(s);
    return type === 'other' ? { type, size: s.size, kind: specialFileKind(s) } : { type, size: s.size };
  },
};
