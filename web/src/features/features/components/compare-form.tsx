/** Pick two versions to compare; submitting opens the compare page (a plain GET form, so it is linkable). */
import type { FeatureSetVersion } from '@talaty/schemas';
import { Form } from 'react-router';
import { Field } from '../../../components/field.tsx';

export function CompareForm(props: {
  featureSetId: string;
  versions: readonly FeatureSetVersion[];
  a?: number | undefined;
  b?: number | undefined;
}) {
  const { versions } = props;
  const b = props.b ?? versions[0]?.version;
  const a = props.a ?? versions[1]?.version;
  const options = versions.map((v) => (
    <option key={v.id} value={v.version}>
      Version {v.version} ({v.status.toLowerCase()})
    </option>
  ));
  return (
    <section aria-labelledby="compare" className="ff-compare-form">
      <h2 id="compare">Compare versions</h2>
      <Form action={`/feature-sets/${props.featureSetId}/compare`} method="get" className="ff-inline-form">
        <Field label="From version">
          {(c) => (
            <select {...c} name="a" defaultValue={a}>
              {options}
            </select>
          )}
        </Field>
        <Field label="To version">
          {(c) => (
            <select {...c} name="b" defaultValue={b}>
              {options}
            </select>
          )}
        </Field>
        <button type="submit">Compare</button>
      </Form>
    </section>
  );
}
