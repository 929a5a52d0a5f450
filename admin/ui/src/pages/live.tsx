/** The Live page's place in the navigation; the live debugger fills it. */
import { PageHeader, Empty } from '../lib/ui';

export function LivePage() {
  return (
    <>
      <PageHeader title="Live" subtitle="Events as they arrive, before and after each integration." />
      <Empty>The live event stream is not available in this version yet.</Empty>
    </>
  );
}
