import { openWorkbench, screenshot } from './workbench';
describe('smoke', () => {
  it('opens', async () => {
    await openWorkbench();
    await screenshot('smoke');
  });
});
