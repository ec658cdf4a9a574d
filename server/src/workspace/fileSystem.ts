// The file system as the workspace code sees it: an interface, so the server, the CLI and tests can hand in their own.
import type { DecodedText } from './decode';

export type FileType = 'file' | 'directory' | 'other';

export interface DirectoryEntry {
  name: string;
  /** Symbolic links are resolved for files; linked directories are reported as 'other' (never followed: no cycles). */
  type: FileType;
}

export interface FileStat {
  type: FileType;
  /** Size in bytes. */
  size: number;
  /** For type 'other': what it is, in words ("a FIFO (named pipe)", "a character device", "a socket"). */
  kind?: string;
}

export interface FileSystem {
  /**
   * The text of a regular file, decoded by workspace/decode.ts (UTF-8, or UTF-16/32 detected; a
   * byte order mark removed). Rejects when it cannot be read, with NotARegularFileError for a FIFO, a
   * device or a socket (never opened for reading), and with FileTooLargeError when it holds more than
   * `maxBytes` (reading stops there).
   */
  readFile(path: string, maxBytes?: number): Promise<string>;
  /** The same, with what it was decoded from (schema files: the service reports an encoding other than UTF-8, or a BOM). */
  readText(path: string, maxBytes?: number): Promise<DecodedText>;
  /** The entries of a directory. Rejects when it cannot be read. */
  readDirectory(path: string): Promise<DirectoryEntry[]>;
  /** Type and size, or undefined when nothing is there. */
  stat(path: string): Promise<FileStat | undefined>;
}

/** The path exists but is not a regular file: it is never opened for reading. */
export class NotARegularFileError extends Error {
  readonly code = 'ENOTREG';
  constructor(readonly path: string, readonly kind: string) {
    super(`${path} is ${kind}, not a regular file: only regular files are read`);
  }
}

/** The file holds more than the limit: reading stopped there. */
export class FileTooLargeError extends Error {
  readonly code = 'EFBIG';
  /** `size`: bytes, the size on disk or what was read before stopping (more than `limit`). */
  constructor(readonly path: string, readonly size: number, readonly limit: number) {
    super(`${path} is larger than the limit of ${limit} bytes`);
  }
}
