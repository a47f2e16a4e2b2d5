/** Strings of the shared model summary table (src/widgets/shared/ModelSummaryTable.tsx). */
const en = {
  'modelSummary.layer': 'Layer',
  'modelSummary.output': 'Output shape',
  'modelSummary.ours': 'Our arithmetic',
  'modelSummary.total': 'Total',
  'modelSummary.tfjsSummary': 'tfjs model.summary()',
  'modelSummary.pending': 'tfjs is building the model…',
};

const zh: Record<keyof typeof en, string> = {
  'modelSummary.layer': '层',
  'modelSummary.output': '输出形状',
  'modelSummary.ours': '我们的算式',
  'modelSummary.total': '合计',
  'modelSummary.tfjsSummary': 'tfjs model.summary()',
  'modelSummary.pending': 'tfjs 正在构建模型……',
};

export default { en, zh };
