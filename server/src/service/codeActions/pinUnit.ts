// Quick fix for AVRO-311 (equally near, different definitions): declare the file's compilation unit in avro-studio.json with the chosen one.
//
// A declared unit sees only its files and imports (model/schemaIndex), so the unit written down is
// the whole of what the file compiles with today: every file its names resolve to, and theirs in
// turn, dependencies first (the order avro-maven-plugin's <imports> parse in), with the chosen
// definition in place of the ambiguous one. Applied, the reference resolves to the choice and the
// warning is gone; nothing else changes for the file.
import { findNodeAtLocation, modify, parseTree } from 'jsonc-parser';
import { Codes } from '../codes';
import type { SchemaIndex } from '../model/schemaIndex';
import type { AvroDocument } from '../model/types';
import type { IndexedDocument, TypeDefinition } from '../model/summary';
import type { AmbiguousReferenceData } from '../validation/rules/references';
import type { AvroCodeAction, CodeActionRequest, DiagnosticRef, ProjectFileRef, QuickFixProvider, TextEdit } from './types';

function isAmbiguousReferenceData(data: unknown): data is AmbiguousReferenceData {
  const d = data as AmbiguousReferenceData | undefined;
  return !!d && typeof d.fullname === 'string' && Array.isArray(d.candidates) && d.candidates.every(c => typeof c === 'string');
}

export const pinUnitFix: QuickFixProvider = {
  codes: [Codes.AmbiguousReference],
  provide(request: CodeActionRequest, diagnostic: DiagnosticRef): AvroCodeAction[] {
    const { doc, index, project } = request;
    const data = diagnostic.data;
    if (!project || !isAmbiguousReferenceData(data)) return [];
    const self = project.relativePath(doc.uri);
    if (self === undefined) return [];
    const actions: AvroCodeAction[] = [];
    for (const choice of data.candidates) {
      const chosen = index.indexed(choice)?.definitions.get(data.fullname);
      const imports = chosen && unitFiles(doc, index, chosen)?.map(uri => project.relativePath(uri));
      if (!imports || imports.some(p => p === undefined)) continue;
      const edit = addUnit(project, { files: [self], imports: imports as string[] }, request.formatting);
      actions.push({
        title: `Compile ${self} with ${project.relativePath(choice)} (declare its unit in avro-studio.json)`,
        kind: 'quickfix',
        edits: [edit],
      });
    }
    return actions;
  },
};

/**
 * The files `doc` compiles with when `chosen` is the definition of its fullname: every file its
 * references resolve to, transitively, dependencies first. Undefined when a name depends on
 * another ambiguous choice the fix cannot make (the other one gets its own warning and fix).
 */
function unitFiles(doc: AvroDocument, index: SchemaIndex, chosen: TypeDefinition): string[] | undefined {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (d: IndexedDocument): boolean => {
    state.set(d.uri, 'visiting');
    for (const ref of d.references) {
      const r = index.resolveDefinition(ref, d);
      if (!r) continue;
      const target = r.ambiguous && r.target.fullname === chosen.fullname ? chosen : r.target;
      if (target.uri === d.uri || target.uri === doc.uri || state.has(target.uri)) continue;
      const next = index.indexed(target.uri);
      if (!next || !visit(next)) return false;
    }
    state.set(d.uri, 'done');
    if (d !== doc) order.push(d.uri);
    return true;
  };
  return visit(doc) ? order : undefined;
}

/** The edit that appends a unit to "units" (creating the array, or the file, when missing). */
function addUnit(project: ProjectFileRef, unit: { files: string[]; imports: string[] }, formatting: CodeActionRequest['formatting']): { uri: string; edits: TextEdit[]; create?: boolean } {
  const options = { formattingOptions: { tabSize: formatting.tabSize, insertSpaces: formatting.insertSpaces, eol: formatting.eol } };
  if (project.text === undefined || project.text.trim() === '') {
    const text = JSON.stringify({ units: [unit] }, null, formatting.insertSpaces ? formatting.tabSize : '\t').split('\n').join(formatting.eol) + formatting.eol;
    return project.text === undefined
      ? { uri: project.uri, create: true, edits: [{ offset: 0, length: 0, newText: text }] }
      : { uri: project.uri, edits: [{ offset: 0, length: project.text.length, newText: text }] };
  }
  // Appending to "units" reformats only that array's tail; a new "units" goes first in the file,
  // so that no other line is reformatted (jsonc-parser formats the lines an edit touches).
  const tree = parseTree(project.text);
  const hasUnits = tree?.type === 'object' && findNodeAtLocation(tree, ['units'])?.type === 'array';
  const edits = hasUnits ? modify(project.text, ['units', -1], unit, options) : modify(project.text, ['units'], [unit], { ...options, getInsertionIndex: () => 0 });
  return { uri: project.uri, edits: edits.map(e => ({ offset: e.offset, length: e.length, newText: e.content })) };
}
