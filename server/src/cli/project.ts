// The project file of a CLI run (avro-studio.json): --config, the nearest one, or none; its problems stop the run.
import * as path from 'node:path';
import { findProjectConfig, MAX_PROJECT_FILE_SIZE, type LoadedProjectConfig } from '../config/loadProjectConfig';
import { readTextFile } from '../node/textFile';
import { parseProjectConfig, PROJECT_CONFIG_FILE } from '../config/projectConfig';
import { LineIndex } from '../service/text';
import { CliError, type CliIO } from './io';
import { formatLocation } from './location';

/**
 * The project file of a run: --config, else the nearest avro-studio.json at or above the root
 * (none with --no-config). A project file with problems stops the run (exit 2) with each problem
 * at its line: CI must not run with half of the team's policy.
 */
export async function loadProjectFile(root: string, configFile: string | undefined, noConfig: boolean, io: CliIO): Promise<LoadedProjectConfig | undefined> {
  if (noConfig) return undefined;
  let loaded: LoadedProjectConfig | undefined;
  let text: string | undefined;
  if (configFile) {
    try {
      text = await readTextFile(configFile, MAX_PROJECT_FILE_SIZE);
    } catch (e) {
      throw new CliError(`cannot read the project file '${path.relative(io.cwd, configFile)}': ${(e as Error).message}`);
    }
    loaded = { file: configFile, text, ...parseProjectConfig(text, path.dirname(configFile), path.resolve(configFile)) };
  } else {
    loaded = await findProjectConfig(root);
  }
  if (!loaded || loaded.problems.length === 0) return loaded;
  text ??= await readTextFile(loaded.file, MAX_PROJECT_FILE_SIZE).catch(() => '');
  const lines = new LineIndex(text);
  const where = path.relative(io.cwd, loaded.file) || PROJECT_CONFIG_FILE;
  const list = loaded.problems.map(p => {
    const at = lines.positionAt(p.offset);
    return `${formatLocation(where, at)}: ${p.message}`;
  });
  throw new CliError(`the project file has ${list.length === 1 ? 'a problem' : `${list.length} problems`}; fix ${list.length === 1 ? 'it' : 'them'} or pass --no-config:\n${list.join('\n')}`);
}
