// Native packages (ONNX Runtime, sharp, SQLite) cost 80-200 ms each to load; a command that never
// touches one (frameproof --version, models list) should not pay for it. They are CommonJS, so
// require() at first use is the very load an `import` would do, and keeps synchronous APIs so.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The package `name`, loaded on the first call (and `configure`d once then) and kept. */
export function lazyPackage<T>(name: string, configure?: (module: T) => void): () => T {
  let loaded: T | undefined;
  return () => {
    if (loaded === undefined) {
      loaded = require(name) as T;
      configure?.(loaded);
    }
    return loaded;
  };
}
