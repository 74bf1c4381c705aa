// ESLint rules for the layer map of ARCHITECTURE.md, written against folder globs (after VS Code's
// code-layering and code-import-patterns rules). Every import is resolved to a path in the
// repository (or `pkg:<name>` for a package) and checked against the table of its file's layer.
import { dirname, relative, resolve, sep } from 'node:path';
import { minimatch } from 'minimatch';

const repoRoot = resolve(dirname(new URL(import.meta.url).pathname), '..', '..');

function repoPath(file) {
  return relative(repoRoot, file).split(sep).join('/');
}

/** What an import names: a repository path for relative imports, pkg:<name> for packages. */
function targetOf(file, specifier) {
  if (specifier.startsWith('.')) return repoPath(resolve(dirname(file), specifier));
  return `pkg:${specifier}`;
}

function matches(path, globs) {
  return [globs].flat().some((glob) => minimatch(path, glob, { dot: true }));
}

function sourcesOf(node) {
  if (node.type === 'ImportExpression') return node.source.type === 'Literal' ? [node.source] : [];
  return node.source ? [node.source] : [];
}

function visitImports(check) {
  const visit = (node) => {
    for (const source of sourcesOf(node)) if (typeof source.value === 'string') check(node, source.value);
  };
  return { ImportDeclaration: visit, ExportNamedDeclaration: visit, ExportAllDeclaration: visit, ImportExpression: visit };
}

/** `layers`: options.layers is a list of { files, forbid: [{ imports, except?, message }] }. */
const layers = {
  meta: { type: 'problem', schema: [{ type: 'object' }], messages: { layer: '{{message}} (imports {{target}})' } },
  create(context) {
    const file = repoPath(context.filename);
    const rules = context.options[0].layers.filter((layer) => matches(file, layer.files) && !matches(file, layer.exceptFiles ?? []));
    if (rules.length === 0) return {};
    return visitImports((node, specifier) => {
      const target = targetOf(context.filename, specifier);
      for (const layer of rules) {
        for (const forbid of layer.forbid) {
          if (matches(target, forbid.imports) && !matches(target, forbid.except ?? [])) {
            context.report({ node, messageId: 'layer', data: { message: forbid.message, target: specifier } });
            return;
          }
        }
      }
    });
  },
};

/**
 * `faces`: a folder under options.root (e.g. electron/engine/board/) is reached from outside only
 * through its index.ts; a file inside the folder imports its siblings freely.
 */
const faces = {
  meta: { type: 'problem', schema: [{ type: 'object' }], messages: { deep: '{{message}}' } },
  create(context) {
    const { root, message } = context.options[0];
    const file = repoPath(context.filename);
    if (!file.startsWith(root)) return {};
    const folderOf = (path) => (path.startsWith(root) ? path.slice(root.length).split('/').slice(0, -1)[0] : undefined);
    const own = folderOf(file);
    return visitImports((node, specifier) => {
      if (!specifier.startsWith('.')) return;
      const target = targetOf(context.filename, specifier);
      const folder = folderOf(target);
      if (folder === undefined || folder === own || target === `${root}${folder}/index.ts`) return;
      context.report({ node, messageId: 'deep', data: { message: message.replaceAll('{{folder}}', `${root}${folder}`) } });
    });
  },
};

export default { rules: { layers, faces } };
