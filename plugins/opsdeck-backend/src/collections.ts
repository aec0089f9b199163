/**
 * Appends values to the list a map holds under a key, creating the list on first use (in
 * place: building a new list on every append is quadratic for long lists).
 *
 * @internal
 */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, ...values: V[]): void {
  const list = map.get(key);
  if (list) list.push(...values);
  else map.set(key, values);
}
