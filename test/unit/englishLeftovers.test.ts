/**
 * The leftover-English detector of the zh browser test (test/browser/englishLeftovers.ts) on
 * samples: English interface text is found, word by word; what the Chinese edition rightly writes
 * in Latin letters (identifiers, Keras names, units, names, numbers, file extensions, quoted
 * tokens of an English example) is not.
 */
import { describe, expect, it } from 'vitest';
import { allowedToken, englishWords } from '../browser/englishLeftovers';

describe('englishWords', () => {
  it('finds English interface text', () => {
    expect(englishWords('Training stopped: lower the learning rate')).toEqual(['Training', 'stopped', 'lower', 'the', 'learning', 'rate']);
    expect(englishWords('损失 against 轮')).toEqual(['against']);
    expect(englishWords('训练数据：UCI sentences (IMDB, Yelp, Amazon)')).toEqual(['sentences']);
    expect(englishWords('Step 3 of 10 · ETA 2 s')).toEqual(['Step', 'of']);
    expect(englishWords('Chose "x" with p = 0.4')).toEqual(['Chose', 'with']);
  });

  it('passes identifiers, Keras and tfjs names, units, names, numbers, extensions and quoted tokens', () => {
    for (const text of [
      'LSTM(32) 有 12,960 个参数；Embedding 和 Dense 层，softmax 与 tanh',
      '每步 3.2 ms，损失 1.9 nats（2.7 bits），准确率 87%，1.5 MB',
      '调用 model.fit()，return_sequences=True，imdbRnnLastState，SimpleRNN 与 GRU',
      '数据来自 Moby-Dick 与 UCI（Kotzias、Denil、de Freitas、Smyth）',
      '下载 notebook（.ipynb）；用你自己的 .txt 文件训练；tfjs layers 模型',
      '第 1 步（“the”）；「not good」；模型里没有 "modelTopology"',
      'x_t、h_{t−1}、W、b、N × M = 1,000、1e-5、top-N 与 Top-N',
    ]) {
      expect(englishWords(text), text).toEqual([]);
    }
  });

  it('judges a hyphenated token by its parts, and is case-sensitive', () => {
    expect(allowedToken('Moby-Dick')).toBe(true);
    expect(allowedToken('one-hot')).toBe(false);
    expect(allowedToken('Dense')).toBe(true);
    expect(allowedToken('dense')).toBe(false);
  });
});
