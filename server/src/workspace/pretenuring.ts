// Turns off V8's allocation-site pretenuring in the language server: it fills the old generation with the parse trees of files the index only summarizes.
//
// V8 watches the objects each allocation site (an object or array literal) creates; when most of
// them survive a collection, later ones are allocated in the old generation directly. Indexing a
// workspace parses thousands of files whose trees and models live exactly as long as their
// parse: a collection that lands in the middle of one sees the parser's and the builder's objects
// alive, V8 pretenures those sites, and from then on every tree is allocated in the old
// generation, which only a full collection frees. Measured on 10,000 files (40 MB, files not
// open kept as summaries, docs/performance.md "Server memory"): peak RSS 277-289 MB with
// pretenuring, 186 MB without; indexing time unchanged. The keystroke path does not use it (V8
// reverts the decisions there: each version's tree replaces the previous one).
import * as v8 from 'node:v8';

/** Process-wide; the language server calls it once at startup (the CLI keeps V8's default). */
export function turnOffPretenuring(): void {
  v8.setFlagsFromString('--no-allocation-site-pretenuring');
}
