// The ordered list of validation rules; one rule per file in this folder.
import type { Rule } from './validate';
import { checkSyntax } from './rules/syntax';
import { checkStructure } from './rules/structure';
import { checkNames } from './rules/names';
import { checkReferences } from './rules/references';
import { checkNamedTypeObjects } from './rules/namedTypeObjects';
import { checkRecords } from './rules/records';
import { checkEnums } from './rules/enums';
import { checkFixed } from './rules/fixed';
import { checkOrder } from './rules/order';
import { checkUnions } from './rules/unions';
import { checkDefaults } from './rules/defaults';
import { checkRecursiveDefaults } from './rules/recursiveDefaults';
import { checkLogicalTypes } from './rules/logicalTypes';
import { checkMisplaced } from './rules/misplaced';
import { checkTypos } from './rules/typos';
import { checkConflicts } from './rules/conflicts';
import { checkPolicy } from '../policy/validate';

export const RULES: readonly Rule[] = [
  checkSyntax,
  checkStructure,
  checkNames,
  checkReferences,
  checkNamedTypeObjects,
  checkRecords,
  checkEnums,
  checkFixed,
  checkOrder,
  checkUnions,
  checkDefaults,
  checkRecursiveDefaults,
  checkLogicalTypes,
  checkMisplaced,
  checkTypos,
  checkConflicts,
  checkPolicy,
];
