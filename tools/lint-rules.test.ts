/**
 * The repository's Biome configuration really enforces the layering rules: an import cycle and an
 * upward import out of schemas/src are errors. Checked on files in a scratch copy of the layout.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from './run-command.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const biome = join(root, 'node_modules', '.bin', 'biome');
let scratch: string;

async function lint(files: Record<string, string>) {
  const dir = await mkdtemp(join(scratch, 'case-'));
  const config = JSON.parse(await readFile(join(root, 'biome.json'), 'utf8'));
  config.$schema = undefined;
  config.vcs = { enabled: false };
  await writeFile(join(dir, 'biome.json'), JSON.stringify(config));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return runCommand(biome, ['lint', '--max-diagnostics=50', '.'], dir);
}

describe('lint rules', () => {
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'talaty-lint-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('accept schemas/src modules that import only zod and each other', async () => {
    const result = await lint({
      'schemas/src/a.ts':
        "import { z } from 'zod';\nimport { b } from './b.ts';\n\nexport const a = z.string().or(b);\n",
      'schemas/src/b.ts': "import { z } from 'zod';\n\nexport const b = z.number();\n",
    });
    expect(result).toMatchObject({ code: 0 });
  });

  it('reject an import cycle', async () => {
    const result = await lint({
      'schemas/src/a.ts': "import { b } from './b.ts';\n\nexport const a = (): number => b() + 1;\n",
      'schemas/src/b.ts': "import { a } from './a.ts';\n\nexport const b = (): number => a() - 1;\n",
    });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('lint/suspicious/noImportCycles');
  });

  it('reject schemas/src importing anything but zod and its own modules', async () => {
    const result = await lint({
      'schemas/src/a.ts': "import { compile } from 'json-schema-to-typescript';\n\nexport const a = compile;\n",
      'schemas/src/b.ts': "import { c } from '../generate/c.ts';\n\nexport const b = c;\n",
      'schemas/generate/c.ts': 'export const c = 1;\n',
    });
    expect(result.code).not.toBe(0);
    expect(result.output.match(/schemas\/src is the bottom layer/g)).toHaveLength(2);
  });
});
