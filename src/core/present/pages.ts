// Long lists in the views, a page at a time. VS Code asks for every item of a list at once, and
// at 10,000 plans the Plans view was one ~280 ms task on the extension host. The rest is one click
// away, on an item that says how many are not shown: a long list never reads as shorter than it is.

/** How many items of one list a view shows at first, and how many more each click adds (`patchops.views.pageSize`). */
export const PAGE_SIZE = 200;

/** The items a list shows (`shown` of them at most), and how many it does not. */
export function pageOf<T>(items: readonly T[], shown: number): { items: readonly T[]; hidden: number } {
  const count = Math.max(1, shown);
  return items.length <= count ? { items, hidden: 0 } : { items: items.slice(0, count), hidden: items.length - count };
}

/** How many to show so that the item at `index` is listed: whole pages more, never fewer than `shown`. */
export function shownToList(shown: number, index: number, pageSize: number): number {
  if (index < shown) return shown;
  return shown + Math.ceil((index + 1 - shown) / pageSize) * pageSize;
}

/** The words of the item that shows the next page. */
export function moreItemText(hidden: number, pageSize: number): { label: string; description: string } {
  return { label: `Show ${Math.min(hidden, pageSize)} more`, description: `${hidden} not shown` };
}
