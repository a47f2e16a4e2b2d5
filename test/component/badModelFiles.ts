/**
 * Seeded bad selections of model files, for the fuzz of every model import (the sentiment
 * model.json + weights, the char model's model.json + shards + character list). Each set starts
 * from a valid selection and breaks it one way: random bytes, a file cut short or emptied, a NUL
 * byte or an invalid UTF-8 sequence in a JSON file, a size over the page's cap (declared by the
 * File, never allocated), a file left out, or a parsed JSON file with one field the import needs
 * replaced by a value of the wrong kind. None of them is usable, so every one must be refused.
 */
import { seededRandom } from '../../src/engine/random';

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

/** A field of a JSON file in the set, as a path of keys and indices, that the import cannot do without. */
export interface NeededField {
  file: string;
  path: (string | number)[];
}

export interface BadSet {
  kind: string;
  /** What was done, for the failure message. */
  what: string;
  files: File[];
}

const KINDS = ['random', 'truncated', 'empty', 'nul', 'notUtf8', 'huge', 'missing', 'field'] as const;

/** Values of the wrong kind for any field an import reads: nothing, numbers, text, empty or odd containers. */
const WRONG: unknown[] = [null, 7, -1, 1e12, 'x', {}, [1, 'a'], true, { a: null }];

const INVALID_UTF8 = [Uint8Array.of(0xff), Uint8Array.of(0xc3, 0x28), Uint8Array.of(0xe2, 0x82), Uint8Array.of(0xed, 0xa0, 0x80)];

function insert(bytes: Uint8Array, at: number, extra: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length + extra.length);
  out.set(bytes.subarray(0, at));
  out.set(extra, at);
  out.set(bytes.subarray(at), at + extra.length);
  return out;
}

function setField(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root);
  (parent as Record<string | number, unknown>)[path[path.length - 1]] = value;
  return root;
}

export function badModelFileSets(valid: NamedBytes[], options: { seed: number; count: number; maxBytes: number; needed: NeededField[] }): BadSet[] {
  const random = seededRandom(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const jsons = valid.filter((f) => f.name.endsWith('.json'));
  const text = new TextDecoder();
  const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

  return Array.from({ length: options.count }, (_, i) => {
    const kind = KINDS[i % KINDS.length];
    const files = valid.map((f) => ({ name: f.name, bytes: f.bytes }));
    let what = '';
    let huge: string | null = null;
    const target = kind === 'nul' || kind === 'notUtf8' ? pick(jsons) : pick(valid);
    const at = files.findIndex((f) => f.name === target.name);
    const bytes = target.bytes;
    switch (kind) {
      case 'random': {
        // Never the original length, so a random weights file can never pass for the real one.
        let length = 1 + Math.floor(random() * 4000);
        if (length === bytes.length) length += 1;
        files[at].bytes = Uint8Array.from({ length }, () => Math.floor(random() * 256));
        what = `${target.name}: ${length} random bytes`;
        break;
      }
      case 'truncated': {
        const cut = Math.floor(random() * bytes.length);
        files[at].bytes = bytes.slice(0, cut);
        what = `${target.name} cut at byte ${cut} of ${bytes.length}`;
        break;
      }
      case 'empty':
        files[at].bytes = new Uint8Array(0);
        what = `${target.name} empty`;
        break;
      case 'nul': {
        const pos = Math.floor(random() * bytes.length);
        files[at].bytes = insert(bytes, pos, Uint8Array.of(0));
        what = `${target.name} with a NUL byte at ${pos}`;
        break;
      }
      case 'notUtf8': {
        const pos = Math.floor(random() * bytes.length);
        files[at].bytes = insert(bytes, pos, pick(INVALID_UTF8));
        what = `${target.name} with invalid UTF-8 at ${pos}`;
        break;
      }
      case 'huge':
        huge = target.name;
        what = `${target.name} declaring a size over the cap`;
        break;
      case 'missing':
        files.splice(at, 1);
        what = `${target.name} left out`;
        break;
      case 'field': {
        const field = pick(options.needed);
        const wrong = pick(WRONG);
        const index = files.findIndex((f) => f.name === field.file);
        const parsed = JSON.parse(text.decode(files[index].bytes)) as unknown;
        files[index].bytes = encode(setField(parsed, field.path, wrong));
        what = `${field.file}: ${field.path.join('.') || '(root)'} = ${JSON.stringify(wrong)}`;
        break;
      }
    }
    return {
      kind,
      what,
      files: files.map((f) => {
        const file = new File([f.bytes as BlobPart], f.name);
        // A size past the cap is refused before reading, so the File only has to say it is that big.
        if (f.name === huge) Object.defineProperty(file, 'size', { value: options.maxBytes + 1 + Math.floor(random() * 1e9) });
        return file;
      }),
    };
  });
}
