/** Strings shared by every training widget: the engine choice, failures and crashes (src/widgets/shared/TrainingEngine.tsx). */
const en = {
  'training.engine': 'Training engine',
  'training.engine.auto': 'fastest (measured)',
  'training.engine.kernel': 'our kernel (from scratch)',
  'training.engine.tfjs-wasm': 'tfjs wasm',
  'training.engine.tfjs-webgl': 'tfjs webgl',
  'training.engine.tfjs-webgpu': 'tfjs webgpu',
  'training.engine.tfjs-cpu': 'tfjs cpu',
  'training.engine.probe': 'One training step of this model, measured here: {timings}.',
  'training.engine.ms': '{engine} {ms} ms',
  'training.engine.na': '{engine} {note}',
  'training.engine.chosen.probe': 'Training runs on {engine}, the fastest here.',
  'training.engine.chosen.only': 'Training runs on {engine}, the only engine that can train this model here.',
  'training.engine.chosen.reader': 'Training runs on {engine}, as you chose.',
  'training.engine.notYet': 'The engines are measured (about a second) when training first starts.',
  'training.failed': 'Training stopped: {explanation}',
  'training.goBack': 'Go back to step {step}',
  'training.crashed': '{message}',
  'training.restart': 'Restart the worker',
};

const zh: Record<keyof typeof en, string> = {
  'training.engine': '训练引擎',
  'training.engine.auto': '最快的（实测）',
  'training.engine.kernel': '我们的内核（从零写成）',
  'training.engine.tfjs-wasm': 'tfjs wasm',
  'training.engine.tfjs-webgl': 'tfjs webgl',
  'training.engine.tfjs-webgpu': 'tfjs webgpu',
  'training.engine.tfjs-cpu': 'tfjs cpu',
  'training.engine.probe': '在本机实测这个模型的一步训练：{timings}。',
  'training.engine.ms': '{engine} {ms} 毫秒',
  'training.engine.na': '{engine} {note}',
  'training.engine.chosen.probe': '训练在 {engine} 上运行，它在本机最快。',
  'training.engine.chosen.only': '训练在 {engine} 上运行，本机只有它能训练这个模型。',
  'training.engine.chosen.reader': '训练在 {engine} 上运行，这是你的选择。',
  'training.engine.notYet': '第一次开始训练时会先实测各引擎（约一秒）。',
  'training.failed': '训练已停止：{explanation}',
  'training.goBack': '回到第 {step} 步',
  'training.crashed': '{message}',
  'training.restart': '重启工作线程',
};

export default { en, zh };
