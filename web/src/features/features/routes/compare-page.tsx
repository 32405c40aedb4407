/** /feature-sets/:featureSetId/compare?a=1&b=2: two versions side by side. */
import { useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { useFeatureSet } from '../api/get-feature-set.ts';
import { useListedFeatureSetVersion } from '../api/get-feature-set-version.ts';
import { useFeatureSetVersions } from '../api/list-feature-set-versions.ts';
import { Breadcrumbs } from '../components/breadcrumbs.tsx';
import { CompareForm } from '../components/compare-form.tsx';
import { VersionCompare } from '../components/version-compare.tsx';
import { diffVersions } from '../components/version-diff.ts';

const versionParam = (text: string | null) => (text !== null && /^[1-9]\d{0,8}$/.test(text) ? Number(text) : undefined);

export function Component() {
  const { featureSetId = '' } = useParams();
  const [params] = useSearchParams();
  const [a, b] = [versionParam(params.get('a')), versionParam(params.get('b'))];
  const set = useFeatureSet(featureSetId);
  const versions = useFeatureSetVersions(featureSetId);
  const va = useListedFeatureSetVersion(featureSetId, a, versions);
  const vb = useListedFeatureSetVersion(featureSetId, b, versions);
  const base = `/feature-sets/${featureSetId}`;
  return (
    <QueryView query={set} label="the feature set">
      {(s) => (
        <>
          <Breadcrumbs
            items={[{ label: 'Feature sets', to: '/feature-sets' }, { label: s.name, to: base }, { label: 'Compare' }]}
          />
          <PageHeader
            title={a === undefined || b === undefined ? 'Compare versions' : `Compare version ${a} with version ${b}`}
            subtitle={s.name}
          />
          <QueryView query={versions} label="versions">
            {(page) => <CompareForm key={`${a}-${b}`} featureSetId={s.id} versions={page.items} a={a} b={b} />}
          </QueryView>
          {a === undefined || b === undefined ? (
            <p className="muted">Choose two versions to compare.</p>
          ) : (
            <QueryView query={va} label={`version ${a}`}>
              {(left) => (
                <QueryView query={vb} label={`version ${b}`}>
                  {(right) => <VersionCompare a={left} b={right} diff={diffVersions(left, right)} />}
                </QueryView>
              )}
            </QueryView>
          )}
        </>
      )}
    </QueryView>
  );
}
