/**
 * No English interface words in the Chinese edition's widgets (issue 12 §2): every chapter opens
 * at /zh/chapters/<slug>/, its widgets are scanned as the page opens, its main widget is used
 * (./mainWidgetActions.ts: trained, dragged, typed into, generated from) and the widgets are
 * scanned again, since a used widget brings new tables, charts, progress text and messages.
 * ./englishLeftovers.ts says what is scanned and what is allowlisted (code, formulas, identifiers,
 * units, names, and English data the page marks lang="en"). The first test shows the detector on
 * a sample: it must find English interface text and pass the allowlisted kinds.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './app';
import { type Leftover, englishLeftovers } from './englishLeftovers';
import { type BookPage, useBook } from './harness';
import { useMainWidget } from './mainWidgetActions';

const { openBook } = useBook();
const SLOW = 120_000;

const slugs = readdirSync(join(ROOT, 'content'))
  .map((file) => /^\d+-(.+?)\.zh\.mdx$/.exec(file)?.[1])
  .filter((slug): slug is string => slug !== undefined);

async function open(slug: string): Promise<BookPage> {
  const book = await openBook(`/zh/chapters/${slug}/`);
  await book.chapterReady(SLOW);
  await book.widgetsReady(SLOW);
  return book;
}

const report = (found: Leftover[]) => found.map((l) => `[${l.widget}] ${l.words.join(', ')}  ←  "${l.text.slice(0, 160)}"`);

describe('zh edition: no English interface words left in the widgets', () => {
  it('the detector finds English interface text and passes code, identifiers, units, names and lang="en" data', async () => {
    const book = await open('shapes-of-recurrence');
    await book.widget('RecurrenceShapes').evaluate((widget) => {
      const sample = document.createElement('div');
      sample.setAttribute('data-leftover-sample', '');
      sample.innerHTML = [
        '<p>Training stopped: lower the learning rate</p>',
        '<p>LSTM(32) 有 12,960 个参数；Embedding 和 Dense 层，softmax 与 tanh；每步 3.2 ms，损失 1.9 nats，准确率 87%</p>',
        '<p>调用 model.fit()，return_sequences=True，imdbRnnLastState，SimpleRNN 与 GRU，数据来自 Moby-Dick 与 UCI</p>',
        '<p><code>model.add(Dense(1, activation="sigmoid"))</code></p>',
        '<p lang="en">the food was great and the service was slow</p>',
        '<p>第 1 步（“the”）：<span lang="">Call me Ishmael</span>，文件 .ipynb</p>',
        '<p><span style="display:none">Hidden English</span>x<sub>t</sub> 与 h<sub>t−1</sub></p>',
        '<button aria-label="Reset the widget">↺</button>',
      ].join('');
      widget.append(sample);
    });
    const found = await englishLeftovers(book.page, '[data-leftover-sample]');
    expect(found.flatMap((l) => l.words)).toEqual(['Training', 'stopped', 'lower', 'the', 'learning', 'rate', 'Reset', 'the', 'widget']);
    book.expectClean();
  });

  it('knows every zh chapter (18)', () => {
    expect(slugs).toHaveLength(18);
  });

  for (const slug of slugs) {
    it(`${slug}: as it opens and after using its main widget`, async () => {
      const book = await open(slug);
      const before = await englishLeftovers(book.page);
      const used = await useMainWidget(book, slug, 'zh');
      const after = used ? await englishLeftovers(book.page) : [];
      const lines = [...new Set([...report(before), ...report(after)])];
      expect(lines, `English left in /zh/chapters/${slug}/:\n  ${lines.join('\n  ')}`).toEqual([]);
      book.expectClean();
    }, 300_000);
  }
});
