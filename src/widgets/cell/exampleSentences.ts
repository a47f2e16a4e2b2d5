/**
 * The sentences the cell widgets start from, in the page's language. The English ones are the
 * book's originals; the Chinese edition gets Chinese sentences, so the chains it draws are labelled
 * with Chinese tokens (the explorer segments them into words) and each example still shows what it
 * was chosen for. A sentence from a link or from this browser's saved state still wins; these are
 * only where a widget starts.
 */
import type { Locale } from '../../book/i18n';
import { DEFAULT_SENTENCE } from '../../engine/explorerConfig';
import type { PresetId } from '../../engine/explorerPresets';
import type { LanePreset } from './cellLanes';

export interface ExampleSentences {
  /** The explorer's sentence when the chapter gives none. */
  explorer: string;
  /**
   * The sentence a preset loads with its weights. English presets keep the reader's sentence (the
   * weights do their trick on any text); the Chinese ones bring a sentence that tells the story.
   */
  presets: Partial<Record<PresetId, string>>;
  lanes: Record<LanePreset, string>;
  /** Chapter 5's backwards cell: a word near the end that depends on one near the start. */
  gradient: string;
}

const EXAMPLES: Record<Locale, ExampleSentences> = {
  en: {
    explorer: DEFAULT_SENTENCE,
    presets: {},
    lanes: {
      stacked: 'the movie was not good at all',
      bidirectional: 'not bad at all',
      gruVariants: 'the cat that the dog chased ran away',
    },
    gradient: 'I grew up in France so I speak fluent French',
  },
  zh: {
    explorer: '那只被狗追的猫终于跑掉了 🐈',
    presets: {
      // The cell keeps everything it is given.
      forgetOpen: '我记得你说过的每一句话',
      // Nothing survives a step.
      forgetShut: '说过的话，转眼就忘了',
      // The first word decides what the whole sentence means.
      rememberFirst: '不，我一点也不喜欢这部电影',
      // One more for every token, whatever the token is.
      counter: '数羊：一只羊，两只羊，三只羊，四只羊',
      // Yes, no, yes, no: the state changes sign at every token.
      signFlipper: '是，不是，是，不是，是，不是',
    },
    lanes: {
      stacked: '这部电影一点也不好看',
      bidirectional: '其实一点也不坏',
      gruVariants: '那只被狗追的猫跑掉了',
    },
    // 法国 near the start, 法语 at the end (ten tokens, within the widget's twelve).
    gradient: '我在法国长大，会说流利的法语',
  },
};

export function exampleSentences(locale: Locale): ExampleSentences {
  return EXAMPLES[locale];
}
