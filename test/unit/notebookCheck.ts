/**
 * Checks a written notebook the way a reader would use it: its JSON has the fields nbformat 4.5
 * requires (written from the nbformat v4.5 JSON schema; no schema file ships offline), every code
 * cell compiles with python3 -m py_compile (Keras cells included), and the cells without the
 * "keras" tag run with python3 + NumPy alone. Shared by the unit test and the browser test.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ICodeCell, INotebookContent } from '@jupyterlab/nbformat';
import { KERAS_TAG } from '../../src/engine/notebook/writeNotebook';

/** Why python3 + NumPy cannot run here, or null when they can. */
export function pythonProblem(): string | null {
  const run = spawnSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' });
  if (run.error) return `python3 is not installed (${run.error.message})`;
  if (run.status !== 0) return `python3 has no NumPy (${run.stderr.trim().split('\n').pop()})`;
  return null;
}

const CELL_ID = /^[a-zA-Z0-9-_]+$/;

/** Every problem with the notebook's structure; empty when it is a valid nbformat 4.5 notebook. */
export function notebookProblems(value: unknown): string[] {
  const problems: string[] = [];
  const nb = value as Partial<INotebookContent>;
  if (typeof nb !== 'object' || nb === null) return ['not an object'];
  if (nb.nbformat !== 4) problems.push(`nbformat is ${nb.nbformat}, not 4`);
  if (nb.nbformat_minor !== 5) problems.push(`nbformat_minor is ${nb.nbformat_minor}, not 5 (cell ids need 4.5)`);
  if (typeof nb.metadata !== 'object' || nb.metadata === null) problems.push('metadata is missing');
  const ks = nb.metadata?.kernelspec;
  if (ks && (typeof ks.name !== 'string' || typeof ks.display_name !== 'string')) problems.push('kernelspec needs name and display_name');
  if (!Array.isArray(nb.cells) || nb.cells.length === 0) return [...problems, 'no cells'];
  const ids = new Set<string>();
  nb.cells.forEach((cell, i) => {
    const where = `cell ${i}`;
    const allowed = cell.cell_type === 'code' ? ['id', 'cell_type', 'metadata', 'source', 'outputs', 'execution_count'] : ['id', 'cell_type', 'metadata', 'source', 'attachments'];
    for (const key of Object.keys(cell)) if (!allowed.includes(key)) problems.push(`${where} has a field the schema forbids: ${key}`);
    if (typeof cell.id !== 'string' || !CELL_ID.test(cell.id) || cell.id.length > 64) problems.push(`${where} has an invalid id ${String(cell.id)}`);
    else if (ids.has(cell.id)) problems.push(`${where} repeats the id ${cell.id}`);
    else ids.add(cell.id);
    if (!['code', 'markdown', 'raw'].includes(String(cell.cell_type))) problems.push(`${where} has cell_type ${String(cell.cell_type)}`);
    if (typeof cell.metadata !== 'object' || cell.metadata === null || Array.isArray(cell.metadata)) problems.push(`${where} has no metadata object`);
    const source = cell.source;
    if (!(typeof source === 'string' || (Array.isArray(source) && source.every((s) => typeof s === 'string')))) problems.push(`${where} source is not a string or list of strings`);
    if (cell.cell_type === 'code') {
      const c = cell as ICodeCell;
      if (!Array.isArray(c.outputs)) problems.push(`${where} (code) has no outputs list`);
      if (!(c.execution_count === null || Number.isInteger(c.execution_count))) problems.push(`${where} (code) execution_count is not null or an integer`);
    }
  });
  return problems;
}

export const cellSource = (cell: { source: string | string[] }) => (Array.isArray(cell.source) ? cell.source.join('') : cell.source);
export const isKerasCell = (cell: ICodeCell) => Array.isArray(cell.metadata.tags) && cell.metadata.tags.includes(KERAS_TAG);

export interface NotebookRun {
  stdout: string;
  /** What the check cell printed as the largest |NumPy − browser| difference. */
  printedDifference: number;
  /** The variables the test asked to dump after the notebook's own cells ran. */
  dumped: Record<string, unknown>;
}

/**
 * py_compiles every code cell, then runs the non-Keras cells in order in a fresh directory,
 * followed by `epilogue` (test code that may json-dump variables into `dump`).
 */
export function runNotebook(notebook: INotebookContent, epilogue = ''): NotebookRun {
  const dir = mkdtempSync(join(tmpdir(), 'unrolled-notebook-'));
  try {
    const code = notebook.cells.filter((c): c is ICodeCell => c.cell_type === 'code');
    const files = code.map((cell, i) => {
      const file = join(dir, `cell_${i}_${cell.id}.py`);
      writeFileSync(file, cellSource(cell));
      return file;
    });
    execFileSync('python3', ['-c', 'import py_compile, sys\nfor f in sys.argv[1:]: py_compile.compile(f, doraise=True)', ...files], { cwd: dir, encoding: 'utf8' });
    const program = [
      ...code.filter((c) => !isKerasCell(c)).map(cellSource),
      'import json as _json\ndump = {}',
      epilogue,
      'with open("dump.json", "w") as _f:\n    _json.dump(dump, _f)',
    ].join('\n\n');
    writeFileSync(join(dir, 'notebook.py'), program);
    const run = spawnSync('python3', ['notebook.py'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`The notebook's NumPy cells failed:\n${run.stderr}\n${run.stdout.slice(-2000)}`);
    const match = /largest \|NumPy - browser\| difference: (\S+)/.exec(run.stdout);
    if (!match) throw new Error(`The check cell printed no difference:\n${run.stdout.slice(-2000)}`);
    return { stdout: run.stdout, printedDifference: Number(match[1]), dumped: JSON.parse(readFileSync(join(dir, 'dump.json'), 'utf8')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
