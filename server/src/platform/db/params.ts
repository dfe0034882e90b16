/**
 * The parameters of one statement, numbered as they are added. Parts of a statement composed
 * by different modules each add their own values and get back the reference to write (`$12`,
 * or `$12::uuid` with a cast), so no part counts another's parameters.
 */
export class Params {
  readonly values: unknown[];

  /** `first`: values a statement already numbers itself ($1 …), which the added ones follow. */
  constructor(first: readonly unknown[] = []) {
    this.values = [...first];
  }

  /** Adds a value; returns its reference in the statement's text. */
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return `$${this.values.length}${cast ? `::${cast}` : ''}`;
  }
}
