/**
 * The run report as a reviewer gets it: a well-formed, self-contained HTML5 document with every
 * section and chart, every input string escaped, for succeeded and failed runs, with and without
 * an out-of-time sample. Inputs are the schemas' own examples, parsed, so they are valid documents.
 */
import { documents, exampleOf, type RunManifest as Manifest, type RunResult as Result } from '@talaty/schemas';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../src/report/report.ts';

const { Metrics, RunManifest, RunResult } = documents;

interface Element {
  readonly tag: string;
  readonly attrs: Record<string, string>;
  readonly children: Array<Element | string>;
}

const VOID = new Set(['meta', 'br', 'hr', 'img', 'input', 'link']);
const TOKEN =
  /<!--[\s\S]*?-->|<\/([a-zA-Z][\w-]*)\s*>|<([a-zA-Z][\w-]*)((?:\s+[a-zA-Z][\w:-]*(?:="[^"<]*")?)*)\s*(\/?)>|([^<]+)|(<)/g;

/**
 * A strict reader for the subset of HTML the report uses: after the doctype, every element closes
 * in order (void elements and SVG's self-closing ones aside), attribute values are double-quoted,
 * and no text holds a bare `<` or an `&` that does not start one of the report's entities.
 */
function parseHtml(html: string): Element {
  expect(html.startsWith('<!DOCTYPE html>\n')).toBe(true);
  const root: Element = { tag: '#document', attrs: {}, children: [] };
  const stack: Element[] = [root];
  for (const m of html.slice('<!DOCTYPE html>'.length).matchAll(TOKEN)) {
    const top = stack.at(-1) as Element;
    const [, close, open, attrText, selfClosing, text, stray] = m;
    if (stray !== undefined) throw new Error(`bare "<" at ${m.index}: ${html.slice(m.index, m.index + 40)}`);
    if (text !== undefined) {
      const bad = /&(?!(amp|lt|gt|quot|#39);)/.exec(text);
      if (bad) throw new Error(`unescaped "&" in text: ${text.slice(Math.max(0, bad.index - 20), bad.index + 20)}`);
      top.children.push(text);
    } else if (close !== undefined) {
      if (close !== top.tag) throw new Error(`</${close}> closes <${top.tag}>`);
      stack.pop();
    } else if (open !== undefined) {
      const attrs = Object.fromEntries(
        [...(attrText ?? '').matchAll(/([a-zA-Z][\w:-]*)(?:="([^"]*)")?/g)].map((a) => [a[1], a[2] ?? '']),
      );
      const el: Element = { tag: open, attrs, children: [] };
      top.children.push(el);
      if (!VOID.has(open) && selfClosing !== '/') stack.push(el);
    }
  }
  expect(stack.map((e) => e.tag)).toEqual(['#document']);
  return root;
}

function* walk(el: Element): Generator<Element> {
  yield el;
  for (const c of el.children) if (typeof c !== 'string') yield* walk(c);
}
const all = (el: Element, tag: string) => [...walk(el)].filter((e) => e.tag === tag);
const byId = (el: Element, id: string) => [...walk(el)].find((e) => e.attrs.id === id);
const textOf = (el: Element): string =>
  el.children
    .map((c) => (typeof c === 'string' ? c : textOf(c)))
    .join(' ')
    .replace(/[ \t\n]+/g, ' ');
const section = (doc: Element, id: string) => {
  const s = byId(doc, id);
  if (s === undefined || s.tag !== 'section') throw new Error(`no section #${id}`);
  return s;
};

const manifest = RunManifest.parse(exampleOf(RunManifest));
const metrics = Metrics.parse(exampleOf(Metrics));
const succeeded = RunResult.parse({ ...exampleOf(RunResult), run_id: manifest.run_id });
const failed = RunResult.parse(exampleOf(RunResult, 1)) as Extract<Result, { outcome: 'failed' }>;

/** A time-split run: out-of-time sample, no in-time test sample, a gate on oot. */
const timeManifest = RunManifest.parse({
  ...manifest,
  run_spec: {
    ...manifest.run_spec,
    split_policy: {
      method: 'time',
      date_column: 'app_date',
      oot_start: '2025-01-01',
      in_time: { train: 0.8, valid: 0.2, test: 0 },
    },
    evaluation_policy: { ...manifest.run_spec.evaluation_policy, gates: [{ metric: 'psi', split: 'oot', max: 0.25 }] },
  },
});
const timeMetrics = Metrics.parse({
  ...metrics,
  test: null,
  oot: metrics.test,
  psi: { train_to_test: null, train_to_oot: 0.1234 },
});
const timeResult = RunResult.parse({
  ...succeeded,
  gate_outcome: 'passed',
  gates: [{ metric: 'psi', split: 'oot', min: null, max: 0.25, value: 0.1234, passed: true }],
  metrics_summary: {
    ...succeeded.metrics_summary,
    test: null,
    oot: succeeded.metrics_summary?.test,
    psi: timeMetrics.psi,
  },
});

const CHARTS = ['chart-roc', 'chart-ks', 'chart-gains', 'chart-calibration', 'chart-scores', 'chart-importance'];

describe('run report', () => {
  const html = renderReport({ manifest, metrics, result: succeeded });
  const doc = parseHtml(html);

  it('is a complete HTML5 document: language, charset, viewport, title', () => {
    const [root] = all(doc, 'html');
    expect(root?.attrs.lang).toBe('en');
    const metas = all(doc, 'meta').map((m) => m.attrs);
    expect(metas).toContainEqual({ charset: 'utf-8' });
    expect(metas).toContainEqual({ name: 'viewport', content: 'width=device-width, initial-scale=1' });
    expect(textOf(all(doc, 'title')[0] as Element)).toContain(manifest.run_id);
  });

  it('heads with the run’s identity and provenance', () => {
    const run = textOf(section(doc, 'run'));
    for (const expected of [
      manifest.run_id,
      manifest.run_spec.name,
      manifest.run_spec.id,
      manifest.run_spec.model_name,
      manifest.dataset.dataset_version_id,
      manifest.dataset.sha256,
      manifest.feature_set_version.id,
      `version ${manifest.feature_set_version.version}`,
      succeeded.runner_digest,
      '187 of at most 400 trees',
      'Time 4.78 s (load 0.41 s, bin 0.12 s, train 3.90 s, evaluate 0.30 s, write 0.05 s)',
    ]) {
      expect(run).toContain(expected);
    }
    expect(run).not.toContain('Warning');
  });

  it('shows the gate outcome prominently and every gate with its value and result', () => {
    const header = textOf(all(doc, 'header')[0] as Element);
    expect(header).toContain('Gates failed (1 of 2 did not hold)');
    const rows = all(section(doc, 'gates'), 'tr').map(textOf);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatch(/GINI Test ≥ 0\.6000 0\.5582 FAIL/);
    expect(rows[2]).toMatch(/PSI train → test Test ≤ 0\.1000 0\.0031 pass/);
  });

  it('tabulates every sample’s metrics, Hosmer–Lemeshow and PSI', () => {
    const rows = all(section(doc, 'metrics'), 'tr').map(textOf);
    const train = rows.find((r) => r.startsWith(' Train') || r.startsWith('Train'));
    expect(train).toMatch(/Train 21\u202f000 7\.80% 0\.8835 0\.7670 0\.5935 0\.1873 0\.0551 9\.120 8 0\.3320/);
    expect(rows.some((r) => /^ ?Validation 4\u202f500/.test(r))).toBe(true);
    expect(rows.some((r) => /^ ?Test 4\u202f500/.test(r))).toBe(true);
    expect(rows.some((r) => r.includes('Train → test 0.0042 stable'))).toBe(true);
  });

  it('draws each chart as an accessible inline SVG with a title, description, axis labels and legend', () => {
    const svgs = all(doc, 'svg');
    expect(svgs.map((s) => s.attrs['aria-labelledby'])).toEqual(CHARTS.map((c) => `${c}-title ${c}-desc`));
    for (const svg of svgs) {
      expect(svg.attrs.role).toBe('img');
      expect(svg.attrs.viewBox).toMatch(/^0 0 \d+ \d+$/);
      const [title, desc] = svg.children as Element[];
      expect([title?.tag, desc?.tag]).toEqual(['title', 'desc']);
      expect(textOf(desc as Element).length).toBeGreaterThan(40);
      expect(all(svg, 'text').filter((t) => t.attrs.class === 'label').length).toBeGreaterThanOrEqual(1);
    }
    const roc = byId(doc, 'chart-roc-desc') as Element;
    expect(textOf(roc)).toContain('Train (AUC 0.883); Validation (AUC 0.861); Test (AUC 0.860)');
    expect(all(svgs[0] as Element, 'polyline')).toHaveLength(3);
    expect(textOf(byId(doc, 'chart-ks-desc') as Element)).toContain('test sample');
    expect(all(byId(doc, 'importance') as Element, 'rect')).toHaveLength(metrics.importance.length);
  });

  it('lists the model parameters, split policy and every feature with its column, kind and monotone', () => {
    const params = textOf(section(doc, 'model'));
    expect(params).toContain('n_trees 400');
    expect(params).toContain('learning_rate 0.05');
    const split = textOf(section(doc, 'split'));
    expect(split).toContain('train 70.0%, validation 15.0%, test 15.0%');
    const features = all(section(doc, 'features'), 'tr').map(textOf);
    expect(features.find((r) => r.includes('limit_bal'))).toMatch(
      /limit_bal LIMIT_BAL numeric −1 \(non-increasing\) learn — 240\.10 181/,
    );
    expect(features.find((r) => r.includes('education'))).toMatch(
      /education EDUCATION categorical 0 \(none\) fill with other 0, 5, 6 — —/,
    );
  });

  it('loads nothing from outside: no scripts, links, external sources or CSS urls', () => {
    const external = renderReport({
      manifest: { ...manifest, dataset: { ...manifest.dataset, uri: 'https://example.com/data.csv' } },
      metrics,
      result: succeeded,
    });
    for (const pattern of [/<script/i, /<link/i, /<img/i, /<iframe/i, /@import/i, /url\(/i, /\s(src|href)="(?!#)/i]) {
      expect(external).not.toMatch(pattern);
    }
    expect(external).toContain('https://example.com/data.csv');
    const links = all(doc, 'a').map((a) => a.attrs.href);
    expect(links.length).toBeGreaterThan(5);
    for (const href of links) expect(byId(doc, (href as string).slice(1))?.tag).toBe('section');
  });

  it('escapes every string taken from the input', () => {
    const attack = '<script>alert("x")</script> & \'q\'';
    const fsv = manifest.feature_set_version;
    const hostile = RunManifest.parse({
      ...manifest,
      run_spec: { ...manifest.run_spec, description: attack },
      dataset: { ...manifest.dataset, uri: attack },
      feature_set_version: {
        ...fsv,
        target: { column: `${attack}target`, bad_value: attack },
        notes: attack,
        features: fsv.features.map((f: Manifest['feature_set_version']['features'][number], i: number) => ({
          ...f,
          source_column: `${attack}${i}`,
          description: attack,
          rationale: attack,
        })),
      },
    });
    const out = renderReport({
      manifest: hostile,
      metrics: { ...metrics, importance: [{ feature: attack, gain: 1, splits: 1 }], timings: { [attack]: 1 } },
      result: { ...succeeded, timings: { [attack]: 1 } },
    });
    expect(out).not.toContain('<script');
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;');
    const parsed = parseHtml(out);
    expect(textOf(section(parsed, 'features'))).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;0',
    );
    expect(textOf(section(parsed, 'timings'))).toContain('&lt;script&gt;');

    const failedHostile = renderReport({
      manifest,
      metrics: null,
      result: { ...failed, failure: { code: 'INVALID_DATA', message: attack } },
    });
    expect(failedHostile).not.toContain('<script');
    parseHtml(failedHostile);
  });

  it('renders the same bytes for the same input', () => {
    expect(renderReport({ manifest, metrics, result: succeeded })).toBe(html);
  });
});

describe('failed run report', () => {
  const html = renderReport({ manifest, metrics: null, result: failed });
  const doc = parseHtml(html);

  it('leads with the failure code and message', () => {
    const alert = [...walk(doc)].find((e) => e.attrs.role === 'alert') as Element;
    expect(textOf(alert)).toContain('Run failed: MISSING_COLUMN');
    expect(textOf(alert)).toContain('Feature &quot;limit_bal&quot; reads column &quot;LIMIT_BAL&quot;');
  });

  it('still shows the identity, configuration, features and timings, and no charts', () => {
    expect(textOf(section(doc, 'run'))).toContain(manifest.run_id);
    expect(textOf(section(doc, 'run'))).toContain('Outcome failed');
    expect(textOf(section(doc, 'run'))).toContain('Best iteration — (the run failed)');
    expect(textOf(section(doc, 'gates'))).toContain('Gates were not evaluated: the run failed.');
    expect(textOf(section(doc, 'metrics'))).toContain('No metrics were computed');
    expect(textOf(section(doc, 'model'))).toContain('n_trees 400');
    expect(all(section(doc, 'features'), 'tr')).toHaveLength(1 + manifest.feature_set_version.features.length);
    expect(textOf(section(doc, 'timings'))).toContain('load 0.52 s');
    expect(all(doc, 'svg')).toHaveLength(0);
    expect(byId(doc, 'charts')).toBeUndefined();
  });

  it('draws the charts when the run failed after evaluation', () => {
    const late = { ...failed, failure: { code: 'WRITE_FAILED', message: 'could not write model.json' } };
    const out = parseHtml(renderReport({ manifest, metrics, result: late }));
    expect(all(out, 'svg')).toHaveLength(CHARTS.length);
    expect(textOf([...walk(out)].find((e) => e.attrs.role === 'alert') as Element)).toContain('WRITE_FAILED');
  });
});

describe('out-of-time sample', () => {
  const metricRows = (doc: Element) =>
    all(section(doc, 'metrics'), 'tbody')
      .flatMap((b) => all(b, 'tr'))
      .map(textOf);

  it('is tabulated, charted and used for the hold-out charts when present', () => {
    const doc = parseHtml(renderReport({ manifest: timeManifest, metrics: timeMetrics, result: timeResult }));
    const rows = metricRows(doc);
    expect(rows.some((r) => /^ ?Out-of-time 4\u202f500/.test(r))).toBe(true);
    expect(rows.some((r) => /^ ?Test /.test(r))).toBe(false);
    expect(rows.some((r) => r.includes('Train → out-of-time 0.1234 moderate shift'))).toBe(true);
    expect(textOf(byId(doc, 'chart-roc-desc') as Element)).toContain('Out-of-time (AUC 0.860)');
    expect(textOf(byId(doc, 'chart-ks-desc') as Element)).toContain('out-of-time sample');
    expect(textOf(byId(doc, 'chart-scores-desc') as Element)).toContain('out-of-time sample');
    expect(textOf(section(doc, 'split'))).toContain('Out-of-time from 2025-01-01');
    expect(textOf(all(doc, 'header')[0] as Element)).toContain('Gates passed (1 of 1)');
  });

  it('is absent from tables and charts when the run has none', () => {
    const doc = parseHtml(renderReport({ manifest, metrics, result: succeeded }));
    expect(metricRows(doc).some((r) => r.includes('Out-of-time 4'))).toBe(false);
    expect(metricRows(doc).some((r) => r.includes('Train → out-of-time — no such sample'))).toBe(true);
    expect(textOf(byId(doc, 'chart-roc-desc') as Element)).not.toContain('Out-of-time');
  });
});

describe('degenerate samples', () => {
  it('renders a train-only run whose sample holds one class, saying why curves are missing', () => {
    const oneClass = Metrics.parse({
      ...metrics,
      train: {
        ...metrics.train,
        bad_rate: 0,
        auc: null,
        gini: null,
        ks: null,
        gains: [],
        calibration: [],
        hosmer_lemeshow: null,
        roc: [],
        ks_curve: [],
      },
      valid: null,
      test: null,
      psi: { train_to_test: null, train_to_oot: null },
      importance: [],
    });
    const out = renderReport({ manifest, metrics: oneClass, result: succeeded });
    const doc = parseHtml(out);
    expect(all(doc, 'svg')).toHaveLength(CHARTS.length - 1);
    expect(textOf(byId(doc, 'chart-ks-desc') as Element)).toContain('train sample: it holds only one class');
    expect(textOf(section(doc, 'importance'))).toContain('No feature was used by any kept tree.');
    expect(out).not.toMatch(/NaN|Infinity|undefined/);
  });
});
