// vitest 5 targets Node >= 22; on Node 20 its reporter calls Map.groupBy and
// crashes while printing a failure (hiding which test failed). The config file
// loads this into vitest's own process first. No-ops where Node has them.
type GroupBy = <K, T>(items: Iterable<T>, key: (item: T, index: number) => K) => Map<K, T[]>;

function groupIntoMap<K, T>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  let index = 0;
  for (const item of items) {
    const k = key(item, index++);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const MapWithGroupBy = Map as unknown as { groupBy?: GroupBy };
if (typeof MapWithGroupBy.groupBy !== 'function') MapWithGroupBy.groupBy = groupIntoMap;

const ObjectWithGroupBy = Object as unknown as {
  groupBy?: <T>(
    items: Iterable<T>,
    key: (item: T, index: number) => PropertyKey,
  ) => Record<PropertyKey, T[]>;
};
if (typeof ObjectWithGroupBy.groupBy !== 'function') {
  ObjectWithGroupBy.groupBy = (items, key) =>
    Object.assign(Object.create(null), Object.fromEntries(groupIntoMap(items, key)));
}

const PromiseWithResolvers = Promise as unknown as { withResolvers?: () => unknown };
if (typeof PromiseWithResolvers.withResolvers !== 'function') {
  PromiseWithResolvers.withResolvers = () => {
    let resolve: (value: unknown) => void = () => undefined;
    let reject: (reason?: unknown) => void = () => undefined;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
