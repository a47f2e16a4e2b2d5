export async function writeServiceWorker(_outDir: string, _logLevel: string): Promise<void> {}
