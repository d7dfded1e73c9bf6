import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

// The import graph of the app's own source files (tests left out), read as text: every static
// `import … from`, `export … from`, bare `import '…'` and dynamic `import('…')`.

export interface SourceFile {
  /** Path from the repository root, with `/` separators. */
  path: string;
  /** Other source files it imports (resolved paths). */
  imports: string[];
  /** Packages it imports (`zod`, `next/navigation`, `node:fs`…). */
  packages: string[];
}

const SOURCE_ROOTS = ['app', 'components', 'lib', 'proxy.ts'];
const isSource = (path: string) => /\.tsx?$/.test(path) && !/\.test(-support)?\.tsx?$/.test(path);
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g;

function listFiles(root: string, path: string): string[] {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return isSource(path) ? [path] : [];
  return readdirSync(full).flatMap((entry) => listFiles(root, `${path}/${entry}`));
}

function resolveLocal(root: string, from: string, specifier: string): string | null {
  const base = specifier.startsWith('@/') ? specifier.slice(2) : normalize(join(dirname(from), specifier));
  const candidates = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`];
  const isFile = (candidate: string) => existsSync(join(root, candidate)) && statSync(join(root, candidate)).isFile();
  return candidates.find(isFile) ?? null;
}

/** Every source file below `root` with what it imports. */
export function readImportGraph(root: string): SourceFile[] {
  return SOURCE_ROOTS.flatMap((path) => listFiles(root, path)).map((path) => {
    const file: SourceFile = { path, imports: [], packages: [] };
    for (const [, specifier = ''] of readFileSync(join(root, path), 'utf8').matchAll(SPECIFIER)) {
      if (specifier.startsWith('.') || specifier.startsWith('@/')) {
        const target = resolveLocal(root, path, specifier);
        if (target && isSource(target)) file.imports.push(target);
      } else {
        file.packages.push(specifier);
      }
    }
    return file;
  });
}
