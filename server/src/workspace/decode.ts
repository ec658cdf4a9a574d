// File bytes -> text, the one place schema bytes are decoded: UTF-8, UTF-16 and UTF-32 (by byte order mark or by JSON's leading ASCII character), BOM removed.
//
// Java reads .avsc files from bytes through Jackson, which detects UTF-16 and UTF-32 (with or
// without a byte order mark) and skips a UTF-8 BOM; Python, avsc, Schema Registry clients and Java
// reading a String do not. So the file is analysed as the text it really holds, and the service is
// told what it was decoded from (`TextSource`): it reports a file that is not plain UTF-8 once.
import type { TextEncodingName, TextSource } from '../service/model/types';

export interface DecodedText extends TextSource {
  /** The text, without the byte order mark. */
  text: string;
}

/** Decode a file's bytes (see the file comment). Never throws: bytes that do not decode become U+FFFD. */
export function decodeBytes(bytes: Uint8Array): DecodedText {
  const { encoding, bom } = detect(bytes);
  const body = bytes.subarray(bom ? BOM_LENGTH[encoding] : 0);
  return { text: decode(body, encoding), encoding, bom };
}

const BOM_LENGTH: Readonly<Record<TextEncodingName, number>> = { 'utf-8': 3, 'utf-16le': 2, 'utf-16be': 2, 'utf-32le': 4, 'utf-32be': 4 };

/**
 * The encoding from a byte order mark, else from the pattern of zero bytes around the first
 * character (a JSON text starts with an ASCII character: RFC 4627, section 3), else UTF-8.
 */
function detect(b: Uint8Array): { encoding: TextEncodingName; bom: boolean } {
  const n = b.length;
  if (n >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  if (n >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return { encoding: 'utf-32le', bom: true };
  if (n >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return { encoding: 'utf-32be', bom: true };
  if (n >= 2 && b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (n >= 2 && b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  if (n >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0 && b[3] !== 0) return { encoding: 'utf-32be', bom: false };
  if (n >= 4 && b[0] !== 0 && b[1] === 0 && b[2] === 0 && b[3] === 0) return { encoding: 'utf-32le', bom: false };
  if (n >= 2 && b[0] === 0 && b[1] !== 0) return { encoding: 'utf-16be', bom: false };
  if (n >= 2 && b[0] !== 0 && b[1] === 0) return { encoding: 'utf-16le', bom: false };
  return { encoding: 'utf-8', bom: false };
}

function decode(b: Uint8Array, encoding: TextEncodingName): string {
  const buffer = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  switch (encoding) {
    case 'utf-8':
      return buffer.toString('utf8');
    case 'utf-16le':
      return buffer.subarray(0, buffer.length & ~1).toString('utf16le') + (buffer.length & 1 ? '\ufffd' : '');
    case 'utf-16be': {
      const swapped = Buffer.from(buffer.subarray(0, buffer.length & ~1));
      swapped.swap16();
      return swapped.toString('utf16le') + (buffer.length & 1 ? '\ufffd' : '');
    }
    case 'utf-32le':
    case 'utf-32be': {
      const le = encoding === 'utf-32le';
      const parts: string[] = [];
      let chunk: number[] = [];
      for (let i = 0; i + 3 < buffer.length; i += 4) {
        const cp = le ? buffer.readUInt32LE(i) : buffer.readUInt32BE(i);
        chunk.push(cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? cp : 0xfffd);
        if (chunk.length === 8192) {
          parts.push(String.fromCodePoint(...chunk));
          chunk = [];
        }
      }
      if (chunk.length) parts.push(String.fromCodePoint(...chunk));
      if (buffer.length % 4) parts.push('\ufffd');
      return parts.join('');
    }
  }
}
