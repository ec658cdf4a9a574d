// Reading a text file from disk, the one way every reader of schemas, baselines and project files does: regular files only, at most a limit, decoded in one place.
//
// A FIFO named x.avsc would block the reader forever (opening it waits for a writer) and
// /dev/zero never ends, so: the path is stat'ed first and only a regular file is opened (without
// blocking, and checked again on the open handle: the path may have been swapped meanwhile), and
// reading stops once the limit is passed instead of reading the whole file first.
import * as fs from 'node:fs';
import { constants, type Stats } from 'node:fs';
import { promisify } from 'node:util';
import { FileTooLargeError, NotARegularFileError } from '../workspace/fileSystem';
import { decodeBytes, type DecodedText } from '../workspace/decode';

/** What a path that is not a regular file is, in words ("a FIFO (named pipe)"). */
export function specialFileKind(s: Pick<Stats, 'isFIFO' | 'isCharacterDevice' | 'isBlockDevice' | 'isSocket' | 'isDirectory'>): string {
  if (s.isFIFO()) return 'a FIFO (named pipe)';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isSocket()) return 'a socket';
  if (s.isDirectory()) return 'a folder';
  return 'a special file';
}

/**
 * Text from the bytes of a file: UTF-8, or UTF-16/32 when workspace/decode.ts recognises it, a
 * byte order mark removed. The one place file bytes become text.
 */
export function decodeText(bytes: Uint8Array): string {
  return decodeBytes(bytes).text;
}

const CHUNK = 64 * 1024;

// The callback API, promisified: fs.promises goes through a FileHandle and costs 2-3x more per small
// file (10,000 files of 4 KB, stat + read, 16 at a time: 2.0-2.6 s against 0.6-1.0 s), most of the
// time of indexing a large workspace.
const statOf = promisify(fs.stat);
const openFile = promisify(fs.open);
const fstatOf = promisify(fs.fstat);
const closeFile = promisify(fs.close);
function readInto(fd: number, buffer: Buffer): Promise<number> {
  return new Promise((resolve, reject) => fs.read(fd, buffer, 0, buffer.length, null, (err, bytesRead) => (err ? reject(err) : resolve(bytesRead))));
}

/**
 * The bytes of a regular file, at most `maxBytes` of them. Rejects with NotARegularFileError (a
 * FIFO, a device, a socket, a folder), FileTooLargeError (more than `maxBytes`), or the file
 * system's error (ENOENT, EACCES, ...).
 */
export async function readFileBytes(path: string, maxBytes = Number.POSITIVE_INFINITY): Promise<Buffer> {
  const before = await statOf(path);
  if (!before.isFile()) throw new NotARegularFileError(path, specialFileKind(before));
  if (before.size > maxBytes) throw new FileTooLargeError(path, before.size, maxBytes);
  // O_NONBLOCK: if the path became a FIFO since the stat, opening it does not wait for a writer.
  const fd = await openFile(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = await fstatOf(fd);
    if (!stat.isFile()) throw new NotARegularFileError(path, specialFileKind(stat));
    const chunks: Buffer[] = [];
    let total = 0;
    // The size may have changed, or be wrong (/proc files say 0): read until the end or past the limit.
    // The first read asks for the whole file and one byte more; a short read once the stat's size is
    // reached is the end (a short read before it, on a network file system, is not).
    let want = Math.min(stat.size > 0 ? stat.size + 1 : CHUNK, maxBytes + 1);
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.max(want, 1));
      const bytesRead = await readInto(fd, buffer);
      if (bytesRead > 0) chunks.push(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) throw new FileTooLargeError(path, Math.max(total, stat.size), maxBytes);
      if (bytesRead === 0 || (bytesRead < buffer.length && total >= stat.size)) break;
      want = Math.min(CHUNK, maxBytes + 1 - total);
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } finally {
    await closeFile(fd).catch(() => undefined);
  }
}

/** The text of a regular file (see readFileBytes and decodeText). */
export async function readTextFile(path: string, maxBytes?: number): Promise<string> {
  return decodeText(await readFileBytes(path, maxBytes));
}

/** The text of a regular file with what it was decoded from (encoding, byte order mark). */
export async function readDecodedFile(path: string, maxBytes?: number): Promise<DecodedText> {
  return decodeBytes(await readFileBytes(path, maxBytes));
}
