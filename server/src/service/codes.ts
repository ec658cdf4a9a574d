// Every diagnostic code the service emits: stable identifiers, default severities, one-line titles.
//
// Ranges: AVRO-1xx syntax (JSON), AVRO-2xx schema structure and values, AVRO-3xx names and
// references, AVRO-4xx compatibility, AVRO-5xx workspace, AVRO-6xx team policy. Codes are never reused or
// renumbered: settings, CI filters and code actions key on them.

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface CodeInfo {
  severity: Severity;
  title: string;
  /** A state of a check, not a finding on a line: no per-code severity setting changes it (AVRO-410). */
  noSeveritySetting?: true;
  /**
   * The default of the command line (CI) when it differs from the editor's: a note that helps
   * while editing but is no finding for CI (AVRO-306). Settings and flags still override it.
   */
  ciSeverity?: SeveritySetting;
}

export const Codes = {
  // 1xx: JSON syntax
  JsonSyntax: 'AVRO-100',
  Comment: 'AVRO-101',
  TrailingComma: 'AVRO-102',
  DuplicateKey: 'AVRO-103',
  TooDeep: 'AVRO-104',
  EmptyDocument: 'AVRO-105',
  Encoding: 'AVRO-106',
  ProtocolNotSchema: 'AVRO-107',
  RegistryPayloadNotSchema: 'AVRO-108',

  // 2xx: schema structure and values
  NotASchema: 'AVRO-200',
  MissingAttribute: 'AVRO-201',
  AttributeType: 'AVRO-202',
  UnknownTypeKeyword: 'AVRO-203',
  DuplicateField: 'AVRO-204',
  DuplicateSymbol: 'AVRO-205',
  EnumDefaultNotSymbol: 'AVRO-206',
  InvalidFixedSize: 'AVRO-207',
  InvalidOrder: 'AVRO-208',
  NestedUnion: 'AVRO-210',
  DuplicateUnionBranch: 'AVRO-211',
  EmptyUnion: 'AVRO-212',
  InvalidDefault: 'AVRO-220',
  DefaultOutOfRange: 'AVRO-221',
  UnionDefaultNotFirstBranch: 'AVRO-222',
  NamedTypeInObject: 'AVRO-223',
  RecursiveDefault: 'AVRO-224',
  LogicalTypeWrongType: 'AVRO-230',
  DecimalPrecision: 'AVRO-231',
  DecimalScale: 'AVRO-232',
  DecimalFixedCapacity: 'AVRO-233',
  UnknownLogicalType: 'AVRO-234',
  LogicalTypeNeedsNewerSpec: 'AVRO-235',
  MisplacedLogicalType: 'AVRO-240',
  MisplacedDefault: 'AVRO-241',
  AttributeTypo: 'AVRO-242',
  MisplacedAttribute: 'AVRO-243',

  // 3xx: names, namespaces, references
  InvalidName: 'AVRO-300',
  InvalidNamespace: 'AVRO-301',
  Redefinition: 'AVRO-302',
  UnknownType: 'AVRO-303',
  ForwardReference: 'AVRO-304',
  PrimitiveAsName: 'AVRO-305',
  ConflictingDefinition: 'AVRO-306',
  InvalidAlias: 'AVRO-307',
  AmbiguousFieldAlias: 'AVRO-308',
  NamespaceIgnored: 'AVRO-309',
  InvalidSymbol: 'AVRO-310',
  AmbiguousReference: 'AVRO-311',
  UnitRedefinition: 'AVRO-312',
  NullNamespaceFallback: 'AVRO-313',

  // 4xx: compatibility (one code per Java SchemaCompatibility incompatibility type)
  CompatReaderFieldMissingDefault: 'AVRO-400',
  CompatTypeMismatch: 'AVRO-401',
  CompatNameMismatch: 'AVRO-402',
  CompatFixedSizeMismatch: 'AVRO-403',
  CompatMissingEnumSymbols: 'AVRO-404',
  CompatMissingUnionBranch: 'AVRO-405',
  CompatAmbiguousField: 'AVRO-406',
  BaselineUnavailable: 'AVRO-410',
  BaselineInvalid: 'AVRO-411',
  CompatNamespaceChanged: 'AVRO-412',

  // 5xx: workspace
  FileTooLarge: 'AVRO-500',
  FileUnreadable: 'AVRO-501',

  // 6xx: the team's policy (avro-studio.json "policy"): version field, frozen schemas, breaking-change
  // rules stricter than Avro resolution, placement, naming and documentation conventions
  PolicyVersionMissing: 'AVRO-600',
  PolicyVersionKind: 'AVRO-601',
  PolicyVersionNotBumped: 'AVRO-602',
  PolicyVersionBumpTooSmall: 'AVRO-603',
  PolicyFrozenChanged: 'AVRO-610',
  PolicyFieldRemoved: 'AVRO-620',
  PolicyFieldRenamed: 'AVRO-621',
  PolicyFieldTypeChanged: 'AVRO-622',
  PolicyEnumSymbolRemoved: 'AVRO-623',
  PolicyEnumSymbolsReordered: 'AVRO-624',
  PolicyAliasesRemoved: 'AVRO-625',
  PolicyNameChanged: 'AVRO-626',
  PolicyNamespaceChanged: 'AVRO-627',
  PolicyRequiredFieldAdded: 'AVRO-628',
  PolicyPlacement: 'AVRO-630',
  PolicyRecordName: 'AVRO-640',
  PolicyFieldName: 'AVRO-641',
  PolicyEnumSymbolName: 'AVRO-642',
  PolicyNamespace: 'AVRO-643',
  PolicyTypeDoc: 'AVRO-650',
  PolicyFieldDoc: 'AVRO-651',
  PolicyNewFieldNotOptional: 'AVRO-660',
  // 68x: suppressions and accepted findings (adopting the tool on a repository with findings)
  UnusedSuppression: 'AVRO-680',
  InvalidSuppression: 'AVRO-681',
  StaleIgnore: 'AVRO-682',
  StaleAcceptedFinding: 'AVRO-683',
} as const;

