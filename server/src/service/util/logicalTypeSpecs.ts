// The logical types of the Avro specification: their underlying types and the version that introduced them.

export interface LogicalTypeSpec {
  /** Underlying types, as written in messages ("long", "fixed(12)"). */
  expected: readonly string[];
  /** The specification version that introduced it (1.11 stands for "1.11 or earlier"). */
  since: '1.11' | '1.12';
}

/** Every logical type of the Avro 1.12 specification. */
export const LOGICAL_TYPES: Readonly<Record<string, LogicalTypeSpec>> = {
  decimal: { expected: ['bytes', 'fixed'], since: '1.11' },
  'big-decimal': { expected: ['bytes'], since: '1.12' },
  uuid: { expected: ['string', 'fixed(16)'], since: '1.11' },
  date: { expected: ['int'], since: '1.11' },
  'time-millis': { expected: ['int'], since: '1.11' },
  'time-micros': { expected: ['long'], since: '1.11' },
  'timestamp-millis': { expected: ['long'], since: '1.11' },
  'timestamp-micros': { expected: ['long'], since: '1.11' },
  'timestamp-nanos': { expected: ['long'], since: '1.12' },
  'local-timestamp-millis': { expected: ['long'], since: '1.11' },
  'local-timestamp-micros': { expected: ['long'], since: '1.11' },
  'local-timestamp-nanos': { expected: ['long'], since: '1.12' },
  duration: { expected: ['fixed(12)'], since: '1.11' },
};

export const LOGICAL_TYPE_NAMES: readonly string[] = Object.keys(LOGICAL_TYPES);

export function logicalTypeSpec(name: string): LogicalTypeSpec | undefined {
  return Object.prototype.hasOwnProperty.call(LOGICAL_TYPES, name) ? LOGICAL_TYPES[name] : undefined;
}
