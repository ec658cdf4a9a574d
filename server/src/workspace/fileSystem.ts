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
}

export interface FileSystem {
  /**
   * The text of a file, decoded by workspace/decode.ts (UTF-8, or UTF-16/32 detected; a byte order
   * mark removed). Rejects when it cannot be read.
   */
  readFile(path: string): Promise<string>;
  /** The same, with what it was decoded from (schema files: the service reports an encoding other than UTF-8, or a BOM). */
  readText(path: string): Promise<DecodedText>;
  /** The entries of a directory. Rejects when it cannot be read. */
  readDirectory(path: string): Promise<DirectoryEntry[]>;
  /** Type and size, or undefined when nothing is there. */
  stat(path: string): Promise<FileStat | undefined>;
}
