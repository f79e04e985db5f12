// Optional fields are left out, never set to undefined (exactOptionalPropertyTypes).

/** `values` without its undefined fields: `{ ...defined({ roleArn }) }` has no roleArn key when it is undefined. */
export function defined<T extends Record<string, unknown>>(values: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