export type DiagnosticCode = (typeof Codes)[keyof typeof Codes];

export const CODE_INFO: Record<DiagnosticCode, CodeInfo> = {
  'AVRO-100': { severity: 'error', title: 'JSON syntax error' },
  'AVRO-101': { severity: 'warning', title: 'Comment: Java Avro accepts it, JSON-based tools (Schema Registry clients, avsc, Python) reject it' },
  'AVRO-102': { severity: 'error', title: 'Trailing comma' },
  'AVRO-103': { severity: 'warning', title: 'Duplicate JSON key: only the last one counts' },
  'AVRO-104': { severity: 'error', title: 'Nesting too deep' },
  'AVRO-105': { severity: 'error', title: 'Empty document' },
  'AVRO-106': { severity: 'error', title: 'File is not UTF-8 without a byte order mark' },
  'AVRO-107': { severity: 'error', title: 'An Avro protocol (.avpr content), not a schema' },
  'AVRO-108': { severity: 'error', title: 'A Schema Registry request body ({"schema": "..."}), not a schema' },
  'AVRO-200': { severity: 'error', title: 'Not a schema' },
  'AVRO-201': { severity: 'error', title: 'Missing required attribute' },
  'AVRO-202': { severity: 'error', title: 'Attribute has the wrong JSON type' },
  'AVRO-203': { severity: 'error', title: 'Unknown value of "type"' },
  'AVRO-204': { severity: 'error', title: 'Duplicate field name' },
  'AVRO-205': { severity: 'error', title: 'Duplicate enum symbol' },
  'AVRO-206': { severity: 'error', title: 'Enum default is not one of the symbols' },
  'AVRO-207': { severity: 'error', title: 'Invalid fixed size' },
  'AVRO-208': { severity: 'error', title: 'Invalid field order' },
  'AVRO-210': { severity: 'error', title: 'Union directly inside a union' },
  'AVRO-211': { severity: 'error', title: 'Duplicate union branch' },
  'AVRO-212': { severity: 'error', title: 'Empty union' },
  'AVRO-220': { severity: 'error', title: 'Default value does not match the type' },
  'AVRO-221': { severity: 'error', title: 'Default value out of range' },
  'AVRO-222': { severity: 'warning', title: 'Union default matches a later branch only (not portable)' },
  'AVRO-223': { severity: 'warning', title: 'Named type referenced as {"type": name} (not portable)' },
  'AVRO-224': { severity: 'error', title: 'Default holds a value of a record still being defined (Java: "Schema fields not set yet")' },
  'AVRO-230': { severity: 'warning', title: 'Logical type on the wrong underlying type (ignored by readers)' },
  'AVRO-231': { severity: 'warning', title: 'Invalid decimal precision' },
  'AVRO-232': { severity: 'warning', title: 'Invalid decimal scale' },
  'AVRO-233': { severity: 'warning', title: 'Decimal precision exceeds what the fixed size can hold' },
  'AVRO-234': { severity: 'info', title: 'Unknown logical type' },
  'AVRO-235': { severity: 'warning', title: 'Logical type needs a newer Avro specification' },
  'AVRO-240': { severity: 'warning', title: 'logicalType on the field instead of the type (ignored)' },
  'AVRO-241': { severity: 'warning', title: 'default inside the type instead of on the field (ignored)' },
  'AVRO-242': { severity: 'warning', title: 'Attribute name looks like a typo' },
  'AVRO-243': { severity: 'warning', title: 'Attribute has no meaning here' },
  'AVRO-300': { severity: 'error', title: 'Invalid name' },
  'AVRO-301': { severity: 'error', title: 'Invalid namespace' },
  'AVRO-302': { severity: 'error', title: 'Name redefined' },
  'AVRO-303': { severity: 'error', title: 'Unknown type' },
  'AVRO-304': { severity: 'error', title: 'Type used before its definition' },
  'AVRO-305': { severity: 'error', title: 'Primitive type name used as a name' },
  'AVRO-306': { severity: 'info', title: 'Another file defines this fullname differently (not compiled together)', ciSeverity: 'off' },
  'AVRO-307': { severity: 'error', title: 'Invalid alias' },
  'AVRO-308': { severity: 'error', title: 'Field name or alias used twice' },
  'AVRO-309': { severity: 'info', title: 'namespace ignored because the name is dotted' },
  'AVRO-310': { severity: 'error', title: 'Invalid enum symbol' },
  'AVRO-311': { severity: 'warning', title: 'Reference to equally near, different definitions' },
  'AVRO-312': { severity: 'error', title: 'Fullname defined differently in one compilation unit ("Can\'t redefine")' },
  'AVRO-313': { severity: 'warning', title: 'Name resolves only through Java\'s null-namespace fallback (not portable)' },
  'AVRO-400': { severity: 'error', title: 'Compatibility: reader field has no default' },
  'AVRO-401': { severity: 'error', title: 'Compatibility: type mismatch' },
  'AVRO-402': { severity: 'error', title: 'Compatibility: name mismatch' },
  'AVRO-403': { severity: 'error', title: 'Compatibility: fixed size mismatch' },
  'AVRO-404': { severity: 'error', title: 'Compatibility: missing enum symbols' },
  'AVRO-405': { severity: 'error', title: 'Compatibility: missing union branch' },
  'AVRO-406': { severity: 'error', title: 'Compatibility: a writer field matches a reader field both by name and by alias' },
  'AVRO-410': { severity: 'info', title: 'Compatibility baseline unavailable', noSeveritySetting: true },
  'AVRO-411': { severity: 'warning', title: 'Compatibility baseline is not a valid schema' },
  'AVRO-412': { severity: 'info', title: 'Compatibility: only the namespace of a named type changed (Java 1.8 and avsc reject it)' },
  'AVRO-500': { severity: 'warning', title: 'File too large to analyse in full' },
  'AVRO-501': { severity: 'warning', title: 'File cannot be read' },
  'AVRO-600': { severity: 'warning', title: 'Policy: the schema has no version field' },
  'AVRO-601': { severity: 'error', title: 'Policy: the version field is not of the kind the policy asks (semver string or integer)' },
  'AVRO-602': { severity: 'error', title: 'Policy: the schema changed but its version did not grow' },
  'AVRO-603': { severity: 'error', title: 'Policy: the version bump is smaller than the change (semver MAJOR/MINOR/PATCH)' },
  'AVRO-610': { severity: 'error', title: 'Policy: a frozen schema changed (anything but doc needs a migration plan)' },
  'AVRO-620': { severity: 'error', title: 'Policy, breaking: a field was removed' },
  'AVRO-621': { severity: 'error', title: 'Policy, breaking: a field was renamed' },
  'AVRO-622': { severity: 'error', title: 'Policy, breaking: a field\'s type changed' },
  'AVRO-623': { severity: 'error', title: 'Policy, breaking: an enum symbol was removed' },
  'AVRO-624': { severity: 'error', title: 'Policy, breaking: enum symbols were reordered (new symbols go at the end)' },
  'AVRO-625': { severity: 'error', title: 'Policy, breaking: an alias was removed' },
  'AVRO-626': { severity: 'error', title: 'Policy, breaking: a named type\'s name changed' },
  'AVRO-627': { severity: 'error', title: 'Policy, breaking: a named type\'s namespace changed' },
  'AVRO-628': { severity: 'error', title: 'Policy, breaking: a required field (no default) was added' },
  'AVRO-630': { severity: 'error', title: 'Policy: the schema file is outside the folders the team allows' },
  'AVRO-640': { severity: 'warning', title: 'Policy, naming: record, enum or fixed name style' },
  'AVRO-641': { severity: 'warning', title: 'Policy, naming: field name style' },
  'AVRO-642': { severity: 'warning', title: 'Policy, naming: enum symbol style' },
  'AVRO-643': { severity: 'warning', title: 'Policy, naming: namespace style or prefix' },
  'AVRO-650': { severity: 'warning', title: 'Policy: a named type has no doc' },
  'AVRO-651': { severity: 'warning', title: 'Policy: a field has no doc' },
  'AVRO-660': { severity: 'warning', title: 'Policy: a new field is not optional (["null", T] with a null default)' },
  'AVRO-680': { severity: 'warning', title: 'Inline suppression that suppresses nothing' },
  'AVRO-681': { severity: 'error', title: 'Inline suppression without a reason or with an unknown code' },
  'AVRO-682': { severity: 'warning', title: '"ignore" entry of avro-studio.json that matches no finding' },
  'AVRO-683': { severity: 'info', title: 'Accepted finding that is no longer found (refresh the accepted findings file)' },
};

