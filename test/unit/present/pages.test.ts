// Long lists in the views, a page at a time (src/core/present/pages.ts).
import assert from 'node:assert/strict';
import { moreItemText, pageOf, shownToList } from '../../../src/core/present/pages';

describe('views: long lists a page at a time', () => {
  const items = Array.from({ length: 1234 }, (_, i) => `plan-${i}`);

  it('shows the first page and says how many it does not show', () => {
    const page = pageOf(items, 500);
    assert.deepEqual(page.items, items.slice(0, 500));
    assert.equal(page.hidden, 734);
    assert.equal(pageOf(items, 1000).items.length + pageOf(items, 1000).hidden, items.length, 'nothing lost between the two');
  });

  it('shows a short list whole, with nothing hidden', () => {
    assert.deepEqual(pageOf(items.slice(0, 500), 500), { items: items.slice(0, 500), hidden: 0 });
    assert.deepEqual(pageOf([], 500), { items: [], hidden: 0 });
  });

  it('always shows at least one item', () => {
    assert.deepEqual(pageOf(items, 0), { items: ['plan-0'], hidden: 1233 });
  });

  it('grows by whole pages until an item is listed, and never shrinks', () => {
    assert.equal(shownToList(500, 10, 500), 500);
    assert.equal(shownToList(500, 499, 500), 500);
    assert.equal(shownToList(500, 500, 500), 1000);
    assert.equal(shownToList(500, 1233, 500), 1500);
    assert.equal(shownToList(1500, 3, 500), 1500);
    for (let index = 0; index < items.length; index += 97) {
      const shown = shownToList(500, index, 500);
      assert.ok(pageOf(items, shown).items.includes(items[index]), `item ${index} is listed`);
    }
  });

  it('says what the next click shows and how many are not shown', () => {
    assert.deepEqual(moreItemText(734, 500), { label: 'Show 500 more', description: '734 not shown' });
    assert.deepEqual(moreItemText(3, 500), { label: 'Show 3 more', description: '3 not shown' });
  });
});
