/**
 * Errors reach the reader as codes with parameters (BookError), worded by the book in each
 * language (src/book/strings/errors.ts): every code thrown in src/ has an entry, both languages
 * use the same parameters, the English entry says what the thrown English message says, and a
 * worker's error arrives on the page with its code.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { strings, translateError } from '../../src/book/i18n';
import { vocabularyOf } from '../../src/engine/charBatches';
import { charLmMemoryProblem } from '../../src/engine/charLmMemory';
import { BookError, describeError, fromDescription } from '../../src/engine/errors';
import { prepareSentiment } from '../../src/engine/sentimentPreprocess';
import { prepareToyCorpus } from '../../src/engine/toyCorpus';
import type { TfModel } from '../../src/tf/buildModel';
import { type CharModel, encodePrime, generate } from '../../src/tf/charLmInference';
import { charSpecOf, parseCharList } from '../../src/tf/charModelImport';
import { specFromModel } from '../../src/tf/specFromModel';
import { createRpcClient, serveRpc } from '../../src/tf/workerRpc';
import { parseCsvText, pickColumns } from '../../src/widgets/sentiment/csvImport';

const root = fileURLToPath(new URL('../..', import.meta.url));
const THROWN = /new (?:BookError|CsvProblem|FileProblem|ModelImportError|UnsupportedModelError)\(\s*'([\w.]+)'|\bcode: '([\w.]+)'/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? sources(path) : /\.(ts|tsx)$/.test(e.name) ? [path] : [];
  });
}

/**
 * Modules whose throws reach the reader (the reader's text, prime, files and models): every throw
 * in them is a BookError with a code. The plain Errors left elsewhere in src/engine and src/tf
 * guard invariants of the book's own code — matrix and weight shapes it builds itself, batch
 * layouts after the coded checks have passed, a worker call name, the kernel's own arena — and
 * cannot be reached from anything a reader types, drops or clicks.
 */
