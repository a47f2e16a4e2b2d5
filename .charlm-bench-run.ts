import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBook } from './test/browser/app';
import { charLm } from './bench/charLm';
import { formatOutcome } from './bench/figure';
const out = await mkdtemp(join(tmpdir(), 'charlm-bench-'));
let built: Promise<string> | null = null;
for (const o of await charLm.run({ dist: () => (built ??= buildBook(out)), note: (t) => console.log('# ' + t) })) console.log(formatOutcome(o));
