// Fails when src/generated/graphql.ts is not what codegen makes of the committed schema and operations.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import process from 'node:process';

const committedPath = resolve('src/generated/graphql.ts');
const dir = mkdtempSync(join(tmpdir(), 'ph-codegen-'));
const freshPath = join(dir, 'graphql.ts');

try {
  execFileSync('graphql-codegen', ['--config', 'codegen.ts', '--silent'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, CODEGEN_OUTPUT: freshPath },
  });
  const fresh = readFileSync(freshPath, 'utf8');
  let committed = '';
  try {
    committed = readFileSync(committedPath, 'utf8');
  } catch {
    committed = '';
  }
  if (fresh !== committed) {
    const freshLines = fresh.split('\n');
    const committedLines = committed.split('\n');
    const firstDiff = freshLines.findIndex((line, i) => line !== committedLines[i]);
    process.stderr.write(
      `\n✖ libs/graphql-client/src/generated/graphql.ts is out of date (first difference at line ${firstDiff + 1}).\n` +
        '  The schema or an operation changed without regenerating the typed documents.\n' +
        '  Run `npx nx run graphql-client:codegen` and commit the result.\n\n',
    );
    process.exitCode = 1;
  } else {
    process.stdout.write('✔ libs/graphql-client/src/generated/graphql.ts matches schema.graphql and the operations.\n');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
