// The ordered list of validation rules; one rule per file in this folder.
import type { Rule } from './validate';
import { checkSyntax } from './rules/syntax';
import { checkStructure } from './rules/structure';

export const RULES: readonly Rule[] = [checkSyntax, checkStructure];
