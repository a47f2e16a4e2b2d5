/** tfjs on its cpu backend for node tests, without the "install tfjs-node" banner. */
import * as tf from '@tensorflow/tfjs';

const warn = console.warn;
console.warn = (...args: unknown[]) => {
  if (String(args[0]).includes('tfjs-node')) return;
  warn(...args);
};

export async function cpuTf() {
  await tf.setBackend('cpu');
  await tf.ready();
  return tf;
}
