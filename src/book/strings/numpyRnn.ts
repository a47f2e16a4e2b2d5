/** Strings of the NumPy-style toy RNN widget (seed 003). */
const en = {
  'numpy.title': "The ten-line RNN of seed 003, in TypeScript",
  'numpy.seed': 'Random seed',
  'numpy.heatmap': 'Outputs: one row per unit, time running left to right (blue positive, red negative).',
  'numpy.heatmapLabel': 'Heatmap of {u} units over {t} time steps',
};

const zh: Record<keyof typeof en, string> = {
  'numpy.title': '种子文本 003 的十行 RNN（TypeScript 版）',
  'numpy.seed': '随机种子',
  'numpy.heatmap': '输出：每行一个单元，时间从左到右（蓝为正，红为负）。',
  'numpy.heatmapLabel': '{u} 个单元在 {t} 个时间步上的热图',
};

export default { en, zh };
