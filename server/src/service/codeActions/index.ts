// All code actions: quick fixes dispatched on diagnostic codes (never on message text), then assists at the cursor.
import type { AssistProvider, AvroCodeAction, CodeActionRequest, QuickFixProvider } from './types';
import { compatibilityFixes } from './compatFixes';
import { attributeTypoFix } from './attributeTypo';
import { unknownTypeFix } from './unknownType';
import { enumDefaultFix } from './enumDefault';
import { unionDefaultFix } from './unionDefault';
import { misplacedLogicalTypeFix } from './misplacedLogicalType';
import { misplacedDefaultFix } from './misplacedDefault';
import { defaultValueFix } from './defaultValue';
import { nullDefaultFix, optionalFieldAssist } from './optionalField';
import { spellingFix } from './spellings';
import { duplicatesFix } from './duplicates';
import { forwardReferenceFix } from './forwardReference';
import { pinUnitFix } from './pinUnit';
import { namedTypeObjectFix } from './namedTypeObject';
import { registryPayloadFix } from './registryPayload';

/** One entry per fix family (one file each in this folder). */
const QUICK_FIXES: readonly QuickFixProvider[] = [
  compatibilityFixes,
  attributeTypoFix,
  unknownTypeFix,
  enumDefaultFix,
  unionDefaultFix,
  misplacedLogicalTypeFix,
  misplacedDefaultFix,
  defaultValueFix,
  nullDefaultFix,
  spellingFix,
  duplicatesFix,
  forwardReferenceFix,
  pinUnitFix,
  namedTypeObjectFix,
  registryPayloadFix,
];

/** Cursor-based assists (one file each in this folder). */
const ASSISTS: readonly AssistProvider[] = [
  optionalFieldAssist,
];

const BY_CODE = new Map<string, QuickFixProvider[]>();
for (const p of QUICK_FIXES) {
  for (const code of p.codes) {
    const list = BY_CODE.get(code) ?? [];
    list.push(p);
    BY_CODE.set(code, list);
  }
}

export function getCodeActions(request: CodeActionRequest, only?: readonly string[]): AvroCodeAction[] {
  const wants = (kind: string): boolean => !only || only.length === 0 || only.some(o => kind === o || kind.startsWith(o + '.'));
  const actions: AvroCodeAction[] = [];
  if (wants('quickfix')) {
    request.diagnostics.forEach((d, i) => {
      for (const p of BY_CODE.get(d.code) ?? []) {
        for (const action of p.provide(request, d)) actions.push({ ...action, fixes: i });
      }
    });
  }
  for (const a of ASSISTS) {
    for (const action of a.provide(request)) if (wants(action.kind)) actions.push(action);
  }
  return actions;
}