const READER_FACING = [
  'src/engine/charLmMemory.ts',
  'src/engine/fileChecks.ts',
  'src/engine/toyCorpus.ts',
  'src/tf/charLmInference.ts',
  'src/tf/charLmTrainer.ts',
  'src/tf/charModelImport.ts',
  'src/tf/specFromModel.ts',
  'src/tf/sentimentHandlers.ts',
  'src/tf/fetchBytes.ts',
  'src/tf/backend.ts',
];
const PLAIN_ERROR = /\bnew (?:Error|RangeError|TypeError)\(|\bthrow\s+['"`]/g;

/** The code of every string literal in src/ outside the dictionary, and the heads of codes built as `csv.binary.${reason}`. */
function codesInSource(): { literals: Set<string>; heads: string[] } {
  const text = sources(join(root, 'src'))
    .filter((file) => !relative(root, file).startsWith(join('src', 'book', 'strings')))
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
  return { literals: new Set([...text.matchAll(/'([\w.]+)'/g)].map((m) => m[1])), heads: [...text.matchAll(/`([\w.]+\.)\$\{/g)].map((m) => m[1]) };
}

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const errorKeys = Object.keys(strings.en).filter((k) => k.startsWith('error.'));

/** Just enough of a tfjs model for the layer checks: each layer's class name, name and config. */
function fakeModel(layers: [kind: string, name: string][]): TfModel {
  return {
    inputs: [{ shape: [null, 10, 5] }],
    layers: layers.map(([kind, name]) => ({ name, getClassName: () => kind, getConfig: () => ({ name, units: 5, activation: 'tanh', recurrentActivation: 'sigmoid' }) })),
  } as unknown as TfModel;
}

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('error codes', () => {
  it('every code thrown in src/ has a dictionary entry', () => {
    const missing: string[] = [];
    let found = 0;
    for (const file of sources(join(root, 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(THROWN)) {
        const code = m[1] ?? m[2];
        // `code:` also names other things (a Keras code listing); only error-like ones count.
        if (m[2] && !/^[a-z]+\.[a-zA-Z.]+$/.test(code)) continue;
        found += 1;
        if (!(`error.${code}` in strings.en)) missing.push(`${relative(root, file)}: ${code}`);
      }
    }
    expect(found).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });

  it('every dictionary error entry is thrown somewhere in src/ (no wording for an error that cannot happen)', () => {
    const { literals, heads } = codesInSource();
    const unused = errorKeys
      .map((key) => key.slice('error.'.length))
      .filter((code) => code !== 'untranslated' && !literals.has(code) && !heads.some((head) => code.startsWith(head)));
    expect(unused).toEqual([]);
  });

  it('the reader-facing modules throw no plain Error, only coded ones', () => {
    const plain = READER_FACING.flatMap((file) =>
      readFileSync(join(root, file), 'utf8')
        .split('\n')
        .flatMap((line, i) => (line.match(PLAIN_ERROR) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(plain).toEqual([]);
    // The scan itself finds what it is looking for.
    expect('  if (x) throw new Error(`The text is too long.`);'.match(PLAIN_ERROR)).toHaveLength(1);
    expect("throw 'no';".match(PLAIN_ERROR)).toHaveLength(1);
  });

  it('en and zh fill the same parameters, and zh says it in Chinese', () => {
    const differ = errorKeys.filter((k) => placeholders(strings.en[k as keyof typeof strings.en]).join() !== placeholders(strings.zh[k as keyof typeof strings.zh]).join());
    expect(differ).toEqual([]);
    const notChinese = errorKeys.filter((k) => !/\p{Script=Han}/u.test(strings.zh[k as keyof typeof strings.zh]));
    expect(notChinese).toEqual([]);
  });

  it('the English entry reads as the English message of real errors, and zh translates them with the same numbers', () => {
    const samples = [
      thrown(() => parseCsvText('')),
      thrown(() => parseCsvText('a\u0000b')),
      thrown(() => pickColumns(parseCsvText('text,label\nfine,good\nok,good\n'), 'text', 'label', 'x')),
      thrown(() => pickColumns(parseCsvText('text,label\nfine,good\n'), 'review', 'label', 'x')),
      thrown(() => parseCharList('not json')),
      thrown(() => parseCharList('["a", "a"]')),
      thrown(() => parseCharList('["ab"]')),
      thrown(() => prepareToyCorpus(['this is', 'is an'], ['an'])),
      thrown(() => prepareToyCorpus(['this is'], ['an example'])),
      thrown(() => prepareSentiment(['good', 'bad'], ['pos', 'pos'], { stopWords: [] })),
      thrown(() => encodePrime('Zebra', vocabularyOf([...'abehrt ']))),
      thrown(() => generate({} as CharModel, { prime: '', length: 5, topN: null, temperature: 1, seed: 1 })),
      charLmMemoryProblem(60_000_000, 0, { layers: 1, units: 128, input: 'embedding', embeddingDim: 64 }),
      charLmMemoryProblem(1_000_000, 6000, { layers: 2, units: 2048, input: 'one-hot', embeddingDim: 64 }),
      thrown(() => specFromModel(fakeModel([['Conv1D', 'conv1d_1']]))),
      thrown(() => charSpecOf(fakeModel([['LSTM', 'lstm'], ['Dense', 'out'], ['LSTM', 'late']]))),
      thrown(() => charSpecOf(fakeModel([['Conv1D', 'conv']]))),
    ];
    for (const error of samples) {
      expect(error).toBeInstanceOf(BookError);
      const { code, message } = describeError(error);
      expect(translateError('en', error), code).toBe(message);
      expect(translateError('zh', error), code).toMatch(/\p{Script=Han}/u);
      expect(translateError('zh', error)).not.toBe(message);
    }
    const rows = new BookError('csv.tooManyRows', 'x', { max: 200000 });
    expect([translateError('en', rows), translateError('zh', rows)]).toEqual(['The file has more than 200,000 rows; use a smaller sample.', '文件超过 200,000 行；请换一个更小的样本。']);
  });

  it('an error without a code keeps its text, framed in Chinese in the zh edition', () => {
    expect(translateError('en', new Error('tfjs said no'))).toBe('tfjs said no');
    expect(translateError('zh', new Error('tfjs said no'))).toBe('出错了（以下是原始的英文信息）：tfjs said no');
    expect(translateError('zh', new BookError('no.such.code', 'fallback text'))).toContain('fallback text');
    expect(translateError('zh', 'a thrown string')).toContain('a thrown string');
  });

  it('describeError and fromDescription carry code and parameters as plain data', () => {
    const described = describeError(new BookError('toy.emptyDoc', 'Document 2 has no words left once punctuation is stripped.', { n: 2 }));
    expect(JSON.parse(JSON.stringify(described))).toEqual({ code: 'toy.emptyDoc', params: { n: 2 }, message: 'Document 2 has no words left once punctuation is stripped.' });
    const back = fromDescription(described);
    expect(back).toBeInstanceOf(BookError);
    expect([(back as BookError).code, (back as BookError).params.n]).toEqual(['toy.emptyDoc', 2]);
    expect(fromDescription({ message: 'plain' })).not.toBeInstanceOf(BookError);
  });

  it('a worker call that fails rejects on the page with the BookError code and parameters', async () => {
    const { port1, port2 } = new MessageChannel();
    type Calls = { fail: { args: { n: number }; result: never }; plain: { args: null; result: never } };
    const scope = port2 as unknown as DedicatedWorkerGlobalScope;
    serveRpc<Calls>(scope, { fail: ({ n }) => { throw new BookError('toy.emptyDoc', `Document ${n} has no words left once punctuation is stripped.`, { n }); }, plain: () => { throw new RangeError('inner'); } }, () => undefined);
    const worker = Object.assign(port1, { terminate: () => port1.close() }) as unknown as Worker;
    const client = createRpcClient<Calls>(worker, 'test');
    try {
      const error = await client.call('fail', { n: 3 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BookError);
      expect(translateError('zh', error)).toBe('文档 3 去掉标点之后一个词都不剩。');
      const plain = await client.call('plain', null).catch((e: unknown) => e);
      expect([plain instanceof BookError, translateError('en', plain)]).toEqual([false, 'inner']);
    } finally {
      port1.close();
      port2.close();
    }
  });
});
