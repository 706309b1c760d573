/**
 * Where Astro may build. Astro 7 puts its prerender server chunks inside the
 * output folder when it thinks that folder is inside the working directory,
 * and in `<cwd>/.astro` otherwise; the chunks import the project's packages,
 * so they only run from inside the project. Its test is a string prefix
 * (`outDir.startsWith(process.cwd())`, astro/dist/core/build/common.js), which
 * also matches a sibling such as `/srv/agora-dist` for the project `/srv/agora`:
 * the chunks land in `/srv/agora-dist/.prerender/` and fail with
 * "Cannot find package '@oslojs/encoding'". scripts/build.ts builds such a
 * folder in a staging folder inside the project and moves the result.
 */
import { cp, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';

/** `dir` is `parent` or inside it, by path segments (not by string prefix). */
export function isInside(parent: string, dir: string): boolean {
  const rel = relative(parent, dir);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** Astro would misplace its server chunks for this output folder (see above). Both paths absolute. */
export function misleadsAstro(outDir: string, cwd: string): boolean {
  return outDir.startsWith(cwd) && !isInside(cwd, outDir);
}

/**
 * Why the build must not write to `outDir`, or undefined. Astro empties its output
 * folder before building, so the project folder or one holding it is refused.
 */
export function outDirProblem(outDir: string, root: string): string | undefined {
  if (isInside(outDir, root)) return `refusing to build into ${outDir}: it ${outDir === root ? 'is' : 'contains'} the project folder ${root}, and the build empties its output folder first; pass --out with a folder of its own`;
  return undefined;
}

/**
 * Makes `to` hold exactly what `from` holds, then removes `from`. Like Astro's own
 * build, it keeps a `.git` folder already in `to`. Renames when it can, copies across
 * file systems.
 */
export async function replaceContents(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const name of await readdir(to)) if (name !== '.git') await rm(join(to, name), { recursive: true, force: true });
  for (const name of await readdir(from)) {
    if (name === '.git') continue;
    try {
      await rename(join(from, name), join(to, name));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
      await cp(join(from, name), join(to, name), { recursive: true });
    }
  }
  await rm(from, { recursive: true, force: true });
}
