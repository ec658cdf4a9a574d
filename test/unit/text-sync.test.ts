// Positions and text sync: LineIndex (the one converter) against vscode-languageserver-textdocument in range and the LSP spec's clamping out of range; the server's OpenDocument against a plain string under generated hostile edits.
//
// Random cases come from a seeded PRNG; a failure names its seed and step (AVRO_STUDIO_SEED=<seed> reproduces it).
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../../server/src/service/text';
import { OpenDocument } from '../../server/src/lsp/openDocument';
import { prng } from '../lsp/generate';
import { inRangePosition, randomChanges, randomPosition, randomText, referenceApply, referenceLines, referenceOffsetAt } from '../helpers/textEdits';

const SEED = Number(process.env.AVRO_STUDIO_SEED ?? 20_240_909);

describe('LineIndex: one position converter, clamped as the LSP spec says', () => {
  test('a character past the end of a line is the line end, never the next line (\\n, \\r\\n and \\r breaks)', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = `ab${eol}cd${eol}`;
      const index = new LineIndex(text);
      assert.equal(index.offsetAt({ line: 0, character: 2 }), 2);
      assert.equal(index.offsetAt({ line: 0, character: 3 }), 2, JSON.stringify(eol));
      assert.equal(index.offsetAt({ line: 0, character: 99 }), 2, JSON.stringify(eol));
      assert.equal(index.offsetAt({ line: 1, character: 99 }), 2 + eol.length + 2);
      assert.equal(index.offsetAt({ line: 2, character: 5 }), text.length, 'the empty last line');
      assert.equal(index.offsetAt({ line: 7, character: 0 }), text.length, 'a line past the last: the end of the text');
      assert.equal(index.offsetAt({ line: -1, character: 3 }), 0);
      assert.equal(index.offsetAt({ line: 1, character: -4 }), 2 + eol.length);
    }
  });

  test('an offset between \\r and \\n is the end of its line', () => {
    const index = new LineIndex('ab\r\ncd');
    assert.deepEqual(index.positionAt(3), { line: 0, character: 2 });
    assert.deepEqual(index.positionAt(4), { line: 1, character: 0 });
  });

  test('generated texts: the same as vscode-languageserver-textdocument for every in-range position and every offset', () => {
    const random = prng(SEED);
    for (let i = 0; i < 400; i++) {
      const text = randomText(random, 40);
      const what = `seed ${SEED}, text ${i}: ${JSON.stringify(text)}`;
      const index = new LineIndex(text);
      const reference = TextDocument.create('file:///t.avsc', 'avroavsc', 1, text);
      assert.equal(index.lineCount, reference.lineCount, what);
      for (let offset = 0; offset <= text.length; offset++) {
        assert.deepEqual(index.positionAt(offset), reference.positionAt(offset), `${what}: positionAt(${offset})`);
      }
      for (let k = 0; k < 20; k++) {
        const p = inRangePosition(text, random);
        assert.equal(index.offsetAt(p), reference.offsetAt(p), `${what}: offsetAt(${JSON.stringify(p)})`);
      }
    }
  });

  test('generated out-of-range positions: the spec clamping (reference on a plain string)', () => {
    const random = prng(SEED + 1);
    for (let i = 0; i < 400; i++) {
      const text = randomText(random, 40);
      const index = new LineIndex(text);
      for (let k = 0; k < 20; k++) {
        const p = randomPosition(text, random);
        assert.equal(index.offsetAt(p), referenceOffsetAt(text, p), `seed ${SEED + 1}, ${JSON.stringify(text)}: offsetAt(${JSON.stringify(p)})`);
      }
    }
  });
});

describe('OpenDocument: the server copy of an open document', () => {
  test('generated edits (CR/LF mixes, lone CRs, past-the-end and backwards ranges, surrogate pairs): the same text as the reference', () => {
    const random = prng(SEED + 2);
    for (let doc = 0; doc < 60; doc++) {
      let expected = randomText(random, 20);
      const document = new OpenDocument('file:///t.avsc', 'avroavsc', 1, expected, 1);
      for (let step = 0; step < 60; step++) {
        const changes = randomChanges(expected, random);
        const what = `seed ${SEED + 2}, document ${doc} step ${step}: ${JSON.stringify(expected)} + ${JSON.stringify(changes)}`;
        // Positions are asked for now and then, so the line index is carried through edits (not rebuilt).
        if (random() < 0.7) document.offsetAt({ line: 0, character: 0 });
        const applied = document.apply(changes, step + 2);
        expected = referenceApply(expected, changes);
        assert.equal(document.getText(), expected, what);
        assert.equal(applied.length, changes.length);
        assert.equal(document.version, step + 2);
        assert.equal(document.lineCount, referenceLines(expected).length, what);
        const fresh = new LineIndex(expected);
        for (let k = 0; k < 5; k++) {
          const p = randomPosition(expected, random);
          assert.equal(document.offsetAt(p), referenceOffsetAt(expected, p), `${what}: offsetAt(${JSON.stringify(p)})`);
          const offset = Math.floor(random() * (expected.length + 1));
          assert.deepEqual(document.positionAt(offset), fresh.positionAt(offset), `${what}: positionAt(${offset})`);
        }
      }
    }
  });

  test('a change past the end that inserts a line break (vscode-languageserver-textdocument 1.0.16 corrupts its copy here)', () => {
    const text = '{\n  "type": "string"\n}';
    const document = new OpenDocument('file:///t.avsc', 'avroavsc', 1, text, 1);
    document.offsetAt({ line: 0, character: 0 });
    const changes = [{ range: { start: { line: 9, character: 0 }, end: { line: 9, character: 4 } }, text: '\n// x' }, { range: { start: { line: 1, character: 3 }, end: { line: 1, character: 7 } }, text: 't' }];
    document.apply(changes, 2);
    assert.equal(document.getText(), referenceApply(text, changes));
    assert.equal(document.getText(), '{\n  "t": "string"\n}\n// x');
  });

  test('getText(range), getLineRange and getEOLCharacters as vscode-languageserver-textdocument has them', () => {
    const random = prng(SEED + 3);
    for (let i = 0; i < 200; i++) {
      const text = randomText(random, 30);
      const ours = new OpenDocument('file:///t.avsc', 'avroavsc', 1, text, 1);
      const theirs = TextDocument.create('file:///t.avsc', 'avroavsc', 1, text);
      for (let line = -1; line <= theirs.lineCount + 1; line++) {
        assert.deepEqual(ours.getLineRange(line), theirs.getLineRange(line), `${JSON.stringify(text)} line ${line}`);
        assert.equal(ours.getEOLCharacters(line), theirs.getEOLCharacters(line), `${JSON.stringify(text)} line ${line}`);
      }
      const range = { start: inRangePosition(text, random), end: inRangePosition(text, random) };
      if (theirs.offsetAt(range.start) <= theirs.offsetAt(range.end)) assert.equal(ours.getText(range), theirs.getText(range));
    }
  });
});
