/** `{{ chiffres | scaleFirst("Moselle") }}`: the key figures of that scale (`echelle`) first, the others after, each group in its order. */
export default function scaleFirst<T extends { echelle?: string }>(figures: T[] | undefined, scale: string): T[] {
  const list = figures ?? [];
  return [...list.filter((f) => f.echelle === scale), ...list.filter((f) => f.echelle !== scale)];
}