/**
 * Categories of codes: the "rules" map of avro-studio.json takes a category name as well as a code
 * (a code wins over its category, a narrower category over a wider one). Data, not logic: a
 * category is the codes of CODE_INFO in [from, to].
 */
export const RULE_CATEGORIES: ReadonlyArray<{ name: string; from: number; to: number; title: string }> = [
  { name: 'syntax', from: 100, to: 199, title: 'JSON syntax' },
  { name: 'structure', from: 200, to: 299, title: 'schema structure and values' },
  { name: 'names', from: 300, to: 399, title: 'names, namespaces and references' },
  { name: 'compatibility', from: 400, to: 499, title: 'compatibility with the baseline (Avro resolution)' },
  { name: 'workspace', from: 500, to: 599, title: 'files of the workspace' },
  { name: 'policy', from: 600, to: 679, title: 'the team\'s policy (avro-studio.json "policy")' },
  { name: 'policy/version', from: 600, to: 609, title: 'the version field and its bump' },
  { name: 'policy/frozen', from: 610, to: 619, title: 'frozen schemas' },
  { name: 'policy/breaking', from: 620, to: 629, title: 'breaking-change rules stricter than Avro resolution' },
  { name: 'policy/placement', from: 630, to: 639, title: 'where schema files may live' },
  { name: 'policy/naming', from: 640, to: 649, title: 'naming styles' },
  { name: 'policy/doc', from: 650, to: 659, title: 'required documentation' },
  { name: 'policy/optional', from: 660, to: 669, title: 'new fields optional' },
];

/** The codes of a category, or undefined for an unknown category name. */
export function codesOfCategory(name: string): DiagnosticCode[] | undefined {
  const category = RULE_CATEGORIES.find(c => c.name === name);
  if (!category) return undefined;
  return (Object.keys(CODE_INFO) as DiagnosticCode[]).filter(code => {
    const n = Number(code.slice(5));
    return n >= category.from && n <= category.to;
  });
}

/** The severities the command line starts from: the codes whose CI default differs from the editor's. */
export function ciSeverityDefaults(): Partial<Record<DiagnosticCode, SeveritySetting>> {
  const out: Partial<Record<DiagnosticCode, SeveritySetting>> = {};
  for (const [code, info] of Object.entries(CODE_INFO) as Array<[DiagnosticCode, CodeInfo]>) if (info.ciSeverity) out[code] = info.ciSeverity;
  return out;
}

export function isDiagnosticCode(s: string): s is DiagnosticCode {
  return Object.prototype.hasOwnProperty.call(CODE_INFO, s);
}
