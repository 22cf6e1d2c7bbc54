/**
 * What an edit changed: the entries of `values` that differ from `initial` (arrays and objects
 * compared by content). A PATCH sends these alone, so a field the form shows but may not
 * change (a username, a role's code) never reaches the node, and an untouched field is not
 * rewritten.
 */
export function changedValues<T extends Record<string, unknown>>(values: T, initial: Partial<T> | undefined): Partial<T> {
  const changes: Partial<T> = {};
  for (const [name, value] of Object.entries(values) as [keyof T, T[keyof T]][]) {
    if (!initial || JSON.stringify(value) !== JSON.stringify(initial[name])) changes[name] = value;
  }
  return changes;
}
