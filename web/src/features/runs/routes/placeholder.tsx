import { PageHeader } from '../../../components/page-header.tsx';

export function Component() {
  return <PageHeader title="Runs" />;
}
