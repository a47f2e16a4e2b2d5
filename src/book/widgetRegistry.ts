/**
 * Every widget a chapter can use, by the JSX name chapters write (`<GateExplorer />`). Each entry
 * is a dynamic import so that each widget, and tfjs behind it, is its own chunk and loads only
 * with a chapter that uses it. Add one entry per line:
 *
 *   GateExplorer: () => import('../widgets/gates/GateExplorer'),
 */
import type { ComponentType } from 'react';

export const widgetRegistry: Record<string, () => Promise<{ default: ComponentType<any> }>> = {
  ToyRnnLab: () => import('../widgets/toyLab/ToyLabProvider').then((m) => ({ default: m.ToyRnnLab })),
  ToyLstmLab: () => import('../widgets/toyLab/ToyLabProvider').then((m) => ({ default: m.ToyLstmLab })),
  ToyPreprocessing: () => import('../widgets/toyLab/ToyPreprocessing'),
  ToyModelSummary: () => import('../widgets/toyLab/ToyModelSummary'),
  ToyTraining: () => import('../widgets/toyLab/ToyTraining'),
  ToyForwardCheck: () => import('../widgets/toyLab/ToyForwardCheck'),
  NumpyToyRnn: () => import('../widgets/numpyRnn/NumpyToyRnn'),
  LstmSlices: () => import('../widgets/lstmSlices/LstmSlices'),
  GruParamCount: () => import('../widgets/gruParams/GruParamCount'),
  RecurrenceShapes: () => import('../widgets/shapes/RecurrenceShapes'),
  OrderMatters: () => import('../widgets/order/OrderMatters'),
  LayerPlayground: () => import('../widgets/layerArgs/LayerPlayground'),
  CellExplorer: () => import('../widgets/explorer/CellExplorer'),
  PowerExpansion: () => import('../widgets/gradients/PowerExpansion'),
  GradientFlow: () => import('../widgets/gradients/GradientFlow'),
  ClippingDemo: () => import('../widgets/gradients/ClippingDemo'),
  SoftmaxExample: () => import('../widgets/charLm/SoftmaxExample'),
  HelloLab: () => import('../widgets/charLm/HelloLab'),
  HelloLm: () => import('../widgets/charLm/HelloLm'),
  HelloSampler: () => import('../widgets/charLm/HelloSampler'),
  CharBatches: () => import('../widgets/charLm/CharBatches'),
  CharLmLab: () => import('../widgets/charLm/CharLmLab'),
  CharLmTraining: () => import('../widgets/charLm/CharLmTraining'),
  CharLmGenerate: () => import('../widgets/charLm/CharLmGenerate'),
  CharLmUnits: () => import('../widgets/charLm/CharLmUnits'),
  CharLmOwn: () => import('../widgets/charLm/CharLmOwn'),
  SentimentLab: () => import('../widgets/sentiment/SentimentLab'),
  SentimentData: () => import('../widgets/sentiment/SentimentData'),
  SentimentTrainer: () => import('../widgets/sentiment/SentimentTrainer'),
  SentimentInspect: () => import('../widgets/sentiment/SentimentInspect'),
  RecipeModelSummary: () => import('../widgets/sentiment/RecipeModelSummary'),
  SentimentComparison: () => import('../widgets/sentiment/SentimentComparison'),
  BidirectionalSteps: () => import('../widgets/bidirectional/BidirectionalSteps'),
  CellLanes: () => import('../widgets/cell/CellLanes'),
  GradientCell: () => import('../widgets/cell/GradientCell'),
  MnistLab: () => import('../widgets/mnist/MnistLab'),
  MnistTraining: () => import('../widgets/mnist/MnistTraining'),
  MnistReader: () => import('../widgets/mnist/MnistReader'),
};
