/** Strings of the LSTM-slices and GRU-count widgets (recipes 6, 7 and 10). */
const en = {
  'slices.title': 'A real LSTM(40): one fused kernel, four gates',
  'slices.kernel': 'kernel',
  'slices.recurrent': 'recurrent_kernel',
  'slices.bias': 'bias',
  'slices.heatmap': 'Kernel block of the {gate}: 32 rows (features) by 40 columns (units)',
  'gate.i': 'input gate',
  'gate.f': 'forget gate',
  'gate.c': 'candidate',
  'gate.o': 'output gate',
  'gruCount.title': 'GRU parameters: TensorFlow 2 Keras against tfjs',
  'gruCount.units': 'units',
  'gruCount.features': 'input features',
  'gruCount.keras': 'tf.keras in TensorFlow 2 (reset_after=True)',
  'gruCount.tfjsFormula': 'tfjs (reset_after=False)',
  'gruCount.tfjsBuilt': 'tfjs countParams()',
  'gruCount.tfjsRefuses': 'tfjs on reset_after=True',
  'gruCount.difference': 'difference (one extra bias vector)',
};

const zh: Record<keyof typeof en, string> = {
  'slices.title': '真实的 LSTM(40)：一个合并的核，四个门',
  'slices.kernel': 'kernel',
  'slices.recurrent': 'recurrent_kernel',
  'slices.bias': 'bias',
  'slices.heatmap': '{gate}的核块：32 行（特征）× 40 列（单元）',
  'gate.i': '输入门',
  'gate.f': '遗忘门',
  'gate.c': '候选值',
  'gate.o': '输出门',
  'gruCount.title': 'GRU 参数：TensorFlow 2 的 Keras 与 tfjs 对比',
  'gruCount.units': '单元数',
  'gruCount.features': '输入特征数',
  'gruCount.keras': 'TensorFlow 2 的 tf.keras（reset_after=True）',
  'gruCount.tfjsFormula': 'tfjs（reset_after=False）',
  'gruCount.tfjsBuilt': 'tfjs countParams()',
  'gruCount.tfjsRefuses': 'tfjs 对 reset_after=True 的回应',
  'gruCount.difference': '差值（多出的一个偏置向量）',
};

export default { en, zh };
