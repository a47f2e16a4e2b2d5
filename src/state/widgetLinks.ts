/**
 * Every widget's link format and its defaults, by the widget's registered name. One list, so the
 * link fuzz (test/unit/linkSchemas.test.ts) covers each format without being edited, and a widget
 * that a chapter can embed without a link format is caught there. Add one line per widget; a
 * widget with no state of its own is listed as `anchorOnly` (its shell link only scrolls to it).
 */
import type { LinkCodec } from '../engine/linkSchema';
import type { StoreLink } from './storeLinks';
import { defaultConfig, explorerLink } from '../engine/explorerConfig';
import { DEFAULT_CONFIG as LAYER_ARGS_DEFAULTS, LAYER_ARGS_LINK } from '../engine/layerArgsConfig';
import { BIDI_DEFAULTS, BIDI_LINK } from './bidiStore';
import { CHAR_LM_GENERATE_LINK, CHAR_LM_TRAINING_LINK } from './charLmLinks';
import { GRU_COUNT_DEFAULTS, GRU_COUNT_LINK } from './gruCountStore';
import { INSPECT_DEFAULTS, INSPECT_LINK } from './sentimentInspectStore';
import { DEFAULT_PREP, SENTIMENT_PREP_LINK } from '../engine/sentimentSettings';
import { MNIST_READING_DEFAULTS, MNIST_READING_LINK } from './mnistReaderStore';
import { MNIST_TRAINING_LINK } from './mnistTrainingLink';
import { CHAR_BATCHES_LINK, CHAR_BATCHES_SETTINGS } from './charBatchesStore';
import { CLIPPING_LINK, CLIPPING_SETTINGS, GRADIENT_FLOW_LINK, GRADIENT_FLOW_SETTINGS, POWER_EXPANSION_LINK, POWER_EXPANSION_SETTINGS } from './gradientsStores';
import { NUMPY_RNN_LINK, NUMPY_RNN_SIZES } from './numpyRnnStore';
import { ORDER_DEFAULTS, ORDER_LINK } from './orderStore';
import { SHAPES_DEFAULTS, SHAPES_LINK } from './shapesStore';
import { HELLO_VIEW_DEFAULTS, HELLO_VIEW_LINK, SAMPLER_DEFAULTS, SAMPLER_LINK, SOFTMAX_DEFAULTS, SOFTMAX_LINK } from './helloSettings';
import { TOY_CHECK_DEFAULTS, TOY_CHECK_LINK } from './toyCheckStore';
import { toyLinks } from './toyLabStore';
import { CELL_LANES_LINK, CELL_LANES_LINK_DEFAULTS } from './cellLanesStore';
import { gradientCellLink } from './gradientCellStore';
import { CHAR_LM_UNITS_DEFAULTS, CHAR_LM_UNITS_LINK } from './charLmUnitsStore';
import { DEFAULT_SETTINGS as SENTIMENT_DEFAULTS, SENTIMENT_SETTINGS_LINK } from '../engine/sentimentSettings';
import { COMPARISON_DEFAULTS, COMPARISON_LINK } from './sentimentComparisonStore';

/** A widget with no state of its own: its shell link carries only the anchor. */
const anchorOnly = Object.freeze({ anchorOnly: true as const });

export type WidgetLinkFormat = { codec: LinkCodec<unknown>; defaults: unknown } | typeof anchorOnly;

const format = <T>(codec: LinkCodec<T>, defaults: T): WidgetLinkFormat => ({ codec: codec as LinkCodec<unknown>, defaults });
const fromStore = <S, T>(link: StoreLink<S, T>): WidgetLinkFormat => format(link.codec, link.defaults);

export const WIDGET_LINKS: Record<string, WidgetLinkFormat> = {
  OrderMatters: format(ORDER_LINK, ORDER_DEFAULTS),
  RecurrenceShapes: format(SHAPES_LINK, SHAPES_DEFAULTS),
  ClippingDemo: format(CLIPPING_LINK, CLIPPING_SETTINGS),
  PowerExpansion: format(POWER_EXPANSION_LINK, POWER_EXPANSION_SETTINGS),
  GradientFlow: format(GRADIENT_FLOW_LINK, GRADIENT_FLOW_SETTINGS),
  NumpyToyRnn: format(NUMPY_RNN_LINK, NUMPY_RNN_SIZES),
  CharBatches: format(CHAR_BATCHES_LINK, CHAR_BATCHES_SETTINGS),
  CellExplorer: format(explorerLink, defaultConfig()),
  BidirectionalSteps: format(BIDI_LINK, BIDI_DEFAULTS),
  LayerPlayground: format(LAYER_ARGS_LINK, LAYER_ARGS_DEFAULTS),
  LstmSlices: anchorOnly,
  GruParamCount: format(GRU_COUNT_LINK, GRU_COUNT_DEFAULTS),
  MnistTraining: fromStore(MNIST_TRAINING_LINK),
  MnistReader: format(MNIST_READING_LINK, MNIST_READING_DEFAULTS),
  CharLmTraining: fromStore(CHAR_LM_TRAINING_LINK),
  CharLmGenerate: fromStore(CHAR_LM_GENERATE_LINK),
  CharLmOwn: anchorOnly,
  SentimentInspect: format(INSPECT_LINK, INSPECT_DEFAULTS),
  SentimentData: format(SENTIMENT_PREP_LINK, DEFAULT_PREP),
  RecipeModelSummary: anchorOnly,
  ToyPreprocessing: fromStore(toyLinks('simpleRNN').preprocessing),
  ToyModelSummary: anchorOnly,
  ToyTraining: fromStore(toyLinks('simpleRNN').training),
  ToyForwardCheck: format(TOY_CHECK_LINK, TOY_CHECK_DEFAULTS),
  SoftmaxExample: format(SOFTMAX_LINK, SOFTMAX_DEFAULTS),
  HelloLm: format(HELLO_VIEW_LINK, HELLO_VIEW_DEFAULTS),
  HelloSampler: format(SAMPLER_LINK, SAMPLER_DEFAULTS),
  CellLanes: format(CELL_LANES_LINK, CELL_LANES_LINK_DEFAULTS),
  GradientCell: fromStore(gradientCellLink('')),
  CharLmUnits: format(CHAR_LM_UNITS_LINK, CHAR_LM_UNITS_DEFAULTS),
  SentimentTrainer: format(SENTIMENT_SETTINGS_LINK, SENTIMENT_DEFAULTS),
  SentimentComparison: format(COMPARISON_LINK, COMPARISON_DEFAULTS),
};
